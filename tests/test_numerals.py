from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.numerals import chinese_integer, parse_number, to_plain_number

DIGITS = "零一二三四五六七八九"


def to_chinese(n):
    """Hand-side reference: write an integer below 10**12 in Chinese numerals,
    with 零 for skipped places (20005 → 二万零五)."""
    if n == 0:
        return "零"

    def below_10000(x):
        out = ""
        gap = False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = x // unit % 10
            if digit:
                if gap:
                    out += "零"
                    gap = False
                out += DIGITS[digit] + name
            elif out:
                gap = True
        return out

    out = ""
    for section, name in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if section:
            if out and section < 1000:
                out += "零"
            out += below_10000(section) + name
    return out


@pytest.mark.parametrize(
    "text,expected",
    [
        # Arabic, separators, decimals
        ("5929", "5929"),
        ("3,200", "3200"),
        ("3，200", "3200"),
        ("1,643.5", "1643.5"),
        ("12,345,678", "12345678"),
        ("363.71", "363.71"),
        ("0.5", "0.5"),
        # full-width
        ("１２３．５", "123.5"),
        ("３，２００", "3200"),
        # mixed Arabic + magnitude
        ("1643.5万", "16435000"),
        ("1,643.5万", "16435000"),
        ("1.73亿", "173000000"),
        ("1.13亿", "113000000"),
        ("64.75万", "647500"),
        ("5千万", "50000000"),
        ("5百万", "5000000"),
        ("1.5千", "1500"),
        ("2万5千", "25000"),
        ("4.16万亿", "4160000000000"),
        ("2274.8万亿", "2274800000000000"),
        ("158萬", "1580000"),
        ("3億", "300000000"),
        # Chinese
        ("五千万", "50000000"),
        ("三千五百万", "35000000"),
        ("一百二十万", "1200000"),
        ("两千", "2000"),
        ("十", "10"),
        ("十五", "15"),
        ("二十一", "21"),
        ("九十九", "99"),
        ("一百零五", "105"),
        ("一千零五十", "1050"),
        ("一万零五", "10005"),
        ("二十万", "200000"),
        ("3亿5千万", "350000000"),
        ("一亿二千三百万", "123000000"),
        ("万", "10000"),
        ("二〇二三", "2023"),
        ("零", "0"),
        # colloquial: a last digit after a magnitude is the next lower place
        ("三千五", "3500"),
        ("两万五", "25000"),
        ("1亿5", "150000000"),
        # 大写 and traditional
        ("壹佰万", "1000000"),
        ("叁仟伍佰", "3500"),
        ("贰拾壹", "21"),
        ("伍萬", "50000"),
        ("陆億", "600000000"),
        ("兩千", "2000"),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


def test_parse_number_is_exact():
    value = parse_number("1643.5万")
    assert value == Decimal(16435000)
    assert str(value) == "16435000"
    assert str(parse_number("1.73亿")) == "173000000"
    assert str(parse_number("0.1万")) == "1000"
    assert str(parse_number("3.8")) == "3.8"
    # a float would drift here: 0.1 + 0.2 != 0.3
    assert parse_number("0.3万") == Decimal(3000)


def test_parse_number_ignores_surrounding_space():
    assert parse_number(" 5929 ") == Decimal(5929)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "元",
        "abc",
        "1,23",  # a separator needs three digits after it
        "1234,567",  # and at most three before the first one
        "1.2.3",
        "1.",
        "5五",  # Arabic and Chinese digits run together
        "五5",
        "五百三千",  # magnitudes in the wrong order
        "两三百",  # a vague 两三百 is not one number
        "一百二三",
        "20xx9",
        "5.4%",
    ],
)
def test_parse_number_rejects(text):
    with pytest.raises(ValueError, match=r"\[E100\]"):
        parse_number(text)


@pytest.mark.parametrize(
    "text,expected",
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("九十九", 99),
     ("一百", 100), ("一百零五", 105), ("两", 2), ("贰拾", 20), ("〇", 0)],
)  # fmt: skip
def test_chinese_integer(text, expected):
    assert chinese_integer(text) == expected
    assert isinstance(chinese_integer(text), int)


@pytest.mark.parametrize("text", ["", "12", "十2", "1.5", "三点五", "、", "一、"])
def test_chinese_integer_rejects(text):
    with pytest.raises(ValueError):
        chinese_integer(text)


def test_to_plain_number():
    assert to_plain_number(Decimal("16435000.0")) == 16435000
    assert isinstance(to_plain_number(Decimal("16435000.0")), int)
    assert to_plain_number(Decimal("3.5")) == 3.5
    assert isinstance(to_plain_number(Decimal("3.5")), float)
    assert to_plain_number(Decimal("0.35")) == 0.35


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_read_back(n):
    assert chinese_integer(to_chinese(n)) == n
    assert parse_number(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_with_separators_reads_back(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n
    full_width = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_number(full_width) == n


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_decimals_read_back_exactly(value):
    assert parse_number(format(value, "f")) == value
    assert parse_number(format(value, "f") + "万") == value * 10000


def test_reference_writer():
    # the test helper itself, checked by hand
    assert to_chinese(20005) == "二万零五"
    assert to_chinese(35000000) == "三千五百万"
    assert to_chinese(100000105) == "一亿零一百零五"
    assert to_chinese(1050) == "一千零五十"
