import copy
import json

import pytest

from pipeline.corpus import (CORPUS_DIR, SPLITS, assign_splits, build_corpus, corpus_stats, diversity_report,
                             read_jsonl, split_path, tokens_from_segmentation, validate_corpus, validate_record)
from pipeline.markup import compile_markup, draft_segmentation, read_source

SOURCE = """---
id: t_01
genre: 工作总结
department: 财政
level: 县
messy: true
---
@@第1页 共2页
县财政局工作总结
{{一、}}[[县财政局|ORG]]筹集资金[[1.2亿元|MONEY|120000000]]。{{一是}}培训[[300余人次|PC|300~]]。
{{二、}}推进[[城乡供水一体化工程|PROJECT]]。
"""


@pytest.fixture
def source_file(tmp_path):
    path = tmp_path / "t_01.txt"
    path.write_text(SOURCE, encoding="utf-8")
    (tmp_path / "t_01.seg").write_text(
        "第1页 共2页\n县 财政局 工作 总结\n一 、 县 财政局 筹集 资金 1.2亿 元 。 一是 培训 300余 人次 。\n"
        "二 、 推进 城乡 供水 一体化 工程 。\n", encoding="utf-8")
    return path


def test_read_source_offsets_values_items_and_links(source_file):
    record = read_source(source_file)
    text = record["text"]
    assert text.startswith("第1页 共2页\n县财政局工作总结\n一、县财政局")
    assert record["boilerplate"] == [{"start": 0, "end": 7}]
    spans = {s["text"]: s for s in record["spans"]}
    assert spans["1.2亿元"]["value"] == {"amount": 120000000, "amount_max": None, "currency": "CNY", "approx": False}
    assert spans["300余人次"]["value"] == {"count": 300, "count_max": None, "approx": True, "per_visit": True}
    assert spans["300余人次"]["work_item"] == "1.1"
    assert spans["城乡供水一体化工程"]["work_item"] == "2"
    assert [(i["id"], i["title"]) for i in record["work_items"]] == [("1", "县财政局筹集资金1.2亿元"), ("1.1", "培训300余人次"),
                                                                     ("2", "推进城乡供水一体化工程")]
    for span in record["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
        tokens = record["tokens"][span["token_start"]:span["token_end"] + 1]
        assert "".join(t["text"] for t in tokens) == span["text"]
    assert validate_record(record) == []


class _LinePerToken:
    """A stand-in tokenizer: each line is one token."""

    def make_doc(self, text):
        from spacy.tokens import Doc
        from spacy.vocab import Vocab

        return Doc(Vocab(), words=[text] if text else [], spaces=[False] if text else [])


def test_draft_segmentation_cuts_at_entity_boundaries(source_file):
    assert draft_segmentation(source_file, _LinePerToken()).split("\n") == [
        "第1页 共2页", "县财政局工作总结", "一、 县财政局 筹集资金 1.2亿元 。一是培训 300余人次 。",
        "二、推进 城乡供水一体化工程 。", ""]


def test_segmentation_is_split_at_entity_boundaries():
    text = "投资5200万元的项目"
    spans = [{"start": 2, "end": 8}]
    tokens = tokens_from_segmentation(text, ["投资5200万", "元的", "项目"], spans, "x")
    assert [t["text"] for t in tokens] == ["投资", "5200万", "元", "的", "项目"]


def test_segmentation_mismatch_is_reported():
    with pytest.raises(ValueError, match="E305"):
        tokens_from_segmentation("县财政局", ["县", "教育局"], [], "x.seg")


@pytest.mark.parametrize("markup,code", [
    ("[[县财政局|ORG", "E300"), ("[[县财政局|AGENCY]]", "E301"), ("[[5万元|MONEY]]", "E302"),
    ("[[5万元|MONEY|五万]]", "E303"), ("[[县财政局|ORG|5]]", "E307"),
])
def test_markup_errors(markup, code):
    with pytest.raises(ValueError, match=code):
        compile_markup(markup, "x.txt")


def _broken(record, change):
    record = copy.deepcopy(record)
    change(record)
    return validate_record(record)


def test_validator_catches_errors(source_file):
    record = read_source(source_file)
    assert any("offsets do not match" in p for p in _broken(record, lambda r: r["spans"][0].update(start=1)))
    assert any("work_item" in p for p in _broken(record, lambda r: r["spans"][2].update(work_item="1")))
    assert any("overlaps" in p for p in _broken(record, lambda r: r["spans"].append(dict(r["spans"][0]))))
    assert any("per_visit" in p for p in _broken(record, lambda r: r["spans"][2]["value"].update(per_visit=False)))
    assert any("tile" in p for p in _broken(record, lambda r: r["tokens"].pop()))
    assert any("should be" in p for p in _broken(record, lambda r: r["work_items"][1].update(depth=1)))
    assert any("unknown label" in p for p in _broken(record, lambda r: r["spans"][0].update(label="GPE")))


def test_validator_catches_entity_in_boilerplate(source_file):
    record = read_source(source_file)
    record["spans"].insert(0, {"start": 0, "end": 3, "label": "ORG", "text": "第1页", "token_start": 0,
                               "token_end": 0, "work_item": None, "value": None})
    assert any("inside boilerplate" in p for p in validate_record(record))


def test_document_in_two_splits(tmp_path, source_file):
    record = read_source(source_file)
    for split in ("train", "dev"):
        (tmp_path / f"{split}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    problems = validate_corpus({s: tmp_path / f"{s}.jsonl" for s in ("train", "dev")})
    assert any("also in train" in p for p in problems)


def test_shipped_corpus_is_valid():
    problems = validate_corpus({split: split_path(split) for split in SPLITS})
    assert problems == []


def test_shipped_corpus_holds_the_seed_exactly(seed_text):
    train = {r["id"]: r for r in read_jsonl(split_path("train"))}
    assert train["seed_000"]["text"] == seed_text


def test_splits_are_stratified_and_deterministic():
    records = [{"id": f"d{i}", "meta": {"genre": "工作总结" if i % 2 else "述职报告"}} for i in range(40)]
    first = assign_splits(records)
    assert first == assign_splits(list(reversed(records)))
    assert [len(first[s]) for s in ("train", "dev", "test")] == [28, 6, 6]
    for split in ("dev", "test"):
        genres = [r["meta"]["genre"] for r in first[split]]
        assert genres.count("工作总结") == genres.count("述职报告") == 3


def test_placed_documents_keep_their_split():
    records = [{"id": f"d{i}", "meta": {"genre": "工作总结" if i % 2 else "述职报告"}} for i in range(40)]
    first = assign_splits(records)
    fixed = {split: [r["id"] for r in first[split]] for split in SPLITS}
    new = [{"id": f"n{i}", "meta": {"genre": "工作总结"}} for i in range(20)]
    second = assign_splits(records + new, fixed)
    for split in SPLITS:
        assert set(fixed[split]) <= {r["id"] for r in second[split]}
    # 40 documents of the genre now: 6 + 3 new in test and dev, 28 in train.
    placed = {split: [r["id"] for r in second[split] if r["id"].startswith("n")] for split in SPLITS}
    assert [len(placed[s]) for s in ("train", "dev", "test")] == [14, 3, 3]


def test_build_creates_its_output_directory(tmp_path, source_file):
    out = tmp_path / "new" / "corpus"
    assert build_corpus(tmp_path, out) == {"train": 1, "dev": 0, "test": 0}
    assert (out / "splits.json").exists() and (out / "train.jsonl").exists()


def test_build_keeps_the_splits_file(tmp_path, source_file):
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "splits.json").write_text('{"test": ["t_01"]}', encoding="utf-8")
    assert build_corpus(tmp_path, out) == {"train": 0, "dev": 0, "test": 1}
    assert json.loads((out / "splits.json").read_text(encoding="utf-8")) == {"train": [], "dev": [], "test": ["t_01"]}
    # A fresh split places a lone document in train.
    assert build_corpus(tmp_path, out, resplit=True) == {"train": 1, "dev": 0, "test": 0}
    assert [r["id"] for r in read_jsonl(out / "train.jsonl")] == ["t_01"]


@pytest.mark.parametrize("content,problem", [
    ("{", "cannot be read"),
    ('{"test": "t_01"}', "an object of id lists"),
    ('{"dev": ["t_01"], "test": ["t_01"]}', "t_01 is in dev and test"),
])
def test_bad_splits_file(tmp_path, source_file, content, problem):
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "splits.json").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        build_corpus(tmp_path, out)
    assert not (out / "train.jsonl").exists()


def test_shipped_splits_file_matches_the_splits():
    ids = json.loads((CORPUS_DIR / "splits.json").read_text(encoding="utf-8"))
    assert ids == {split: [r["id"] for r in read_jsonl(split_path(split))] for split in SPLITS}


def test_stats_and_diversity(source_file):
    record = read_source(source_file)
    stats = corpus_stats([record])
    assert stats["documents"] == 1 and stats["spans"] == {"MONEY": 1, "ORG": 1, "PERSON_COUNT": 1, "PROJECT": 1}
    assert stats["depths"] == {1: 2, 2: 1} and stats["marker_kinds"] == {"chinese": 2, "inline": 1}
    other = copy.deepcopy(record)
    other["id"] = "t_02"
    report = diversity_report([record, other])
    assert report["shared_share"] == 1.0 and report["most_similar_pair"] == ["t_01", "t_02"]
