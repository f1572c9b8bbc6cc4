"""Find the numbered parts of a report (ANNOTATION.md §4).

`find_markers` finds the markers (一、 （一） 1. （1） ① 一是 …) in raw text;
`build_work_items` in `markers.py` turns them into the outline (ids, depths,
parents, ends, titles).
"""
from bisect import bisect_right
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple
import re
import unicodedata

from spacy.attrs import IDX
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import PRFScore
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from .boilerplate import DEFAULT_SPANS_KEY as BOILERPLATE_KEY, get_boilerplate, line_ranges
from .errors import Errors
from .settings import SettingsSerializable
from .markers import BROKEN_BRACKET, INLINE, Marker, build_work_items, marker_number, parse_marker
from .tokenizer import doc_text

DEFAULT_SPANS_KEY = "work_items"
WORK_ITEM_LABEL = "WORK_ITEM"

_CN_NUMBER = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_INLINE_NUMBER = r"(?:十[一二三四五六七八九]?|[一二三四五六七八九])"
_DIGITS = r"[0-9０-９]{1,2}"
_CANDIDATE = re.compile(
    rf"(?P<chinese>{_CN_NUMBER}、)(?!{_CN_NUMBER}、)"  # not 一、二、三产业
    # a PDF copy may break the line inside the bracket: （\n三）
    rf"|(?P<paren_chinese>[（(]{BROKEN_BRACKET}{_CN_NUMBER}[）)])"
    rf"|(?P<arabic>{_DIGITS}[.．、])(?![\r\n]*[0-9０-９])"
    # 1.73亿元 (also wrapped after the point: 1.\n73亿元), or 2.2023届毕业生 in a list
    rf"|(?P<arabic_digit>{_DIGITS}[.．、])(?=[\r\n]*[0-9０-９])"
    rf"|(?P<paren_arabic>[（(]{BROKEN_BRACKET}{_DIGITS}[）)])"
    rf"|(?P<circled>[\u2460-\u2473])"
    rf"|(?P<inline>{_INLINE_NUMBER}[是要])"
)
# Forms that may be glued to the preceding text when they follow the numbering.
_GLUABLE = ("paren_chinese", "paren_arabic", "circled")
_LINE_OPENERS = "。！？；："
# What may stand between a line start and a marker: spaces, and the invisible
# characters web pages leave in copied text (zero-width space and joiners,
# word joiner, a BOM inside the text).
_INDENT = " \t\u3000\xa0\u200b\u200c\u200d\u2060\ufeff"
_HALF_WIDTH_OPENERS = ".!?;:"
# A line that ends in one of these is complete; one that does not was cut.
_CLOSERS = set("。！？；：.!?;:…”’」』）)】》")
_STARTS_WITH_MARKER = re.compile(
    rf"\s*(?:{_CN_NUMBER}、|[（(](?:{_CN_NUMBER}|{_DIGITS})[）)]|{_DIGITS}[.．、](?![0-9０-９])|[\u2460-\u2473])"
)
# 二、三季度, 一、二线城市 and 一、二审 inside running text: a list of numerals, not a
# marker; a PDF copy may wrap the line inside it (二、\n三季度, 二、三\n季度).
_NUMERAL_LIST_TAIL = re.compile(
    rf"[\r\n]*{_CN_NUMBER}[\r\n]*(?:季度|季|月份|月|年级|年|产业|产|线|级|类|等奖|等|批|期|个|次|档|种|轮|届|代|星|审|号|楼|层|班|孩|胎|型)"
)
# A bare Arabic marker right before another marker (3、（四）) is a page
# counter a viewer glued on.
_MARKER_AHEAD = re.compile(rf"\s*(?:[（(](?:{_CN_NUMBER}|{_DIGITS})[）)]|{_CN_NUMBER}、|[\u2460-\u2473])")
# A version or section number (3.2.1版): the 3. before it is none.
_DIGIT = re.compile(r"[0-9０-９]")
# A decimal with a magnitude or a share at the start of a line that goes on
# from the line before is a wrapped figure (受益群众\n1.2万人, 追缴\n1.5亿元),
# not a marker and a number (an item may open with one: 4.100万千瓦风光储…项目).
_DECIMAL_AMOUNT = re.compile(r"[0-9]+\s*[万亿%％‰倍]")
_HEADING_START = re.compile(rf"[{_INDENT}]*(?:[（(]?[一二三四五六七八九十0-9０-９]{{1,3}}[）)、.．]|[一二三四五六七八九十]+是)")
_DOTTED_NUMBER = re.compile(r"[0-9０-９]+[.．][0-9０-９]")
_LINE_START_ARABIC = re.compile(rf"(?:^|(?<=[\r\n]))[{_INDENT}]*([0-9０-９]{{1,2}})[.．、]", re.M)
# A numeric cell: 12,345.67, 3.92亿元, 90.0%, or a dash for none.
_NUMBER_CELL = r"[-−+]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:%|％|个百分点|[万亿千]?元|[万亿])?"
# A cell may also name a change before its figure (增长4.5%, 下降12.4%).
_CELL = rf"(?:(?:[\u4e00-\u9fa5]{{1,4}})?{_NUMBER_CELL}|[-—–/]+)"
_ROW_CELLS = re.compile(rf"(?:[ \t\u3000]+{_CELL})+[ \t\u3000]*\Z")
# A table's header line: short text cells split by tabs, full-width or double spaces.
_HEADER_CELL_SPLIT = re.compile(r"\t|\u3000+|[ ]{2,}")
_HEADER_CELL_MAX_CHARS = 12
_ROW_LABEL_STOP = re.compile(r"[。！？；!?;]")
# A field line: a short label and a colon (牵头单位：, 完成时限：), and no comma
# or sentence end after it.
_FIELD_LINE = re.compile(r"[\u4e00-\u9fa5]{2,6}[：:]")
_FIELD_BREAKS = re.compile(r"[，,。]")
# What separates the cells of a flattened table row.
_CELL_GAPS = "\t\u3000 "
# Cells of a pasted table, and a row opened by its 序号 cell: 4	XX铁路项目	XX有限公司	…
_CELL_SPLIT = re.compile(r"\t|\u3000+")
_NUMBERED_ROW = re.compile(rf"[{_INDENT}]*[0-9０-９]{{1,3}}(?:\t|\u3000)")
_ROW_LABEL_MAX_CHARS = 40
# A marker's own line opened by a marker and no longer than this, without
# sentence punctuation or with no comma, is a heading: it may end uncut.
_HEADING_MAX_CHARS = 30
_HEADING_COMMA = re.compile(r"[，,]")
# The last clause of a line; a half-width full stop ends one, but not after a
# digit (3.5, or the marker 1.).
_LAST_CLAUSE = re.compile(r"(?:[^。！？；!?;.]|(?<=[0-9０-９])\.)*\Z")
_APPENDIX_OPENERS = ("附件", "附表", "附：", "附:")
_HEADING_WORDS = ("情况", "安排", "计划", "打算", "问题", "不足", "清单", "名单", "解释", "注释", "实事", "思路",
                  "目标", "措施", "举措", "建议", "成效", "做法", "工作", "项目")
_CONTEXT_CHARS = 400


class _Outline:
    """The open markers at a point of the scan, kept as `build_work_items`
    keeps them, to tell whether a marker follows the numbering."""

    def __init__(self) -> None:
        self.stack: List[Tuple[str, int]] = []

    def follows(self, kind: str, number: int) -> bool:
        """Whether a marker is the first of its kind under the current parent
        or the successor of the previous one of its kind."""
        if kind == INLINE:
            previous = self.stack[-1] if self.stack and self.stack[-1][0] == INLINE else None
        else:
            previous = next((entry for entry in self.stack if entry[0] == kind), None)
        return number == previous[1] + 1 if previous else number == 1

    def add(self, kind: str, number: int) -> None:
        stack = self.stack
        if kind == INLINE:
            if stack and stack[-1][0] == INLINE:
                stack.pop()
        else:
            while stack and stack[-1][0] == INLINE:
                stack.pop()
            kinds = [open_kind for open_kind, _ in stack]
            if kind in kinds:
                del stack[kinds.index(kind):]
        stack.append((kind, number))


def find_markers(
    text: str,
    boilerplate: Sequence[Tuple[int, int]] = tuple(),
    *,
    glued_markers: bool = True,
    inline_markers: bool = True,
    page_counter_min_chars: int = 20,
    table_row_min_run: int = 2,
) -> List[Marker]:
    """Find the work-item markers of a document.

    text (str): The document text.
    boilerplate (Sequence[Tuple[int, int]]): Boilerplate char ranges; nothing
        inside them is a marker.
    glued_markers (bool): Accept bracketed and circled markers glued to the
        preceding text where they follow the numbering.
    inline_markers (bool): Accept inline markers (一是 … 十是, 一要 … 十要, and
        十一是 … 十九是 where they continue the list).
    page_counter_min_chars (int): A bare Arabic marker (1、 2.) after a line of
        at least this many characters that stops mid-sentence is a page counter
        a viewer glued on, not a marker; so is one that breaks the numbering
        after any such line (page counter lines like - 1 - in between are
        skipped), and one glued to another marker (3、（四）). 0 turns the
        check off.
    table_row_min_run (int): A marker line that is a label followed by
        numeric cells (12,345.67, 3.92亿元), in a run of at least this many
        such lines (a table's header line counts), is a table row label, not a
        marker. 0 turns the check off.
    RETURNS (List[Marker]): The markers in document order.
    """
    bp_ranges = sorted(boilerplate)
    bp_starts = [start for start, _ in bp_ranges]
    outline = _Outline()
    is_table_row = _TableRows(text, table_row_min_run)
    markers: List[Marker] = []
    for match in _CANDIDATE.finditer(text):
        form = match.lastgroup
        if form == "inline" and not inline_markers:
            continue
        start, end = match.span()
        if _in_ranges(start, bp_starts, bp_ranges):
            continue
        try:
            kind, number = parse_marker(match.group())
        except ValueError:
            continue
        if number < 1:
            continue
        follows = outline.follows(kind, number)
        if "\n" in match.group() and not (follows and _at_line_start(text, start)):
            continue  # a bracket broken across lines is a marker only in turn, on a line of its own
        if form == "arabic_digit" and not (follows and _is_list_start(text, start, end, number)):
            continue
        if form == "inline" and number > 10 and not follows:
            continue  # 十一是 … only where a list runs on past 十是
        if form == "chinese" and _NUMERAL_LIST_TAIL.match(text, end) and (
            not follows or not _at_line_start(text, start) or _marker_again_at_line_start(text, end, match.group())
        ):
            continue  # 二、三季度; at a line start, 一、二级渠道 out of turn or before the real 二、
        if not _opens_item(text, start, form):
            if not (glued_markers and form in _GLUABLE and follows) or text[start - 1] == "第":
                continue  # 第（三）项 is a reference, not a marker
        elif form in ("arabic", "arabic_digit") and page_counter_min_chars and (
            _MARKER_AHEAD.match(text, end)
            or _after_cut_line(text, start, page_counter_min_chars, follows, number, bp_starts, bp_ranges)
        ):
            continue
        if form != "inline" and table_row_min_run and is_table_row(start, follows):
            continue
        markers.append(Marker(start, end, kind, number))
        outline.add(kind, number)
    return markers


def _marker_again_at_line_start(text: str, end: int, marker: str) -> bool:
    """Whether the same marker opens a later line, or a later sentence in a
    copy that glued its lines (。 二、2026年工作安排)."""
    return re.compile(rf"(?:[\r\n]|[。！？；][ \u3000]+)[{_INDENT}]*{re.escape(marker)}").search(text, end) is not None


def _at_line_start(text: str, start: int) -> bool:
    """Whether only spaces stand between a line start and an offset."""
    i = start
    while i > 0 and text[i - 1] in _INDENT:
        i -= 1
    return i == 0 or text[i - 1] in "\r\n"


def _is_list_start(text: str, start: int, end: int, number: int) -> bool:
    """Whether an Arabic marker followed by a digit (2.2023届毕业生, 1、3月和10月)
    opens a line of a numbered list rather than a number (1.73亿元, 3.2.1版): it
    is at a line start; if it is the first of its list, the next Arabic marker at
    a line start is its successor; if not, that marker is not its twin (3、4月间…
    before the real 3.)."""
    if not _at_line_start(text, start) or _DOTTED_NUMBER.match(text, end) \
            or _DECIMAL_AMOUNT.match(text, end) and _line_before_runs_on(text, start):
        return False
    following = next((m for m in _LINE_START_ARABIC.finditer(text, end) if not _wrapped_number(text, m)), None)
    if number > 1:
        return following is None or marker_number(following.group(1)) != number
    return following is not None and marker_number(following.group(1)) == number + 1


def _line_before_runs_on(text: str, start: int) -> bool:
    """Whether the line before the one at start ends inside a sentence (no
    clause mark at its end) and is no heading (（一）重点签约项目): the line
    at start goes on with it."""
    i = _end_of_line_before(text, start)
    if i == 0 or text[i - 1] in "。；！？：;!?:，,、）)":
        return False
    line_start = max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1
    return _HEADING_START.match(text, line_start) is None


def _wrapped_number(text: str, match: re.Match) -> bool:
    """Whether an Arabic marker at a line start followed by a digit continues a
    number that a PDF copy wrapped (比重达到8\n1.2%): the line before ends in a
    digit."""
    if not _DIGIT.match(text, match.end()):
        return False
    i = _end_of_line_before(text, match.start(1))
    return i > 0 and _DIGIT.match(text, i - 1) is not None


def _end_of_line_before(text: str, start: int) -> int:
    """The offset after the last character of the line before the one whose
    indent ends at start (0 at the first line)."""
    i = start
    while i > 0 and text[i - 1] in _INDENT:
        i -= 1
    while i > 0 and text[i - 1] in "\r\n":
        i -= 1
    return i


def _in_ranges(offset: int, starts: Sequence[int], ranges: Sequence[Tuple[int, int]]) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < ranges[i][1]


def _opens_item(text: str, start: int, form: str) -> bool:
    """Whether a marker at start is at a position that opens an item: the text
    or a line start, after white space, or after 。！？；： (half-width too)."""
    if start == 0:
        return True
    prev = text[start - 1]
    if prev.isspace() or prev in _LINE_OPENERS or prev in _INDENT:
        return True
    if prev in _HALF_WIDTH_OPENERS:
        # 3.5 and 10:30 are numbers, not a sentence end before a marker; a
        # semicolon after a figure (仅为0.42;三是) ends a clause.
        return prev not in ".:" or not (start >= 2 and text[start - 2].isdigit())
    if form == "inline":
        # 一是 may follow other punctuation (，一是…) but never a character
        # (统一是) or an opening quote or bracket (“六要素”).
        return unicodedata.category(prev) in ("Po", "Pd", "Pe", "Pf")
    return False


def _after_cut_line(
    text: str,
    start: int,
    min_chars: int,
    follows: bool,
    number: int,
    bp_starts: Sequence[int],
    bp_ranges: Sequence[Tuple[int, int]],
) -> bool:
    """Whether the text before a marker is a line that stops mid-sentence, so
    that the marker is a page counter glued to the next page. Boilerplate
    lines in between (- 1 -) are skipped. A marker that follows the numbering
    needs a cut line of at least min_chars that is not a heading (a line opened
    by a marker may end without punctuation); one that breaks the numbering
    needs only a cut line that is not a short heading. A list that starts (again)
    at 1 right under a title line (附件：主要指标完成情况, 2025年工作计划) is no page
    counter; where the 1 follows the numbering, the title must name the list
    (an appendix, or a heading word at its end). Where line breaks became
    spaces, a heading is the last clause before the marker (…效果明显。
    （二）重点群体就业\n1、…), and a marker inside a line has only its clause
    before it (…培训。 三、存在的问题 1、…). A viewer glues its counters to line
    starts: a marker inside a line that follows the numbering (…已开工建设 3、…)
    is none."""
    at_line_start = _at_line_start(text, start)
    if at_line_start:
        line, crossed = _line_before(text, start, bp_starts, bp_ranges)
    else:
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        line, crossed = text[line_start:start], False
    line = line.strip()
    if not line or line[-1] in _CLOSERS:
        return False
    clause = _LAST_CLAUSE.search(line).group().strip()
    if not at_line_start:
        if follows:
            return False  # a viewer glues its counters to line starts only
        line = clause
    if number == 1 and not crossed and _is_title(clause) and (not follows or _is_list_title(clause)):
        return False
    if follows:
        return len(line) >= min_chars and not _STARTS_WITH_MARKER.match(clause) and not _is_field_or_cells(line)
    return not _is_heading(clause)


def _is_field_or_cells(line: str) -> bool:
    """Whether a stripped line that ends without punctuation is whole as it
    is: a field (牵头单位：县民政局；配合单位：县财政局) or the cells of a table
    row (3	XX项目	XX有限公司	3.5亿元	已投产), not a sentence a page break cut."""
    if _FIELD_LINE.match(line) and not _FIELD_BREAKS.search(line):
        return True
    return "\t" in line or len([cell for cell in _HEADER_CELL_SPLIT.split(line) if cell]) >= 3


def _line_before(
    text: str, start: int, bp_starts: Sequence[int], bp_ranges: Sequence[Tuple[int, int]]
) -> Tuple[str, bool]:
    """The text before an offset on its line, or else the last non-blank line
    before it that is not boilerplate (looking back at most _CONTEXT_CHARS
    per line), and whether boilerplate lines were skipped to reach it."""
    end = start
    crossed = False
    while end > 0:
        window_start = max(0, end - _CONTEXT_CHARS)
        before = text[window_start:end].rstrip()
        if not before:
            return "", crossed
        line_start = window_start + max(before.rfind("\n"), before.rfind("\r")) + 1
        if not _in_ranges(line_start, bp_starts, bp_ranges):
            return text[line_start:window_start + len(before)], crossed
        end = line_start
        crossed = True
    return "", crossed


def _is_list_title(line: str) -> bool:
    """Whether a title line names the list after it (附件：…推进情况, 2025年工作计划):
    an appendix, or a title that ends in a word of headings."""
    return line.startswith(_APPENDIX_OPENERS) or line.endswith(_HEADING_WORDS)


def _is_title(line: str) -> bool:
    """Whether a stripped line is a short title: no sentence punctuation and
    no comma (附件：2024年主要商务指标完成情况)."""
    return len(line) <= _HEADING_MAX_CHARS and not _ROW_LABEL_STOP.search(line) and not _HEADING_COMMA.search(line)


def _is_heading(line: str) -> bool:
    """Whether a stripped line is a heading: opened by a marker, without
    sentence punctuation, and short or without commas."""
    return bool(
        _STARTS_WITH_MARKER.match(line)
        and not _ROW_LABEL_STOP.search(line)
        and (len(line) <= _HEADING_MAX_CHARS or not _HEADING_COMMA.search(line))
    )


def _is_row(line: str) -> bool:
    """Whether a line is a table row: a short label and then numeric cells
    (12,345.67, 3.92亿元, 90.0%)."""
    match = _ROW_CELLS.search(line)
    if match is None or not any(char.isdigit() for char in match.group()):
        return False
    label = line[:match.start()].strip()
    return 0 < len(label) <= _ROW_LABEL_MAX_CHARS and not _ROW_LABEL_STOP.search(label)


def _is_cells(line: str) -> bool:
    """Whether a line is cells of a table, at least three, split by tabs or
    full-width spaces."""
    return len([cell for cell in _CELL_SPLIT.split(line) if cell.strip()]) >= 3


def _is_header(line: str) -> bool:
    """Whether a line is a table's header: at least two short text cells split
    by tabs, full-width spaces or double spaces."""
    cells = [cell for cell in _HEADER_CELL_SPLIT.split(line.strip()) if cell]
    return len(cells) >= 2 and all(
        len(cell) <= _HEADER_CELL_MAX_CHARS and not _ROW_LABEL_STOP.search(cell) for cell in cells
    )


class _TableRows:
    """Tells whether a marker's line is a row label in a run of numeric rows.
    Splits the text into lines once, on first use."""

    def __init__(self, text: str, min_run: int) -> None:
        self.text = text
        self.min_run = min_run
        self.lines: Optional[List[Tuple[int, int]]] = None
        self.line_starts: List[int] = []

    def __call__(self, start: int, follows: bool = True) -> bool:
        """Whether the marker at start labels a table row: its line is a row
        in a run, the marker opening the line or a cell of it (（三）不予公开
        1.属于国家秘密 0 0 0); or it labels a group of rows and stands alone
        between two of them or under the header: out of turn (三、本年度办理结果,
        一、产业项目), or in turn too where the table's cells are split by tabs or
        full-width spaces and a row opened by its 序号 cell follows (二、铁路项目)."""
        text = self.text
        if self.lines is None:
            self.lines = line_ranges(text)
            self.line_starts = [bounds[0] for bounds in self.lines]
        index = bisect_right(self.line_starts, start) - 1
        line_start = self.lines[index][0]
        before = text[line_start:start]
        if before.strip(_INDENT) and (text[start - 1] not in _CELL_GAPS or _ROW_LABEL_STOP.search(before)):
            return False
        line = text[line_start:self.lines[index][1]]
        if not _is_row(line):
            if not _is_title(line.strip()):
                return False
            # a group label between the cell lines of a table (a row or the
            # header above, a numbered row below; other group labels may stand
            # in between), in turn or not; out of turn, between numeric rows too
            if _is_cells(self._next_line(index, -1, labels=True)) \
                    and _NUMBERED_ROW.match(self._next_line(index, 1, labels=True)):
                return True
            return not follows and self._row_at(index, -1) and self._row_at(index, 1)
        run = 1
        for step in (-1, 1):
            i = index + step
            while run < self.min_run and 0 <= i < len(self.lines):
                line = text[self.lines[i][0]:self.lines[i][1]]
                if line.strip():
                    # A header line counts above the rows, never below them.
                    if not (_is_row(line) or (step == -1 and _is_header(line))):
                        break
                    run += 1
                    if not _is_row(line):
                        break
                i += step
        return run >= self.min_run

    def _row_at(self, index: int, step: int) -> bool:
        """Whether the next non-blank line from index in direction step is a
        table row, or, above, the table's header line."""
        line = self._next_line(index, step)
        return bool(line) and (_is_row(line) or (step == -1 and _is_header(line)))

    def _next_line(self, index: int, step: int, labels: bool = False) -> str:
        """The next non-blank line from index in direction step, or "";
        with labels, past the group labels of a table (lines that are only a
        marker and a short title: 一、产业项目, （一）工业项目)."""
        i = index + step
        while 0 <= i < len(self.lines):
            line = self.text[self.lines[i][0]:self.lines[i][1]]
            stripped = line.strip()
            if stripped and not (labels and _STARTS_WITH_MARKER.match(stripped) and _is_title(stripped)):
                return line
            i += step
        return ""


def marker_edges(markers: Iterable[Marker]) -> List[int]:
    """Where markers start and end, sorted: the offsets `split_tokens_at`
    makes token edges.

    markers (Iterable[Marker]): The markers.
    RETURNS (List[int]): The offsets, each once.
    """
    return sorted({offset for marker in markers for offset in (marker.start, marker.end)})


def split_tokens_at(doc: Doc, offsets: Iterable[int]) -> None:
    """Split the tokens that an offset falls inside, so that a marker's edges
    are token edges (4.100万千瓦…项目 → 4. | 100万 千瓦 …: the name after the
    marker can be an entity). The spans of doc.spans keep their characters.

    doc (Doc): The document, changed in place.
    offsets (Iterable[int]): Char offsets that must be token edges.
    """
    starts = doc.to_array(IDX).tolist() if len(doc) else []
    cuts: Dict[int, Set[int]] = {}
    for offset in offsets:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and starts[i] < offset < starts[i] + len(doc[i].text):
            cuts.setdefault(i, set()).add(offset - starts[i])
    if not cuts:
        return
    groups = {key: [(span.start_char, span.end_char, span.label_, span.kb_id_) for span in group]
              for key, group in doc.spans.items()}
    with doc.retokenize() as retokenizer:
        for i, token_cuts in cuts.items():
            token = doc[i]
            edges = [0, *sorted(token_cuts), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(edges, edges[1:])]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    for key, spans in groups.items():
        group = (doc.char_span(start, end, label=label, kb_id=kb_id) for start, end, label, kb_id in spans)
        doc.spans[key] = [span for span in group if span is not None]


def _gold_items(doc: Doc, spans_key: str) -> Optional[List[Tuple[int, str]]]:
    if doc.has_extension("work_items") and doc._.work_items is not None:
        return [(item["start"], item["id"]) for item in doc._.work_items]
    if spans_key in doc.spans and Span.has_extension("item_id"):
        return [(span.start_char, span._.item_id) for span in doc.spans[spans_key]]
    return None


def score_work_items(
    examples: Iterable[Example], *, spans_key: str = DEFAULT_SPANS_KEY, **kwargs
) -> Dict[str, Optional[float]]:
    """Precision, recall and F-score of work items, matched on (start, id).
    Examples whose reference has no work-item annotation are skipped.

    examples (Iterable[Example]): The examples to score.
    spans_key (str): The span group read when `Doc._.work_items` is unset.
    RETURNS (Dict[str, Optional[float]]): work_items_p, work_items_r and
        work_items_f, None where no example is annotated.
    """
    score = PRFScore()
    annotated = False
    for example in examples:
        gold = _gold_items(example.reference, spans_key)
        if gold is None:
            continue
        annotated = True
        pred = _gold_items(example.predicted, spans_key) or []
        score.score_set(set(pred), set(gold))
    if not annotated:
        return {"work_items_p": None, "work_items_r": None, "work_items_f": None}
    return {"work_items_p": score.precision, "work_items_r": score.recall, "work_items_f": score.fscore}


@registry.scorers("zhgov.work_items_scorer.v1")
def make_work_items_scorer() -> Callable:
    return score_work_items


@Language.factory(
    "zhgov_work_items",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "boilerplate_key": BOILERPLATE_KEY,
        "glued_markers": True,
        "inline_markers": True,
        "page_counter_min_chars": 20,
        "table_row_min_run": 2,
        "scorer": {"@scorers": "zhgov.work_items_scorer.v1"},
    },
    default_score_weights={"work_items_f": 1.0, "work_items_p": 0.0, "work_items_r": 0.0},
)
def make_work_items(
    nlp: Language,
    name: str,
    spans_key: str,
    boilerplate_key: str,
    glued_markers: bool,
    inline_markers: bool,
    page_counter_min_chars: int,
    table_row_min_run: int,
    scorer: Optional[Callable],
) -> "WorkItemDetector":
    return WorkItemDetector(
        nlp,
        name,
        spans_key=spans_key,
        boilerplate_key=boilerplate_key,
        glued_markers=glued_markers,
        inline_markers=inline_markers,
        page_counter_min_chars=page_counter_min_chars,
        table_row_min_run=table_row_min_run,
        scorer=scorer,
    )


class WorkItemDetector(SettingsSerializable, Pipe):
    """Find the work items of a report: their markers, ids, depths, parents,
    ranges and titles. Sets `Doc._.work_items` (a list of dicts) and
    doc.spans[spans_key] (one span per item, `Span._.item_id` set). Reads the
    boilerplate from `Doc._.boilerplate` or doc.spans[boilerplate_key].
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "zhgov_work_items",
        *,
        spans_key: str = DEFAULT_SPANS_KEY,
        boilerplate_key: str = BOILERPLATE_KEY,
        glued_markers: bool = True,
        inline_markers: bool = True,
        page_counter_min_chars: int = 20,
        table_row_min_run: int = 2,
        scorer: Optional[Callable] = score_work_items,
    ) -> None:
        """Initialize the work-item detector.

        nlp (Language): The shared nlp object.
        name (str): Instance name of the component in the pipeline.
        spans_key (str): Key of the span group to set.
        boilerplate_key (str): Key of the boilerplate span group to read.
        glued_markers (bool): Accept glued bracketed and circled markers that
            follow the numbering.
        inline_markers (bool): Accept 一是 / 一要 markers.
        page_counter_min_chars (int): See `find_markers`; 0 turns it off.
        table_row_min_run (int): See `find_markers`; 0 turns it off.
        scorer (Optional[Callable]): The scoring method.
        """
        self.nlp = nlp
        self.name = name
        self.scorer = scorer
        self.cfg = {
            "spans_key": spans_key,
            "boilerplate_key": boilerplate_key,
            "glued_markers": glued_markers,
            "inline_markers": inline_markers,
            "page_counter_min_chars": page_counter_min_chars,
            "table_row_min_run": table_row_min_run,
        }
        self._validate_cfg()
        if not Doc.has_extension("work_items"):
            Doc.set_extension("work_items", default=None)
        if not Doc.has_extension("boilerplate"):
            Doc.set_extension("boilerplate", default=None)
        if not Span.has_extension("item_id"):
            Span.set_extension("item_id", default=None)

    def _validate_cfg(self) -> None:
        for setting in ("page_counter_min_chars", "table_row_min_run"):
            value = self.cfg[setting]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(Errors.E200.format(
                    component=self.name, setting=setting, value=value, expected="an integer >= 0"
                ))

    @property
    def spans_key(self) -> str:
        return self.cfg["spans_key"]

    def __call__(self, doc: Doc) -> Doc:
        """Find the work items of a doc.

        doc (Doc): The document.
        RETURNS (Doc): The document, with `Doc._.work_items` and
            doc.spans[spans_key] set.
        """
        text = doc_text(doc)
        boilerplate = get_boilerplate(doc, self.cfg["boilerplate_key"])
        markers = find_markers(
            text,
            boilerplate,
            glued_markers=self.cfg["glued_markers"],
            inline_markers=self.cfg["inline_markers"],
            page_counter_min_chars=self.cfg["page_counter_min_chars"],
            table_row_min_run=self.cfg["table_row_min_run"],
        )
        split_tokens_at(doc, marker_edges(markers))
        items = build_work_items(text, markers, boilerplate)
        spans = []
        for item in items:
            span = doc.char_span(item["start"], item["end"], label=WORK_ITEM_LABEL, alignment_mode="expand")
            if span is not None:
                span._.item_id = item["id"]
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.work_items = items
        return doc

    def score(self, examples: Iterable[Example], **kwargs) -> Dict[str, Optional[float]]:
        """Score a batch of examples (see `score_work_items`).

        examples (Iterable[Example]): The examples to score.
        RETURNS (Dict[str, Optional[float]]): The scores.
        """
        if self.scorer is None:
            return {}
        kwargs.setdefault("spans_key", self.spans_key)
        return self.scorer(examples, **kwargs)

