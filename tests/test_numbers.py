import math
import time

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span
from spacy.training import Example

from pipeline.numbers import (
    DEFAULT_CURRENCIES,
    NumberTagger,
    Quantity,
    find_quantities,
    parse_value,
)

def money(amount, amount_max=None, currency="CNY", approx=False):
    return {"amount": amount, "amount_max": amount_max, "currency": currency, "approx": approx}


def people(count, count_max=None, approx=False, per_visit=False):
    return {"count": count, "count_max": count_max, "approx": approx, "per_visit": per_visit}


def found(text, **kwargs):
    return [
        (q.start, q.end, text[q.start : q.end], q.label, q.value)
        for q in find_quantities(text, **kwargs)
    ]


@pytest.fixture
def blank_nlp():
    """spacy.blank("zh") + zhgov_numbers (the session `nlp` is the trained one)."""
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_numbers")
    return nlp


# ANNOTATION.md §3 MONEY examples, each with a lead-in the span must leave out.
@pytest.mark.parametrize(
    "text,start,span,value",
    [
        ("工程总投资5929万元。", 5, "5929万元", money(59290000)),
        ("方案投资1643.5万元。", 4, "1643.5万元", money(16435000)),
        ("总投资为1.73亿元，", 4, "1.73亿元", money(173000000)),
        ("政府投资370万元建设", 4, "370万元", money(3700000)),
        ("投入5000余万元", 2, "5000余万元", money(50000000, approx=True)),
        ("投入五千万元", 2, "五千万元", money(50000000)),
        ("每人补助3,200元", 4, "3,200元", money(3200)),
        ("引资12万美元", 2, "12万美元", money(120000, currency="USD")),
        ("奖励1万-5万元", 2, "1万-5万元", money(10000, 50000)),
        ("补助300至500万元", 2, "300至500万元", money(3000000, 5000000)),
        ("补助1万～2万元", 2, "1万～2万元", money(10000, 20000)),
        ("筹资一百二十万元", 2, "一百二十万元", money(1200000)),
        ("金额壹佰万元整。", 2, "壹佰万元整", money(1000000)),
        ("票价3.5元", 2, "3.5元", money(3.5)),
        ("投资１２３．５万元", 2, "１２３．５万元", money(1235000)),
        ("资金1,643.5万元", 2, "1,643.5万元", money(16435000)),
        ("合计3，200元", 2, "3，200元", money(3200)),
        ("援助50万欧元", 2, "50万欧元", money(500000, currency="EUR")),
        ("融资3亿港元", 2, "3亿港元", money(300000000, currency="HKD")),
        ("捐赠2万英镑", 2, "2万英镑", money(20000, currency="GBP")),
        ("贷款100万日元", 2, "100万日元", money(1000000, currency="JPY")),
        ("总额4.16万亿元", 2, "4.16万亿元", money(4160000000000)),
        ("投入三千五百万元", 2, "三千五百万元", money(35000000)),
        ("拨付5千万元", 2, "5千万元", money(50000000)),
        ("拨付158萬元", 2, "158萬元", money(1580000)),
        ("投入两千万元", 2, "两千万元", money(20000000)),
        ("投入1000多万元", 2, "1000多万元", money(10000000, approx=True)),
    ],
)
def test_money(text, start, span, value):
    assert found(text) == [(start, start + len(span), span, "MONEY", value)]


# ANNOTATION.md §3 PERSON_COUNT examples.
@pytest.mark.parametrize(
    "text,start,span,value",
    [
        ("校长50余人参加会议", 2, "50余人", people(50, approx=True)),
        ("共组织19名国家级骨干教师", 3, "19名", people(19)),
        ("79名省级骨干教师", 0, "79名", people(79)),
        ("积极做好500名职业学校", 4, "500名", people(500)),
        ("招生达25006人，", 3, "25006人", people(25006)),
        ("招生16000人。", 2, "16000人", people(16000)),
        ("培训人员达3000余人次，", 5, "3000余人次", people(3000, approx=True, per_visit=True)),
        ("新增就业64.75万人", 4, "64.75万人", people(647500)),
        ("规模到达5000人以上的", 4, "5000人", people(5000, approx=True)),
        ("新增就业60万人以上。", 4, "60万人", people(600000, approx=True)),
        ("每组3-5人。", 2, "3-5人", people(3, 5)),
        ("共有两千余人", 2, "两千余人", people(2000, approx=True)),
        ("邀请3位专家", 2, "3位", people(3)),
        ("其中院士6位。", 4, "6位", people(6)),
        ("引进高层次人才87位,", 7, "87位", people(87)),
        ("引进专家团队6位,", 6, "6位", people(6)),
        ("拜访客商320余位。", 4, "320余位", people(320, approx=True)),
        ("足额保障2.1万名义务教育教师工资", 4, "2.1万名", people(21000)),
        ("选派两名干部", 2, "两名", people(2)),
        ("惠及万余人。", 2, "万余人", people(10000, approx=True)),
        ("接待游客4900万人次，", 4, "4900万人次", people(49000000, per_visit=True)),
        ("吸纳二十至三十万人就业", 2, "二十至三十万人", people(200000, 300000)),
        ("仅两人。", 1, "两人", people(2)),
    ],
)
def test_person_count(text, start, span, value):
    assert found(text) == [(start, start + len(span), span, "PERSON_COUNT", value)]


@pytest.mark.parametrize(
    "before,after",
    [("", "余"), ("", "多"), ("约", ""), ("近", ""), ("逾", ""), ("超", ""), ("超过", ""),
     ("突破", ""), ("", "以上"), ("", "以下"), ("", "左右"), ("不少于", ""), ("不到", ""),
     ("不足", ""), ("", "以内"), ("约人民币", ""), ("超过 ", "")],
)  # fmt: skip
def test_approx_markers(before, after):
    # 余/多 go inside the span; the others stay outside it.
    inside = after if after in ("余", "多") else ""
    outside = "" if inside else after
    text = f"资金{before}300{inside}万元{outside}，"
    span = f"300{inside}万元"
    start = 2 + len(before)
    assert found(text) == [(start, start + len(span), span, "MONEY", money(3000000, approx=True))]


def test_approx_needs_the_marker_next_to_the_span():
    assert found("近3年投资5000万元") == [(5, 11, "5000万元", "MONEY", money(50000000))]
    assert found("5000万元，以上资金") == [(0, 6, "5000万元", "MONEY", money(50000000))]


def test_renminbi_before_the_number_is_outside():
    assert found("投资人民币500万元") == [(5, 10, "500万元", "MONEY", money(5000000))]


def test_lead_in_words_are_outside():
    text = "共投入资金达总投资1.5亿元"
    assert found(text) == [(9, 14, "1.5亿元", "MONEY", money(150000000))]


# Noise inside a mention stays inside; the value is what the noise hides.
@pytest.mark.parametrize(
    "text,start,span,label,value",
    [
        ("3\n\n3.8万元", 0, "3\n\n3.8万元", "MONEY", money(338000)),
        ("共投资3\n\n3.8万元，", 3, "3\n\n3.8万元", "MONEY", money(338000)),
        ("共投资3\r\n3.8万元", 3, "3\r\n3.8万元", "MONEY", money(338000)),
        ("拨付158萬(wàn)元", 2, "158萬(wàn)元", "MONEY", money(1580000)),
        ("服务628007人 次，", 2, "628007人 次", "PERSON_COUNT", people(628007, per_visit=True)),
        ("投资5929 万元", 2, "5929 万元", "MONEY", money(59290000)),
        ("投资5929万\n元", 2, "5929万\n元", "MONEY", money(59290000)),
        ("罚没款386.\n42万元，", 3, "386.\n42万元", "MONEY", money(3864200)),
        ("每公里补助30万元\n至50万元", 5, "30万元\n至50万元", "MONEY", money(300000, 500000)),
    ],
)
def test_noise_inside_a_mention(text, start, span, label, value):
    assert found(text) == [(start, start + len(span), span, label, value)]


def test_a_page_number_alone_on_its_line_is_not_joined():
    text = "建设\n3\n\n3.8万元"
    assert found(text) == [(6, 11, "3.8万元", "MONEY", money(38000))]
    # a break before the magnitude is not a page number
    text = "建设\n3.8\n万元"
    assert found(text) == [(3, 9, "3.8\n万元", "MONEY", money(38000))]


def test_ranges_with_a_unit_on_both_ends_are_one_span():
    assert found("奖励1万元至5万元。") == [(2, 9, "1万元至5万元", "MONEY", money(10000, 50000))]
    assert found("每组3人-5人") == [(2, 7, "3人-5人", "PERSON_COUNT", people(3, 5))]


def test_range_shares_a_magnitude_only_where_it_reads_smaller():
    assert found("补助5000-1万元") == [(2, 10, "5000-1万元", "MONEY", money(5000, 10000))]
    assert found("补助三至五千元") == [(2, 7, "三至五千元", "MONEY", money(3000, 5000))]


def test_different_units_do_not_make_a_range():
    assert found("发放500元到1000人手中") == [
        (2, 6, "500元", "MONEY", money(500)),
        (7, 12, "1000人", "PERSON_COUNT", people(1000)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # other classifiers
        "29所", "调整为22所", "由16所中职学校", "6所学校", "6个专版", "15个课题", "40多期",
        "300户", "500户次", "12家企业", "3项制度",
        # no classifier or no currency
        "全县人口52万", "增长5.4%", "2023年", "202223年", "12月9日至11日", "3000㎡",
        "363.71亩", "12万平方米", "16栋", "网站客服:3074922707", "共52万",
        # ranks and rates
        "第1名", "获得第一名", "全国第2位", "全球城市前五位", "排名提升4位。",
        "排名由369位上升到235位", "居全国第6位。", "前移12位，", "前10名", "每万人", "每千人口", "每100名学生",
        # masked numerals
        "20xx9人", "XX万元", "**万元", "2xx万元",
        # titles, articles, idioms, compounds
        "百名优秀宣讲员", "千人计划", "作为一名教育管理者", "一位老师", "一人一档",
        "二人转", "三人篮球", "五人制足球", "三位一体", "两位数增长", "名单", "以三名义",
        "3000人口", "10人民群众", "二元结构", "元旦", "多元化",
        # vague amounts
        "数十人", "几百人", "上万人", "数十亿元", "近万人",
        # bare currency and magnitudes
        "亿元以上项目", "万元户", "每万元GDP",
        # inside a document title
        "《关于拨付500万元资金的通知》",
        # a programme named by a quoted numeral, units that are not people
        "推进“三名”工程", "抽检尿碘1200人份", "全时当量19.8万人年。",
        # a scale, a counted step and a rate made of magnitudes
        "千亿元级产业集群", "跨越两个万亿元台阶", "控制在0.6人/百亿元",
    ],
)  # fmt: skip
def test_not_a_quantity(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text,start,span,label,value",
    [
        # 博士后 is a word, not the rank prefix of 后五名
        ("全年招收博士后1426名；", 7, "1426名", "PERSON_COUNT", people(1426)),
        ("新增博士后1500名左右。", 5, "1500名", "PERSON_COUNT", people(1500, approx=True)),
        # 签约 ends in 约 without being 约
        ("现场签约1,870人。", 4, "1,870人", "PERSON_COUNT", people(1870)),
        # bounds right next to the span
        ("实现至少1人就业。", 4, "1人", "PERSON_COUNT", people(1, approx=True)),
        ("每户补助最高8000元；", 6, "8000元", "MONEY", money(8000, approx=True)),
        # a cap that the verb of the grant separates from the amount (edu_20, sci_01,
        # sci_04); not a record, nor the bound of something else (agri_01)
        ("每人最高减免1,800元，", 6, "1,800元", "MONEY", money(1800, approx=True)),
        ("单户最高授信3000万元，", 6, "3000万元", "MONEY", money(30000000, approx=True)),
        ("单户最高补偿1000万元。", 6, "1000万元", "MONEY", money(10000000, approx=True)),
        ("获奖团队最高获得10万元奖金", 8, "10万元", "MONEY", money(100000, approx=True)),
        ("每家企业每年最高可申领5万元。", 11, "5万元", "MONEY", money(50000, approx=True)),
        ("仍有11个村集体经营性收入低于20万元；", 15, "20万元", "MONEY", money(200000, approx=True)),
        ("每个村至少配备1名专职调解员", 7, "1名", "PERSON_COUNT", people(1, approx=True)),
        ("景区单日最高接待2.1万人次，", 8, "2.1万人次", "PERSON_COUNT", people(21000, per_visit=True)),
        ("代缴最低档次保费210万元。", 8, "210万元", "MONEY", money(2100000)),
        # 伍 of 队伍 is no 大写 digit before the number
        ("组建帮办队伍36人，", 6, "36人", "PERSON_COUNT", people(36)),
        # traditional forms
        ("吸納就業460餘人。", 4, "460餘人", "PERSON_COUNT", people(460, approx=True)),
        ("為1.8萬餘名企業", 1, "1.8萬餘名", "PERSON_COUNT", people(18000, approx=True)),
        ("需求約7.6億元，", 3, "7.6億元", "MONEY", money(760000000, approx=True)),
        ("受益超過120萬人次。", 4, "120萬人次", "PERSON_COUNT",
         people(1200000, approx=True, per_visit=True)),
        # neighbouring digits are an approximate range
        ("只有三四名工作人员", 2, "三四名", "PERSON_COUNT", people(3, 4, approx=True)),
        ("来了两三百人", 2, "两三百人", "PERSON_COUNT", people(200, 300, approx=True)),
        ("投入十五六万元", 2, "十五六万元", "MONEY", money(150000, 160000, approx=True)),
        # two magnitudes make an amount
        ("保持在千亿元以上。", 3, "千亿元", "MONEY", money(100000000000, approx=True)),
        # one X, one Y counts people
        ("做到一个项目一名专管员。", 6, "一名", "PERSON_COUNT", people(1)),
        ("每个村确定管水员1名，镇财政补助", 8, "1名", "PERSON_COUNT", people(1)),
    ],
)  # fmt: skip
def test_corpus_cases(text, start, span, label, value):
    assert found(text) == [(start, start + len(span), span, label, value)]


@pytest.mark.parametrize("text,span,approx", [
    # 多 after the unit ends the clause: more than the amount
    ("节约资金11亿元多。", "11亿元", True),
    # a word that opens with 多 is no bound
    ("投入11亿元多渠道筹资。", "11亿元", False),
    # a cap raised by a rule bounds the amount
    ("贷款额度最高提高到80万元，", "80万元", True),
])
def test_bounds_after_the_unit_and_raised_caps(text, span, approx):
    [(start, end, found_span, label, value)] = found(text)
    assert found_span == span and value["approx"] is approx


def test_one_person_as_the_unit_of_a_rate_is_a_count():
    # docs/annotation-guidelines.md: a count in a rate or staffing rule is a count
    # (每招用[1名]PC高校毕业生, fin_10), also where the rate goes on to money
    text = "每招用1名高校毕业生补助1,500元。"
    assert found(text) == [(3, 5, "1名", "PERSON_COUNT", people(1)), (12, 18, "1,500元", "MONEY", money(1500))]


def test_a_digit_run_before_nian_is_a_year():
    assert found("2023年5000人") == [(5, 10, "5000人", "PERSON_COUNT", people(5000))]


def test_seed_report(seed_text):
    expected = [
        ("各职业学校校长", "50余人", "PERSON_COUNT", people(50, approx=True)),
        ("规模到达", "5000人", "PERSON_COUNT", people(5000, approx=True)),
        ("工程总投资", "5929万元", "MONEY", money(59290000)),
        ("方案投资", "1643.5万元", "MONEY", money(16435000)),
        ("实际投资", "1383.5万元", "MONEY", money(13835000)),
        ("投资", "5200万元", "MONEY", money(52000000)),
        ("总投资为", "1.73亿元", "MONEY", money(173000000)),
        ("已投入资金", "1.13亿元", "MONEY", money(113000000)),
        ("政府投资", "370万元", "MONEY", money(3700000)),
        ("政府投入", "400万元", "MONEY", money(4000000)),
        ("招生达", "25006人", "PERSON_COUNT", people(25006)),
        ("学校招生", "16000人", "PERSON_COUNT", people(16000)),
        ("共组织", "19名", "PERSON_COUNT", people(19)),
        ("国家级、", "79名", "PERSON_COUNT", people(79)),
        ("积极做好", "500名", "PERSON_COUNT", people(500)),
        ("培训人员达", "3000余人次", "PERSON_COUNT", people(3000, approx=True, per_visit=True)),
    ]
    want = []
    for lead, span, label, value in expected:
        start = seed_text.index(lead + span) + len(lead)
        want.append((start, start + len(span), span, label, value))
    assert found(seed_text) == want


def test_options_of_find_quantities(seed_text):
    assert all(q.label == "MONEY" for q in find_quantities(seed_text, person_count=False))
    assert len(find_quantities(seed_text, person_count=False)) == 8
    assert all(q.label == "PERSON_COUNT" for q in find_quantities(seed_text, money=False))
    assert len(find_quantities(seed_text, money=False)) == 8
    assert find_quantities(seed_text, money=False, person_count=False) == []
    # 人民币 after a number is a currency, never 人 + 民
    assert found("500万人民币", money=False) == []


def test_custom_currencies():
    currencies = {"元": "CNY", "卢比": "INR"}
    assert found("援助300万卢比", currencies=currencies) == [
        (2, 8, "300万卢比", "MONEY", money(3000000, currency="INR"))
    ]
    assert found("援助12万美元", currencies=currencies) == []
    assert found("援助300万卢比") == []


@pytest.mark.parametrize("currencies", [{"": "CNY"}, {"元": ""}, {"元": None}])
def test_bad_currencies(currencies):
    with pytest.raises(ValueError, match=r"\[E104\]"):
        find_quantities("5元", currencies=currencies)


def test_quantity_fields():
    quantity = find_quantities("投资5200万元")[0]
    assert isinstance(quantity, Quantity)
    assert quantity.start == 2 and quantity.end == 8 and quantity.label == "MONEY"
    assert isinstance(quantity.value["amount"], int)


@pytest.mark.parametrize(
    "label,text,left,right,value",
    [
        ("MONEY", "1643.5万元", "方案投资", "，", money(16435000)),
        ("MONEY", "1.73亿元", "", "", money(173000000)),
        ("MONEY", "500万元", "约", "", money(5000000, approx=True)),
        ("MONEY", "500万元", "约人民币", "", money(5000000, approx=True)),
        ("MONEY", "3\n\n3.8万元", "", "", money(338000)),
        ("MONEY", "1万-5万元", "", "", money(10000, 50000)),
        ("MONEY", "120000美元", "", "", money(120000, currency="USD")),
        ("MONEY", "壹佰万元整", "", "。", money(1000000)),
        ("PERSON_COUNT", "5000人", "规模到达", "以上的", people(5000, approx=True)),
        ("PERSON_COUNT", "3000余人次", "", "", people(3000, approx=True, per_visit=True)),
        ("PERSON_COUNT", "628007人 次", "", "", people(628007, per_visit=True)),
        ("PERSON_COUNT", "64.75万人", "", "", people(647500)),
        ("PERSON_COUNT", "300至500人", "", "", people(300, 500)),
        # a range with a unit on both ends, as find_quantities joins it
        ("MONEY", "1500元至3500元", "可在", "之间", money(1500, 3500)),
        ("MONEY", "10万元至30万元", "", "", money(100000, 300000)),
        ("PERSON_COUNT", "3人-5人", "每组", "", people(3, 5)),
        # taken as given: the finder's rules for titles do not apply here
        ("PERSON_COUNT", "百名", "", "优秀", people(100)),
    ],
)
def test_parse_value(label, text, left, right, value):
    assert parse_value(label, text, left, right) == value


@pytest.mark.parametrize(
    "label,text,code",
    [
        ("MONEY", "5929万", "E101"),
        ("MONEY", "约500万元", "E101"),
        ("MONEY", "5000人", "E102"),
        ("PERSON_COUNT", "500万元", "E102"),
        ("ORG", "500万元", "E103"),
        ("MONEY", "", "E101"),
        ("MONEY", "1500元至3500人", "E101"),
        ("MONEY", "5万元至1万元", "E101"),
    ],
)
def test_parse_value_errors(label, text, code):
    with pytest.raises(ValueError, match=rf"\[{code}\]"):
        parse_value(label, text)


# The component


def ents(doc):
    return [(e.start_char, e.end_char, e.text, e.label_, e._.value) for e in doc.ents]


def test_component_tags_ents_with_values(blank_nlp):
    nlp = blank_nlp
    doc = nlp("投资5200万元，招生25006人以上。")
    assert ents(doc) == [
        (2, 8, "5200万元", "MONEY", money(52000000)),
        (11, 17, "25006人", "PERSON_COUNT", people(25006, approx=True)),
    ]


def test_component_on_the_seed(blank_nlp, seed_text):
    nlp = blank_nlp
    doc = nlp(seed_text)
    assert [(e.text, e.label_) for e in doc.ents][:3] == [
        ("50余人", "PERSON_COUNT"),
        ("5000人", "PERSON_COUNT"),
        ("5929万元", "MONEY"),
    ]
    assert len(doc.ents) == 16
    assert doc.ents[3]._.value == money(16435000)


def test_component_skips_boilerplate(blank_nlp):
    nlp = blank_nlp
    text = "第5页 共500人\n招生500人。"
    doc = nlp.make_doc(text)
    doc.spans["boilerplate"] = [doc.char_span(0, 9)]
    doc = nlp.get_pipe("zhgov_numbers")(doc)
    assert ents(doc) == [(12, 16, "500人", "PERSON_COUNT", people(500))]


def test_component_keeps_other_entities_that_do_not_overlap(blank_nlp):
    nlp = blank_nlp
    doc = nlp.make_doc("市教育局投资5200万元")
    doc.ents = [Span(doc, 0, 4, label="ORG"), Span(doc, 4, 8, label="PROJECT")]
    doc = nlp.get_pipe("zhgov_numbers")(doc)
    # the ORG stays; the PROJECT that overlaps 5200万元 gives way
    assert [(e.text, e.label_) for e in doc.ents] == [("市教育局", "ORG"), ("5200万元", "MONEY")]


def test_component_expands_spans_that_cut_tokens(blank_nlp):
    nlp = blank_nlp
    doc = Doc(nlp.vocab, words=["投资5200", "万元", "。"], spaces=[False, False, False])
    doc = nlp.get_pipe("zhgov_numbers")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("投资5200万元", "MONEY")]
    assert doc.ents[0]._.value == money(52000000)


@pytest.mark.parametrize(
    "config,labels",
    [
        ({}, ["MONEY", "PERSON_COUNT"]),
        ({"money": False}, ["PERSON_COUNT"]),
        ({"person_count": False}, ["MONEY"]),
        ({"money": False, "person_count": False}, []),
    ],
)
def test_component_config_labels(config, labels):
    nlp = spacy.blank("zh")
    tagger = nlp.add_pipe("zhgov_numbers", config=config)
    doc = nlp("投资5200万元，招生25006人。")
    assert [e.label_ for e in doc.ents] == labels
    assert list(tagger.labels) == labels


def test_component_config_currencies():
    # entries in the config are merged into the default units
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_numbers", config={"currencies": {"卢比": "INR", "元": "RMB"}})
    doc = nlp("援助300万卢比和12万美元、5元")
    assert ents(doc) == [
        (2, 8, "300万卢比", "MONEY", money(3000000, currency="INR")),
        (9, 14, "12万美元", "MONEY", money(120000, currency="USD")),
        (15, 17, "5元", "MONEY", money(5, currency="RMB")),
    ]


def test_component_config_bad_currencies():
    nlp = spacy.blank("zh")
    with pytest.raises(ValueError, match=r"\[E104\]"):
        nlp.add_pipe("zhgov_numbers", config={"currencies": {"元": ""}})


def test_factory_and_class():
    nlp = spacy.blank("zh")
    tagger = nlp.add_pipe("zhgov_numbers")
    assert isinstance(tagger, NumberTagger)
    meta = nlp.get_pipe_meta("zhgov_numbers")
    assert "doc.ents" in meta.assigns and "span._.value" in meta.assigns
    assert nlp.config["components"]["zhgov_numbers"]["currencies"] == DEFAULT_CURRENCIES


def test_to_bytes_round_trip(blank_nlp):
    nlp = blank_nlp
    nlp.get_pipe("zhgov_numbers")
    data = nlp.to_bytes()
    nlp2 = spacy.blank("zh")
    nlp2.add_pipe("zhgov_numbers")
    nlp2.from_bytes(data)
    text = "约300至500万元，50余人"
    assert ents(nlp2(text)) == ents(nlp(text))
    assert ents(nlp2(text)) == [
        (1, 10, "300至500万元", "MONEY", money(3000000, 5000000, approx=True)),
        (11, 15, "50余人", "PERSON_COUNT", people(50, approx=True)),
    ]
    tagger = nlp.get_pipe("zhgov_numbers")
    assert tagger.from_bytes(tagger.to_bytes()) is tagger


def test_to_disk_round_trip(tmp_path):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_numbers", config={"person_count": False, "currencies": {"卢比": "INR"}})
    nlp.to_disk(tmp_path / "pipeline")
    nlp2 = spacy.load(tmp_path / "pipeline")
    assert nlp2.pipe_names == ["zhgov_numbers"]
    text = "援助300万卢比，招生25006人"
    assert ents(nlp2(text)) == [(2, 8, "300万卢比", "MONEY", money(3000000, currency="INR"))]
    tagger = nlp2.get_pipe("zhgov_numbers")
    tagger.to_disk(tmp_path / "tagger")
    assert tagger.from_disk(tmp_path / "tagger") is tagger


def make_example(nlp, text, spans):
    example = Example.from_dict(
        nlp.make_doc(text), {"entities": [(start, end, label) for start, end, label, _ in spans]}
    )
    for ent, (_, _, _, value) in zip(example.reference.ents, spans):
        ent._.value = value
    return example


def test_evaluate(blank_nlp):
    nlp = blank_nlp
    text = "投资5200万元，招生25006人，第1名。"
    # a hand-made gold: the rank 第1名 counted by mistake, and 25006 mistyped
    gold = [
        (2, 8, "MONEY", money(52000000)),
        (11, 17, "PERSON_COUNT", people(25000)),
        (19, 21, "PERSON_COUNT", people(1)),
    ]
    scores = nlp.evaluate([make_example(nlp, text, gold)])
    assert scores["numbers_p"] == 1.0
    assert scores["numbers_r"] == pytest.approx(2 / 3)
    assert scores["numbers_f"] == pytest.approx(0.8)
    assert scores["numbers_per_type"]["MONEY"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    assert scores["numbers_per_type"]["PERSON_COUNT"]["r"] == 0.5
    assert scores["numbers_value_acc"] == 0.5


def test_evaluate_perfect_and_without_gold_values(blank_nlp):
    nlp = blank_nlp
    text = "投资5200万元，招生25006人。"
    gold = [(2, 8, "MONEY", None), (11, 17, "PERSON_COUNT", None)]
    scores = nlp.evaluate([make_example(nlp, text, gold)])
    assert scores["numbers_f"] == 1.0
    assert scores["numbers_value_acc"] is None


def test_score_ignores_other_labels(blank_nlp):
    nlp = blank_nlp
    text = "市教育局投资5200万元"
    example = Example.from_dict(
        nlp.make_doc(text), {"entities": [(0, 4, "ORG"), (6, 12, "MONEY")]}
    )
    scores = nlp.evaluate([example])
    assert scores["numbers_f"] == 1.0
    assert set(scores["numbers_per_type"]) == {"MONEY"}


# Properties

NUMBERISH = list(
    "0123456789０１.．,，一二三十百千万亿两零〇壹佰萬億余多元人名位次美欧港整第每前xX "
    "\n\r()（）wàn约以上下至到-～《》%年所个民口"
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet=st.sampled_from(NUMBERISH), max_size=60)))
def test_find_quantities_is_total_and_well_formed(text):
    quantities = find_quantities(text)
    previous_end = 0
    for quantity in quantities:
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert quantity.start >= previous_end
        previous_end = quantity.end
        value = quantity.value
        if quantity.label == "MONEY":
            assert set(value) == {"amount", "amount_max", "currency", "approx"}
            numbers = [value["amount"], value["amount_max"]]
        else:
            assert quantity.label == "PERSON_COUNT"
            assert set(value) == {"count", "count_max", "approx", "per_visit"}
            assert isinstance(value["count"], int)
            numbers = [value["count"], value["count_max"]]
        for number in numbers:
            if number is not None:
                assert math.isfinite(number) and number >= 0
        if numbers[1] is not None:
            assert numbers[0] < numbers[1]


def test_a_repeated_text_gives_every_copy_its_mentions(seed_text):
    # (speed is measured by scripts/benchmark.py, not here)
    quantities = find_quantities(seed_text * 40)
    assert len(quantities) == 16 * 40
    assert [q.start - i * len(seed_text) for i, q in enumerate(quantities[::16])] == [quantities[0].start] * 40


@pytest.mark.parametrize(
    "text",
    ["1" * 20000, "一" * 20000, "万" * 20000, "3\n" * 10000, "1千" * 10000, "1万" * 10000,
     "3 \n 3\n" * 5000, "十万" * 10000],
)  # fmt: skip
def test_long_numeral_runs_are_scanned_in_linear_time(text):
    begin = time.perf_counter()
    assert find_quantities(text) == []
    assert time.perf_counter() - begin < 5


def test_finder_remembers_a_text_and_hands_out_copies():
    from pipeline.numbers import QuantityFinder

    finder = QuantityFinder()
    text = "投入资金5万元，培训干部200余人次。"
    first = finder(text)
    assert [(q.start, q.end, q.label) for q in first] == [(4, 7, "MONEY"), (12, 18, "PERSON_COUNT")]
    first[0].value["amount"] = 1
    again = finder(text)
    assert again[0].value["amount"] == 50000
    assert [q.label for q in finder(text, money=False)] == ["PERSON_COUNT"]
    assert [q.label for q in finder(text, person_count=False)] == ["MONEY"]
