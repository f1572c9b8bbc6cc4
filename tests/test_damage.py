"""pipeline.damage: a PDF's hard wrap as edits."""
from pipeline.damage import hard_wrap, rewrite


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
