import pytest

from pipeline.markers import (ARABIC, CHINESE, INLINE, PAREN_CHINESE, Marker, build_work_items,
                              content_end, deepest_item, marker_number, parse_marker)


@pytest.mark.parametrize("numeral,value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21),
                                           ("九十九", 99), ("7", 7), ("１２", 12), ("③", 3)])
def test_marker_number(numeral, value):
    assert marker_number(numeral) == value


@pytest.mark.parametrize("numeral", ["", "一二", "百", "二十二十"])
def test_marker_number_rejects(numeral):
    with pytest.raises(ValueError):
        marker_number(numeral)


@pytest.mark.parametrize("marker,kind,number", [
    ("一、", CHINESE, 1), ("十一、", CHINESE, 11), ("（二）", PAREN_CHINESE, 2), ("(三)", PAREN_CHINESE, 3),
    ("1.", ARABIC, 1), ("2．", ARABIC, 2), ("3、", ARABIC, 3), ("（4）", ARABIC, 4), ("(5)", ARABIC, 5),
    ("⑥", ARABIC, 6), ("一是", INLINE, 1), ("三要", INLINE, 3),
])
def test_parse_marker(marker, kind, number):
    assert parse_marker(marker) == (kind, number)


def _markers(text, *marker_texts):
    found, pos = [], 0
    for marker_text in marker_texts:
        start = text.index(marker_text, pos)
        kind, number = parse_marker(marker_text)
        found.append(Marker(start, start + len(marker_text), kind, number))
        pos = start + len(marker_text)
    return found


def test_build_nested_outline_ids_depths_parents():
    text = "前言。\n一、总体情况\n（一）财政收入。一是税收增长；二是非税下降。\n（二）支出\n1.教育\n2.卫生\n二、问题\n"
    items = build_work_items(text, _markers(text, "一、", "（一）", "一是", "二是", "（二）", "1.", "2.", "二、"))
    assert [(i["id"], i["depth"], i["parent"]) for i in items] == [
        ("1", 1, None), ("1.1", 2, "1"), ("1.1.1", 3, "1.1"), ("1.1.2", 3, "1.1"),
        ("1.2", 2, "1"), ("1.2.1", 3, "1.2"), ("1.2.2", 3, "1.2"), ("2", 1, None)]
    assert [i["title"] for i in items] == ["总体情况", "财政收入", "税收增长", "非税下降", "支出", "教育", "卫生", "问题"]
    # an item ends where the next item of the same or a shallower depth starts
    assert items[0]["end"] == text.index("二、")
    assert items[2]["end"] == text.index("二是")
    assert items[3]["end"] == text.index("（二）")
    # the last item ends before trailing white space
    assert items[-1]["end"] == len(text) - 1


def test_build_repeated_ids_and_inline_closed_by_other_kind():
    text = "一、甲。一是子。1.孙\n一、乙\n"
    items = build_work_items(text, _markers(text, "一、", "一是", "1.", "一、"))
    # 1. closes the inline 一是 and is a second child numbered 1 of 一、: a repeated id
    assert [(i["id"], i["parent"], i["depth"]) for i in items] == [
        ("1", None, 1), ("1.1", "1", 2), ("1.1-2", "1", 2), ("1-2", None, 1)]


def test_content_end_skips_trailing_boilerplate():
    text = "一、正文。\n\n第5页 共5页\n"
    start = text.index("第5页")
    assert content_end(text, [(start, start + 7)]) == text.index("。") + 1


def test_deepest_item():
    text = "序。一、甲。一是子。二、乙。"
    items = build_work_items(text, _markers(text, "一、", "一是", "二、"))
    assert deepest_item(items, 0) is None
    assert deepest_item(items, text.index("甲")) == "1"
    assert deepest_item(items, text.index("子")) == "1.1"
    assert deepest_item(items, text.index("乙")) == "2"
