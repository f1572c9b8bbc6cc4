"""Work-item markers and the outline they build (ANNOTATION.md §4).

Detection of markers in raw text lives in `work_items.py`; this module turns a
list of markers into work items (ids, depths, parents, ends, titles). The gold
corpus builder uses the same function on hand-marked markers, so the outline
rules exist once.
"""
from bisect import bisect_right
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple
import re

# The four marker kinds. Forms listed together in §4 are one kind.
CHINESE = "chinese"  # 一、
PAREN_CHINESE = "paren_chinese"  # （一） (一)
ARABIC = "arabic"  # 1. 1． 1、 （1） (1) ①
INLINE = "inline"  # 一是 一要
MARKER_KINDS = (CHINESE, PAREN_CHINESE, ARABIC, INLINE)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TITLE_END = re.compile(r"[。！？；;!?\r\n]")

# What a PDF copy may put inside a bracketed marker after its opening bracket:
# up to two line breaks, each with the next line's indent (（⏎三）, （⏎⏎　　三）).
BROKEN_BRACKET = r"(?:\r?\n[ \t\u3000\xa0]*){0,2}"

_MARKER_FORMS = (
    (CHINESE, re.compile(r"([一二三四五六七八九十]+)、")),
    (PAREN_CHINESE, re.compile(rf"[（(]{BROKEN_BRACKET}([一二三四五六七八九十]+)[）)]")),
    (ARABIC, re.compile(r"([0-9０-９]{1,2})[.．、]")),
    (ARABIC, re.compile(rf"[（(]{BROKEN_BRACKET}([0-9０-９]{{1,2}})[）)]")),
    (ARABIC, re.compile(r"([\u2460-\u2473])")),
    (INLINE, re.compile(r"([一二三四五六七八九十]+)[是要]")),
)


def marker_number(numeral: str) -> int:
    """Read the number of a marker: Chinese 一 … 九十九, Arabic or circled.

    numeral (str): The numeral part of a marker, e.g. "二十一", "12", "③".
    RETURNS (int): Its value.
    """
    if numeral in _CIRCLED:
        return _CIRCLED[numeral]
    digits = numeral.translate(_FULLWIDTH_DIGITS)
    if digits.isdigit():
        return int(digits)
    if "十" not in numeral:
        if len(numeral) != 1 or numeral not in _CN_DIGITS:
            raise ValueError(numeral)
        return _CN_DIGITS[numeral]
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1:
        raise ValueError(numeral)
    value = (_CN_DIGITS[tens] if tens else 1) * 10
    return value + (_CN_DIGITS[units] if units else 0)


def parse_marker(marker_text: str) -> Tuple[str, int]:
    """Classify a marker string.

    marker_text (str): The marker characters, e.g. "（二）" or "一是".
    RETURNS (Tuple[str, int]): The marker kind and its number.
    """
    for kind, pattern in _MARKER_FORMS:
        match = pattern.fullmatch(marker_text)
        if match:
            return kind, marker_number(match.group(1))
    raise ValueError(marker_text)


@dataclass(frozen=True)
class Marker:
    """A work-item marker found in (or marked in) a text."""

    start: int
    end: int
    kind: str
    number: int


def content_end(text: str, boilerplate: Sequence[Tuple[int, int]]) -> int:
    """Offset where the report's content ends: trailing white space and
    trailing boilerplate lines are not part of the last work item.

    text (str): The document text.
    boilerplate (Sequence[Tuple[int, int]]): Boilerplate char ranges.
    RETURNS (int): The end offset.
    """
    # Key each line by its end before trailing white space, which rstrip() below
    # removes: a boilerplate line may end in spaces.
    starts = {start + len(text[start:end].rstrip()): start for start, end in boilerplate}
    end = len(text)
    while True:
        stripped = len(text[:end].rstrip())
        if stripped in starts and starts[stripped] < end:
            end = starts[stripped]
        elif stripped == end:
            return end
        else:
            end = stripped


def item_title(text: str, marker_end: int, item_end: int) -> str:
    """The title of an item: from the marker to the first 。！？； or line end.

    text (str): The document text.
    marker_end (int): Offset right after the marker.
    item_end (int): End of the item; the title never runs past it.
    RETURNS (str): The title, stripped of white space.
    """
    match = _TITLE_END.search(text, marker_end, item_end)
    stop = match.start() if match else item_end
    return text[marker_end:stop].strip()


def build_work_items(
    text: str,
    markers: Sequence[Marker],
    boilerplate: Sequence[Tuple[int, int]] = tuple(),
) -> List[Dict]:
    """Build the outline of a document from its markers.

    Depth follows nesting: a kind already open on the stack closes everything
    below it and opens a sibling; a new kind opens a child of the innermost open
    item. Inline items (一是) always nest under the enclosing item and are closed
    by any other marker kind.

    text (str): The document text.
    markers (Sequence[Marker]): The markers, in any order.
    boilerplate (Sequence[Tuple[int, int]]): Boilerplate ranges, for the end
        of the last items.
    RETURNS (List[Dict]): Work items in document order, with the keys id,
        marker, start, end, depth, parent and title.
    """
    items: List[Dict] = []
    stack: List[Tuple[str, Dict]] = []
    seen_ids: Dict[str, int] = {}
    for marker in sorted(markers, key=lambda m: m.start):
        if marker.kind == INLINE:
            if stack and stack[-1][0] == INLINE:
                stack.pop()
        else:
            while stack and stack[-1][0] == INLINE:
                stack.pop()
            kinds = [kind for kind, _ in stack]
            if marker.kind in kinds:
                del stack[kinds.index(marker.kind):]
        parent: Optional[Dict] = stack[-1][1] if stack else None
        base_id = f"{parent['id']}.{marker.number}" if parent else str(marker.number)
        seen_ids[base_id] = seen_ids.get(base_id, 0) + 1
        item_id = base_id if seen_ids[base_id] == 1 else f"{base_id}-{seen_ids[base_id]}"
        item = {
            "id": item_id,
            "marker": text[marker.start:marker.end],
            "start": marker.start,
            "end": None,
            "depth": len(stack) + 1,
            "parent": parent["id"] if parent else None,
            "title": "",
            "_marker_end": marker.end,
        }
        items.append(item)
        stack.append((marker.kind, item))
    # An item ends where the next item of the same or a shallower depth
    # starts: one pass with a stack of the items still open.
    ends: Dict[int, int] = {}
    open_items: List[int] = []
    for i, item in enumerate(items):
        while open_items and items[open_items[-1]]["depth"] >= item["depth"]:
            ends[open_items.pop()] = item["start"]
        open_items.append(i)
    last = content_end(text, boilerplate)
    for i, item in enumerate(items):
        item["end"] = max(ends.get(i, last), item["_marker_end"])
        item["title"] = item_title(text, item.pop("_marker_end"), item["end"])
    return items


def deepest_item(items: Sequence[Dict], offset: int, starts: Optional[List[int]] = None) -> Optional[str]:
    """The id of the deepest work item containing an offset. Items nest, so
    the last item starting at or before the offset is the answer when it is
    still open there, else one of its ancestors.

    items (Sequence[Dict]): Work items in document order.
    offset (int): A character offset, e.g. an entity's start.
    starts (Optional[List[int]]): The items' start offsets, if already known.
    RETURNS (Optional[str]): The item id, or None in the preamble.
    """
    if starts is None:
        starts = [item["start"] for item in items]
    index = bisect_right(starts, offset) - 1
    positions: Optional[Dict[str, int]] = None
    while index >= 0:
        item = items[index]
        if offset < item["end"]:
            return item["id"]
        if item["parent"] is None:
            return None
        if positions is None:
            positions = {other["id"]: i for i, other in enumerate(items)}
        index = positions[item["parent"]]
    return None
