import pytest
import spacy

from pipeline.tokenizer import GovTokenizer, split_at, train_pkuseg, words_and_spaces

GOLD = [
    "县 财政局 投入 资金 5万 元 ， 培训 干部 200余 人次 。",
    "市 教育局 组织 教师 19 名 参加 培训 。",
    "全年 争取 上级 资金 1.2亿 元 。",
] * 10


@pytest.fixture(scope="module")
def pkuseg_dir(tmp_path_factory):
    return train_pkuseg(GOLD, tmp_path_factory.mktemp("pkuseg"), n_iter=5)


@pytest.fixture(scope="module")
def nlp(pkuseg_dir):
    import pipeline.tokenizer  # noqa: F401  registers the tokenizer

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhgov.ChineseTokenizer.v1"}}})
    nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_dir), pkuseg_user_dict="default")
    return nlp


def test_split_at():
    assert split_at([(0, 4), (4, 9)], [2, 4, 6, 8]) == [(0, 2), (2, 4), (4, 6), (6, 8), (8, 9)]
    assert split_at([(0, 3)], []) == [(0, 3)]


def test_words_and_spaces_tile_the_text():
    text = " 县财政局 投入\n\n资金  5万元\r\n"
    offsets = [(1, 5), (6, 8), (10, 12), (14, 17)]
    words, spaces = words_and_spaces(text, offsets)
    assert words == [" ", "县财政局", "投入", "\n\n", "资金", " ", "5万元", "\r\n"]
    assert spaces == [False, True, False, False, True, False, False, False]
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text


def test_tokenizer_keeps_every_character(nlp):
    text = "县财政局投入资金5万元，\r\n培训干部200余 人次。\u3000全年争取上级资金1.2亿元。  "
    doc = nlp(text)
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text


def test_number_mentions_are_token_aligned(nlp):
    text = "投入资金5万元的项目，培训干部200余人次以上。"
    doc = nlp(text)
    for mention in ("5万元", "200余人次"):
        start = text.index(mention)
        assert doc.char_span(start, start + len(mention)) is not None


def test_roundtrip_to_bytes(nlp):
    text = "市教育局组织教师19名参加培训。"
    data = nlp.to_bytes()
    nlp2 = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhgov.ChineseTokenizer.v1"}}})
    nlp2.from_bytes(data)
    assert [t.text for t in nlp2(text)] == [t.text for t in nlp(text)]


def test_uninitialized_tokenizer_says_what_to_do():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhgov.ChineseTokenizer.v1"}}})
    with pytest.raises(ValueError, match="E003"):
        nlp("县财政局")


def test_doc_text_is_the_text_the_tokenizer_was_given(nlp):
    from pipeline.tokenizer import doc_text

    text = "县财政局投入资金5万元，\n培训干部200余人次。 "
    doc = nlp(text)
    assert doc_text(doc) is text
    assert doc_text(doc) == doc.text


def test_doc_text_of_docs_the_tokenizer_did_not_make():
    from spacy.tokens import Doc

    from pipeline.tokenizer import doc_text

    vocab = spacy.blank("zh").vocab
    doc = Doc(vocab, words=["资金", "5万", "元"], spaces=[True, False, False])
    assert doc_text(doc) == "资金 5万元"
    # A Doc filled in place has its new text, not the one remembered before.
    empty = Doc(vocab, words=[])
    assert doc_text(empty) == ""
    empty.from_bytes(Doc(vocab, words=["培训", "干部", "200余", "人次"], spaces=[False] * 4).to_bytes())
    assert doc_text(empty) == "培训干部200余人次"


def test_split_names_cuts_at_bodies_and_punctuation(nlp, pkuseg_dir):
    config = {"nlp": {"tokenizer": {"@tokenizers": "zhgov.ChineseTokenizer.v1", "split_names": True}}}
    names_nlp = spacy.blank("zh", config=config)
    names_nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_dir), pkuseg_user_dict="default")
    text = "受省人民政府委托，县委书记到会;县财政局投入5万元。"
    starts = {t.idx for t in names_nlp(text)}
    ends = {t.idx + len(t) for t in names_nlp(text)}
    for name in ("省人民政府", "县委", "县财政局", "5万元"):
        begin = text.index(name)
        assert begin in starts and begin + len(name) in ends, name
    assert {text.index(";"), text.index(";") + 1} <= starts
    # a numbered line's marker ends a word, a decimal does not
    marked = "一、项目\n1.G30高速公路扩容工程\n2.5亿元用于配套"
    starts = {t.idx for t in names_nlp(marked)}
    assert marked.index("G30") in starts and marked.index("5亿元") not in starts
    # the setting travels with the tokenizer
    loaded = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhgov.ChineseTokenizer.v1"}}})
    loaded.from_bytes(names_nlp.to_bytes())
    assert loaded.tokenizer.split_names
    assert [t.text for t in loaded(text)] == [t.text for t in names_nlp(text)]


def test_train_pkuseg_drops_features_seen_once(tmp_path):
    import spacy_pkuseg
    from spacy_pkuseg import config as pkuseg_config

    lines = GOLD + ["岚溪 县 水利局 完成 堤防 加固 。"]
    trim = pkuseg_config.featureTrim
    sizes = {}
    for count in (0, 1):
        model_dir = train_pkuseg(lines, tmp_path / str(count), n_iter=2, min_feature_count=count)
        seg = spacy_pkuseg.pkuseg(str(model_dir))
        sizes[count] = len(seg.feature_extractor.feature_to_idx)
        assert pkuseg_config.featureTrim == trim
    # the line seen once brings features of its own, kept only with 0
    assert sizes[1] < sizes[0]
    assert "c.岚" in spacy_pkuseg.pkuseg(str(tmp_path / "0")).feature_extractor.feature_to_idx
    assert "c.岚" not in seg.feature_extractor.feature_to_idx
