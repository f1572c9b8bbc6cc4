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


def test_damaged_spans_keep_their_characters_under_the_wrap(robustness):
    text = "支持" + "甲" * 30 + "滢水县第一中学建设。\n"
    start = text.index("滢水县")
    record = {"text": text, "work_items": [],
              "spans": [{"start": start, "end": start + 7, "label": "ORG"},
                        {"start": 0, "end": 2, "label": "MONEY"}]}
    wrapped, spans = robustness.damaged_spans(record, "wrap")
    # the 36-character line breaks inside the name, which keeps the break
    assert [wrapped[s:e] for s, e, _ in spans] == ["滢水县第\n一中学"]
