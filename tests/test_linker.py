import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example

import pipeline.linker  # noqa: F401  registers the factory
from pipeline.markers import Marker, build_work_items, parse_marker

TEXT = "序言县政府。一、县财政局投入5万元。一是《县财政局工作规则》印发。\n第1页"


def _doc(nlp, ents):
    doc = nlp.make_doc(TEXT)
    markers = []
    for marker in ("一、", "一是"):
        start = TEXT.index(marker)
        markers.append(Marker(start, start + 2, *parse_marker(marker)))
    boilerplate = [(TEXT.index("第1页"), len(TEXT))]
    doc._.boilerplate = boilerplate
    doc._.work_items = build_work_items(TEXT, markers, boilerplate)
    spans = []
    for text, label, value in ents:
        start = TEXT.index(text)
        span = doc.char_span(start, start + len(text), label=label)
        span._.value = value
        spans.append(span)
    doc.ents = spans
    return doc


@pytest.fixture
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_linker")
    return nlp


def test_links_to_deepest_item_and_drops_ruled_out(nlp):
    money = {"amount": 50000, "amount_max": None, "currency": "CNY", "approx": False}
    doc = _doc(nlp, [("县政府", "ORG", None), ("县财政局", "ORG", None), ("5万元", "MONEY", money),
                     ("县财政局工作规则", "PROJECT", None), ("第1页", "ORG", None)])
    # a MONEY entity without a value (from the statistical model) is dropped too
    doc.ents = list(doc.ents) + [doc.char_span(TEXT.index("印发"), TEXT.index("印发") + 2, label="MONEY")]
    doc = nlp.get_pipe("zhgov_linker")(doc)
    assert [(e.text, e.label_, e._.work_item) for e in doc.ents] == [
        ("县政府", "ORG", None), ("县财政局", "ORG", "1"), ("5万元", "MONEY", "1")]


@pytest.mark.parametrize("option,kept", [("drop_in_boilerplate", "第1页"), ("drop_in_titles", "县财政局工作规则")])
def test_options(option, kept):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_linker", config={option: False, "require_heads": False})
    doc = _doc(nlp, [("县财政局工作规则", "PROJECT", None), ("第1页", "ORG", None)])
    doc = nlp.get_pipe("zhgov_linker")(doc)
    assert [e.text for e in doc.ents] == [kept]


def test_linking_score(nlp):
    gold = _doc(nlp, [("县财政局", "ORG", None)])
    gold.ents[0]._.work_item = "1"
    pred = nlp.get_pipe("zhgov_linker")(_doc(nlp, [("县财政局", "ORG", None)]))
    assert nlp.get_pipe("zhgov_linker").score([Example(pred, gold)]) == {"linking_acc": 1.0}
    gold.ents[0]._.work_item = "1.1"
    assert nlp.get_pipe("zhgov_linker").score([Example(pred, gold)]) == {"linking_acc": 0.0}


def test_serialization_roundtrip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    assert loaded.pipe_names == ["zhgov_linker"]
    assert loaded.get_pipe("zhgov_linker").drop_in_titles is True


@pytest.mark.parametrize("text,label,kept", [
    ("县财政局", "ORG", True), ("风神股份", "ORG", True), ("岚州发展明确科学定位", "ORG", False),
    ("县财政局。今年", "ORG", False), ("城乡供水一体化工程", "PROJECT", True), ("高标准农田建设项 目", "PROJECT", True),
    ("规范涉企", "PROJECT", False), ("“百企帮百村”。争取国家政策性项目", "PROJECT", False),
    ("5万元", "MONEY", True),
    # a verb phrase that ends like a head, a category of projects, unbalanced quotes
    ("航运物流发展壮大", "ORG", False), ("全国人大", "ORG", True),
    ("北京大学口腔医院等医疗项目", "PROJECT", False), ("北部山区“山水工程", "PROJECT", False),
    ("首批交通强国试点", "PROJECT", False), ("首个公共数据授权运营项目", "PROJECT", False),
    ("12处矿坑生态回填试点", "PROJECT", False), ("中央预算内投资项目", "PROJECT", False),
    ("滨湖新区重点项目", "PROJECT", False), ("“考古中国”重大项目", "PROJECT", True),
    ("“幸福家园”一期工程", "PROJECT", True),
])
def test_plausible_names(nlp, text, label, kept):
    assert nlp.get_pipe("zhgov_linker").is_plausible_name(text, label) is kept


def test_heads_are_configurable():
    nlp = spacy.blank("zh")
    linker = nlp.add_pipe("zhgov_linker", config={"project_heads": ["规则"], "org_heads": "页"})
    assert linker.is_plausible_name("县财政局工作规则", "PROJECT") and linker.is_plausible_name("第1页", "ORG")
    assert not linker.is_plausible_name("县财政局", "ORG")


def _ents_after_linker(text, ents):
    nlp = spacy.blank("zh")
    linker = nlp.add_pipe("zhgov_linker")
    doc = nlp.make_doc(text)
    spans = []
    for mention, label in ents:
        start = text.index(mention)
        spans.append(doc.char_span(start, start + len(mention), label=label))
    doc.ents = spans
    return [(e.text, e.label_) for e in linker(doc).ents]


@pytest.mark.parametrize("text,ents,expected", [
    # an ORG at the start of a project name: the longest reading wins
    ("市技师学院设备购置工程已经完成。", [("市技师学院", "ORG")], [("市技师学院设备购置工程", "PROJECT")]),
    # a verb after the ORG opens a new phrase
    ("县财政局组织实施项目12个。", [("县财政局", "ORG")], [("县财政局", "ORG")]),
    ("县财政局的项目资金全部到位。", [("县财政局", "ORG")], [("县财政局", "ORG")]),
    # a clause word between them, or a head that starts a longer noun: no name
    ("与省审计厅、省财政厅建立项目资金绩效联动机制。", [("省财政厅", "ORG")], [("省财政厅", "ORG")]),
    # a body directly followed by a head is the body and a word, not a name
    ("在襄都区西大街街道办事处试点推行。", [("襄都区西大街街道办事处", "ORG")], [("襄都区西大街街道办事处", "ORG")]),
    # a project mention followed by a count is a counted set
    ("全年实施智能化改造项目60个。", [("智能化改造项目", "PROJECT")], []),
    ("申报超长期特别国债项目不少于10个。", [("超长期特别国债项目", "PROJECT")], []),
    ("委托城投集团实施老旧小区改造8个项目，", [("老旧小区改造8个项目", "PROJECT")], []),
    ("加快推进117项目建设，", [("117项目", "PROJECT")], [("117项目", "PROJECT")]),
    ("实施高标准农田建设项目，总投资1亿元。", [("高标准农田建设项目", "PROJECT")], [("高标准农田建设项目", "PROJECT")]),
    # a head the next word turns into a modifier ends no name; 建设 and 资金 after it do not
    ("开展燃气安全专项整治，", [("燃气安全专项", "PROJECT")], []),
    ("制定基本公共服务项目清单", [("基本公共服务项目", "PROJECT")], []),
    ("推进滨江大道改造工程建设，", [("滨江大道改造工程", "PROJECT")], [("滨江大道改造工程", "PROJECT")]),
    ("下达农村供水工程维修养护专项资金", [("农村供水工程维修养护专项", "PROJECT")],
     [("农村供水工程维修养护专项", "PROJECT")]),
    # a class of funding, any one of a kind and a pledge are no names
    ("国家自然科学基金项目立项数增长", [("国家自然科学基金项目", "PROJECT")], []),
    ("用于单个海洋牧场项目", [("单个海洋牧场项目", "PROJECT")], []),
    ("上级有部署、全县见行动", [("全县见行动", "PROJECT")], []),
    # punctuation ends the name
    ("联合县财政局，推进工程建设。", [("县财政局", "ORG")], [("县财政局", "ORG")]),
    # a counted mention is not one organisation
    ("市有6所学校进入省级工程。", [("市有6所学校", "ORG")], []),
])
def test_project_extension_and_counted_mentions(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # a quote mark the model took in without its partner is left out
    ("协同推进“清河行动”，整治河道。", [("“清河行动", "PROJECT")], [("清河行动", "PROJECT")]),
    ("实施“幸福家园”一期工程。", [("“幸福家园”一期工程", "PROJECT")], [("“幸福家园”一期工程", "PROJECT")]),
    # a clause mark is no part of a name
    ("（牵头单位：市场监管局）", [("：市场监管局", "ORG")], [("市场监管局", "ORG")]),
    ("，县财政局、", [("县财政局、", "ORG")], [("县财政局", "ORG")]),
    # so is a photo caption's bullet
    ("▲溱浦区税务局青年志愿者走进企业", [("▲溱浦区税务局", "ORG")], [("溱浦区税务局", "ORG")]),
])
def test_stray_marks_are_trimmed(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # the genre name 县政府工作报告 is a unit, as in a title line
    ("琅溪县人民政府工作报告（节选）", [("琅溪县人民政府", "ORG")], []),
    ("认真听取县政府工作报告。", [("县政府", "ORG")], []),
    # the body is an ORG where the genre does not follow
    ("县政府工作组进驻。", [("县政府", "ORG")], [("县政府", "ORG")]),
])
def test_nothing_inside_the_genre_name(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # a national body's branch or unit is one ORG with the parent's name
    ("据国家统计局云嶂调查总队抽样调查，", [("国家统计局", "ORG")], [("国家统计局云嶂调查总队", "ORG")]),
    ("与生态环境部华东督察局建立会商机制", [("生态环境部", "ORG")], [("生态环境部华东督察局", "ORG")]),
    ("县司法局岚溪司法所排查纠纷", [("县司法局", "ORG")], [("县司法局岚溪司法所", "ORG")]),
    ("国家外汇管理局澴州市中心支局推出便利化措施", [("国家外汇管理局", "ORG")], [("国家外汇管理局澴州市中心支局", "ORG")]),
    ("参加国家卫生健康委临床检验中心组织的能力验证", [("国家卫生健康委", "ORG")], [("国家卫生健康委临床检验中心", "ORG")]),
    ("配合公安部刑事侦查局开展追赃。", [("公安部", "ORG"), ("侦查局", "ORG")], [("公安部刑事侦查局", "ORG")]),
    ("国家金融监督管理总局沧浔监管分局组织", [("国家金融监督管理总局", "ORG")],
     [("国家金融监督管理总局沧浔监管分局", "ORG")]),
    # a ministry's centre is one of its units; a body's central task is not
    ("市应急管理局委托应急管理部化学品登记中心对重点企业", [("市应急管理局", "ORG"), ("应急管理部", "ORG")],
     [("市应急管理局", "ORG"), ("应急管理部化学品登记中心", "ORG")]),
    ("落实财政部中心工作部署", [("财政部", "ORG")], [("财政部", "ORG")]),
    ("邀请生态环境部环境规划院、", [("生态环境部", "ORG")], [("生态环境部环境规划院", "ORG")]),
    # so is a bureau's (the guideline's 县应急管理局指挥中心); a verb between them opens another body
    ("县人社局就业服务中心", [("县人社局", "ORG")], [("县人社局就业服务中心", "ORG")]),
    ("县公安局反电信网络诈骗中心实行7×24小时值守", [("县公安局", "ORG")], [("县公安局反电信网络诈骗中心", "ORG")]),
    ("市应急管理局邀请应急管理部化学品登记中心专家", [("市应急管理局", "ORG"), ("应急管理部", "ORG")],
     [("市应急管理局", "ORG"), ("应急管理部化学品登记中心", "ORG")]),
    # an institute whose name holds 与 is one ORG with the academy or university it opens with
    ("联合中国科学院宁波材料技术与工程研究所开展", [("中国科学院", "ORG"), ("工程研究所", "ORG")],
     [("中国科学院宁波材料技术与工程研究所", "ORG")]),
    ("我们与同济大学建筑与城市规划学院合作", [("城市规划学院", "ORG")], [("同济大学建筑与城市规划学院", "ORG")]),
    ("与浙江大学医学院与市中医学院", [("浙江大学医学院", "ORG"), ("市中医学院", "ORG")],
     [("浙江大学医学院", "ORG"), ("市中医学院", "ORG")]),
    # a university's school or institute is one of its units; a verb between them is not
    ("委托清华大学建筑设计研究院修编", [("清华大学", "ORG")], [("清华大学建筑设计研究院", "ORG")]),
    ("与华中科技大学共建澄州产业技术研究院，", [("华中科技大学", "ORG"), ("澄州产业技术研究院", "ORG")],
     [("华中科技大学", "ORG"), ("澄州产业技术研究院", "ORG")]),
    ("支持配合市税务局纪检组开展", [("市税务局", "ORG")], [("市税务局纪检组", "ORG")]),
    # a special committee of a CPPCC or a congress, whose name may hold 和
    ("县政协文史和学习委员会编纂出版", [("县政协", "ORG")], [("县政协文史和学习委员会", "ORG")]),
    ("市人大财政经济委员会审查了预算", [("市人大", "ORG")], [("市人大财政经济委员会", "ORG")]),
    ("县政协向社会各界征集提案，委员会", [("县政协", "ORG")], [("县政协", "ORG")]),
    # units follow one another
    ("县委全面依法治县委员会办公室全年召开", [("县委", "ORG")], [("县委全面依法治县委员会办公室", "ORG")]),
    # a verb, a conjunction or a level opens a body of its own
    ("区应急管理局联合区消防救援大队开展", [("区应急管理局", "ORG"), ("区消防救援大队", "ORG")],
     [("区应急管理局", "ORG"), ("区消防救援大队", "ORG")]),
    ("璟州水务集团下属璟州水务集团供水分公司", [("璟州水务集团", "ORG"), ("璟州水务集团供水分公司", "ORG")],
     [("璟州水务集团", "ORG"), ("璟州水务集团供水分公司", "ORG")]),
    ("在市委市政府办公室的协调下", [("市委", "ORG"), ("市政府办公室", "ORG")],
     [("市委", "ORG"), ("市政府办公室", "ORG")]),
    ("街道综合治理中心整合芸香派出所力量", [("街道综合治理中心整合芸香派出所", "ORG")],
     [("街道综合治理中心", "ORG"), ("芸香派出所", "ORG")]),
    # a committee's or government's office written as 办 in a list; not 督办
    ("抄送：县委办，县政府办。", [("县委", "ORG"), ("县政府", "ORG")], [("县委办", "ORG"), ("县政府办", "ORG")]),
    ("县委书记督办，限期整改。", [("县委", "ORG")], [("县委", "ORG")]),
    ("县审计局配合审计署长沙特派办完成专项审计", [("县审计局", "ORG"), ("审计署长沙特派办", "ORG")],
     [("县审计局", "ORG"), ("审计署长沙特派办", "ORG")]),
    # a task force named after its body
    ("按照国务院第五次全国经济普查领导小组部署", [("国务院", "ORG")], [("国务院第五次全国经济普查领导小组", "ORG")]),
    # a tail that holds another kind of entity stays apart
    ("县财政局和县税务局", [("县财政局", "ORG"), ("县税务局", "ORG")], [("县财政局", "ORG"), ("县税务局", "ORG")]),
])
def test_units_join_their_body(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # a body and its central task: 中心工作 is no part of the name
    ("紧紧围绕省委、省政府中心工作，", [("省委", "ORG"), ("省政府中心", "ORG")], [("省委", "ORG"), ("省政府", "ORG")]),
    ("市疾病预防控制中心工作人员", [("市疾病预防控制中心", "ORG")], [("市疾病预防控制中心", "ORG")]),
    # a role or verb the model read into a body's name is left out
    ("督促施工方湘南路桥集团补发", [("施工方湘南路桥集团", "ORG")], [("湘南路桥集团", "ORG")]),
    ("扶持龙头企业江西安福火腿有限公司开拓", [("扶持龙头企业江西安福火腿有限公司", "ORG")],
     [("江西安福火腿有限公司", "ORG")]),
    ("国企业绩考核", [("国企", "ORG")], []),
    # nor is a body inside the name of its meeting
    ("经县政府常务会研究后印发", [("县政府", "ORG")], []),
    ("全年召开县委常委会会议、县政府常务会议研究安全生产9次", [("县委", "ORG"), ("县政府", "ORG")], []),
    ("按照市政府第42次常务会议部署", [("市政府", "ORG")], []),
    ("办好上合组织经贸部长会议", [("上合组织", "ORG")], []),
    # a name ending in 心 ends in 中心 (巴斯夫|核心装置, 全市上下一心)
    ("岚峰化工核心装置建成投产", [("岚峰化工核心", "ORG")], []),
    ("县疾病预防控制中\n心开展检测", [("县疾病预防控制中\n心", "ORG")], [("县疾病预防控制中\n心", "ORG")]),
    ("省政府与部长们座谈", [("省政府", "ORG")], [("省政府", "ORG")]),
    ("全面贯彻市委七届九次全会部署", [("市委", "ORG")], []),
    ("按照省委十次全会部署", [("省委", "ORG")], []),
    ("市十七届人大四次会议期间", [("市十七届人大", "ORG")], []),
    ("——2024年11月26日在县人大常委会第二十一次会议上", [("县人大常委会", "ORG")], []),
    ("县人大常委会第二十一次会议审议通过", [("县人大常委会", "ORG")], []),
    ("召开市委教育工作领导小组会议3次", [("市委教育工作领导小组", "ORG")], []),
    ("在县政府会议室召开", [("县政府", "ORG")], [("县政府", "ORG")]),
    ("按照省委十三届五次、六次全会部署", [("省委", "ORG")], []),
    ("市政府常务副市长", [("市政府", "ORG")], [("市政府", "ORG")]),
    # a body named by its rank or relation is none
    ("深化与上级医院的合作。", [("上级医院", "ORG")], []),
    ("指导辖内银行推出“外贸贷”", [("辖内银行", "ORG")], []),
    ("引导辖区银行机构新增贷款", [("辖区银行", "ORG")], []),
    ("深化与境内外证券交易所的对接", [("境内外证券交易所", "ORG")], []),
    ("以国家实验室为引领", [("国家实验室", "ORG")], []),
    ("新增全国重点实验室3家", [("全国重点实验室", "ORG")], []),
    ("支持岚湖国家实验室二期建设", [("岚湖国家实验室", "ORG")], [("岚湖国家实验室", "ORG")]),
    ("区市县党政主要负责同志带头接访", [("区市县党政", "ORG")], []),
    ("服务专家库，成员来自澴州理工学院、", [("成员来自澴州理工学院", "ORG")], [("澴州理工学院", "ORG")]),
    ("遴选中国电信澴州分公司等服务商", [("遴选中国电信澴州分公司", "ORG")], [("中国电信澴州分公司", "ORG")]),
    ("联合侦办鄞川鑫达再生资源有限公司非法转移", [("侦办鄞川鑫达再生资源有限公司", "ORG")],
     [("鄞川鑫达再生资源有限公司", "ORG")]),
    ("主要得益于衢岭锂能新材料股份有限公司二期投产", [("主要得益于衢岭锂能新材料股份有限公司", "ORG")],
     [("衢岭锂能新材料股份有限公司", "ORG")]),
    ("委託**頤康養老服務有限公司等6家企業", [("委託**頤康養老服務有限公司", "ORG")], [("**頤康養老服務有限公司", "ORG")]),
    ("关于瑭州市城市发展投资集团有限公司2025年度工作", [("关于瑭州市城市发展投资集团有限公司", "ORG")],
     [("瑭州市城市发展投资集团有限公司", "ORG")]),
    ("下设瑭州城建集团有限公司、", [("下设瑭州城建集团有限公司", "ORG")], [("瑭州城建集团有限公司", "ORG")]),
    # a hospital's or school's branch or campus is the hospital or school; an academy's branch is a body
    ("通过三级医院评审，县中医院柘口分院开诊", [("县中医院柘口分院", "ORG")], [("县中医院", "ORG")]),
    ("泖西大学瑀州校区二期", [("泖西大学瑀州校区", "ORG")], [("泖西大学", "ORG")]),
    ("与中国科学院岷阳分院共建", [("中国科学院岷阳分院", "ORG")], [("中国科学院岷阳分院", "ORG")]),
    # a firm's centre named after it is the firm's facility; a body's own centre is a body
    ("支持曜澜光电亚太研发中心建设", [("曜澜光电亚太研发中心", "ORG")], [("曜澜光电", "ORG")]),
    ("槎川数据集团智算中心一期建成", [("槎川数据集团智算中心", "ORG")], [("槎川数据集团", "ORG")]),
    ("委托鹭州海关技术中心检测", [("鹭州海关技术中心", "ORG")], [("鹭州海关技术中心", "ORG")]),
    ("获国家政策性银行专项借款", [("国家政策性银行", "ORG")], []),
    ("在全市组建基础教育集团38个", [("基础教育集团", "ORG")], []),
    ("组建紧密型教育集团4个", [("紧密型教育集团", "ORG")], []),
    ("市中心医院与沄口、萩水两县人民医院组建", [("萩水两县人民医院", "ORG")], []),
    ("招生名额分配到初中学校", [("初中学校", "ORG")], []),
    ("组建棠溪市第一中学教育集团", [("棠溪市第一中学教育集团", "ORG")], [("棠溪市第一中学教育集团", "ORG")]),
    ("探索将县域内民营医院纳入", [("县域内民营医院", "ORG")], []),
    ("配套企业淯阳宏锂新能源材料有限公司投资", [("配套企业淯阳宏锂新能源材料有限公司", "ORG")],
     [("淯阳宏锂新能源材料有限公司", "ORG")]),
    # nor is a title bodies are given, a kind of body, a park, a platform or a region
    ("争创国家医学中心和区域医疗中心", [("国家医学中心", "ORG"), ("区域医疗中心", "ORG")], []),
    ("县人民医院获批省技术创新中心", [("县人民医院", "ORG"), ("省技术创新中心", "ORG")], [("县人民医院", "ORG")]),
    ("新增上市公司3家、定点医院2所", [("上市公司", "ORG"), ("定点医院", "ORG")], []),
    ("建成滨河口袋公园和市政务数据平台", [("滨河口袋公园", "ORG"), ("市政务数据平台", "ORG")], []),
    ("带动中国西部开放", [("中国西部", "ORG")], []),
    ("凝聚万众一心的力量", [("凝聚万众一心", "ORG")], []),
    ("县农商行和工行岚溪支行", [("县农商行", "ORG"), ("工行岚溪支行", "ORG")],
     [("县农商行", "ORG"), ("工行岚溪支行", "ORG")]),
    ("支持澴州建设国际航运中心", [("国际航运中心", "ORG")], []),
    ("深化省以下财政体制改革", [("省以下财政", "ORG")], []),
    ("完成澴州建工集团重组", [("澴州建工集团重组", "ORG")], []),
    ("提升中心城区承载能力", [("提升中心", "ORG")], []),
    ("提升职业学校办学能力", [("提升职业学校", "ORG")], []),
    # a bare kind of body, or a centre named by its function alone, is none
    ("发挥工商联、商会和行业协会作用", [("商会", "ORG"), ("行业协会", "ORG")], []),
    ("引导星级旅游饭店和养老院提升服务", [("星级旅游饭店", "ORG"), ("养老院", "ORG")], []),
    ("建成超大规模智算中心和会展中心", [("智算中心", "ORG"), ("会展中心", "ORG")], []),
    ("嵘州商会和岚溪县茶叶协会", [("嵘州商会", "ORG"), ("岚溪县茶叶协会", "ORG")],
     [("嵘州商会", "ORG"), ("岚溪县茶叶协会", "ORG")]),
    # nor is a kind named by its size or reach, a kind of medical group, a year
    # read into a body, or 政府 after a place without its level
    ("建设大型智算中心和区域性中心敬老院", [("大型智算中心", "ORG"), ("区域性中心敬老院", "ORG")], []),
    ("组建紧密型城市医疗集团和县域医共体", [("紧密型城市医疗集团", "ORG"), ("县域医共体", "ORG")], []),
    ("下达2025年中央资金", [("2025年中央", "ORG")], []),
    ("做好岚川政府工作，离不开县人民政府和区政府", [("岚川政府", "ORG"), ("县人民政府", "ORG"), ("区政府", "ORG")],
     [("县人民政府", "ORG"), ("区政府", "ORG")]),
    ("澴州市第一人民医院医共体", [("澴州市第一人民医院医共体", "ORG")], [("澴州市第一人民医院医共体", "ORG")]),
    # a railway or power station is a facility; a service station is a body
    ("加快澴州东站和鹭岭抽水蓄能电站建设", [("澴州东站", "ORG"), ("鹭岭抽水蓄能电站", "ORG")], []),
    ("县水利站和市环境监测站", [("县水利站", "ORG"), ("市环境监测站", "ORG")],
     [("县水利站", "ORG"), ("市环境监测站", "ORG")]),
    # a conjunction after a body's head joins two bodies; inside a name it does not
    ("主动接受县人大和县政协监督", [("县人大和县政协", "ORG")], [("县人大", "ORG"), ("县政协", "ORG")]),
    ("县人力资源和社会保障局与北京协和医院", [("县人力资源和社会保障局", "ORG"), ("北京协和医院", "ORG")],
     [("县人力资源和社会保障局", "ORG"), ("北京协和医院", "ORG")]),
])
def test_generic_bodies_and_central_tasks(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # a lab with a name of its own is a body; one named by its field is a kind
    ("支持崧岭实验室、人工智能岚州实验室建设", [("崧岭实验室", "ORG"), ("人工智能岚州实验室", "ORG")],
     [("崧岭实验室", "ORG"), ("人工智能岚州实验室", "ORG")]),
    ("新建微生物实验室和青少年科学实验室", [("微生物实验室", "ORG"), ("青少年科学实验室", "ORG")], []),
    ("推动省创新实验室提质增效", [("省创新实验室", "ORG")], []),
])
def test_named_labs_and_kinds_of_lab(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # a named fund that invests is a body (guideline §3 ORG), also with a level only
    ("泓江科创投资基金完成首期募资20亿元", [("泓江科创投资基金", "ORG")], [("泓江科创投资基金", "ORG")]),
    ("与国家融资担保基金开展合作", [("国家融资担保基金", "ORG")], [("国家融资担保基金", "ORG")]),
    ("推动省天使基金规模增至50亿元", [("省天使基金", "ORG")], [("省天使基金", "ORG")]),
    # a kind of fund, a fund that is money and a grant programme are none
    ("新设新材料子基金和产业投资基金", [("新材料子基金", "ORG"), ("产业投资基金", "ORG")], []),
    ("加强医保基金监管", [("医保基金", "ORG")], []),
    ("省自然科学基金全年资助项目120个", [("省自然科学基金", "ORG")], []),
])
def test_named_funds_and_kinds_of_fund(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # an international organisation ends in 组织; a kind of organisation does not name one
    ("转入联合国教科文组织人类非物质文化遗产名录", [("联合国教科文组织", "ORG")], [("联合国教科文组织", "ORG")]),
    ("与世界卫生组织合作", [("世界卫生组织", "ORG")], [("世界卫生组织", "ORG")]),
    ("加强基层党组织和社会组织建设", [("基层党组织", "ORG"), ("社会组织", "ORG")], []),
    # a designation of products is no brand
    ("5个品牌入选首批中国消费名品。", [("中国消费名品", "ORG")], []),
])
def test_international_organisations_and_designations(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # conjuncts without a head share the project's (ANNOTATION.md §3)
    ("实施景区扩容提质、精品民宿培育行动，", [("精品民宿培育行动", "PROJECT")],
     [("景区扩容提质、精品民宿培育行动", "PROJECT")]),
    ("开工岚河、湫水河生态廊道建设工程二期", [("湫水河生态廊道建设工程", "PROJECT")],
     [("岚河、湫水河生态廊道建设工程", "PROJECT")]),
    # also after another name and a join, and over schools or hospitals that share the works
    ("推进瑀州至萩水高速公路项目和沄口、萩水县城第二水厂工程，",
     [("瑀州至萩水高速公路项目", "PROJECT"), ("萩水县城第二水厂工程", "PROJECT")],
     [("瑀州至萩水高速公路项目", "PROJECT"), ("沄口、萩水县城第二水厂工程", "PROJECT")]),
    ("食堂改造完工，荇川乡中心小学、滠阳镇中心小学风雨操场建设工程通过验收",
     [("荇川乡中心小学", "ORG"), ("滠阳镇中心小学风雨操场建设工程", "PROJECT")],
     [("荇川乡中心小学、滠阳镇中心小学风雨操场建设工程", "PROJECT")]),
    # a brand before a project is no school: it stays a name of its own
    ("支持德科精密、泰弘化工扩产项目", [("德科精密", "ORG"), ("泰弘化工扩产项目", "PROJECT")],
     [("德科精密", "ORG"), ("泰弘化工扩产项目", "PROJECT")]),
    # a mention over whole names, each with its head, is one name per item
    ("实施岚河治理工程、岚湖保护行动，", [("岚河治理工程、岚湖保护行动", "PROJECT")],
     [("岚河治理工程", "PROJECT"), ("岚湖保护行动", "PROJECT")]),
    # a conjunct with its own head is a name of its own; a list marker is none
    ("支持枫陵机场改扩建工程、城区管网更新改造项目", [("枫陵机场改扩建工程", "PROJECT"), ("城区管网更新改造项目", "PROJECT")],
     [("枫陵机场改扩建工程", "PROJECT"), ("城区管网更新改造项目", "PROJECT")]),
    ("\n2、市体育中心建设项目", [("市体育中心建设项目", "PROJECT")], [("市体育中心建设项目", "PROJECT")]),
    ("\n十一、城市更新行动", [("城市更新行动", "PROJECT")], [("城市更新行动", "PROJECT")]),
    # a facility's main works are a stage of building it
    ("岚州港二期码头主体工程年内完工", [("岚州港二期码头主体工程", "PROJECT")], []),
])
def test_shared_heads_and_main_works(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # events, fairs and games end like bodies but are none
    ("参加中国国际进口博览会、岚湖论坛", [("中国国际进口博览会", "ORG"), ("岚湖论坛", "ORG")], []),
    ("省第十六届运动会等赛事", [("省第十六届运动会", "ORG")], []),
    ("按照省委十届六次全会部署", [("省委十届六次全会", "ORG")], []),
    ("接受全国人民代表大会监督", [("全国人民代表大会", "ORG")], [("全国人民代表大会", "ORG")]),
    ("锚定省委确定的目标", [("锚定省委", "ORG")], [("省委", "ORG")]),
    ("市贸促会和县红十字会", [("市贸促会", "ORG"), ("县红十字会", "ORG")], [("市贸促会", "ORG"), ("县红十字会", "ORG")]),
    # a stretch of a route is no body; a road maintenance section is one
    ("西成铁路甘肃段加快建设", [("西成铁路甘肃段", "ORG")], []),
    ("县公路段投入应急人员", [("县公路段", "ORG")], [("县公路段", "ORG")]),
    # a coordination is one ORG where places share the last head, none where it joins whole names
    ("三台县、盐亭县住建局分别开展", [("三台县、盐亭县住建局", "ORG")], [("三台县、盐亭县住建局", "ORG")]),
    ("省、市医保局", [("省、市医保局", "ORG")], [("省、市医保局", "ORG")]),
    ("华润、招商局等央企", [("华润、招商局", "ORG")], []),
    # a verb inside a mention joins two bodies the model read as one
    ("我受县委委派任沅西县人民医院党委副书记", [("县委委派任沅西县人民医院党委", "ORG")],
     [("县委", "ORG"), ("沅西县人民医院党委", "ORG")]),
    ("州长代表州人民政府在", [("州长代表州人民政府", "ORG")], [("州人民政府", "ORG")]),
    ("职成科紧紧围绕市教育体育局工作要点", [("职成科紧紧围绕市教育体育局", "ORG")],
     [("职成科", "ORG"), ("市教育体育局", "ORG")]),
    ("接受县纪委监委派驻纪检组监督", [("县纪委监委派驻纪检组", "ORG")], [("县纪委监委派驻纪检组", "ORG")]),
    # more roles and verbs the model reads into a name
    ("组建运营岚州农商银行。", [("运营岚州农商银行", "ORG")], [("岚州农商银行", "ORG")]),
    ("依法审理鹭川建工集团有限公司破产重整案", [("审理鹭川建工集团有限公司", "ORG")], [("鹭川建工集团有限公司", "ORG")]),
    ("设备均由岚盛医疗器械有限公司中标供货", [("均由岚盛医疗器械有限公司", "ORG")], [("岚盛医疗器械有限公司", "ORG")]),
    ("我们请来澴州农业大学的老师", [("请来澴州农业大学", "ORG")], [("澴州农业大学", "ORG")]),
    ("收入主要来自澴州建材有限公司", [("主要来自澴州建材有限公司", "ORG")], [("澴州建材有限公司", "ORG")]),
    # tasks, products, networks and clause ends are no bodies; firms, 海关, 移动 and 人大 are
    ("加强新污染物治理，", [("新污染物治理", "ORG")], []),
    ("推进城市管理等领域", [("城市管理", "ORG")], []),
    ("委托上海海臣餐饮管理经营", [("上海海臣餐饮管理", "ORG")], [("上海海臣餐饮管理", "ORG")]),
    ("通达5G和千兆光网。", [("千兆光网", "ORG")], []),
    ("提升岚州农产品美誉度", [("岚州农产品", "ORG")], []),
    ("有效遏制重特大事故发生", [("遏制重特大", "ORG")], []),
    ("岚州综合保税区正式启动封关运作", [("岚州综合保税区正式启动", "ORG")], []),
    ("青州海关、中国移动和县人大", [("青州海关", "ORG"), ("中国移动", "ORG"), ("县人大", "ORG")],
     [("青州海关", "ORG"), ("中国移动", "ORG"), ("县人大", "ORG")]),
    # clause ends, events and counts that end in a head are no bodies, nor anything holding 的
    ("推动形成区域协调发展新格局", [("区域协调发展新格局", "ORG")], []),
    ("法治观念深入人心。", [("法治观念深入人心", "ORG")], []),
    ("建设一批产城融合的创新中心。", [("产城融合的创新中心", "ORG")], []),
    ("滨江草坪音乐会等项目", [("滨江草坪音乐会", "ORG")], []),
    ("清理违规广告牌1800余处，", [("清理违规广告牌1800余处", "ORG")], []),
    ("县公证处和街道办事处", [("县公证处", "ORG")], [("县公证处", "ORG")]),
    # designations and classes are no bodies; nor is a university town or a meeting of ministers
    ("入选国家卓越级智能工厂9家", [("国家卓越级智能工厂", "ORG")], []),
    ("创建国家现代农业产业园", [("国家现代农业产业园", "ORG")], []),
    ("建设高水平研究型大学", [("高水平研究型大学", "ORG")], []),
    ("加快松江大学城建设", [("松江大学", "ORG")], []),
    ("承办岚湖合作第三次外长会、", [("岚湖合作第三次外长会", "ORG")], []),
    # fields, kinds of industry, classes of hospitals, fairs and rankings are no bodies
    ("布局转化医学等重大科技基础设施", [("转化医学", "ORG")], []),
    ("策划“跟着演出去旅行”系列产品", [("演出去旅行", "ORG")], []),
    ("与同程旅行合作", [("同程旅行", "ORG")], [("同程旅行", "ORG")]),
    ("进入世界高水平学科行列", [("世界高水平学科", "ORG")], []),
    ("壮大高端食品产业集群", [("高端食品", "ORG")], []),
    ("提升市县级医院急诊能力", [("市县级医院", "ORG")], []),
    ("借助线下广交会拓展订单", [("线下广交会", "ORG")], []),
    ("进入世界大学学术排名前500", [("世界大学", "ORG")], []),
    ("让节约用水成为全社会的自觉行动", [("节约用水成为全社会", "ORG")], []),
    ("办理县人大代表建议9件", [("县人大", "ORG")], [("县人大", "ORG")]),
    # a project's phase and a university's campus in brackets end the name
    ("投资6.37亿元的峪州市城市生命线安全工程（一期）完成", [("峪州市城市生命线安全工程", "PROJECT")],
     [("峪州市城市生命线安全工程（一期）", "PROJECT")]),
    ("和中国地质大学（武汉）编制规划", [("中国地质大学", "ORG")], [("中国地质大学（武汉）", "ORG")]),
    # verbs before a project or a body are left out
    ("我本人牵头包联G207杞原过境段改线工程，", [("包联G207杞原过境段改线工程", "PROJECT")],
     [("G207杞原过境段改线工程", "PROJECT")]),
    ("以1,800万元作价入股瑞康生物医药有限公司，", [("作价入股瑞康生物医药有限公司", "ORG")],
     [("瑞康生物医药有限公司", "ORG")]),
    ("3、4月份以后，随着澂川锦程新能源科技股份有限公司投产", [("随着澂川锦程新能源科技股份有限公司", "ORG")],
     [("澂川锦程新能源科技股份有限公司", "ORG")]),
    ("延伸审计榕岚城市建设投资集团有限公司", [("延伸审计榕岚城市建设投资集团有限公司", "ORG")],
     [("榕岚城市建设投资集团有限公司", "ORG")]),
    ("主要是青崖水库工程征地补偿款未拨付", [("主要是青崖水库工程", "PROJECT")], [("青崖水库工程", "PROJECT")]),
    ("推出“暖心食堂”行动，", [("推出“暖心食堂”行动", "PROJECT")], [("“暖心食堂”行动", "PROJECT")]),
    # the party's name is part of its committee's
    ("在中共岚州市委坚强领导下", [("岚州市委", "ORG")], [("中共岚州市委", "ORG")]),
    ("在中共岚江省委坚强领导下", [("省委", "ORG")], [("中共岚江省委", "ORG")]),
    ("在中国共产党岚江省委领导下", [("省委", "ORG")], [("中国共产党岚江省委", "ORG")]),
    # a place before a body that does not start with its level is no part of the party's name
    ("在中共中央办公厅指导下", [("办公厅", "ORG")], [("办公厅", "ORG")]),
    # criminal groups and bodies named by rank are no bodies; roles before a name are left out
    ("打掉恶势力犯罪集团2个", [("打掉恶势力犯罪集团", "ORG")], []),
    ("指导各市商务局和个别派出所", [("各市商务局", "ORG"), ("个别派出所", "ORG")], []),
    ("对施工总承包单位中铁十局集团实行评价", [("施工总承包单位中铁十局集团", "ORG")], [("中铁十局集团", "ORG")]),
    # 纪委监委 is two bodies
    ("自觉接受县纪委监委和全镇干部监督", [("县纪委监委", "ORG")], [("县纪委", "ORG"), ("监委", "ORG")]),
    # places and regions joined by a comma are no body; a coordination that shares its head is one
    ("慰问来自兄弟省区市、港澳台地区的建设者", [("区市、港澳台", "ORG")], []),
    ("配合省、市统计局开展普查", [("省、市统计局", "ORG")], [("省、市统计局", "ORG")]),
    # a university or college renamed or built up: its name ends before the verb; a bare head is no body
    ("岚州学院更名大学工作稳步推进", [("岚州学院更名大学", "ORG")], [("岚州学院", "ORG")]),
    ("支持澜岫大学建设中国特色世界一流大学，", [("澜岫大学建设中国特色世界一流大学", "ORG")], [("澜岫大学", "ORG")]),
    ("岚州学院升格为岚州大学", [("岚州学院升格为岚州大学", "ORG")], [("岚州学院", "ORG"), ("岚州大学", "ORG")]),
    # kinds of institutions named bare are no bodies; the county's is
    ("全县图书馆、文化馆、美术馆延时开放", [("文化馆", "ORG")], []),
    ("推动特殊教育学校向乡镇延伸", [("特殊教育学校", "ORG")], []),
    ("新建县特殊教育学校", [("县特殊教育学校", "ORG")], [("县特殊教育学校", "ORG")]),
    ("深化平安医院创建，", [("平安医院", "ORG")], []),
    # a programme labelled ORG is a PROJECT; a short verb phrase is neither
    ("启动银龄行动。", [("银龄行动", "ORG")], [("银龄行动", "PROJECT")]),
    ("抓落实、见行动", [("见行动", "ORG")], []),
])
def test_what_is_no_body(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


@pytest.mark.parametrize("text,ents,expected", [
    # a verb that opens no name is left out, so is the 好 of 抓好
    ("全面实施城市更新三年行动，", [("实施城市更新三年行动", "PROJECT")], [("城市更新三年行动", "PROJECT")]),
    ("完善城市排水防涝工程管护机制", [("完善城市排水防涝工程", "PROJECT")], [("城市排水防涝工程", "PROJECT")]),
    ("抓好标志性工程建设", [("好标志性工程", "PROJECT")], [("标志性工程", "PROJECT")]),
    ("开展好县域商业体系建设试点。", [("好县域商业体系建设试点", "PROJECT")],
     [("县域商业体系建设试点", "PROJECT")]),
    ("开展好房子建设行动", [("好房子建设行动", "PROJECT")], [("好房子建设行动", "PROJECT")]),
    ("总结推广交通强国建设试点经验", [("总结推广交通强国建设试点", "PROJECT")], [("交通强国建设试点", "PROJECT")]),
    # 专项 before 监督 or 转移支付 heads no name
    ("联合开展“河长+检察长”专项监督，", [("“河长+检察长”专项", "PROJECT")], []),
    ("下达“三保”专项转移支付1.2亿元", [("“三保”专项", "PROJECT")], []),
    # so is a scope word before it
    ("我县入选全省“非遗工坊”建设试点县，", [("全省“非遗工坊”建设试点", "PROJECT")], [("“非遗工坊”建设试点", "PROJECT")]),
    # slogans that end in 工程 are no projects
    ("把民生实事作为“一把手”工程，", [("“一把手”工程", "PROJECT")], []),
    ("杜绝“半拉子”工程。", [("“半拉子”工程", "PROJECT")], []),
    ("把平台建设作为“一号工程”来抓", [("一号工程", "PROJECT")], []),
    ("大抓招商经济工作“头号工程”", [("头号工程", "PROJECT")], []),
    # a set counted in words is no one project; a count inside quotes is part of a name
    ("组织实施“十大工程”，", [("十大工程", "PROJECT")], []),
    ("县审计局审计项目资金48.2亿元", [("县审计局审计项目", "PROJECT")], []),
    ("实施民生十大工程", [("民生十大工程", "PROJECT")], []),
    ("开展政府投资审计“三项制度”改革试点", [("政府投资审计“三项制度”改革试点", "PROJECT")],
     [("政府投资审计“三项制度”改革试点", "PROJECT")]),
    ("全国统一大市场建设行动", [("全国统一大市场建设行动", "PROJECT")], [("全国统一大市场建设行动", "PROJECT")]),
])
def test_project_leads_and_counted_sets(text, ents, expected):
    assert _ents_after_linker(text, ents) == expected


def test_marker_is_left_out_of_a_mention():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_work_items")
    linker = nlp.add_pipe("zhgov_linker")
    text = "一、民生实事\n9.区青少年宫新馆建成开放。"
    doc = nlp.get_pipe("zhgov_work_items")(nlp.make_doc(text))
    start = text.index("9.")
    doc.ents = [doc.char_span(start, start + len("9.区青少年宫"), label="ORG")]
    assert [(e.text, e._.work_item) for e in linker(doc).ents] == [("区青少年宫", "1.9")]


def test_a_name_runs_over_no_item_start():
    text = "一、推动产业工人队伍建设改革\n1．我县被确定为全省产业工人队伍建设改革试点县。"
    nlp = spacy.blank("zh")
    linker = nlp.add_pipe("zhgov_linker")
    doc = nlp.make_doc(text)
    markers = [Marker(0, 2, *parse_marker("一、")), Marker(text.index("1．"), text.index("1．") + 2, *parse_marker("1．"))]
    doc._.work_items = build_work_items(text, markers, [])
    across = text[text.index("产业"):text.index("县。")]
    start = text.index(across)
    doc.ents = [doc.char_span(start, start + len(across), label="PROJECT")]
    assert list(linker(doc).ents) == []


@pytest.mark.parametrize("text,mention,company", [
    ("推动产投控股战略入股岚锋新能源科技股份有限公司", "产投控股战略入股岚锋新能源科技股份有限公司", "岚锋新能源科技股份有限公司"),
    ("与中国石化旗下中石化澍阳化工有限公司合资", "中国石化旗下中石化澍阳化工有限公司", "中石化澍阳化工有限公司"),
])
def test_a_stake_or_a_parent_parts_two_bodies(text, mention, company):
    # the short name before the verb is left to the company rules; the mention never holds the verb
    ents = _ents_after_linker(text, [(mention, "ORG")])
    assert (company, "ORG") in ents and (mention, "ORG") not in ents
