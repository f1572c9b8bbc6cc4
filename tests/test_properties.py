"""Properties of annotate over arbitrary text and over report-like text with
markers, numbers and noise (hypothesis, fixed budget, derandomized for CI)."""
import json
import math
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.pipelines import char_pipeline, stub_pipeline
from pipeline.annotate import annotate_documents
from pipeline.io import InputDocument

BUDGET = dict(deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=None)
def pipeline(kind: str):
    nlp = char_pipeline(ruler=True) if kind == "char" else stub_pipeline(ruler=True)
    nlp.max_length = 10 ** 7
    return nlp


def annotate(text: str, kind: str = "char", chunk_chars: int = 100_000):
    document = InputDocument(source="p", doc_id="p", text=text, meta={"source": "p"})
    [outcome] = annotate_documents(pipeline(kind), [document], chunk_chars=chunk_chars)
    assert outcome.ok, outcome.error
    return json.loads(b"".join(outcome.line_parts()))


def check_record(record, text: str) -> None:
    assert record["text"] == text
    tokens = record["tokens"]
    end = 0
    for i, token in enumerate(tokens):
        assert (token["id"], token["start"]) == (i, end)
        assert text[token["start"]:token["end"]] == token["text"] != ""
        end = token["end"] + token["ws"]
    assert end == len(text)
    items = {item["id"]: item for item in record["work_items"]}
    assert len(items) == len(record["work_items"])
    previous_end = 0
    for span in record["spans"]:
        start, end = span["start"], span["end"]
        assert previous_end <= start < end <= len(text)  # in order, no overlap
        previous_end = end
        assert text[start:end] == span["text"]
        assert (tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]) == (start, end)
        if span["work_item"] is not None:
            item = items[span["work_item"]]
            assert item["start"] <= start < item["end"]
        for key in ("amount", "amount_max", "count", "count_max"):
            value = (span["value"] or {}).get(key)
            if value is not None:
                assert isinstance(value, (int, float)) and math.isfinite(value) and value >= 0
        if span["label"] in ("MONEY", "PERSON_COUNT"):
            assert span["value"] is not None
        for bp in record["boilerplate"]:
            assert end <= bp["start"] or bp["end"] <= start
    for item in record["work_items"]:
        assert 0 <= item["start"] < item["end"] <= len(text)
        assert text.startswith(item["marker"], item["start"])
        if item["parent"] is None:
            assert item["depth"] == 1
        else:
            parent = items[item["parent"]]
            assert parent["depth"] + 1 == item["depth"]
            assert parent["start"] < item["start"] and item["end"] <= parent["end"]
    for bp in record["boilerplate"]:
        assert 0 <= bp["start"] < bp["end"] <= len(text)


MARKERS = ("一、", "二、", "三、", "十二、", "（一）", "（二）", "(三)", "1.", "2．", "3、", "（1）", "(2)", "①", "②",
           "一是", "二是", "三要", "第一", "一、二、三产业")
NUMBERS = ("1200万元", "约50人", "3,000人次", "1.5亿元", "两名", "五十余人", "300-500万元", "1万元至5万元", "0.5元",
           "12%", "2023年", "一千二百万元", "壹佰万元", "100万美元", "3\n\n200万元", "5 000人", "第3名", "99999999999999999999999亿元")
NOISE = (" ", "\u3000", "\t", "\r\n", "\n", "\r", "\n\n", "。", "，", "；", "《关于1000万元的通知》", "第1页 共5页",
         "《市政府专项资金管理办法》", "市政府", "专项资金", "农业农村局",
         "来源：市政府", "温馨提示：", "网站客服：", ">", "【", "目录", "……3", "\ufeff", "\x00", "\u2028")
FILLER = st.text(alphabet="政府工作报告全年投入资金培训农民项目建设推进干部名人元万亿", min_size=1, max_size=12)
SEGMENT = st.one_of(st.sampled_from(MARKERS), st.sampled_from(NUMBERS), st.sampled_from(NOISE), FILLER)
LINE = st.lists(SEGMENT, max_size=8).map("".join)
REPORT_LIKE = st.lists(LINE, min_size=1, max_size=25).map("\n".join)


@settings(max_examples=150, **BUDGET)
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_record(text):
    check_record(annotate(text), text)


@settings(max_examples=60, **BUDGET)
@given(REPORT_LIKE)
def test_report_like_text_gives_a_valid_record(text):
    check_record(annotate(text), text)
    check_record(annotate(text, "stub"), text)


@settings(max_examples=40, **BUDGET)
@given(REPORT_LIKE, st.integers(min_value=1, max_value=400), st.sampled_from(["char", "stub"]))
def test_chunks_give_the_record_of_the_whole(text, chunk_chars, kind):
    assert annotate(text, kind, chunk_chars=chunk_chars) == annotate(text, kind)


@settings(max_examples=40, **BUDGET)
@given(st.text(max_size=300), st.integers(min_value=1, max_value=60))
def test_chunks_of_any_text_give_the_record_of_the_whole(text, chunk_chars):
    assert annotate(text, chunk_chars=chunk_chars) == annotate(text)
