"""pipeline.damage: a PDF's hard wrap as edits, and wrapped copies of reference Docs."""
import spacy
from spacy.tokens import Doc

from pipeline.damage import hard_wrap, rewrite, wrapped_doc
from pipeline.record import record_to_doc


def test_rewrite_maps_every_offset():
    text, offsets = rewrite("ab\ncd", [(2, 1, "\r\n"), (3, 0, "\u3000")])
    assert text == "ab\r\n\u3000cd"
    # an insertion goes before the character at its offset
    assert offsets == [0, 1, 2, 5, 6, 7]


def test_wrap_cuts_no_marker_and_starts_no_line_with_punctuation():
    text = "（一）" + "甲" * 10 + "，一是" + "乙" * 10 + "。"
    wrapped, _ = rewrite(text, hard_wrap(text, 13))
    # the line is full at the comma: the wrap waits until after it
    assert wrapped == "（一）" + "甲" * 10 + "，\n一是" + "乙" * 10 + "。"
    # full at 是, it waits until after the marker
    wrapped, _ = rewrite(text, hard_wrap(text, 15))
    assert wrapped == "（一）" + "甲" * 10 + "，一是\n" + "乙" * 10 + "。"
    assert all(not line.startswith(("，", "。", "是")) for line in wrapped.split("\n"))


def _record(words, spaces, ents):
    text = "".join(w + (" " if s else "") for w, s in zip(words, spaces))
    tokens, start = [], 0
    for i, (word, space) in enumerate(zip(words, spaces)):
        tokens.append({"text": word, "start": start, "end": start + len(word), "id": i, "ws": space})
        start += len(word) + space
    spans = [{"start": text.index(t), "end": text.index(t) + len(t), "label": label, "value": None,
              "work_item": "1"} for t, label in ents]
    item = {"id": "1", "marker": "一、", "start": 0, "end": len(text), "depth": 1, "parent": None, "title": ""}
    return {"id": "x", "text": text, "tokens": tokens, "spans": spans, "work_items": [item],
            "boilerplate": [{"start": len(text) - 3, "end": len(text)}]}


def test_wrapped_doc_cuts_words_and_keeps_entities_on_their_characters():
    words = ["一", "、", "支持", "滢水县", "第一中学", "建设", "滢河", "防洪", "治理", "工程", "。", "\n", "第1页"]
    record = _record(words, [False] * len(words), [("滢水县第一中学", "ORG"), ("滢河防洪治理工程", "PROJECT")])
    doc = record_to_doc(record, spacy.blank("zh").vocab)
    # the lines are full after 8 characters: inside 第一 and between 防洪 and 治理
    wrapped = wrapped_doc(doc, 8)
    assert wrapped.text == "一、支持滢水县第\n一中学建设滢河防\n洪治理工程。\n第1页"
    assert [t.text for t in wrapped][:8] == ["一", "、", "支持", "滢水县", "第", "\n", "一中学", "建设"]
    assert [(e.text, e.label_, e._.work_item) for e in wrapped.ents] == [
        ("滢水县第\n一中学", "ORG", "1"), ("滢河防\n洪治理工程", "PROJECT", "1")]
    # the work item and the boilerplate move with their characters
    assert wrapped._.work_items[0]["end"] == len(wrapped.text)
    assert [wrapped.text[s:e] for s, e in wrapped._.boilerplate] == ["第1页"]


def test_wrapped_doc_puts_the_break_before_a_trailing_space_and_leaves_short_lines():
    words = ["甲乙丙丁", "Mini", "LED", "项目"]
    doc = Doc(spacy.blank("zh").vocab, words=words, spaces=[False, True, False, False])
    wrapped = wrapped_doc(doc, 8)
    assert wrapped.text == "甲乙丙丁Mini\n LED项目"
    assert [t.text for t in wrapped] == ["甲乙丙丁", "Mini", "\n", "LED", "项目"]
    assert wrapped_doc(doc, 20) is doc
