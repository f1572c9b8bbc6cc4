import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.project_rules import ProjectRules


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_project_rules")
    return nlp


def projects(nlp, words, ents=()):
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    if ents:
        doc.set_ents([Span(doc, start, end, label=label) for start, end, label in ents])
    doc = nlp.get_pipe("zhgov_project_rules")(doc)
    return [(ent.text, ent.label_) for ent in doc.ents]


@pytest.mark.parametrize("words,expected", [
    # a verb opens the name
    (["实施", "攸县", "2024年", "早稻", "集中", "育秧", "项目", "，"], ["攸县2024年早稻集中育秧项目"]),
    (["深入", "开展", "村庄", "清洁", "整治", "行动", "，"], ["村庄清洁整治行动"]),
    # a clause break opens it; a verb further left ends before it
    (["投入", "60万", "元", "完成", "虞河", "寒亭段", "生态", "治理", "项目", "。"], ["虞河寒亭段生态治理项目"]),
    # a work-item marker is not part of the name
    (["其中", "：", "一是", "杜阮镇", "龙榜村", "产业路", "以工代赈", "项目", "吸纳"],
     ["杜阮镇龙榜村产业路以工代赈项目"]),
    # the verbs of a council's work open a name (发起, 视察, 跟踪)
    (["。", "发起", "“", "同心", "助学", "”", "行动", "，"], ["“同心助学”行动"]),
    (["，", "持续", "跟踪", "渚江", "流域", "水环境", "综合", "治理", "工程", "，"], ["渚江流域水环境综合治理工程"]),
    # 及 joins two things in one name
    (["，", "支持", "衢岭县", "第二", "水厂", "及", "配套", "管网", "工程", "和"], ["衢岭县第二水厂及配套管网工程"]),
    # traditional characters
    (["實施", "高素質", "農民", "培育", "計劃", "，"], ["高素質農民培育計劃"]),
    # a quoted name may be short
    (["协同", "推进", "“", "清河", "行动", "”", "，"], ["清河行动"]),
    # quotes inside a name belong to it
    (["设立", "“", "揭榜挂帅", "”", "关键", "核心", "技术", "攻关", "专项", "，"], ["“揭榜挂帅”关键核心技术攻关专项"]),
    # circled and bracketed markers are not part of the name either
    (["①", "老店镇", "第二小学", "改扩建", "工程", "总投资"], ["老店镇第二小学改扩建工程"]),
    (["（", "1", "）", "编制", "城镇", "老旧", "小区", "改造", "计划", "，"], ["城镇老旧小区改造计划"]),
    # an amount and its verb stand before the name
    (["公司", "投资", "28亿", "元", "建设", "霁川", "500", "千伏", "输变电", "工程", "。"], ["霁川500千伏输变电工程"]),
    # a space between Latin words is inside the name; 有机 is no clause word
    (["，", "启明", "光电", "Mini", " ", "LED", "显示", "模组", "项目"], ["启明光电Mini LED显示模组项目"]),
    (["启动", "滨澜", "老城", "有机", "更新", "二期", "项目", "，"], ["滨澜老城有机更新二期项目"]),
    # five characters before the head make a name
    (["，", "龙泉河", "水库", "工程", "下闸", "蓄水"], ["龙泉河水库工程"]),
    (["；", "农村", "订单", "定向", "医学生", "培养", "项目", "分配"], ["农村订单定向医学生培养项目"]),
    # a verb that ends names elsewhere (景区提质升级行动) opens one where it begins it
    (["，", "发挥", "“", "昆仑", "英才", "”", "计划", "带动"], ["“昆仑英才”计划"]),
    (["，", "优化", "升级", "江淮", "英才", "培养", "计划", "，"], ["江淮英才培养计划"]),
    (["，", "旅游", "景区", "提质", "升级", "行动", "，"], ["旅游景区提质升级行动"]),
    # 建设 where it begins the name, and a one-character opener before a quoted name
    (["，", "加快", "建设", "县", "税费", "协同", "共治", "平台", "项目", "。"], ["县税费协同共治平台项目"]),
    (["，", "党工委", "以", "“", "红色", "引擎", "”", "工程", "为"], ["“红色引擎”工程"]),
    # a named project's funds follow its name; 专项资金 is money
    (["对", "农村", "义务", "教育", "学生", "营养", "改善", "计划", "资金", "开展"], ["农村义务教育学生营养改善计划"]),
    (["，", "提高", "农村", "学生", "营养", "改善", "计划", "补助", "标准"], ["农村学生营养改善计划"]),
    # a year of the plan opens a name; 年度 alone is a clause word
    (["，", "棠梨县", "2024年度", "高标准农田", "建设", "项目", "已"], ["棠梨县2024年度高标准农田建设项目"]),
    # 好 after the verb is no part of the name
    (["，", "实施", "好", "医疗", "卫生", "强基", "工程", "，"], ["医疗卫生强基工程"]),
    # an adverb among the openers may be a word of the name
    (["。", "高质量", "完成", "国企", "改革", "深化", "提升", "行动", "，"], ["国企改革深化提升行动"]),
    (["。", "开展", "空气", "质量", "持续", "改善", "行动", "，"], ["空气质量持续改善行动"]),
    # 各族 and 各民族 are words of names
    (["，", "实施", "各族", "群众", "文化", "共享", "计划", "、"], ["各族群众文化共享计划"]),
    # 实现 opens clauses but is also a word of names; 重点 before a field is one too
    (["。", "岚州市", "入选", "森林", "碳汇", "价值", "实现", "机制", "试点", "。"], ["森林碳汇价值实现机制试点"]),
    (["，", "实施", "重点", "产业链", "协同", "攻坚", "行动", "，"], ["重点产业链协同攻坚行动"]),
    # the level of a designation before a pilot or an action stays outside
    (["，", "岚城区", "入选", "首批", "国家级", "零碳", "园区", "建设", "试点", "。"], ["零碳园区建设试点"]),
    (["，", "崧县", "获批", "省级", "智能", "工厂", "梯度", "培育", "试点", "，"], ["智能工厂梯度培育试点"]),
    # a conjunction after a head opens the next name
    (["实施", "房屋", "品质", "提升", "工程", "和", "物业", "服务", "质量", "提升", "行动", "，"],
     ["房屋品质提升工程", "物业服务质量提升行动"]),
])
def test_finds_named_projects(nlp, words, expected):
    assert [text for text, _ in projects(nlp, words)] == expected


@pytest.mark.parametrize("words", [
    ["一批", "重大", "项目", "开工"],                # a category
    ["已", "督促", "制定", "分年", "清偿", "计划", "。"],  # verbs that are no adverbs stay openers
    ["按", "月", "通报", "各市", "项目", "进展"],        # 各: every one of a kind, no name
    ["新建", "道路", "等", "项目"],                  # 等: a list, not one name
    ["，", "加快", "内环", "北路", "及", "项目", "周边"],   # 及 before the head joins no name
    ["，", "挂职", "供电", "公司", "及", "县", "经济", "开发区", "项目", "一线"],  # 及 joins two bodies
    ["开展", "新一轮", "省级", "及", "以上", "开发区", "循环化", "改造", "行动"],  # a class: 及以上
    ["实施", "以工代赈", "项目", "9个"],             # too short to be a name
    ["争取", "中央", "和", "省级", "绿色", "制造", "专项", "资金"],  # 专项资金: the head starts a longer noun
    ["，", "现场", "签约", "项目", "46个"],          # a verb phrase
    ["三", "、", "2025年", "工作", "计划"],          # a plan of work is a section, not a project
    ["，", "建阳", "互通", "至", "来舟段", "计划", "明年", "6月", "通车"],  # 计划 is the verb "plans to"
    ["，", "打造", "生态", "文明", "标志性", "工程", "，"],  # a kind of project, not one
    ["在", "市", "妇幼", "保健院", "试点", "“"],       # a body and the word 试点
    ["，", "落地", "5", "家", "金融", "租赁", "管理型", "项目"],  # counted
    ["，", "2025年", "项目", "储备"],              # a year alone
    ["，", "完成", "年度", "建设", "项目", "。"],      # 年度 without a year: a clause
    ["，", "进度", "滞后", "于", "计划", "。"],       # a clause
    ["开展", "“", "个", "转", "企", "”", "专项", "服务"],  # 专项服务: the head starts a longer noun
    ["，", "产业", "类", "科创", "项目"],              # a kind
    ["，", "标志性", "产业", "项目"],                  # a short kind
    ["推动", "要素", "向", "产业", "项目", "集聚"],    # a clause
    ["，", "在", "思想", "上", "政治", "上", "行动", "上"],  # a locative before the head
    ["，", "按", "季度", "调整", "优化", "项目", "清单"],  # 项目清单: the head starts a longer noun
    ["，", "吸引", "更多", "优质", "外资", "项目"],  # 更多: a category
    ["，", "对", "分管", "领域", "工程", "项目", "不"],  # 工程项目: a kind
    ["，", "严格", "控制", "新上", "一般", "精细", "化工", "项目"],  # 一般: a category
    ["，", "承担", "省级", "职业", "教育", "科研", "课题", "。"],  # a level before a class of work
])
def test_leaves_categories_and_phrases(nlp, words):
    assert projects(nlp, words) == []


def test_a_model_mention_that_is_no_name_gives_way(nlp):
    # one that runs over a clause mark, or has no head of its label (ORG 青川县开展…试点)
    words = ["协同", "推进", "“", "清河", "行动", "”", "，", "整治", "河道", "问题"]
    assert projects(nlp, words, [(2, 10, "PROJECT")]) == [("清河行动", "PROJECT")]
    words = ["在", "青川县", "开展", "高血压", "医防", "融合", "试点", "，"]
    assert projects(nlp, words, [(1, 7, "ORG")]) == [("高血压医防融合试点", "PROJECT")]
    # an ORG before the name, with its head, stays
    words = ["在", "县", "卫健委", "开展", "高血压", "医防", "融合", "试点", "，"]
    assert projects(nlp, words, [(1, 3, "ORG")]) == [("县卫健委", "ORG"), ("高血压医防融合试点", "PROJECT")]


def test_longest_reading_wins_over_model_entities_inside(nlp):
    words = ["完成", "县人民医院", "门诊楼", "改扩建", "工程", "，"]
    # an ORG, a shorter name or a fragment of the model inside the name give way
    assert projects(nlp, words, [(1, 2, "ORG")]) == [("县人民医院门诊楼改扩建工程", "PROJECT")]
    assert projects(nlp, words, [(2, 5, "PROJECT")]) == [("县人民医院门诊楼改扩建工程", "PROJECT")]
    assert projects(nlp, words, [(1, 3, "PROJECT")]) == [("县人民医院门诊楼改扩建工程", "PROJECT")]
    # a model entity that reaches beyond the name stays
    assert projects(nlp, words, [(0, 5, "PROJECT")]) == [("完成县人民医院门诊楼改扩建工程", "PROJECT")]


def test_settings_round_trip(nlp):
    rules = ProjectRules(nlp.vocab, heads=["工程"], min_chars=3)
    loaded = ProjectRules(nlp.vocab).from_bytes(rules.to_bytes())
    assert loaded.cfg["heads"] == ["工程"] and loaded.cfg["min_chars"] == 3 and loaded.cfg["label"] == "PROJECT"


def test_bad_heads(nlp):
    with pytest.raises(ValueError, match="E200"):
        ProjectRules(nlp.vocab, heads=[""])


def configured_rules(nlp, name):
    """The rule component `name` with its settings from the shipped config."""
    from spacy.util import load_config

    from pipeline.training import DEFAULT_CONFIG

    cfg = dict(load_config(DEFAULT_CONFIG, interpolate=True)["components"][name])
    assert cfg.pop("factory") == "zhgov_project_rules"
    return ProjectRules(nlp.vocab, name=name, **cfg)


@pytest.fixture(scope="module")
def companies(nlp):
    return configured_rules(nlp, "company_rules")


@pytest.mark.parametrize("words,expected", [
    (["审计", "了", "云南省", "投资", "控股", "集团", "有限公司", "、"], ["云南省投资控股集团有限公司"]),
    (["组建", "寒亭", "城市", "发展", "集团", "，"], ["寒亭城市发展集团"]),
    (["督促", "陕西", "凤翔", "发电", "有限公司", "整改"], ["陕西凤翔发电有限公司"]),
    # the config's extra openers (所属, 控股子公司) are not part of the name
    (["，", "其", "控股", "子公司", "瑞川", "储能", "科技", "有限公司", "首批"], ["瑞川储能科技有限公司"]),
    # 据 is a clause word (据|…集团), but not in 数据
    (["所属", "琅峪", "数据", "运营", "有限公司", "（"], ["琅峪数据运营有限公司"]),
    (["；", "琅峪", "数据", "交易", "中心", "有限公司", "全年"], ["琅峪数据交易中心有限公司"]),
    # a court's verbs and 涉 (involving) open a name
    (["，", "审结", "涉", "骊川", "星衡", "智能", "科技", "有限公司", "等"], ["骊川星衡智能科技有限公司"]),
    # a role before the name is no part of it (建设单位|…有限公司)
    (["。", "建设", "单位", "漳屿", "城市", "建设", "投资", "集团", "有限公司", "已"], ["漳屿城市建设投资集团有限公司"]),
    (["，", "运营", "单位", "洱源县", "洱清", "水务", "有限公司", "配备"], ["洱源县洱清水务有限公司"]),
])
def test_companies_with_label_org(nlp, companies, words, expected):
    doc = companies(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [(text, "ORG") for text in expected]


def test_rule_name_replaces_a_model_mention_of_another_label_that_is_no_name(nlp, companies):
    # the model read a company and its declared short name as one PROJECT
    words = ["，", "黛岫", "沙棘", "生物", "科技", "股份", "有限公司", "（", "以下", "简称", "“", "黛岫", "沙棘", "”", "）"]
    ents = ["O", "B-PROJECT"] + ["I-PROJECT"] * 13
    doc = companies(Doc(nlp.vocab, words=words, spaces=[False] * len(words), ents=ents))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("黛岫沙棘生物科技股份有限公司", "ORG")]
    # a PROJECT that is a name of its label stays (the company builds it)
    words = ["，", "瑞川", "储能", "科技", "有限公司", "储能", "电池", "项目"]
    doc = companies(Doc(nlp.vocab, words=words, spaces=[False] * len(words), ents=["O", "B-PROJECT"] + ["I-PROJECT"] * 6))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("瑞川储能科技有限公司储能电池项目", "PROJECT")]


def test_rule_name_replaces_a_model_org_that_runs_on_over_its_opener(nlp, companies):
    words = ["，", "其", "控股", "子公司", "瑞川", "储能", "科技", "有限公司", "首批"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words), ents=["O", "B-ORG"] + ["I-ORG"] * 6 + ["O"])
    assert [ent.text for ent in companies(doc).ents] == ["瑞川储能科技有限公司"]
    # an ORG that starts elsewhere, not at an opener, is the model's reading and stays
    words = ["，", "宏远", "瑞川", "储能", "科技", "有限公司"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words), ents=["O", "B-ORG"] + ["I-ORG"] * 4)
    assert [ent.text for ent in companies(doc).ents] == ["宏远瑞川储能科技有限公司"]


@pytest.fixture(scope="module")
def institutions(nlp):
    return configured_rules(nlp, "institution_rules")


@pytest.mark.parametrize("words,expected", [
    (["组织", "四川", "大学", "、", "电子", "科技", "大学", "等"], ["四川大学", "电子科技大学"]),
    # the branch belongs to the bank's name
    (["，", "中国", "建设", "银行", "湖北省", "分行", "、"], ["中国建设银行湖北省分行"]),
    (["邀请", "云南", "农业", "大学", "专家"], ["云南农业大学"]),
    # the default openers (引入) and the extra ones (选派…到) both open a name
    (["，", "引入", "中国", "农业", "大学", "团队"], ["中国农业大学"]),
    (["选派", "3", "名", "干部", "到", "湘南", "学院", "挂职"], ["湘南学院"]),
    (["随", "考察团", "赴", "浙江", "农林", "大学", "参加"], ["浙江农林大学"]),
    # a national body's local branch is one name, whatever verb follows it
    (["接受", "国家", "税务", "总局", "蕙州市", "税务局", "税务", "稽查"], ["国家税务总局蕙州市税务局"]),
    (["配合", "审计署", "上海", "特派办", "开展", "审计"], ["审计署上海特派办"]),
    (["利用", "亚洲", "开发", "银行", "贷款"], ["亚洲开发银行"]),
    (["将", "所属", "璟州", "城发", "集团", "建工", "分公司", "划转"], ["璟州城发集团建工分公司"]),
    # a complete name with a preposition after it is no part of the next one
    (["其余", "由", "栖梧", "城投", "集团", "向", "国家", "开发", "银行", "申请"], ["国家开发银行"]),
    # nor is a body before 和, nor a verb with 了, nor words before 由 (项目由|…)
    (["会同", "区", "自然", "资源局", "和", "国家", "税务", "总局", "鹭门市", "税务局", "处置"],
     ["国家税务总局鹭门市税务局"]),
    (["参考", "了", "国家", "统计局", "丰源", "调查队", "公布"], ["国家统计局丰源调查队"]),
    (["，", "项目", "由", "楚湘", "建设", "集团", "分公司", "承建"], ["楚湘建设集团分公司"]),
    # a body with its school or institute is one name
    (["，", "由", "中国", "社会", "科学院", "考古", "研究所", "牵头"], ["中国社会科学院考古研究所"]),
    (["与", "北京", "大学", "考古", "文博", "学院", "共建"], ["北京大学考古文博学院"]),
    # generic: a kind of institution, a count, only a verb before the head
    (["，", "职业", "学院", "和"], []),
    (["，", "农村", "商业", "银行", "等"], []),
    (["选派", "60", "名", "骨干", "到", "省", "三甲", "医院"], []),
    (["，", "约谈", "医院", "负责人"], []),
    (["确定", "为", "全市", "传染病", "救治", "定点", "医院", "，"], []),
])
def test_institutions_with_label_org(nlp, institutions, words, expected):
    doc = institutions(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [(text, "ORG") for text in expected]


def test_a_model_mention_of_any_label_over_a_clause_mark_gives_way(nlp, institutions):
    # a MONEY the model ran on over whole sentences blocks no institution's name
    words = ["完成", "2023年", "至", "2024年", "课题", "。", "先后", "与", "澴州", "旅游", "职业", "技术", "学院", "签订", "协议"]
    ents = ["O", "B-MONEY"] + ["I-MONEY"] * 11 + ["O", "O"]
    doc = institutions(Doc(nlp.vocab, words=words, spaces=[False] * len(words), ents=ents))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("澴州旅游职业技术学院", "ORG")]
    # one inside a clause stays
    words = ["投入", "300", "万元", "，", "与", "澴州", "大学", "签订", "协议"]
    doc = institutions(Doc(nlp.vocab, words=words, spaces=[False] * len(words), ents=["O", "B-MONEY", "I-MONEY"] + ["O"] * 6))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("300万元", "MONEY"), ("澴州大学", "ORG")]


def test_opener_search_finds_the_last_opener_end():
    """The compiled opener search gives what a plain search gives: the furthest
    end of any longer opener in the window, or of a one-character opener at
    its start."""
    import random

    from pipeline.project_rules import DEFAULT_OPENERS

    rules = ProjectRules(spacy.blank("zh").vocab)
    openers = set(DEFAULT_OPENERS)

    def plain(text, start, end):
        ends = [at + len(o) for o in openers if len(o) > 1
                for at in range(start, end - len(o) + 1) if text.startswith(o, at)]
        ends += [start + 1] if text[start] in openers else []
        return max(ends, default=None)

    def compiled(text, start, end):
        ends = [m.start() + len(m.group(1)) for m in rules._long_openers.finditer(text, start, end)]
        ends += [start + 1] if text[start] in rules._short_openers else []
        return max(ends, default=None)

    alphabet = "".join(openers) + "项目工程，。的"
    rng = random.Random(0)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20)))
        start = rng.randrange(len(text))
        end = rng.randint(start + 1, len(text))
        assert compiled(text, start, end) == plain(text, start, end), (text, start, end)


@pytest.mark.parametrize("words,expected", [
    # a quoted name is taken from its quotes, whatever precedes them
    (["把", "以工代赈", "与", "“", "百千万", "工程", "”", "结合"], ["百千万工程"]),
    (["开展", "“", "银龄", "安康", "工程", "”", "，"], ["银龄安康工程"]),
    # a counted set in quotes is still counted
    (["推进", "“", "八", "项", "民生", "工程", "”"], []),
    # a short quoted name before its head is one however short
    (["深入", "开展", "“", "断卡", "”", "行动", "，"], ["“断卡”行动"]),
    (["常态化", "开展", "“", "净网", "”", "行动", "。"], ["“净网”行动"]),
    # a short quoted word before 项目 names a kind of projects
    (["优化", "实施", "“", "两重", "”", "项目", "，"], []),
])
def test_quoted_names(nlp, words, expected):
    assert [text for text, _ in projects(nlp, words)] == expected


@pytest.mark.parametrize("words,expected", [
    # the attribute before 的 is outside the name (投资5200万元的|…工程)
    (["总投资", "4,200万", "元", "的", "县", "第二", "实验", "幼儿园", "建设", "项目", "于"], ["县第二实验幼儿园建设项目"]),
    # 计划 followed by an amount or a verb is "plans to"
    (["引进", "的", "“", "桃花潭", "夜游", "”", "沉浸式", "演艺", "项目", "计划", "投资", "1.2亿", "元"],
     ["“桃花潭夜游”沉浸式演艺项目"]),
    # a class of projects by level
    (["立项", "的", "省级", "职业", "教育", "科研", "课题", "结项"], []),
])
def test_attributes_and_classes(nlp, words, expected):
    assert [text for text, _ in projects(nlp, words)] == expected
