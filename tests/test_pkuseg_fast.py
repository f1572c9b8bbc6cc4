"""FastPkuseg must give exactly pkuseg's words: the shipped model and a small
model trained here, on the corpus, on strings made to hit the edge cases
(digits, letters, renamed keywords, "*", white space) and on random text."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.pkuseg_fast import FastPkuseg, _feature_key, _split_pair, _tokens
from pipeline.tokenizer import train_pkuseg

ROOT = Path(__file__).resolve().parent.parent
BUDGET = dict(deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
EDGE_CASES = [
    "",
    " ",
    "县",
    "县财政局",
    "  市教育局 组织教师19名参加培训。  ",
    "全年争取上级资金1.2亿元，其中ＡＢＣ项目３５００万元。",
    "a*b**Num***Letter**noWord-._,|/*:x",
    "2023年9月-2024年6月，完成PPP项目3个/5个。",
    "第一、二、三季度GDP增长5.2%、5.3%、5.0%",
    "一是\t抓落实\u3000二是抓改革",
    "乡村振兴战略实施情况",
]


@pytest.fixture(scope="module")
def shipped():
    import pipeline

    return pipeline.load().tokenizer.pkuseg_seg


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    import spacy_pkuseg

    lines = ["县 财政局 投入 资金 5万 元 ， 培训 干部 200余 人次 。",
             "市 教育局 组织 教师 19 名 参加 ＡＢ 培训 。",
             "全年 争取 上级 资金 1.2亿 元 ， 完成 PPP 项目 。"] * 5
    return spacy_pkuseg.pkuseg(str(train_pkuseg(lines, tmp_path_factory.mktemp("pkuseg"), n_iter=3)))


def corpus_lines():
    return [line for path in sorted((ROOT / "corpus" / "src").glob("*.txt"))[::6]
            for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("model", ["shipped", "small"])
def test_same_words_as_pkuseg(model, request):
    seg = request.getfixturevalue(model)
    texts = EDGE_CASES + corpus_lines()
    assert FastPkuseg(seg).cut_many(texts) == [seg.cut(text) for text in texts]


def test_cut_one_text(shipped):
    assert FastPkuseg(shipped).cut("市教育局组织教师19名参加培训。") == shipped.cut("市教育局组织教师19名参加培训。")


def test_batches_do_not_change_words(shipped, monkeypatch):
    import pipeline.pkuseg_fast

    texts = corpus_lines()[:80]
    whole = FastPkuseg(shipped).cut_many(texts)
    monkeypatch.setattr(pipeline.pkuseg_fast, "_BATCH_NODES", 7)
    assert FastPkuseg(shipped).cut_many(texts) == whole


@pytest.fixture(scope="module")
def shipped_fast(shipped):
    return FastPkuseg(shipped)


@settings(max_examples=200, **BUDGET)
@given(st.text(alphabet="县市局财政资金培训干部组织教师参加万亿元人次名项目工程一二三0123456789.ＡａＢabPP，。、%*-:/ \n\t", max_size=60))
def test_random_text(shipped, shipped_fast, text):
    assert shipped_fast.cut(text) == shipped.cut(text)


def test_feature_strings_parse():
    assert _tokens("**Num年**Letter") == [0x110000, ord("年"), 0x110001]
    # "pre*post" where either side may hold "**Num" or be "**noWord"
    assert _split_pair("**Num年***noWord") == _split_pair("**Num年*" + "**noWord")
    assert _split_pair("年***Num")[0] == _split_pair("年*发展")[0]
    assert _split_pair("年***Num")[1] != _split_pair("年*发展")[1]
    assert _feature_key("$$") is None
    assert _feature_key("c-1c.**Num.年") != _feature_key("c-1c.年.**Num")
