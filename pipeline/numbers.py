"""MONEY and PERSON_COUNT mentions with exact, normalised values.

`find_quantities` scans raw text with one compiled regular expression and a few
checks of the characters around each candidate (ANNOTATION.md §3). The
`zhgov_numbers` component puts what it finds into `doc.ents` and the values
into `Span._.value`.
"""
import re
from bisect import bisect_left
from collections import OrderedDict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from spacy import util
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples
from spacy.util import SimpleFrozenList, registry

from .errors import Errors
from .tokenizer import doc_text
from .numerals import (
    BIG_MAGNITUDES,
    CHINESE_DIGITS,
    SMALL_MAGNITUDES,
    parse_number,
    to_plain_number,
)

MONEY = "MONEY"
PERSON_COUNT = "PERSON_COUNT"
LABELS = (MONEY, PERSON_COUNT)
BOILERPLATE_KEY = "boilerplate"

# Currency units written after a number, and their ISO 4217 codes.
DEFAULT_CURRENCIES: Dict[str, str] = {
    "元": "CNY",
    "圆": "CNY",
    "人民币": "CNY",
    "美元": "USD",
    "美金": "USD",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
    "英镑": "GBP",
    "日元": "JPY",
    "澳元": "AUD",
    "加元": "CAD",
    "韩元": "KRW",
    "卢布": "RUB",
    "澳门元": "MOP",
    "新台币": "TWD",
    "瑞士法郎": "CHF",
}

# Approximations and bounds (ANNOTATION.md §3, MONEY): just before the number
# (人民币 and white space may come between) or just after the span.
APPROX_BEFORE = (
    "约", "近", "逾", "超", "超过", "超出", "突破", "不少于", "不低于", "不到", "不足",
    # bounds: at least, at most
    "至少", "最少", "最低", "至多", "最多", "最高", "低于", "少于", "高于", "多于", "大于", "小于",
    # traditional forms
    "約", "超過", "不少於", "不低於", "低於", "少於", "高於", "多於",
)  # fmt: skip
APPROX_AFTER = ("以上", "以下", "左右", "以内", "以內")
# 多 after the unit where the clause ends (节约资金11亿元多。), not a word (多个, 多次).
_MORE_AFTER = re.compile(r"多(?:$|[，。；：！？、,.;:!?）)\s])")
# Words that end in an approximation marker without being one: 签约1,870人 is
# an exact count, 附近3000人 a place.
NOT_APPROX_BEFORE = (
    "签约", "簽約", "合约", "合約", "预约", "預約", "履约", "履約", "节约", "節約", "制约", "制約",
    "特约", "特約", "公约", "公約", "违约", "違約", "邀约", "邀約", "集约", "集約", "条约", "條約",
    "简约", "簡約", "契约", "契約", "相约", "相約", "赴约", "赴約", "最近", "附近", "就近", "亲近", "親近",
)  # fmt: skip
# A cap that the verb of a grant or loan separates from the amount: 单户最高授信
# 3000万元, 最高可达500万元, 每人最高减免1,800元, 至少配备1名. Not a record (单日最高接待2.1万人次)
# nor a bound of something else (最低档次保费210万元).
_CAP_BEFORE = re.compile(
    r"(?:最高|最多|至多|至少|不超过|不超過)(?:可|给予|一次性)*"
    r"(?:达|获得|获|贷|申领|授信|减免|补助|补贴|补偿|贴息|担保|奖补|奖励|资助|贷款|支持|赔付|扶持|发放|报销|享受|配备|配足|安排|选派|投入|培养|"
    r"提高到|提高至|提升到|提升至)?$"
)
# How far the checks around a candidate look, in characters.
CONTEXT_WIDTH = 8
TITLE_WIDTH = 200
# Texts whose mentions a finder remembers.
RECENT_TEXTS = 4
# Larger values are digit strings that are not amounts (ids, garbage).
MAX_VALUE = Decimal(10) ** 20

# Characters after a classifier that make it part of another word:
# 人口, 人民, 人才, 五人制, 二人转; 名单, 名称, 名词, 名次 …; 位数, 位次,
# 位居, 369位上升到235位 ….
NOT_AFTER_REN = frozenset("口民才制转份")  # … 1200人份: doses, not people
NOT_AFTER_MING = frozenset("单录称词次义列额片牌言胜")
NOT_AFTER_WEI = frozenset("数次居列于置上下升降提至到")
# A count in 位 that ends its phrase follows a noun for people (院士6位, 专家12位,
# 人才87位), never a rank (提升4位, 全国第2位).
PERSON_NOUN_ENDS = frozenset("士师家才员者生授表宾队商")  # … 专家团队6位, 客商320余位
# 元旦, 元宵, 元素 …; 圆满, 圆梦 ….
NOT_AFTER_CURRENCY = {"元": frozenset("旦宵素件首帅老勋"), "圆": frozenset("满梦形桌心周环顶")}
# Before the numeral: a rank (第3名, 前十名), a rate (每万人), a vague
# quantity (数十人, 几百人), a masked or longer number (20xx9人, 1.5.3万元).
NOT_BEFORE = frozenset(
    "第每0123456789０１２３４５６７８９.．"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ*＊×#＃"
)
NOT_BEFORE_CHINESE = frozenset("数几若")
NOT_BEFORE_RANK = frozenset("前后")  # 前十名, 前五位
# Words ending in 前/后 that are no rank prefix: 博士后1426名, 此后3名.
NOT_RANK_WORDS = (
    "博士后", "博士後", "之后", "之後", "此后", "此後", "以后", "以後", "其后", "其後", "随后", "隨後",
    "然后", "然後", "今后", "今後", "会后", "會後", "事后", "事後", "目前", "之前", "此前", "以前",
    "提前", "当前", "當前",
)  # fmt: skip
NOT_BEFORE_WEI = frozenset("升降进退居列移")  # 提升4位

CHINESE_NUMERAL_CHARS = frozenset(CHINESE_DIGITS).union(
    SMALL_MAGNITUDES, BIG_MAGNITUDES
)
# A numeral of these alone is a title or a vague amount (百名优秀宣讲员,
# 千人计划, XX万元, 每万人) unless 余/多 follows (万余人); two of them make
# an amount of money (千亿元).
BARE_MAGNITUDES = frozenset("百佰千仟万萬亿億")
MAGNITUDE_CHARS = frozenset(SMALL_MAGNITUDES).union(BIG_MAGNITUDES)

_D = "0-9０-９"
_CN_DIGITS = "".join(CHINESE_DIGITS)
_SMALL = "".join(SMALL_MAGNITUDES)
_BIG = "".join(BIG_MAGNITUDES)
_HSPACE = "[ \\t\\u3000\\xa0]"
_LINEBREAK = "(?:\\r\\n|\\n|\\r)"
# Noise that may sit inside a mention (ANNOTATION.md §3): a page break
# (up to four line ends), a PDF space, pinyin after a character: 萬(wàn).
_PAGE_BREAK = f"{_HSPACE}*{_LINEBREAK}(?:{_HSPACE}*{_LINEBREAK}){{0,3}}{_HSPACE}*"
_PINYIN = "[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}[1-5]?[)）]"
_NOISE = f"(?:{_PINYIN})?(?:{_PAGE_BREAK}|{_HSPACE}{{1,3}})?"
# 3200, 3,200, 1,643.5, and 3⏎⏎3.8 or 386.⏎42 (digits split by one page break).
_DIGITS = f"[{_D}](?:[{_D}]|[,，](?=[{_D}]{{3}}(?![{_D}])))*"
_ARABIC = f"{_DIGITS}(?:{_PAGE_BREAK}{_DIGITS})?(?:[.．](?:{_PAGE_BREAK})?[{_D}]+)?"
_ARABIC_ATOM = f"{_ARABIC}(?:[{_SMALL}](?:{_ARABIC}[{_SMALL}])*(?:{_ARABIC})?)?"
_CHINESE_ATOM = f"[{_CN_DIGITS}{_SMALL}]+"
_ATOM = f"(?:{_ARABIC_ATOM}|{_CHINESE_ATOM})"
_NUMERAL = (
    f"(?:{_ATOM}(?:{_NOISE}[{_BIG}]+{_ATOM})*(?:{_NOISE}[{_BIG}]+)?|[{_BIG}]+)"
)
# A range's separator, with spaces or a line break on either side (30万元⏎至50万元).
_RANGE_GAP = f"(?:{_HSPACE}{{0,2}}|{_HSPACE}*{_LINEBREAK}{_HSPACE}*)"
_RANGE_SEP = f"{_RANGE_GAP}(?:[-－—–~～〜]{{1,2}}|至|到){_RANGE_GAP}"
_PERSON_CLASSIFIER = f"人(?:{_NOISE}次)?|名|位"
_NOISE_RE = re.compile(f"{_PINYIN}|\\s+")
# Characters before an Arabic numeral that make it part of a longer numeral.
# 大写 digits are left out: they are everyday characters too (队伍120人).
_BEFORE_ARABIC = _D + "".join(
    char for char in CHINESE_DIGITS if char in "零〇○一二两兩三四五六七八九"
) + _SMALL + _BIG
# 三四名, 两三百人, 十五六万元: two neighbouring digits are an approximate range.
_NEIGHBOUR_DIGITS = re.compile(
    "(?P<tens>[一二两三四五六七八九]?十)?(?P<low>[一二两三四五六七八])(?P<high>[二三四五六七八九])"
    f"(?P<magnitude>[{_SMALL}{_BIG}]*)"
)
# One X, one Y: 一个项目一名专管员 counts people per project.
_DISTRIBUTIVE_BEFORE = re.compile("一[个個所家村户戶项項座条條处處支][\u4e00-\u9fff]{1,4}$")
_QUOTES = {"“": "”", "\"": "\"", "‘": "’", "'": "'", "「": "」", "『": "』"}
_RANGE_SEP_RE = re.compile(_RANGE_SEP)
_DIGIT_BREAK_RE = re.compile(f"(?<=[{_D}]){_PAGE_BREAK}(?=[{_D}])")


class Quantity(NamedTuple):
    """A MONEY or PERSON_COUNT mention found in raw text."""

    start: int
    end: int
    label: str
    value: Dict[str, Any]


class QuantityFinder:
    """Find MONEY and PERSON_COUNT mentions in raw text.

    The regular expression is compiled once, when the finder is created.
    """

    def __init__(self, currencies: Optional[Dict[str, str]] = None) -> None:
        """Initialize the finder.

        currencies (Optional[Dict[str, str]]): Currency units written after a
            number, mapped to their codes. Defaults to DEFAULT_CURRENCIES.
        """
        if currencies is None:
            currencies = DEFAULT_CURRENCIES
        for unit, code in currencies.items():
            if not isinstance(unit, str) or not unit.strip():
                raise ValueError(Errors.E104.format(unit=unit, code=code))
            if not isinstance(code, str) or not code.strip():
                raise ValueError(Errors.E104.format(unit=unit, code=code))
        self.currencies = dict(currencies)
        # The mentions of the last texts scanned (see __call__).
        self._recent: "OrderedDict[str, List[Quantity]]" = OrderedDict()
        units = "|".join(
            re.escape(unit) for unit in sorted(self.currencies, key=len, reverse=True)
        )
        # A mention never starts inside a numeral: this also keeps the scan
        # linear on long digit runs.
        self.pattern: "re.Pattern[str]" = re.compile(
            f"(?:(?<![{_BEFORE_ARABIC}])(?=[{_D}])|(?<![{_D}{_CN_DIGITS}{_SMALL}{_BIG}])(?![{_D}]))"
            f"(?P<n1>{_NUMERAL})"
            f"(?:{_NOISE}(?P<a1>[余多餘])(?P<m1>[{_BIG}]*))?"
            f"(?:(?P<sep>{_RANGE_SEP})(?P<n2>{_NUMERAL})"
            f"(?:{_NOISE}(?P<a2>[余多餘])(?P<m2>[{_BIG}]*))?)?"
            f"{_NOISE}"
            f"(?:(?P<cur>{units})(?P<zheng>整)?|(?P<pc>{_PERSON_CLASSIFIER}))"
        )

    def __call__(
        self, text: str, *, money: bool = True, person_count: bool = True
    ) -> List[Quantity]:
        """Find the mentions in a text.

        text (str): The raw text.
        money (bool): Whether to find MONEY mentions.
        person_count (bool): Whether to find PERSON_COUNT mentions.
        RETURNS (List[Quantity]): Non-overlapping mentions, sorted by offset.
        """
        # The tokenizer and the numbers component (and, for a long document,
        # the chunker) ask about the same text in a row: scan it once.
        quantities = self._recent.get(text)
        if quantities is None:
            quantities = self._find(text)
            self._recent[text] = quantities
            if len(self._recent) > RECENT_TEXTS:
                self._recent.popitem(last=False)
        return [
            quantity._replace(value=dict(quantity.value))
            for quantity in quantities
            if (money if quantity.label == MONEY else person_count)
        ]

    def _find(self, text: str) -> List[Quantity]:
        """All the mentions of a text, MONEY and PERSON_COUNT."""
        quantities: List[Quantity] = []
        pos = 0
        while True:
            match = self.pattern.search(text, pos)
            if match is None:
                break
            quantity, pos = self._read(match, text)
            if quantity is not None:
                quantities.append(quantity)
        return _merge_ranges(text, quantities)

    def read(
        self, label: str, text: str, left: str = "", right: str = ""
    ) -> Dict[str, Any]:
        """Read the value of one given span, e.g. a hand-written gold span.

        The rules that decide whether a candidate is a mention (ranks, titles,
        articles …) are not applied: the span is taken as given.

        label (str): "MONEY" or "PERSON_COUNT".
        text (str): The span text.
        left (str): The text before the span, for 约/近/超过 ….
        right (str): The text after the span, for 以上/左右 ….
        RETURNS (Dict[str, Any]): The value, as in ANNOTATION.md §3.
        """
        if label not in LABELS:
            raise ValueError(Errors.E103.format(label=label))
        context = left + text + right
        start = len(left)
        end = start + len(text)
        match = self.pattern.match(context, start, end)
        if match is not None and match.end() == end:
            found = MONEY if match.group("cur") else PERSON_COUNT
            if found != label:
                raise ValueError(Errors.E102.format(text=text, found=found, label=label))
            value = self._value(match.groupdict(), context, start, end)
        else:
            value = self._read_unit_range(label, context, start, end)
        if value is None:
            raise ValueError(Errors.E101.format(text=text, label=label))
        return value

    def _read_unit_range(
        self, label: str, context: str, start: int, end: int
    ) -> Optional[Dict[str, Any]]:
        """Read a range with a unit on both ends (1万元至5万元) as one value, or
        None where the span is not one."""
        first = self.pattern.match(context, start, end)
        if first is None:
            return None
        separator = _RANGE_SEP_RE.match(context, first.end(), end)
        if separator is None:
            return None
        second = self.pattern.match(context, separator.end(), end)
        if second is None or second.end() != end:
            return None
        parts = []
        for match in (first, second):
            found = MONEY if match.group("cur") else PERSON_COUNT
            value = self._value(match.groupdict(), context, match.start(), match.end())
            if found != label or value is None:
                return None
            parts.append(Quantity(match.start(), match.end(), found, value))
        if not _is_range_pair(context, parts[0], parts[1]):
            return None
        return _merge_ranges(context, parts)[0].value

    def _read(
        self, match: "re.Match[str]", text: str
    ) -> Tuple[Optional[Quantity], int]:
        """Check a candidate and read its value.

        RETURNS (Tuple[Optional[Quantity], int]): The mention or None, and the
            offset to search on from.
        """
        groups = match.groupdict()
        start = match.start()
        end = match.end()
        numeral = groups["n1"]
        # A number alone on its line before a page break is a page number,
        # not the first digits of the next line's amount.
        line_end = _first_line_end(numeral)
        if line_end is not None and _alone_on_line(text, start):
            return None, start + line_end
        if not self._accept_before(groups, text, start):
            return None, end
        label = MONEY if groups["cur"] else PERSON_COUNT
        if groups["zheng"] and _is_cjk(_char_at(text, end)):
            end = match.end("cur")  # 100万元整合资源: 整 starts a word
        if not self._accept_after(groups, text, start, end):
            return None, end
        if _inside_title(text, start, end) or _inside_quotes(text, start, end):
            return None, end
        if _is_bare_magnitude(numeral) and not groups["a1"]:
            # 千亿元 is an amount; 万元户, 千人计划 and 百名 are words, and so
            # are a scale (千亿元级), a step (两个万亿元台阶) and a rate (/百亿元).
            if (
                label != MONEY
                or len(_clean(numeral)) < 2
                or _char_at(text, start - 1) in "个個/／"
                or _char_at(text, end) in "级級"
            ):
                return None, end
        if groups["n2"] is not None and _is_bare_magnitude(groups["n2"]):
            return None, end
        cleaned = _clean(numeral)
        if (
            len(cleaned) == 1
            and cleaned in CHINESE_DIGITS
            and groups["n2"] is None
            and not groups["m1"]
            and _is_cjk(_char_at(text, end))
        ):
            # A single Chinese digit glued to a unit and a noun is a word of
            # its own: 二元结构, 三人篮球, 五人制; 一名/一位 + noun is an
            # article (作为一名教育管理者); 两名干部 is a count.
            unit = groups["pc"] or groups["cur"]
            if label == MONEY or unit == "人":
                return None, end
            if cleaned in ("一", "壹") and not _DISTRIBUTIVE_BEFORE.search(
                text, max(0, start - CONTEXT_WIDTH), start
            ):
                return None, end
        value = self._value(groups, text, start, end)
        if value is None:
            if groups["n2"] is not None:
                # A broken range (10-5人): the second part may stand alone.
                return None, match.start("n2")
            return None, end
        return Quantity(start, end, label, value), end

    def _accept_before(
        self, groups: Dict[str, Optional[str]], text: str, start: int
    ) -> bool:
        before = _char_at(text, start - 1)
        if before in NOT_BEFORE:
            return False
        numeral = groups["n1"] or ""
        if numeral[0] in "0０" and len(numeral) > 1 and numeral[1] not in ".．":
            return False  # 0391: a phone or code, not an amount
        if numeral[0] in CHINESE_NUMERAL_CHARS and before in NOT_BEFORE_CHINESE:
            return False
        classifier = groups["pc"]
        if (
            classifier in ("名", "位")
            and before in NOT_BEFORE_RANK
            and not text.endswith(NOT_RANK_WORDS, max(0, start - 3), start)
        ):
            return False
        if classifier == "位" and before in NOT_BEFORE_WEI:
            return False
        return True

    def _accept_after(
        self, groups: Dict[str, Optional[str]], text: str, start: int, end: int
    ) -> bool:
        after = _char_at(text, end)
        classifier = groups["pc"]
        if classifier is None:
            return after not in NOT_AFTER_CURRENCY.get(groups["cur"] or "", ())
        if classifier == "人":
            if after == "年" and not _is_cjk(_char_at(text, end + 1)):
                return False  # 19.8万人年: person-years
            return after not in NOT_AFTER_REN
        if classifier == "名":
            # 名义 is a word, but 2.1万名|义务教育教师 counts teachers
            return after not in NOT_AFTER_MING or text.startswith("义务", end)
        if classifier == "位":
            # 提升4位。, 三位一体: a count of people is followed by its noun,
            # or follows it (院士6位。)
            if not _is_cjk(after):
                return _char_at(text, start - 1) in PERSON_NOUN_ENDS
            return after not in NOT_AFTER_WEI and not text.startswith("一体", end)
        return True  # 人次

    def _value(
        self, groups: Dict[str, Optional[str]], text: str, start: int, end: int
    ) -> Optional[Dict[str, Any]]:
        """Compute the value dict, or None where the numerals are unreadable."""
        first = _clean(groups["n1"] or "") + (groups["m1"] or "")
        amount_max: Optional[Decimal] = None
        neighbours = _NEIGHBOUR_DIGITS.fullmatch(first) if groups["n2"] is None else None
        if neighbours is not None and not _is_neighbour_pair(neighbours):
            neighbours = None
        try:
            if neighbours is not None:
                amount, amount_max = _neighbour_range(neighbours)
            elif groups["n2"] is None:
                amount = parse_number(first)
            else:
                second = _clean(groups["n2"]) + (groups["m2"] or "")
                amount = _range_start(first, second)
                amount_max = parse_number(second)
                if amount >= amount_max:
                    return None
        except ValueError:
            return None
        if max(amount, amount_max or 0) > MAX_VALUE:
            return None
        approx = (
            bool(groups["a1"] or groups["a2"] or neighbours)
            or _approx_around(text, start, end)
        )
        unit = groups["cur"]
        if unit is not None:
            return {
                "amount": to_plain_number(amount),
                "amount_max": (
                    None if amount_max is None else to_plain_number(amount_max)
                ),
                "currency": self.currencies[unit],
                "approx": approx,
            }
        if amount != amount.to_integral_value() or (
            amount_max is not None and amount_max != amount_max.to_integral_value()
        ):
            return None  # 2.5人 is an average, not a count
        return {
            "count": int(amount),
            "count_max": None if amount_max is None else int(amount_max),
            "approx": approx,
            "per_visit": "次" in (groups["pc"] or ""),
        }


_DEFAULT_FINDER = QuantityFinder(DEFAULT_CURRENCIES)


@lru_cache(maxsize=16)
def _cached_finder(currencies: Tuple[Tuple[str, str], ...]) -> QuantityFinder:
    return QuantityFinder(dict(currencies))


def get_finder(currencies: Optional[Dict[str, str]] = None) -> QuantityFinder:
    """Get the finder for a currency mapping, compiled once per mapping.

    currencies (Optional[Dict[str, str]]): Currency units mapped to codes.
        Defaults to DEFAULT_CURRENCIES.
    RETURNS (QuantityFinder): The finder.
    """
    if currencies is None or currencies == DEFAULT_CURRENCIES:
        return _DEFAULT_FINDER
    return _cached_finder(tuple(sorted(currencies.items())))


def find_quantities(
    text: str,
    *,
    money: bool = True,
    person_count: bool = True,
    currencies: Optional[Dict[str, str]] = None,
) -> List[Quantity]:
    """Find the MONEY and PERSON_COUNT mentions of a raw text.

    text (str): The raw text; offsets are indices into it.
    money (bool): Whether to find MONEY mentions.
    person_count (bool): Whether to find PERSON_COUNT mentions.
    currencies (Optional[Dict[str, str]]): Currency units mapped to codes.
        Defaults to DEFAULT_CURRENCIES.
    RETURNS (List[Quantity]): Non-overlapping mentions, sorted by offset.
    """
    return get_finder(currencies)(text, money=money, person_count=person_count)


def parse_value(
    label: str, text: str, left: str = "", right: str = ""
) -> Dict[str, Any]:
    """Read the value of one span, given the text around it.

    label (str): "MONEY" or "PERSON_COUNT".
    text (str): The span text, e.g. "5000人".
    left (str): The text before the span, e.g. "约".
    right (str): The text after the span, e.g. "以上".
    RETURNS (Dict[str, Any]): The value, e.g. {"count": 5000, "count_max":
        None, "approx": True, "per_visit": False}.
    """
    return _DEFAULT_FINDER.read(label, text, left, right)


def _merge_ranges(text: str, quantities: List[Quantity]) -> List[Quantity]:
    """Join 1万元至5万元 (a unit on both ends) into one range mention."""
    merged: List[Quantity] = []
    for quantity in quantities:
        if merged and _is_range_pair(text, merged[-1], quantity):
            first = merged.pop()
            value = dict(first.value)
            if first.label == MONEY:
                value["amount_max"] = quantity.value["amount"]
            else:
                value["count_max"] = quantity.value["count"]
            value["approx"] = first.value["approx"] or quantity.value["approx"]
            quantity = Quantity(first.start, quantity.end, first.label, value)
        merged.append(quantity)
    return merged


def _is_range_pair(text: str, first: Quantity, second: Quantity) -> bool:
    if first.label != second.label:
        return False
    if _RANGE_SEP_RE.fullmatch(text, first.end, second.start) is None:
        return False
    if first.label == MONEY:
        keys = ("amount", "amount_max", "currency")
        same = first.value["currency"] == second.value["currency"]
    else:
        keys = ("count", "count_max", "per_visit")
        same = first.value["per_visit"] == second.value["per_visit"]
    low, low_max, _ = (first.value[key] for key in keys)
    high, high_max, _ = (second.value[key] for key in keys)
    return same and low_max is None and high_max is None and low < high


def _range_start(first: str, second: str) -> Decimal:
    """Read the first end of a range; it shares the second's magnitude
    where it has none of its own and is smaller without it: 300至500万 is
    3000000-5000000, 二十至三十万 is 200000-300000, but 5000-1万 is 5000-10000.
    """
    low = parse_number(first)
    trailing = len(second)
    while trailing > 0 and second[trailing - 1] in MAGNITUDE_CHARS:
        trailing -= 1
    magnitude = second[trailing:]
    head = second[:trailing]
    if not magnitude or not head:
        return low
    if any(char in BIG_MAGNITUDES for char in first):
        return low
    if any(char in SMALL_MAGNITUDES for char in first):
        # Only a big magnitude is shared: 二十至三十万.
        magnitude = "".join(char for char in magnitude if char in BIG_MAGNITUDES)
        head = second[: len(second) - len(magnitude)]
        if not magnitude:
            return low
    try:
        if low >= parse_number(head):
            return low
    except ValueError:
        return low
    return parse_number(first + magnitude)


def _approx_around(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - CONTEXT_WIDTH) : start].rstrip()
    if before.endswith("人民币"):
        before = before[: -len("人民币")].rstrip()
    if before.endswith(APPROX_BEFORE) and not before.endswith(NOT_APPROX_BEFORE):
        return True
    if _CAP_BEFORE.search(before):
        return True
    after = text[end : end + CONTEXT_WIDTH].lstrip()
    if after.startswith("人民币"):
        after = after[len("人民币") :].lstrip()
    return after.startswith(APPROX_AFTER) or _MORE_AFTER.match(after) is not None


def _inside_title(text: str, start: int, end: int) -> bool:
    """Whether a span lies inside 《…》 (a document title is a unit)."""
    opening = text.rfind("《", max(0, start - TITLE_WIDTH), start)
    if opening == -1 or text.find("》", opening, start) != -1:
        return False
    if "\n" in text[opening:start]:
        return False
    closing = text.find("》", end, end + TITLE_WIDTH)
    return closing != -1 and "\n" not in text[end:closing]


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """Whether a span is the whole of a quotation: “三名”工程 names a
    programme, it counts nobody."""
    closing = _QUOTES.get(_char_at(text, start - 1))
    return closing is not None and _char_at(text, end) == closing


def _is_neighbour_pair(match: "re.Match[str]") -> bool:
    low = CHINESE_DIGITS[match.group("low")]
    high = CHINESE_DIGITS[match.group("high")]
    return high == low + 1


def _neighbour_range(match: "re.Match[str]") -> Tuple[Decimal, Decimal]:
    """三四 → 3-4, 两三百 → 200-300, 十五六万 → 150000-160000."""
    tens = match.group("tens") or ""
    magnitude = match.group("magnitude")
    low = parse_number(tens + match.group("low") + magnitude)
    high = parse_number(tens + match.group("high") + magnitude)
    return low, high


def quantities_outside(quantities: Sequence[Quantity], ranges: Sequence[Tuple[int, int]]) -> List[Quantity]:
    """The mentions that overlap none of the ranges (e.g. boilerplate lines).

    quantities (Sequence[Quantity]): Mentions, sorted by offset.
    ranges (Sequence[Tuple[int, int]]): Char ranges, in any order.
    RETURNS (List[Quantity]): The mentions outside all ranges.
    """
    ranges = sorted(ranges)
    starts = [start for start, _ in ranges]
    # furthest[i]: the largest end among ranges[: i + 1]
    furthest: List[int] = []
    for _, end in ranges:
        furthest.append(max(end, furthest[-1]) if furthest else end)
    kept = []
    for quantity in quantities:
        i = bisect_left(starts, quantity.end)
        if i == 0 or furthest[i - 1] <= quantity.start:
            kept.append(quantity)
    return kept


def _first_line_end(numeral: str) -> Optional[int]:
    """Offset of a page break between the digits of a numeral (3⏎⏎3.8)."""
    match = _DIGIT_BREAK_RE.search(numeral)
    return None if match is None else match.start()


def _alone_on_line(text: str, start: int) -> bool:
    """Whether only white space precedes `start` on a line that is not the
    first one of the text."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u3000\xa0":
        i -= 1
    return i >= 0 and text[i] in "\r\n"


def _clean(numeral: str) -> str:
    if numeral.isalnum():  # the usual case: no noise to take out
        return numeral
    return _NOISE_RE.sub("", numeral)


def _is_bare_magnitude(numeral: str) -> bool:
    return all(char in BARE_MAGNITUDES for char in numeral if not char.isspace())


def _char_at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def score_numbers(
    examples: Iterable[Example], *, labels: Sequence[str] = LABELS, **kwargs
) -> Dict[str, Any]:
    """Score MONEY and PERSON_COUNT entities: span P/R/F per type, and the
    share of correctly found spans whose value is right where the gold one
    has a value.

    examples (Iterable[Example]): The examples to score.
    labels (Sequence[str]): The labels to score.
    RETURNS (Dict[str, Any]): numbers_p, numbers_r, numbers_f,
        numbers_per_type and numbers_value_acc (None without gold values).
    """
    examples = list(examples)
    label_set = set(labels)

    def getter(doc: Doc, attr: str) -> List[Span]:
        return [ent for ent in doc.ents if ent.label_ in label_set]

    kwargs.pop("getter", None)
    kwargs.setdefault("has_annotation", lambda doc: doc.has_annotation("ENT_IOB"))
    scores = Scorer.score_spans(examples, "numbers", getter=getter, **kwargs)
    correct = 0
    total = 0
    for example in examples:
        predicted = {
            (ent.start_char, ent.end_char, ent.label_): ent._.value
            for ent in getter(example.predicted, "numbers")
        }
        for ent in getter(example.reference, "numbers"):
            key = (ent.start_char, ent.end_char, ent.label_)
            if ent._.value is not None and key in predicted:
                total += 1
                correct += predicted[key] == ent._.value
    scores["numbers_value_acc"] = correct / total if total else None
    return scores


@registry.scorers("zhgov.numbers_scorer.v1")
def make_numbers_scorer() -> Callable[..., Dict[str, Any]]:
    return score_numbers


@Language.factory(
    "zhgov_numbers",
    assigns=["doc.ents", "span._.value"],
    default_config={
        "money": True,
        "person_count": True,
        "currencies": DEFAULT_CURRENCIES,
        "scorer": {"@scorers": "zhgov.numbers_scorer.v1"},
    },
    default_score_weights={"numbers_f": 1.0, "numbers_p": 0.0, "numbers_r": 0.0},
)
def make_numbers(
    nlp: Language,
    name: str,
    money: bool,
    person_count: bool,
    currencies: Dict[str, str],
    scorer: Optional[Callable],
) -> "NumberTagger":
    """Create a NumberTagger."""
    return NumberTagger(
        nlp.vocab,
        name,
        money=money,
        person_count=person_count,
        currencies=currencies,
        scorer=scorer,
    )


class NumberTagger(Pipe):
    """Tag MONEY and PERSON_COUNT mentions in `doc.ents` and set their
    normalised values in `Span._.value`. Nothing inside the spans of
    `doc.spans["boilerplate"]` is tagged.
    """

    def __init__(
        self,
        vocab,
        name: str = "zhgov_numbers",
        *,
        money: bool = True,
        person_count: bool = True,
        currencies: Optional[Dict[str, str]] = None,
        scorer: Optional[Callable] = score_numbers,
    ) -> None:
        """Initialize the tagger.

        vocab (Vocab): The shared vocabulary.
        name (str): The component instance name.
        money (bool): Whether to tag MONEY.
        person_count (bool): Whether to tag PERSON_COUNT.
        currencies (Optional[Dict[str, str]]): Currency units written after
            a number, mapped to codes. Defaults to DEFAULT_CURRENCIES. Through
            the config, entries are merged into the defaults ("卢比" = "INR"
            adds a unit, "元" = "RMB" changes a code).
        scorer (Optional[Callable]): The scoring method. Defaults to
            score_numbers.
        """
        self.vocab = vocab
        self.name = name
        self.money = money
        self.person_count = person_count
        self.finder = get_finder(currencies)
        self.scorer = scorer

    @property
    def labels(self) -> Tuple[str, ...]:
        """The labels this tagger assigns.

        RETURNS (Tuple[str, ...]): "MONEY" and/or "PERSON_COUNT".
        """
        enabled = {MONEY: self.money, PERSON_COUNT: self.person_count}
        return tuple(label for label in LABELS if enabled[label])

    def __call__(self, doc: Doc) -> Doc:
        """Tag the mentions of a document.

        doc (Doc): The document.
        RETURNS (Doc): The document with MONEY and PERSON_COUNT in doc.ents.
        """
        error_handler = self.get_error_handler()
        try:
            quantities = self.find(doc)
            self.set_annotations(doc, quantities)
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)
            return doc

    def find(self, doc: Doc) -> List[Quantity]:
        """Find the mentions of a document outside its boilerplate.

        doc (Doc): The document.
        RETURNS (List[Quantity]): The mentions, sorted by offset.
        """
        quantities = self.finder(
            doc_text(doc), money=self.money, person_count=self.person_count
        )
        if BOILERPLATE_KEY not in doc.spans or not quantities:
            return quantities
        ranges = [(span.start_char, span.end_char) for span in doc.spans[BOILERPLATE_KEY]]
        return quantities_outside(quantities, ranges)

    def set_annotations(self, doc: Doc, quantities: Iterable[Quantity]) -> None:
        """Put the mentions into doc.ents, replacing entities they overlap.

        doc (Doc): The document.
        quantities (Iterable[Quantity]): The mentions.
        """
        spans = []
        values = {}
        for quantity in quantities:
            span = doc.char_span(quantity.start, quantity.end, label=quantity.label)
            if span is None:
                span = doc.char_span(
                    quantity.start,
                    quantity.end,
                    label=quantity.label,
                    alignment_mode="expand",
                )
            if span is None or len(span) == 0:
                continue
            spans.append(span)
            values[(span.start, span.end)] = quantity.value
        spans = util.filter_spans(spans)
        taken = set()
        for span in spans:
            span._.value = values[(span.start, span.end)]
            taken.update(range(span.start, span.end))
        kept = [
            ent
            for ent in doc.ents
            if not any(i in taken for i in range(ent.start, ent.end))
        ]
        doc.ents = sorted(kept + spans)

    def score(self, examples: Iterable[Example], **kwargs) -> Dict[str, Any]:
        """Score a batch of examples.

        examples (Iterable[Example]): The examples to score.
        RETURNS (Dict[str, Any]): The scores, produced by the scorer.
        """
        validate_examples(examples, "NumberTagger.score")
        if self.scorer is None:
            return {}
        return self.scorer(examples, labels=self.labels, **kwargs)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]],
        *,
        nlp: Optional[Language] = None,
    ) -> None:
        """Nothing to initialize: the tagger is rule-based."""

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        """Serialize the tagger; its settings live in the config.

        RETURNS (bytes): The serialized (empty) state.
        """
        return util.to_bytes({}, exclude)

    def from_bytes(
        self, bytes_data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()
    ) -> "NumberTagger":
        """Load the tagger from a bytestring.

        bytes_data (bytes): The data.
        RETURNS (NumberTagger): The tagger.
        """
        util.from_bytes(bytes_data, {}, exclude)
        return self

    def to_disk(
        self, path: Union[str, Path], *, exclude: Iterable[str] = SimpleFrozenList()
    ) -> None:
        """Save the tagger to a directory; its settings live in the config.

        path (Union[str, Path]): The directory.
        """
        util.to_disk(util.ensure_path(path), {}, exclude)

    def from_disk(
        self, path: Union[str, Path], *, exclude: Iterable[str] = SimpleFrozenList()
    ) -> "NumberTagger":
        """Load the tagger from a directory.

        path (Union[str, Path]): The directory.
        RETURNS (NumberTagger): The tagger.
        """
        util.from_disk(util.ensure_path(path), {}, exclude)
        return self


if not Span.has_extension("value"):
    Span.set_extension("value", default=None)
