"""scripts/robustness.py: damaged copies keep their gold work items exact."""

import pytest

TEXT = "一、投资情况\n（一）项目建设。全年完成投资3.5亿元，一是新建道路12公里。\n二、存在问题\n"
ITEMS = [("1", "一、"), ("1.1", "（一）"), ("1.1.1", "一是"), ("2", "二、")]


@pytest.fixture(scope="module")
def robustness(load_script):
    return load_script("robustness")


@pytest.fixture(scope="module")
def record():
    return {"text": TEXT, "work_items": [{"id": i, "marker": m, "start": TEXT.index(m)} for i, m in ITEMS]}


def test_rewrite_maps_every_offset(robustness):
    text, offsets = robustness.rewrite("ab\ncd", [(2, 1, "\r\n"), (3, 0, "\u3000")])
    assert text == "ab\r\n\u3000cd"
    # an insertion goes before the character at its offset
    assert offsets == [0, 1, 2, 5, 6, 7]


@pytest.mark.parametrize("damage,expected", [
    ("clean", TEXT),
    ("crlf", TEXT.replace("\n", "\r\n")),
    ("indent", TEXT.replace("\n", "\n\u3000\u3000")),
    ("blank", TEXT.replace("\n", "\n\n")),
    ("half", "一、投资情况\n(一)项目建设.全年完成投资3.5亿元,一是新建道路12公里.\n二、存在问题\n"),
])
def test_damaged_text_keeps_the_markers_at_their_mapped_offsets(robustness, record, damage, expected):
    text, items = robustness.damaged(record, damage)
    assert text == expected
    markers = dict(ITEMS)
    for start, item_id in items:
        marker = markers[item_id]
        assert text[start:].startswith(marker.translate(robustness._HALF_WIDTH) if damage == "half" else marker)


def test_wrap_cuts_no_marker_and_starts_no_line_with_punctuation(robustness):
    text = "（一）" + "甲" * 10 + "，一是" + "乙" * 10 + "。"
    edits = robustness._wrap(text, width=13)
    wrapped, _ = robustness.rewrite(text, edits)
    # the line is full at the comma: the wrap waits until after it
    assert wrapped == "（一）" + "甲" * 10 + "，\n一是" + "乙" * 10 + "。"
    # full at 是, it waits until after the marker
    wrapped, _ = robustness.rewrite(text, robustness._wrap(text, width=15))
    assert wrapped == "（一）" + "甲" * 10 + "，一是\n" + "乙" * 10 + "。"
    assert all(not line.startswith(("，", "。", "是")) for line in wrapped.split("\n"))
