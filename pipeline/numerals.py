"""Exact reading of the numerals found in Chinese government reports.

Arabic (half- and full-width, with thousands separators and decimals),
Chinese (一二三…十百千万亿, 两, 零/〇), financial 大写 (壹贰叁…拾佰仟),
traditional 萬/億 and mixed forms (1.73亿, 5千万, 2万5千) are all read into a
`decimal.Decimal`, so that 1643.5万 is exactly 16435000 and never a float that
drifts.
"""
from decimal import Decimal, InvalidOperation, localcontext
from typing import Dict, List, Optional, Tuple

from .errors import Errors

# Full-width digits and separators read as their ASCII forms.
FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

CHINESE_DIGITS: Dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_MAGNITUDES: Dict[str, int] = {
    "十": 10, "拾": 10,
    "百": 100, "佰": 100,
    "千": 1000, "仟": 1000,
}  # fmt: skip
BIG_MAGNITUDES: Dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
MAGNITUDES: Dict[str, int] = {**SMALL_MAGNITUDES, **BIG_MAGNITUDES}
ZEROS = frozenset("零〇○")
ASCII_DIGITS = frozenset("0123456789")

# One lexical unit of a numeral: ("arabic", value), ("digit", value),
# ("zero", 0), ("small", magnitude) or ("big", magnitude).
_Token = Tuple[str, Decimal]


def parse_number(text: str) -> Decimal:
    """Read a numeral exactly.

    text (str): The numeral, e.g. "1,643.5万", "１２３．５", "三千五百万",
        "壹佰万", "158萬", "2万5千". Surrounding white space is ignored.
    RETURNS (Decimal): The value, e.g. Decimal(16435000) for "1643.5万".
    """
    if text.isascii() and text.isdigit():  # the usual case: 5929
        return Decimal(int(text))
    # Enough precision that no product is rounded: multiplying by 万 or 亿
    # adds no significant digits.
    with localcontext() as context:
        context.prec = max(28, 2 * len(text) + 30)
        return _exact(_parse_tokens(_tokenize(text), text))


def _parse_tokens(tokens: List[_Token], text: str) -> Decimal:
    total = Decimal(0)  # everything already scaled by 亿
    section = Decimal(0)  # everything below the last 亿
    number: Optional[Decimal] = None  # the pending digit(s)
    number_is_arabic = False
    positional = False  # 二〇二三: digits written one after another
    last_small: Optional[Decimal] = None  # to refuse 五百三千 (wrong order)
    last_magnitude: Optional[Decimal] = None
    zero_since_magnitude = False  # 一百零五, 一万零五
    for kind, value in tokens:
        if kind == "arabic":
            if number is not None:
                raise ValueError(Errors.E100.format(text=text))
            number = value
            number_is_arabic = True
        elif kind == "digit" or kind == "zero":
            if number is None and kind == "zero":
                zero_since_magnitude = True
            elif number is None:
                number = value
                number_is_arabic = False
            elif number_is_arabic:
                raise ValueError(Errors.E100.format(text=text))
            else:
                number = number * 10 + value
                positional = True
        elif kind == "small":
            if positional or (last_small is not None and value >= last_small):
                raise ValueError(Errors.E100.format(text=text))
            section += (number if number is not None else 1) * value
            number = None
            last_small = last_magnitude = value
            zero_since_magnitude = False
        else:  # big: 万 scales the section, 亿 everything before it
            if positional:
                raise ValueError(Errors.E100.format(text=text))
            # A bare magnitude (万余人) counts one of it; 0万 is still 0.
            bare = number is None and section == 0
            if value == BIG_MAGNITUDES["万"]:
                if bare and total != 0:
                    raise ValueError(Errors.E100.format(text=text))
                section = (1 if bare else section + (number or 0)) * value
            else:
                bare = bare and total == 0
                total = (1 if bare else total + section + (number or 0)) * value
                section = Decimal(0)
            number = None
            last_small = None
            last_magnitude = value
            zero_since_magnitude = False
    if number is not None and last_magnitude is not None:
        if positional:
            raise ValueError(Errors.E100.format(text=text))
        if not zero_since_magnitude and last_magnitude > 10:
            # A digit left after a magnitude abbreviates the next lower one:
            # 三千五 is 3500, 两万五 is 25000, 1亿5 is 150000000.
            number *= last_magnitude / 10
    return total + section + (number if number is not None else 0)


def chinese_integer(text: str) -> int:
    """Read a plain Chinese integer such as 一, 十二, 二十一, 九十九, 一百零五.

    text (str): Chinese numeral characters only (no Arabic digits).
    RETURNS (int): The value.
    """
    stripped = text.strip()
    if not stripped or any(
        char not in CHINESE_DIGITS and char not in MAGNITUDES for char in stripped
    ):
        raise ValueError(Errors.E100.format(text=text))
    return int(parse_number(stripped))


def is_whole(value: Decimal) -> bool:
    """Whether a value has no fractional part.

    value (Decimal): The value.
    RETURNS (bool): True for 16435000, False for 3.5.
    """
    return value == value.to_integral_value()


def to_plain_number(value: Decimal):
    """Convert a Decimal to the JSON number of a record: int when whole.

    value (Decimal): The exact value.
    RETURNS (Union[int, float]): 16435000 for Decimal("16435000.0"), 3.5 for
        Decimal("3.5"). Floats come from the decimal string, so no drift.
    """
    if is_whole(value):
        return int(value)
    return float(value)


def _exact(value: Decimal) -> Decimal:
    # Drop the trailing zeros that multiplying by 10**k leaves in the
    # exponent, so that Decimal("16435000.0") prints as 16435000.
    if is_whole(value):
        return Decimal(int(value))
    return value.normalize()


def _tokenize(text: str) -> List[_Token]:
    stripped = text.strip().translate(FULLWIDTH)
    if not stripped:
        raise ValueError(Errors.E100.format(text=text))
    tokens: List[_Token] = []
    i = 0
    n = len(stripped)
    while i < n:
        char = stripped[i]
        if char in ASCII_DIGITS:
            j = i
            while j < n and (stripped[j] in ASCII_DIGITS or stripped[j] in ",."):
                j += 1
            tokens.append(("arabic", _read_arabic(stripped[i:j], text)))
            i = j
            continue
        if char in ZEROS:
            tokens.append(("zero", Decimal(0)))
        elif char in CHINESE_DIGITS:
            tokens.append(("digit", Decimal(CHINESE_DIGITS[char])))
        elif char in SMALL_MAGNITUDES:
            tokens.append(("small", Decimal(SMALL_MAGNITUDES[char])))
        elif char in BIG_MAGNITUDES:
            tokens.append(("big", Decimal(BIG_MAGNITUDES[char])))
        else:
            raise ValueError(Errors.E100.format(text=text))
        i += 1
    return tokens


def _read_arabic(digits: str, text: str) -> Decimal:
    """Read "1,643.5" or "3200": groups of three after a separator."""
    integer, dot, fraction = digits.partition(".")
    if dot and (not fraction or not fraction.isdigit()):
        raise ValueError(Errors.E100.format(text=text))
    groups = integer.split(",")
    if not groups[0] or not all(group.isdigit() for group in groups):
        raise ValueError(Errors.E100.format(text=text))
    if len(groups) > 1 and (
        len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:])
    ):
        raise ValueError(Errors.E100.format(text=text))
    try:
        return Decimal("".join(groups) + dot + fraction)
    except InvalidOperation:  # pragma: no cover - the checks above exclude it
        raise ValueError(Errors.E100.format(text=text)) from None
