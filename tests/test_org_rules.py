import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.org_rules import OrgRules, name_boundaries, title_bodies, unit_list_bodies


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_org_rules")
    return nlp


def make_doc(nlp, words, ents=()):
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    if ents:
        doc.set_ents([Span(doc, start, end, label=label) for start, end, label in ents])
    return doc


def names(nlp, words, ents=()):
    doc = nlp.get_pipe("zhgov_org_rules")(make_doc(nlp, words, ents))
    return [(ent.text, ent.label_) for ent in doc.ents]


@pytest.mark.parametrize("words,expected", [
    # a level alone before the body
    (["受", "省", "人民政府", "委托"], ["省人民政府"]),
    (["向", "省发展改革委", "报送"], ["省发展改革委"]),
    # a place word before the body, as its own token or inside one
    (["甘肃省", "交通运输厅", "汇报"], ["甘肃省交通运输厅"]),
    (["寒亭区水利局", "投资"], ["寒亭区水利局"]),
    (["息县", "县委", "、", "县政府"], ["息县县委", "县政府"]),
    # a place the document names elsewhere with its level (秭阳市) before a
    # level cut off it (秭阳|市委); a word it does not name so stays outside
    (["秭阳市", "滨澜区", "。", "在", "秭阳", "市委", "、", "市政府"], ["秭阳市委", "市政府"]),
    (["在", "秭阳", "市委", "、", "市政府"], ["市委", "市政府"]),
    # a city or province above the county or district, attached
    (["丰源市", "东坪区", "民政局", "2024年", "工作", "总结"], ["丰源市东坪区民政局"]),
    (["会同", "湖南省", "长沙市", "教育局", "开展"], ["湖南省长沙市教育局"]),
    # a county above its town, attached; not above another county's body
    (["梅溪县", "青篁镇", "人民政府", "副镇长"], ["梅溪县青篁镇人民政府"]),
    (["梅溪县", "东坪区", "民政局"], ["东坪区民政局"]),
    # bodies by their full names
    (["衡岳市", "科学", "技术局", "2024年"], ["衡岳市科学技术局"]),
    (["溟州", "日报社", "、"], ["溟州日报社"]),
    # traditional characters
    (["溫州市", "稅務局"], ["溫州市稅務局"]),
    # a body and its party group
    (["县", "民政局党组"], ["县民政局党组"]),
    # 纪委监委: two bodies
    (["省", "纪委", "监委"], ["省纪委", "监委"]),
    # inside a role the body is an ORG; a body glued into a longer word is not
    (["县委", "书记"], ["县委"]),
    (["县委书记"], []),
    # 街道 is a level; a tax bureau's name opens with its parent
    (["在", "街道", "党工委", "的", "领导", "下"], ["街道党工委"]),
    (["国家税务总局", "平江县", "税务局"], ["国家税务总局平江县税务局"]),
    # a verb glued to the level is no place
    (["办理区", "人大", "代表"], []),
    (["统筹", "管理县", "中医", "医院", "、"], []),
    # no prefix, generic or deictic prefixes
    (["财政局"], []),
    (["各", "县", "财政局"], []),
    (["全市", "财政局"], []),
    (["我市", "教育局"], []),
    (["社区", "卫生院"], []),
])
def test_finds_prefixed_bodies(nlp, words, expected):
    assert [text for text, _ in names(nlp, words)] == expected


def test_repairs_model_boundaries(nlp):
    # a function word inside the model's entity
    assert names(nlp, ["和", "县", "教育局"], [(0, 3, "ORG")]) == [("县教育局", "ORG")]
    # two bodies the model joined over a list comma
    assert names(nlp, ["县编办", "、", "县人社局"], [(0, 3, "ORG")]) == [("县编办", "ORG"), ("县人社局", "ORG")]
    # the model's entity inside the name
    assert names(nlp, ["甘肃省", "交通运输厅"], [(1, 2, "ORG")]) == [("甘肃省交通运输厅", "ORG")]
    # a model mention that is no name (it runs over a line break) gives way
    assert names(nlp, ["衡岳市", "科学", "技术局", "2024年", "工作", "总结", "\n\n"], [(0, 7, "ORG")]) == [
        ("衡岳市科学技术局", "ORG")]
    # a place the rules cannot tell from a word: the level starts the name
    assert names(nlp, ["凤翔", "区委"], [(1, 2, "ORG")]) == [("区委", "ORG")]


def test_replaces_a_project_without_a_head(nlp):
    # the linker would drop a PROJECT that does not end in a project head
    assert names(nlp, ["县", "疾控", "中心", "在"], [(0, 3, "PROJECT")]) == [("县疾控中心", "ORG")]


def test_keeps_other_labels_and_longer_names(nlp):
    project = [(0, 3, "PROJECT")]
    assert names(nlp, ["县人民医院", "改扩建", "项目"], project) == [("县人民医院改扩建项目", "PROJECT")]
    # a longer model name without a break stays (国家税务总局平江县税务局)
    longer = names(nlp, ["国家税务总局", "平江县", "税务局"], [(0, 3, "ORG")])
    assert longer == [("国家税务总局平江县税务局", "ORG")]


def test_repair_off(nlp):
    rules = OrgRules(nlp.vocab, repair=False)
    doc = rules(make_doc(nlp, ["和", "县", "教育局"], [(0, 3, "ORG")]))
    assert [ent.text for ent in doc.ents] == ["和县教育局"]


def test_name_boundaries():
    #       受 省 人 民 政 府 委 托 ， 县 委 书 记
    text = "受省人民政府委托，县委书记"
    assert name_boundaries(text) == [1, 6, 8, 9, 11]
    # commas inside numbers are no punctuation
    assert name_boundaries("1,234万元") == []
    # a verb glued to the level (代表州|人民政府), and a circled numeral
    #       州 长 代 表 州 人 民 政 府 在
    assert name_boundaries("州长代表州人民政府在") == [4, 9]
    assert name_boundaries("②州人民医院") == [0, 1, 6]


def test_settings_round_trip(nlp):
    rules = OrgRules(nlp.vocab, bodies=["财政局"], repair=False)
    loaded = OrgRules(nlp.vocab).from_bytes(rules.to_bytes())
    assert loaded.cfg == {"bodies": ["财政局"], "repair": False}
    assert [e.text for e in loaded(make_doc(nlp, ["县", "教育局", "和", "县", "财政局"])).ents] == ["县财政局"]


def test_bad_bodies(nlp):
    with pytest.raises(ValueError, match="E200"):
        OrgRules(nlp.vocab, bodies=[])


@pytest.mark.parametrize("text,expected", [
    ("衡岳市科学技术局2024年工作总结\n今年以来……", [(0, 8)]),
    ("四川省经济和信息化厅关于全省专精特新工作的报告\n", [(0, 10)]),
    ("襄阳市应急管理局党委书记、局长2024年度述职报告\n", [(0, 10)]),
    ("友谊路街道办事处工作报告\n", [(0, 8)]),
    # the genre name 政府工作报告 is a unit; a place alone is no body
    ("方祥乡人民政府工作报告（摘要）\n", []),
    ("鳌江镇2024年安全生产和应急管理工作总结\n", []),
    # a sentence is no title
    ("县财政局2024年完成收入1.2亿元，比上年增长5%。\n", []),
])
def test_title_bodies(text, expected):
    assert list(title_bodies(text)) == expected


@pytest.mark.parametrize("text,expected", [
    # bare departments named as the units a task is given to
    ("（牵头单位：农业农村厅、水利厅、人社厅）", ["农业农村厅", "水利厅", "人社厅"]),
    ("（牵头单位：残联、妇联、团委、卫健委）", ["残联", "妇联", "团委", "卫健委"]),
    ("责任部门：县教育局，县财政局。", ["县教育局", "县财政局"]),
    ("（牵头单位：民政厅、医保局等）", ["民政厅", "医保局"]),
    # generic entries and lists without a label are no bodies
    ("（责任单位：各盟市、相关部门）", []),
    ("（配合单位：有关单位）", []),
    ("农业农村厅、水利厅、人社厅共同推进。", []),
])
def test_unit_list_bodies(text, expected):
    assert [text[start:end] for start, end in unit_list_bodies(text)] == expected


def test_unit_list_bodies_become_orgs(nlp):
    words = ["（", "牵头", "单位", "：", "农牧厅", "、", "林草局", "）"]
    assert names(nlp, words) == [("农牧厅", "ORG"), ("林草局", "ORG")]
