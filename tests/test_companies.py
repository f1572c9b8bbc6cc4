"""Brand names in lists of companies are ORGs; lists of kinds of industry and
brands outside a list of companies are not. A short name declared for a body
is an ORG wherever it is used, and so is a brand name found once."""
from pathlib import Path
import json

import pytest
import spacy

import pipeline.linker  # noqa: F401  registers the factory
from pipeline.companies import (KNOWN_COMPANIES, KNOWN_COMPANY, declared_short_names, is_industry_kind, is_standalone_brand,
                                listed_companies, repeated_brands)


def _names(text, orgs=()):
    """The brand names found in text, given the ORGs a model found."""
    nlp = spacy.blank("zh")
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(org), text.index(org) + len(org), label="ORG") for org in orgs]
    return [text[start:end] for start, end in listed_companies(text, doc.ents)]


@pytest.mark.parametrize("text,orgs,names", [
    # A company with its head in the list tells what the others are.
    ("支持嵘岳重工、华翎新能源、嶂钢集团做大做强。", ["嶂钢集团"], ["嵘岳重工", "华翎新能源"]),
    ("协调国网鹭门供电公司、鹭门澄源燃气、汀岚水务集团和", ["国网鹭门供电公司", "汀岚水务集团"], ["鹭门澄源燃气"]),
    # 等企业 after the list does too, also with a count and a kind.
    ("促成豫森纸业、恒达管业等企业增资扩产。", [], ["豫森纸业", "恒达管业"]),
    ("县城乡公交有限公司和顺捷物流、中通快递等5家快递物流企业", ["县城乡公交有限公司"], ["顺捷物流", "中通快递"]),
    ("为金穗粮油等128家企业上门服务。", [], ["金穗粮油"]),
    # Three brand names and nothing else, also when a verb follows the last one.
    ("瑞芯光电、澜芯半导体、禾润生物入选省级“小巨人”企业。", [], ["瑞芯光电", "澜芯半导体", "禾润生物"]),
    ("支持柘源纸业、恒晟新材、琅江食品扩能改造，", [], ["柘源纸业", "恒晟新材", "琅江食品"]),
    ("蓝洋生物、湄钢集团、锐弘精密入选省级创新型领军企业", ["湄钢集团"], ["蓝洋生物", "锐弘精密"]),
    # Only companies go public, also those named without an industry word.
    ("澜芯微、鹏达电子成功上市。", [], ["澜芯微", "鹏达电子"]),
    # A found ORG is not found again.
    ("支持嵘岳重工、华翎新能源等企业。", ["嵘岳重工"], ["华翎新能源"]),
])
def test_brands_in_lists_of_companies(text, orgs, names):
    assert _names(text, orgs) == names


@pytest.mark.parametrize("text,orgs", [
    # Kinds of industry, not brands.
    ("支持冷链物流、跨境电商等企业发展。", []),
    ("培育生物医药、新能源汽车、嶂钢集团等", ["嶂钢集团"]),
    # No sign that the list is one of companies: two brands, or a kind among three.
    ("嵘岳重工、华翎新能源产值增长。", []),
    ("嵘岳重工、华翎新能源入选省级名单。", []),
    ("推动晶硅光伏、储能电池、氢能装备入选省级集群。", []),
    # One item of the list is no company: the list is not one of companies.
    ("支持嵘岳重工、园区建设和嶂钢集团发展", ["嶂钢集团"]),
    # Markets that companies go public on are none.
    ("推动企业在科创板、北交所上市。", []),
    # A brand alone, with no list and no 等企业.
    ("嵘岳重工大直径盾构机下线。", []),
])
def test_no_brands_without_a_list_of_companies(text, orgs):
    assert _names(text, orgs) == []


def test_linker_adds_listed_companies_and_can_be_switched_off():
    text = "促成豫森纸业、恒达管业等企业增资扩产。"
    for enabled, expected in ((True, ["豫森纸业", "恒达管业"]), (False, [])):
        nlp = spacy.blank("zh")
        nlp.add_pipe("zhgov_linker", config={"listed_companies": enabled})
        doc = nlp(text)
        assert [(e.text, e.label_) for e in doc.ents] == [(name, "ORG") for name in expected]


@pytest.mark.parametrize("name,kind", [("高端食品", True), ("冷链物流", True), ("金穗食品", False),
                                       ("嶂钢集团", False), ("县财政局", False)])
def test_industry_kinds(name, kind):
    assert is_industry_kind(name) is kind


def _found(find, text, orgs):
    """(start, text) of what find adds to text, given the ORGs a model found
    (in order of the text)."""
    nlp = spacy.blank("zh")
    doc = nlp.make_doc(text)
    ents, position = [], 0
    for org in orgs:
        position = text.index(org, position)
        ents.append(doc.char_span(position, position + len(org), label="ORG"))
        position += len(org)
    doc.ents = ents
    return [(start, text[start:end]) for start, end in find(text, doc.ents)]


@pytest.mark.parametrize("text,orgs,names", [
    # the short name in the brackets, then each later use
    ("由栎州城发集团建设工程有限公司（以下简称“城发建设”）承建。城发建设全年新签合同，支持城发建设拓展。",
     ["栎州城发集团建设工程有限公司"], [(21, "城发建设"), (30, "城发建设"), (43, "城发建设")]),
    # without 以下 or quote marks, with half-width brackets
    ("市第一人民医院（简称市一院）牵头。市一院新增床位。", ["市第一人民医院"], [(10, "市一院"), (17, "市一院")]),
    ("组建澄渊文旅集团有限公司(以下简称\"澄渊文旅\")。", ["澄渊文旅集团有限公司"], [(18, "澄渊文旅")]),
    # a use the model found already is not found again
    ("浔东城发物业服务有限公司（以下简称“城发物业”）对15个小区，城发物业", ["浔东城发物业服务有限公司", "城发物业"],
     [(31, "城发物业")]),
])
def test_declared_short_names(text, orgs, names):
    assert _found(declared_short_names, text, orgs) == names


@pytest.mark.parametrize("text,orgs", [
    # declared for what is no body found: a loan, a policy
    ("对国际金融组织贷款（以下简称“外贷”）进行梳理，外贷余额下降。", []),
    # a name that is only a kind, or the document's own body
    ("某市国有资本投资运营集团有限公司（以下简称“集团”）2024年度，集团营收", ["某市国有资本投资运营集团有限公司"]),
    ("岚溪县人民医院（以下简称“本院”）全年，本院门诊", ["岚溪县人民医院"]),
    ("与央企合资成立濉阳容熠储能科技有限公司（以下简称“项目公司”），由项目公司投资建设", ["濉阳容熠储能科技有限公司"]),
    # a short name declared inside a sentence, not in brackets after the body
    ("领导小组下设办公室，简称县创建办，设在县住建局。", ["县住建局"]),
])
def test_no_short_names(text, orgs):
    assert _found(declared_short_names, text, orgs) == []


def test_linker_adds_short_names_and_can_be_switched_off():
    # nothing inside 《》
    text = "湄川港务集团有限公司（以下简称“港务集团”）。港务集团完成吞吐量，印发《港务集团安全管理办法》。"
    expected = ["湄川港务集团有限公司", "港务集团", "港务集团"]
    for enabled in (True, False):
        nlp = spacy.blank("zh")
        nlp.add_pipe("zhgov_linker", config={"short_names": enabled, "listed_companies": False})
        doc = nlp.make_doc(text)
        doc.ents = [doc.char_span(0, 10, label="ORG")]
        doc = nlp.get_pipe("zhgov_linker")(doc)
        assert [e.text for e in doc.ents] == (expected if enabled else expected[:1])


@pytest.mark.parametrize("text,orgs,uses", [
    # the other uses of a brand found once
    ("北辰汽车入选智能工厂，支持北辰汽车与淯阳理工学院共建。", ["北辰汽车"], [(13, "北辰汽车")]),
    # not where it opens a longer name, nor where an entity stands already
    ("支持北辰汽车扩产。北辰汽车冲焊涂总四大工艺智能化改造项目投产，霁州北辰汽车有限公司", ["北辰汽车", "霁州北辰汽车有限公司"], []),
    # a body that is no brand is left to the model (市委 in 市委常委会会议)
    ("市委决定，召开市委常委会会议。", ["市委"], []),
])
def test_repeated_brands(text, orgs, uses):
    assert _found(repeated_brands, text, orgs) == uses


def test_linker_adds_repeated_brands_and_can_be_switched_off():
    text = "北辰汽车入选智能工厂，支持北辰汽车扩产。《北辰汽车发展规划》"
    for enabled, expected in ((True, ["北辰汽车", "北辰汽车"]), (False, ["北辰汽车"])):
        nlp = spacy.blank("zh")
        nlp.add_pipe("zhgov_linker", config={"repeated_brands": enabled, "listed_companies": False,
                                             "require_heads": False})
        doc = nlp.make_doc(text)
        doc.ents = [doc.char_span(0, 4, label="ORG")]
        doc = nlp.get_pipe("zhgov_linker")(doc)
        # nothing inside 《》
        assert [e.text for e in doc.ents] == expected


CONFIGS = Path(__file__).parent.parent / "configs"


def _with_company_names(text, names):
    """Entities after the company lexicon (with the given names) and the linker."""
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("span_ruler", name="company_names",
                         config={"spans_key": KNOWN_COMPANIES, "annotate_ents": False, "scorer": None})
    ruler.add_patterns([{"label": "ORG", "pattern": name, "id": KNOWN_COMPANY} for name in names])
    nlp.add_pipe("zhgov_linker")
    return [(e.text, e.label_) for e in nlp(text).ents]


@pytest.mark.filterwarnings("ignore:.*W036")
def test_known_companies_are_orgs_without_a_head():
    text = "加快宁德时代电池材料、比亚迪整车配套等项目建设。"
    assert _with_company_names(text, ["宁德时代", "比亚迪"]) == [("宁德时代", "ORG"), ("比亚迪", "ORG")]
    # without the lexicon the names have no head, and the linker keeps nothing
    assert _with_company_names(text, []) == []


def test_a_known_company_makes_a_list_of_companies():
    text = "支持瀚辰智造、澜芯微电、宁德时代、比亚迪等领军企业扩能。"
    assert _with_company_names(text, ["宁德时代", "比亚迪"]) == [
        ("瀚辰智造", "ORG"), ("澜芯微电", "ORG"), ("宁德时代", "ORG"), ("比亚迪", "ORG")]


def _model_then_company_names(text, names, model_orgs):
    """Entities after the linker, given the ORGs a model found and the lexicon's names."""
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("span_ruler", name="company_names",
                         config={"spans_key": KNOWN_COMPANIES, "annotate_ents": False, "scorer": None})
    ruler.add_patterns([{"label": "ORG", "pattern": name, "id": KNOWN_COMPANY} for name in names])
    linker = nlp.add_pipe("zhgov_linker")
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(org), text.index(org) + len(org), label="ORG") for org in model_orgs]
    return [(e.text, e.label_) for e in linker(ruler(doc)).ents]


@pytest.mark.parametrize("text,model_orgs,expected", [
    # the model found the name, which has no head: the lexicon keeps it
    ("联合中芯国际开展攻关", ["中芯国际"], [("中芯国际", "ORG")]),
    # the model read a product into the name: the known name alone
    ("服务中海油装备智能制造投产", ["中海油装备智能制造"], [("中海油", "ORG")]),
    # a known name and a centre named after it: the firm's facility
    ("中国电信瑀州智算中心同步上线", ["中国电信瑀州智算中心"], [("中国电信", "ORG")]),
    # a known name and an industry word name a company (华润|电力)
    ("华润电力投资建设光伏电站", ["华润电力"], [("华润电力", "ORG")]),
    # but in a list of projects the industry word names the product
    ("实施中海油化工、岚峰汽车整车配套等项目", ["中海油化工"], [("中海油", "ORG")]),
    # a full name that starts with a known one stays whole
    ("比亚迪汽车工业有限公司投产", ["比亚迪汽车工业有限公司"], [("比亚迪汽车工业有限公司", "ORG")]),
    # one known company among unknown brands, with 等…企业 after the list
    ("依托瀚辰智造、澜芯微电、中芯国际等头部企业", [], [("瀚辰智造", "ORG"), ("澜芯微电", "ORG"), ("中芯国际", "ORG")]),
])
def test_known_companies_and_the_model(text, model_orgs, expected):
    assert _model_then_company_names(text, ["中芯国际", "中海油", "比亚迪", "华润", "中国电信"], model_orgs) == expected


def test_shipped_company_names_are_orgs_with_the_known_id():
    patterns = [json.loads(line) for line in (CONFIGS / "company_names.jsonl").read_text(encoding="utf-8").splitlines()]
    names = [p["pattern"] for p in patterns]
    assert all(p["label"] == "ORG" and p["id"] == KNOWN_COMPANY for p in patterns)
    assert len(names) == len(set(names)) and all(len(name) >= 2 for name in names)
    # common words and a person's name stay out (美的 "beautiful", 日产 "daily output", 包钢 also a name)
    assert not {"美的", "日产", "小米", "包钢", "平安", "长城", "光大", "吉利", "东风", "远景", "新希望"} & set(names)


@pytest.mark.parametrize("text,model_orgs,expected", [
    # a brand the model found needs no head: in a list of projects, alone, before a verb
    ("推动沣岚新能源二期、唐晶半导体等项目释放产能。", ["唐晶半导体"], [("唐晶半导体", "ORG")]),
    ("支持恒岳新材开展强链补链，", ["恒岳新材"], [("恒岳新材", "ORG")]),
    ("产投控股战略入股岚锋新能源，", ["产投控股"], [("产投控股", "ORG")]),
    # kinds of industry are no brands
    ("争创硅基半导体、铜基新材料、旋翼飞行器等领域", ["铜基新材料"], []),
    ("发展冷链物流、应急物流等业态", ["应急物流"], []),
    ("千吨级船舶可直达港区", ["千吨级船舶"], []),
    ("省财政科技投入增长10%", ["省财政科技"], []),
    # a brand that opens a longer name or a place's is none alone
    ("北辰汽车冲焊涂总四大工艺智能化改造项目投产", ["北辰汽车"], []),
    ("对岭东化工园区等5个园区开展检查", ["岭东化工"], []),
    ("产投集团控股的琨能股份净利润增长", ["产投集团控股"], []),
])
def test_model_brands_without_a_head(text, model_orgs, expected):
    assert _model_then_company_names(text, [], model_orgs) == expected


@pytest.mark.parametrize("text,brand", [
    ("支持华熙生物入选名单", "华熙生物"),
    ("推进裕龙石化一期稳产", "裕龙石化"),
    # a dictionary word before the industry word names a kind of industry
    ("发展石化化工、装备制造", "石化化工"),
    ("科学布局金属新材料、脑机接口", "金属新材料"),
])
def test_standalone_brands_and_common_words(text, brand):
    start = text.index(brand)
    common = {"石化", "金属", "消费", "合成"}
    assert is_standalone_brand(text, start, start + len(brand), common) is (brand[:2] not in common)
    # without a dictionary only the shape counts
    assert is_standalone_brand(text, start, start + len(brand))


def test_the_shipped_linker_reads_the_segmenters_dictionary():
    from pipeline import load

    nlp = load(None)
    words = nlp.get_pipe("linker").common_words()
    assert "石化" in words and "华熙" not in words
