"""Find the lines of a document that are not part of the report (ANNOTATION.md §2).

Boilerplate is recorded as whole lines. A line is boilerplate on its own
evidence (a site notice, a page counter, a navigation or metadata line, a table
of contents) or, for lines that say little by themselves (a lone 大, a `>`, a
short tag like 述职), because it sits in a block of such lines at the top of
the document next to other boilerplate.
"""
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple
import re

import srsly
from spacy import util
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import PRFScore
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from .errors import Errors

DEFAULT_SPANS_KEY = "boilerplate"
BOILERPLATE_LABEL = "BOILERPLATE"

# Line classes.
_CONTENT = 0
_BLANK = 1
_STRONG = 2  # boilerplate on its own evidence
_WEAK = 3  # navigation crumbs (大, 】, >): boilerplate next to other boilerplate
_TAG = 4  # short unpunctuated line: boilerplate in a run at the top

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A site notice opens with 温馨提示 and runs through its numbered lines to the
# 网站客服 line.
_NOTICE_START = re.compile(r"温馨提示|友情提示|下载提示|下载须知")
_NOTICE_END = re.compile(r"(?:网站|在线)?客服(?:QQ|qq|电话|热线|微信)?\s*[:：]")
_NOTICE_ITEM = re.compile(r"[0-9０-９]{1,2}\s*[.．、]")
_NOTICE = re.compile(
    r"^(?:前言\s*[:：]\s*本站|免责声明|版权声明|本文档由|本文档为|本文由用户|本资料由|"
    r"(?:网站|在线)?客服(?:QQ|qq|电话|热线|微信)?\s*[:：])"
    r"|本站[為为]你精心整理|本站[為为]您精心整理|本文档由用户上传|版权归属用户|如有侵权|"
    r"请联系客服|联系客服处理|下载后无此问题|付费完成后|文档下载后|原创力文档|"
    r"汇文网|豆丁网|道客巴巴|百度文库|免费下载"
)
_PAGE_COUNTER = re.compile(
    r"第\s*[0-9０-９]+\s*页(?:\s*[,，/、]?\s*共\s*[0-9０-９]+\s*页)?"
    r"|共\s*[0-9０-９]+\s*页\s*[,，/、]?\s*第\s*[0-9０-９]+\s*页"
    r"|[-—–－]\s*[0-9０-９]+\s*[-—–－]"
    r"|[0-9０-９]+\s*/\s*[0-9０-９]+"
    r"|[Pp]age\s*\d+(?:\s*(?:of|/)\s*\d+)?"
)
_NAV_STRONG = (
    r"打印本页|关闭窗口|关闭本页|返回顶部|返回首页|下载|打印|全屏|收藏|"
    r"【\s*字号\s*[:：]?|字号\s*[:：]?|加大|还原|减小|【\s*字体\s*[:：]?|字体\s*[:：]?|"
    r"分享到微信|分享到微博|分享到\s*[:：]?|分享\s*[:：]?|首页|"
    r"(?:您的|当前)位置\s*[:：]?|相关(?:报道|文档|新闻|阅读|链接|附件)\s*(?:[:：]|>>)?|"
    r"扫一扫在手机打开当前页|》》点击图片进入专题《《|"
    r"【\s*打印\s*】|【\s*关闭\s*】|上一篇|下一篇"
)
_NAV_WEAK = r"[大中小]|默认|【|】|\||×|[>›»＞]"
_NAV_TOKEN = f"(?:{_NAV_STRONG}|{_NAV_WEAK})"
_NAV_LINE = re.compile(f"{_NAV_TOKEN}(?:\\s*{_NAV_TOKEN})*")
_NAV_STRONG_TOKEN = re.compile(_NAV_STRONG)
_CRUMB_SEPARATOR = re.compile(r"[>›»＞]")
_METADATA_KEYS = (
    r"来源|稿源|信息来源|文章来源|时间|日期|发布时间|发表时间|发布日期|更新时间|"
    r"浏览次数|浏览量|阅读量|阅读次数|阅读数|点击数|点击量|点击率|访问量|访问次数|"
    r"作者|编辑|责任编辑|责编|审核|校对|字体"
)
_METADATA = re.compile(f"[（(]?(?:{_METADATA_KEYS})\\s*[:：]")
_METADATA_KEY_ONLY = re.compile(f"(?:{_METADATA_KEYS})\\s*[:：]")
_TIMESTAMP = re.compile(
    # 2026-02-09 or 2026/02/09 10:30; a dotted or 年月日 date alone may be a
    # report's own date line, so those need a time.
    r"\d{4}\s*[-/]\s*\d{1,2}\s*[-/]\s*\d{1,2}(?:\s+\d{1,2}:\d{1,2}(?::\d{1,2})?)?"
    r"|\d{4}\.\d{1,2}\.\d{1,2}\s+\d{1,2}:\d{1,2}(?::\d{1,2})?"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[时:：]\d{1,2}分?(?:\d{1,2}秒)?"
)
_TOC_HEADER = re.compile(r"目\s*录\s*[:：]?")
_TOC_LEADER = re.compile(r".*?(?:\.{3,}|…+|·{3,}|．{3,}|。{3,}|-{3,}|_{3,})\s*[0-9０-９]{1,3}")
_TOC_PAGE_ENTRY = re.compile(r"\S.{0,80}?\s+[0-9０-９]{1,3}")
_WORD_ONLY = re.compile(r"\w+")
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")
_ANY_PUNCT = re.compile(r"[。！？；：，、!?;:,]")
_VALUE_MAX_CHARS = 30
_CRUMB_MAX_CHARS = 20


def line_ranges(text: str) -> List[Tuple[int, int]]:
    """Split a text into lines.

    text (str): The text.
    RETURNS (List[Tuple[int, int]]): The char range of each line, line
        terminator (\\n, \\r\\n or \\r) excluded.
    """
    ranges = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return ranges


def find_boilerplate(
    text: str,
    *,
    tag_line_max_chars: int = 4,
    tag_line_min_run: int = 2,
    metadata_max_chars: int = 40,
) -> List[Tuple[int, int]]:
    """Find the boilerplate lines of a document.

    text (str): The document text.
    tag_line_max_chars (int): Longest line (stripped) that can be a keyword or
        tag line left by a site. 0 turns tag lines off.
    tag_line_min_run (int): Fewest short lines in a row that make a block of
        tag lines.
    metadata_max_chars (int): Longest line that can be a site metadata line
        (来源：…, 时间：…).
    RETURNS (List[Tuple[int, int]]): Whole-line char ranges, line terminators
        excluded, in document order.
    """
    lines = line_ranges(text)
    stripped = [text[start:end].strip() for start, end in lines]
    classes = [_classify(line, tag_line_max_chars, metadata_max_chars) for line in stripped]
    _mark_blocks(stripped, classes)
    _mark_neighbours(stripped, classes, tag_line_min_run)
    return [lines[i] for i, cls in enumerate(classes) if cls == _STRONG]


def _classify(line: str, tag_line_max_chars: int, metadata_max_chars: int) -> int:
    """Classify one stripped line on its own evidence."""
    if not line:
        return _BLANK
    if _NAV_LINE.fullmatch(line):
        return _STRONG if _NAV_STRONG_TOKEN.search(line) else _WEAK
    if (
        _PAGE_COUNTER.fullmatch(line)
        or _TIMESTAMP.fullmatch(line)
        or _TOC_HEADER.fullmatch(line)
        or _TOC_LEADER.fullmatch(line)
        or _NOTICE.search(line)
        or (len(line) <= metadata_max_chars and _METADATA.match(line))
    ):
        return _STRONG
    if len(line) <= tag_line_max_chars and _WORD_ONLY.fullmatch(line):
        return _TAG
    return _CONTENT


def _next_filled(classes: Sequence[int], i: int, step: int = 1) -> int:
    """Index of the next non-blank line from i (exclusive), or -1."""
    i += step
    while 0 <= i < len(classes):
        if classes[i] != _BLANK:
            return i
        i += step
    return -1


def _mark_blocks(lines: Sequence[str], classes: List[int]) -> None:
    """Mark the multi-line blocks that open with a telling line: site notices,
    tables of contents, metadata keys whose value is on the next line and
    breadcrumbs split over lines."""
    for i, line in enumerate(lines):
        if classes[i] == _BLANK:
            continue
        if _NOTICE_START.match(line):
            block = [i]
            j = _next_filled(classes, i)
            while j != -1:
                if _NOTICE_END.match(lines[j]):
                    block.append(j)
                    break
                if not (_NOTICE_ITEM.match(lines[j]) or classes[j] == _STRONG):
                    break
                block.append(j)
                j = _next_filled(classes, j)
            for k in block:
                classes[k] = _STRONG
        elif _TOC_HEADER.fullmatch(line):
            j = _next_filled(classes, i)
            while j != -1 and (_TOC_LEADER.fullmatch(lines[j]) or _TOC_PAGE_ENTRY.fullmatch(lines[j])):
                classes[j] = _STRONG
                j = _next_filled(classes, j)
        elif _METADATA_KEY_ONLY.fullmatch(line):
            j = _next_filled(classes, i)
            if j != -1 and len(lines[j]) <= _VALUE_MAX_CHARS and not _SENTENCE_PUNCT.search(lines[j]):
                classes[j] = _STRONG
        elif _CRUMB_SEPARATOR.fullmatch(line):
            j = _next_filled(classes, i)
            if j != -1 and classes[j] in (_CONTENT, _TAG) and len(lines[j]) <= _CRUMB_MAX_CHARS \
                    and not _ANY_PUNCT.search(lines[j]):
                classes[j] = _WEAK


def _mark_neighbours(lines: Sequence[str], classes: List[int], tag_line_min_run: int) -> None:
    """Resolve weak and tag lines by their neighbours: a run of them becomes
    boilerplate when it touches boilerplate; tag lines only in the preamble
    (before the first punctuated content line) and in runs of at least
    tag_line_min_run lines."""
    preamble_end = len(lines)
    for i, line in enumerate(lines):
        if classes[i] == _CONTENT and _ANY_PUNCT.search(line):
            preamble_end = i
            break
    i = 0
    while i < len(lines):
        if classes[i] not in (_WEAK, _TAG):
            i += 1
            continue
        run = [i]
        j = _next_filled(classes, i)
        while j != -1 and classes[j] in (_WEAK, _TAG):
            run.append(j)
            j = _next_filled(classes, j)
        before = _next_filled(classes, i, -1)
        touches = (before != -1 and classes[before] == _STRONG) or (j != -1 and classes[j] == _STRONG)
        has_tags = any(classes[k] == _TAG for k in run)
        if touches and (not has_tags or (len(run) >= tag_line_min_run and run[-1] < preamble_end)):
            for k in run:
                classes[k] = _STRONG
        elif touches:
            for k in run:
                if classes[k] == _WEAK:
                    classes[k] = _STRONG
        i = run[-1] + 1


def _ranges_from_spans(doc: Doc, spans_key: str) -> Optional[List[Tuple[int, int]]]:
    if doc.has_extension("boilerplate") and doc._.boilerplate is not None:
        return list(doc._.boilerplate)
    if spans_key in doc.spans:
        return [(span.start_char, span.end_char) for span in doc.spans[spans_key]]
    return None


def get_boilerplate(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> List[Tuple[int, int]]:
    """The boilerplate char ranges of a doc: `Doc._.boilerplate` where set, else
    the char offsets of doc.spans[spans_key], else none.

    doc (Doc): The document.
    spans_key (str): The span group to fall back on.
    RETURNS (List[Tuple[int, int]]): The ranges.
    """
    return _ranges_from_spans(doc, spans_key) or []


def _char_count(ranges: Iterable[Tuple[int, int]]) -> int:
    return sum(end - start for start, end in ranges)


def _overlap(ranges_a: Sequence[Tuple[int, int]], ranges_b: Sequence[Tuple[int, int]]) -> int:
    """Characters covered by both lists of ranges (each list non-overlapping)."""
    a = sorted(ranges_a)
    b = sorted(ranges_b)
    i = j = total = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if end > start:
            total += end - start
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def score_boilerplate(
    examples: Iterable[Example], *, spans_key: str = DEFAULT_SPANS_KEY, **kwargs
) -> Dict[str, Optional[float]]:
    """Character-level precision, recall and F-score of boilerplate ranges.
    Examples whose reference has no boilerplate annotation are skipped.

    examples (Iterable[Example]): The examples to score.
    spans_key (str): The span group read when `Doc._.boilerplate` is unset.
    RETURNS (Dict[str, Optional[float]]): boilerplate_p, boilerplate_r and
        boilerplate_f, None where no example is annotated.
    """
    score = PRFScore()
    annotated = False
    for example in examples:
        gold = _ranges_from_spans(example.reference, spans_key)
        if gold is None:
            continue
        annotated = True
        pred = _ranges_from_spans(example.predicted, spans_key) or []
        overlap = _overlap(pred, gold)
        score.tp += overlap
        score.fp += _char_count(pred) - overlap
        score.fn += _char_count(gold) - overlap
    if not annotated:
        return {"boilerplate_p": None, "boilerplate_r": None, "boilerplate_f": None}
    return {"boilerplate_p": score.precision, "boilerplate_r": score.recall, "boilerplate_f": score.fscore}


@registry.scorers("zhgov.boilerplate_scorer.v1")
def make_boilerplate_scorer() -> Callable:
    return score_boilerplate


@Language.factory(
    "zhgov_boilerplate",
    assigns=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "tag_line_max_chars": 4,
        "tag_line_min_run": 2,
        "metadata_max_chars": 40,
        "scorer": {"@scorers": "zhgov.boilerplate_scorer.v1"},
    },
    default_score_weights={"boilerplate_f": 1.0, "boilerplate_p": 0.0, "boilerplate_r": 0.0},
)
def make_boilerplate(
    nlp: Language,
    name: str,
    spans_key: str,
    tag_line_max_chars: int,
    tag_line_min_run: int,
    metadata_max_chars: int,
    scorer: Optional[Callable],
) -> "BoilerplateDetector":
    return BoilerplateDetector(
        nlp,
        name,
        spans_key=spans_key,
        tag_line_max_chars=tag_line_max_chars,
        tag_line_min_run=tag_line_min_run,
        metadata_max_chars=metadata_max_chars,
        scorer=scorer,
    )


class BoilerplateDetector(Pipe):
    """Mark the lines that are not part of the report: site notices, page
    counters, navigation, metadata and tag lines, tables of contents. Sets
    doc.spans[spans_key] and `Doc._.boilerplate` (exact char ranges).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "zhgov_boilerplate",
        *,
        spans_key: str = DEFAULT_SPANS_KEY,
        tag_line_max_chars: int = 4,
        tag_line_min_run: int = 2,
        metadata_max_chars: int = 40,
        scorer: Optional[Callable] = score_boilerplate,
    ) -> None:
        """Initialize the boilerplate detector.

        nlp (Language): The shared nlp object.
        name (str): Instance name of the component in the pipeline.
        spans_key (str): Key of the span group to set.
        tag_line_max_chars (int): Longest line that can be a tag line.
        tag_line_min_run (int): Fewest tag lines in a row that count.
        metadata_max_chars (int): Longest line that can be a metadata line.
        scorer (Optional[Callable]): The scoring method.
        """
        self.nlp = nlp
        self.name = name
        self.scorer = scorer
        self.cfg = {
            "spans_key": spans_key,
            "tag_line_max_chars": tag_line_max_chars,
            "tag_line_min_run": tag_line_min_run,
            "metadata_max_chars": metadata_max_chars,
        }
        self._validate_cfg()
        if not Doc.has_extension("boilerplate"):
            Doc.set_extension("boilerplate", default=None)

    def _validate_cfg(self) -> None:
        for setting, minimum in (("tag_line_max_chars", 0), ("tag_line_min_run", 1), ("metadata_max_chars", 0)):
            value = self.cfg[setting]
            if not isinstance(value, int) or value < minimum:
                raise ValueError(Errors.E200.format(
                    component=self.name, setting=setting, value=value, expected=f"an integer >= {minimum}"
                ))

    @property
    def spans_key(self) -> str:
        return self.cfg["spans_key"]

    def __call__(self, doc: Doc) -> Doc:
        """Mark the boilerplate lines of a doc.

        doc (Doc): The document.
        RETURNS (Doc): The document, with doc.spans[spans_key] and
            `Doc._.boilerplate` set.
        """
        ranges = find_boilerplate(
            doc.text,
            tag_line_max_chars=self.cfg["tag_line_max_chars"],
            tag_line_min_run=self.cfg["tag_line_min_run"],
            metadata_max_chars=self.cfg["metadata_max_chars"],
        )
        spans = []
        for start, end in ranges:
            span = doc.char_span(start, end, label=BOILERPLATE_LABEL, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.boilerplate = ranges
        return doc

    def score(self, examples: Iterable[Example], **kwargs) -> Dict[str, Optional[float]]:
        """Score a batch of examples (see `score_boilerplate`).

        examples (Iterable[Example]): The examples to score.
        RETURNS (Dict[str, Optional[float]]): The scores.
        """
        if self.scorer is None:
            return {}
        kwargs.setdefault("spans_key", self.spans_key)
        return self.scorer(examples, **kwargs)

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        """Serialize the detector's settings to a bytestring.

        RETURNS (bytes): The serialized settings.
        """
        serializers = {"cfg": lambda: srsly.json_dumps(self.cfg)}
        return util.to_bytes(serializers, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()) -> "BoilerplateDetector":
        """Load the detector's settings from a bytestring.

        bytes_data (bytes): The data to load.
        RETURNS (BoilerplateDetector): The loaded detector.
        """
        deserializers = {"cfg": lambda b: self._load_cfg(srsly.json_loads(b))}
        util.from_bytes(bytes_data, deserializers, exclude)
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        """Serialize the detector's settings to a directory.

        path (str / Path): A path to a directory, created if it doesn't exist.
        """
        serializers = {"cfg": lambda p: srsly.write_json(p.with_suffix(".json"), self.cfg)}
        util.to_disk(path, serializers, exclude)

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()) -> "BoilerplateDetector":
        """Load the detector's settings from a directory.

        path (str / Path): A path to a directory.
        RETURNS (BoilerplateDetector): The loaded detector.
        """
        deserializers = {"cfg": lambda p: self._load_cfg(srsly.read_json(p.with_suffix(".json")))}
        util.from_disk(path, deserializers, exclude)
        return self

    def _load_cfg(self, cfg: Dict) -> None:
        self.cfg.update(cfg)
        self._validate_cfg()
