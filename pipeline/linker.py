"""The linker: ties every entity to the deepest work item containing it, and
removes entities the guideline rules out whatever a model predicted."""
from bisect import bisect_left, bisect_right
from typing import Callable, Container, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple
import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from .companies import (INDUSTRY_WORDS, JOINS, KNOWN_COMPANIES, KNOWN_COMPANY, declared_short_names, is_brand_name,
                        is_industry_kind, is_known_company, is_standalone_brand, listed_companies, repeated_brands)
from .corpus import NUMBER_LABELS
from .markers import deepest_item
from .project_rules import DEFAULT_OPENERS, head_continues, is_name_core
from .tokenizer import doc_text

# Names of documents are units: nothing inside 《》 is an entity, nor in the
# genre name 市政府工作报告 (ANNOTATION.md §3).
_TITLE_QUOTES = re.compile(r"《[^《》\n]{0,80}》")
# A name never runs across a sentence or clause end or a blank line (a single
# line break can be a PDF's hard wrap inside a name).
_NAME_BREAKS = re.compile(r"[。！？；，,;!?]|\n\s*\n")
# The last character of an organisation's name: its head (局, 委员会, 政府,
# 学校, 公司, 银行, 股份 …), traditional forms included. A medical group
# named by its county or hospital (县医共体, 某县人民医院医共体) ends in 体,
# which heads no other name (经营主体, 智能体, 功率半导体).
_MEDICAL_GROUP_HEADS = ("医共体", "医联体")
DEFAULT_ORG_HEADS = ("局委院府司心厅学会行组部团所馆大协政队校站社处室科报台央办联班支學园汽专网动廳品段隊关店理份厂宫"
                     "署軍军庭園處館廠會組學協團車辦聯")
# 中心工作 after a body is its central task (省政府|中心工作), not its centre's staff.
_CENTRAL_TASK = re.compile(r"(?:工作|任务)(?!人员|者|站|组|队|室|专班|部)")
# Nor is a body named by its rank, relation, class or size (上级医院, 有关部门,
# 各市商务局, 个别派出所, 高水平研究型大学, 卓越级智能工厂, 大型智算中心,
# 区域性中心敬老院).
_GENERIC_STARTS = ("上级", "下级", "基层", "各", "有关", "相关", "其他", "其它", "兄弟", "周边", "个别", "高水平", "一流",
                   "世界一流", "卓越级", "领航级", "首批", "国家首批", "辖内", "辖区内", "辖区", "区内", "县内", "市内",
                   "境内外", "国内外", "海内外", "县域内", "大型", "中型", "小型", "大中型", "中小型", "综合性", "区域性", "新型")
# Events, meetings and stretches of a route end like bodies but are none
# (中国国际旅游交易会, 世界互联网大会乌镇峰会, 省第十五届运动会, 西成铁路甘肃段);
# 县公路段 and the railway's 工务段 are bodies.
_NOT_BODY_ENDINGS = re.compile(r"(?:(?<!代表)大会|峰会|交易会|博览会|运动会|运会|展览会|展销会|洽谈会|现场会|推介会|发布会|"
                               r"年会|[农文][高博]会|党代会|论坛|全会|常务会议?|全体会议|次会议|外长会|部长会|领导人会议|"
                               r"会晤)$|(?<![路务电养理])段$")
# Words the model reads as a body's head that end no name on their own:
# tasks (新污染物治理, 城市管理; but 海臣餐饮管理 is a firm), products and
# networks (农产品, 千兆光网), the ends of clauses (重特大, 克难关, 正式启动,
# 形成新格局, 深入人心, 全部, 全社会), events (音乐会, 广交会), fields (地球科学,
# 转化医学, 高水平学科), classes (市县级医院), a designation of products (中国消费名品),
# counts (2400余处), criminal groups
# (恶势力犯罪集团), designations (智能工厂, 产业园), a class of labs without
# a name (国家实验室, 全国重点实验室), a slogan (跟着美食去旅行; 同程旅行 is a
# firm), and no name holds 的 or 以及;
# 人大 and short abbreviations (北大) end in 大, 海关 in 关, 中国移动 in 动.
_NOT_NAME_WORDS = re.compile(r"(?:治理|光网|联网|互联|产品|名品|研学|(?<!餐饮|物业|资产|投资|企业)管理|(?<!海)关|(?<!移)动|"
                             r"^.{2,}(?<!人)大|犯罪集团|犯罪团伙|黑社会性质组织|格局|布局|人心|全部|家园|运行|"
                             r"展会|音乐会|演唱会|晚会|[0-9０-９]+余?处|智能工厂|绿色工厂|灯塔工厂|产业园|示范园|工业园|"
                             r"科技园|化妆品|药品|科学|医学|学科|社会|本科|级医院|级学校|交会|博会|贸会|洽会|党政|"
                             r"^(?:国家|全国|省|省级|国家级|省部级)(?:重点)?实验室)$|去旅行$|的|以及")
# Nor is a kind of body or a title bodies are given rather than one body:
# parks and platforms (口袋公园, 交易平台), designations with no name of their
# own (国家医学中心, 区域医疗中心, 省技术创新中心), kinds (上市公司, 定点医院,
# 世界一流大学, 技师学院, 政策性银行, 学前教育集团, 初中学校; bare, like the guideline's 学校 and 合作社: 大学, 公司, 商会,
# 行业协会, 星级酒店, 养老院, a centre named by its function alone such as
# 智算中心 or 会展中心), the role a city is built for (国际消费中心,
# 国际航运中心), regions (中国西部), facilities (a railway station such as
# 岷阳东站, a power station: the guideline's 实验楼; 监测站 and 水利站 are
# bodies); a name that is a clause (凝聚万众一心, 指市委, 提升职业学校, 集团重组, 省以下财政,
# 2025年中央) or ends in 行 without being a bank (…率先先行; 农商行 and 分行
# are banks); a kind of medical group (城市医疗集团, 县域医共体); and 政府 after
# a place without its level (做好江西政府工作: 省政府, 县人民政府 and 政府 alone
# are bodies).
_GENERIC_BODIES = re.compile(
    r"(?:公园|平台|(?<![银銀分支总總旅商])行|[东西南北中]部|头部|(?<!政)府|(?<!中)(?<!中\s)(?<!中\n)心|大宗商品|重组|"
    r"(?:[东西南北]|高铁|火车|客运)站|电站)$|以[下上]"
    r"|^(?:国家|全国|省|省级|国家级|省部级|自治区|区域|区域性|中医类?|儿童|专科)*(?:重点)?"
    r"(?:医学中心|医疗中心|公共卫生中心|技术创新中心|科技创新中心|工程研究中心|制造业创新中心)$"
    r"|^(?:上市|跨国|国有控股上市|老年|定点|头部|移动|援助|城市|县办公立|公立|民营|国内高水平|高水平|"
    r"中国特色世界一流|世界一流|一流)(?:公司|医院|中医医院|大学|学院|高校)$"
    r"|^(?:大学|学院|医院|学校|高校|公司|集团|银行|研究院|研究所|分院|分行|支行|分中心)$"
    r"|^(?:特殊教育学校|图书馆|文化馆|美术馆|科技馆|纪念馆|体育馆|农商银行|农村商业银行|平安医院)$"
    r"|^(?:技师学院|国家部委|博物馆|公共文化场馆|国家中心|区域中心|国家区域中心|学会协会|养老院|敬老院|福利院)$"
    r"|^(?:国家)?政策性银行$|^(?:紧密型)?(?:基础|学前|义务|职业)?教育集团$|^(?:初中|小学|高中|中小学|中学)学校$"
    r"|^(?:行业|产业)?(?:协会|商会|学会|商协会)$|^(?:高?星级|品牌)?(?:旅游)?(?:酒店|饭店|宾馆)$"
    r"|^(?:会展|综治|智算|超算|算力|数据|科创|科学|计量|质检|检测|政务|调度|研发|物流|交易|指挥|孵化|运营|结算)中心$"
    r"|(?:国际消费|国际交往|金融|航运|商贸物流|人才|国际化)中心$"
    r"|^(?:国家|全国|省|省级|市级|县级|国家级|省部级|重点|联合|开放|新型|青少年|科学|科技|创新|生物|微生物|医学|"
    r"医工|交叉|理化生|理化|物理|化学|人工智能|智能|数字|虚拟|仿真|工程|技术|材料|能源|环境|海洋|农业|安全|检测|"
    r"检验|测试|分析|信息|网络|计算|数据|心理|创客|未来|智慧|实训|语言|综合|专业|特色|共享|学科|中心)+实验室$"
    r"|^(?:完成|探索|汇聚|凝聚|彰显|办结|认证|提升|指|建设(?!银行))"
    r"|^(?:紧密型)?(?:城市医疗集团|县域医共体|医共体|医联体)$|^[0-9０-９]{4}年"
    r"|^.+(?<![省市县区州旗盟镇乡民縣區鎮])政府$")
# A named fund that invests, lends or guarantees is a body (guideline §3 ORG:
# 国家融资担保基金, 泓江科创投资基金, 省天使基金); a kind of fund with no name or
# level of its own is none (产业基金, 新材料子基金, 国资并购基金), nor a fund that
# is money (医保基金, 社保基金 paid out, 公积金) or a grant programme (省自然科学基金).
_FUND_HEAD = "基金"
_FUND_KIND_WORDS = re.compile(
    r"(?:(?:政府|产业|投资|引导|创业|创投|风险|天使|种子|科创|并购|母|子|S|发展|基石|接力|跟投|"
    r"国资|国企|市场化|直投|股权|私募|公募|参股|区域|主题|新材料|生物医药|储能|人工智能|先进制造|"
    r"概念验证|二期|三期|一期)+基金)$")
_MONEY_FUNDS = re.compile(r"(?:医保|社保|医疗保险|养老保险|失业保险|工伤保险|公积|专项|救助|补助|奖励|扶持|慈善|自然科学|社会科学)基金$")
# An international organisation ends in 组织, as no other body's name does
# (党组织, 社会组织, 基层组织 are kinds): 联合国教科文组织, 世界卫生组织, 上合组织.
_INTERNATIONAL_ORGANISATION = re.compile(r"^(?:联合国|世界|国际|上海合作|上合|经济合作与发展|北大西洋公约)[\u4e00-\u9fa5]{0,6}组织$")
# A programme the model labelled ORG (银龄行动) is a PROJECT mention; a shorter
# one (见行动 of 抓落实、见行动) is a verb phrase.
_PROJECT_AS_ORG = ("行动", "行動")
# A coordination in one ORG shares the last conjunct's head (ANNOTATION.md §3:
# 省、市教育局, 三台县、盐亭县住建局): before each comma stands a level or a place.
_SHARED_HEAD_CONJUNCT = re.compile(r"[\u4e00-\u9fa5]{0,6}[省市县区州镇乡旗]")


def _is_shared_head(name: str) -> bool:
    """Whether every comma in an ORG mention joins places that share the
    last one's head (省、市教育局), not whole names the model read as one
    (兰洽会、文博会, 华润、招商局) or places and regions with no body at all
    (慰问兄弟省区市、港澳台地区的建设者): the last conjunct opens with its place too."""
    *places, last = name.split("、")
    return not places or (all(_SHARED_HEAD_CONJUNCT.fullmatch(part) for part in places)
                          and _SHARED_HEAD_CONJUNCT.match(last) is not None)


# A counted mention (6所学校, 三家企业) is not one organisation.
_COUNTED = re.compile(r"[0-9０-９一二三四五六七八九十两几多]+[所个家座]|[两二三四五六七八九十几多][县市区]")
# What may stand between an organisation and a project head so that the two
# are one project name (市技师学院设备购置工程): no punctuation, no 的, and not
# a verb or a function word that opens a new phrase.
_PROJECT_TAIL = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9“”\"]{0,14}?(?:工程|项目|計劃|计划|行动|行動|课题|課題|专项|專項|试点|試點|項目)")
_TAIL_OPENERS = ("组织", "实施", "推进", "开展", "完成", "启动", "争取", "申报", "负责", "牵头", "承担", "参与",
                 "落实", "加快", "积极", "全面", "共", "已", "将", "和", "与", "及", "在", "对", "为", "把", "被",
                 "向", "从", "等", "的", "投资", "投入", "获得", "安排", "下达", "实行", "通过", "围绕",
                 "获批", "入选", "建设", "新建", "承办", "申请", "审计", "组建")
# Words that end like a head but close a verb or adjective phrase (发展壮大,
# 加大), not a name.
_NOT_NAME_ENDINGS = ("壮大", "扩大", "强大", "重大", "广大", "巨大", "较大", "加大", "做大", "最大", "更大", "增大")
# A project mention followed by a count is a counted set (实施…项目37个), not one
# project.
_COUNT_AFTER = re.compile(r"(?:不少于|不低于|超过|共|达|累计)?[0-9０-９一二三四五六七八九十两几百千]+(?:余|多)?[个项批处]")
# Nor is a counted set (老旧小区改造8个项目, 16处…回填试点).
_COUNTED_PROJECTS = re.compile(r"[0-9０-９]+(?:个|批|处|[项項](?!目))")
# Nor is a class of funding or priority (省重点项目, 中央预算内投资项目,
# 上市公司募投项目, 国家自然科学基金项目, 招商引资落地项目), nor the projects an
# audit office audits (县审计局审计项目), nor a listing (联合国教科文组织非遗项目); a
# quoted name before it stays one
# (“考古中国”重大项目).
_PROJECT_CLASS = re.compile(r"(?<![”\"])(?:重点|重大|投资|募投|基金|落地|审计|非遗|非物质文化遗产)项目$")
# Nor is a batch, a first of a kind or any one of a kind (首批交通强国试点,
# 首个数据资产盘活项目, 单个海洋牧场项目).
_BATCH_STARTS = ("首批", "首个", "首個", "首单", "首單", "一批", "单个", "單個", "每个", "每個")
# Slogans and kinds of work that end in 工程 are no projects (“一把手”工程,
# “一号工程” and “头号工程” for a top priority, 半拉子工程, 面子工程), nor is a
# pledge to act (全县见行动见实效).
_IDIOM_PROJECTS = re.compile(r"(?:一把手|一号|头号|半拉子|豆腐渣|面子|形象|政绩)”?工程$|见行动$")
# A facility's main works (…航站楼主体工程) are a stage of building it, no
# project of their own.
_MAIN_WORKS = re.compile(r"主体工程$")
# A conjunct before a project that shares its head (景区扩容提质、|精品民宿培育
# 行动): the words back to the clause's start or the previous conjunct.
_CONJUNCT_ENDS = frozenset("，。；：！？、,;:!?（）()“”\n")
_CONJUNCT_MAX_CHARS = 9
_CLAUSE_MAX_CHARS = 16
# A conjunct that names a facility, a stage or a system is a complete item of
# a list of its own (岚电入崧、…工程; 岚崧高速改扩建、…工程; …体系、…工程).
_COMPLETE_CONJUNCT = re.compile(
    r"(?:改扩建|扩建|改建|新建|续建|[一二三四五六]期|铁路|高铁|高速|公路|枢纽|水库|电站|机场|码头|船闸|港区|通道|直流|"
    r"入[\u4e00-\u9fa5]|乙烯|基地|中心|装置|体系|园区|产业园|大桥|隧道|管道|实验室|平台|机制|蓄能|核电|风电|光伏|"
    r"电厂|活动)$")
# Verbs that open a clause before a list, beside the project openers.
_LIST_VERBS = ("坚决打好", "成功争创", "推出", "投运", "建好", "完善", "建立", "健全", "构建")
_SHARED_HEAD_OPENERS = tuple(sorted({*DEFAULT_OPENERS, *_LIST_VERBS}, key=len, reverse=True))
# Schools and hospitals that share a project's works: the ORG before 、
# ends in one of these, and the project's name opens with one.
_INSTITUTION_ENDS = ("小学", "中学", "学校", "幼儿园", "医院", "卫生院", "保健院")
_INSTITUTION_FIRST = re.compile(r"[\u4e00-\u9fa5]{1,12}?(?:" + "|".join(_INSTITUTION_ENDS) + ")")
# A list marker before 、 (十一、) is no conjunct.
_NUMERALS = re.compile(r"[一二三四五六七八九十百零〇两]+")

# A category of projects (A、B等项目) is not one project.
_PROJECT_CATEGORY = re.compile(r"等[\u4e00-\u9fa5]{0,4}$")
# What follows an item of a list of projects, up to the list's end
# (…、燕山石化绿色新材料等项目): a brand and its product are its items.
_IN_PROJECT_LIST = re.compile(r"[、等][^。；;，,：:\n]{0,60}?等[\u4e00-\u9fa5]{0,4}项目")
# The head words of a project (ANNOTATION.md §3), traditional forms included.
DEFAULT_PROJECT_HEADS = ("工程", "项目", "計劃", "计划", "行动", "行動", "课题", "課題", "专项", "專項",
                         "试点", "試點", "項目")
# A conjunct with a head or a figure of its own is no part of a shared-head name.
_HEAD_INSIDE = re.compile("|".join(DEFAULT_PROJECT_HEADS) + "|[0-9０-９]")


def _is_fund_name(name: str) -> bool:
    """Whether a mention ending in 基金 names one fund: a name, place or
    level before the kind of fund (泓江科创投资基金, 省天使基金, 国家艺术基金),
    not the kind alone (产业投资基金, 子基金) nor a fund that is money (医保基金).

    name (str): The mention, without white space.
    RETURNS (bool): Whether it is a fund's name.
    """
    if not name.endswith(_FUND_HEAD) or name == _FUND_HEAD or _MONEY_FUNDS.search(name):
        return False
    kind = _FUND_KIND_WORDS.search(name)
    return kind is None or kind.start() > 0


@Language.factory(
    "zhgov_linker",
    assigns=["doc.ents", "span._.work_item"],
    requires=["doc.ents"],
    default_config={
        "drop_in_boilerplate": True,
        "drop_in_titles": True,
        "require_values": True,
        "require_heads": True,
        "org_heads": DEFAULT_ORG_HEADS,
        "project_heads": list(DEFAULT_PROJECT_HEADS),
        "max_name_chars": 40,
        "extend_to_projects": True,
        "extend_to_units": True,
        "listed_companies": True,
        "short_names": True,
        "repeated_brands": True,
        "scorer": {"@scorers": "zhgov.linking_scorer.v1"},
    },
    default_score_weights={"linking_acc": 0.0},
)
def make_linker(
    nlp: Language,
    name: str,
    drop_in_boilerplate: bool,
    drop_in_titles: bool,
    require_values: bool,
    require_heads: bool,
    org_heads: str,
    project_heads: List[str],
    max_name_chars: int,
    extend_to_projects: bool,
    extend_to_units: bool,
    listed_companies: bool,
    short_names: bool,
    repeated_brands: bool,
    scorer: Optional[Callable],
) -> "WorkItemLinker":
    return WorkItemLinker(
        nlp.vocab,
        name=name,
        drop_in_boilerplate=drop_in_boilerplate,
        drop_in_titles=drop_in_titles,
        require_values=require_values,
        require_heads=require_heads,
        org_heads=org_heads,
        project_heads=project_heads,
        max_name_chars=max_name_chars,
        extend_to_projects=extend_to_projects,
        extend_to_units=extend_to_units,
        listed_companies=listed_companies,
        short_names=short_names,
        repeated_brands=repeated_brands,
        scorer=scorer,
        common_words=lambda: segmenter_words(nlp.tokenizer),
    )


def segmenter_words(tokenizer) -> Container[str]:
    """The dictionary words of a pkuseg tokenizer (its post-processing
    dictionary: pkuseg's default word list); none for another tokenizer."""
    postprocesser = getattr(getattr(tokenizer, "pkuseg_seg", None), "postprocesser", None)
    return getattr(postprocesser, "other_words", None) or frozenset()


def score_linking(examples: Iterable[Example], **kwargs) -> Dict[str, Optional[float]]:
    """Share of gold entities found with the exact boundaries and label whose
    predicted work item equals the gold one.

    examples (Iterable[Example]): Examples whose reference spans carry
        Span._.work_item.
    RETURNS (Dict[str, Optional[float]]): {"linking_acc": …}.
    """
    correct = total = 0
    for example in examples:
        predicted = {(e.start_char, e.end_char, e.label_): e._.work_item for e in example.predicted.ents}
        for ent in example.reference.ents:
            key = (ent.start_char, ent.end_char, ent.label_)
            if key in predicted:
                total += 1
                correct += predicted[key] == ent._.work_item
    return {"linking_acc": correct / total if total else None}


@registry.scorers("zhgov.linking_scorer.v1")
def make_linking_scorer() -> Callable:
    return score_linking


# A meeting named after the body that holds it is a unit with nothing inside
# it (经县政府常务会研究, 市政府第42次常务会议, 市委七届九次全会, 省委十三届五次、六次全会,
# 在县人大常委会第二十一次会议上, 市十七届人大四次会议, 市委教育工作领导小组会议3次,
# 上合组织经贸部长会议, 县委常委会会议); its
# room is the body's (县政府会议室).
_MEETING_AFTER = re.compile(r"(?:第[一二三四五六七八九十百0-9]+次|[一二三四五六七八九十]+次|[一二三四五六七八九十0-9]+届[一二三四五六七八九十0-9]+次"
                            r"(?:[、和][一二三四五六七八九十0-9]+次)*)"
                            r"(?:会议|常务会|全会|全体会议|党组会|党委会|办公会)"
                            r"|(?:常务会|全会|全体会议|党组会|党委会|办公会|常委会会议|常委会议|会议(?![室厅楼]|中心))"
                            # an international body's meeting of ministers or leaders
                            r"|[\u4e00-\u9fa5]{0,4}?(?:部长|领导人|外长|财长|首脑|高官)(?:非正式)?会议")


def opens_meeting_name(text: str, end: int) -> bool:
    """Whether a body ending at end opens the name of its meeting."""
    return _MEETING_AFTER.match(text, end) is not None


def opens_genre_name(text: str, body: str, end: int) -> bool:
    """Whether a body ending at end opens the genre name 政府工作报告 (琅溪县政府
    工作报告), a unit with nothing inside it (ANNOTATION.md §3)."""
    return body.endswith("政府") and text.startswith("工作报告", end)


# The name of a body's unit or branch after it (国家金融监督管理总局|云嶂监管局,
# 县公安局|交通管理大队青崖中队, 生态环境部|华东督察局, 县司法局|某镇司法所):
# words of no clause, then a unit word, as often as they follow one another.
_CLAUSE_CHARS = "和与及同对向在由将把被从到给为了的是等"
_UNIT_CHAR = (rf"(?:(?![{_CLAUSE_CHARS}]|联合|下属|所属|设立|成立|组织|组建|会同|配合|协助|"
              r"协调|委托|指导|推动|督促|支持|引导|带领|牵头|开展|调任|共建|合作|携手|参与|承担|申报|获批|依托|整合|邀请)"
              r"[\u4e00-\u9fa5])")
_UNIT_TAIL = re.compile(f"(?:{_UNIT_CHAR}{{0,10}}?"
                        r"(?:调查总队|调查队|监管分局|监管局|稽查局|侦查局|督察局|税务局|特派办|分公司|分行|支行|中心支局|司法所|"
                        r"工作委员会|委员会|领导小组|指挥部|办公室|法工委|中队|大队|支队|派出所|营业管理部|营业部|"
                        r"纪检监察组|纪检组))+")
# A university's or academy's school, institute or department is one of its
# units (清华大学|建筑设计研究院, 安徽大學|歷史學院).
_ACADEMIC_PARENTS = ("大学", "大學", "科学院", "科學院")
_ACADEMIC_TAIL = re.compile(f"{_UNIT_CHAR}{{2,8}}?(?:研究院|研究所|学院|學院|系)(?!长|長|路|街|站|楼|樓|统|統)")
# A verb that joins two bodies the model read as one (县委|委派任|县人民医院党委,
# 州长代表|州人民政府), or a conjunction after a body's head (人大|和|政协; not
# the 和 of 人力资源和社会保障局): each side is a mention of its own. So is a
# verb the model took into a body's name (审理|某建设集团有限公司, 请来|某大学,
# 某街道综合治理中心|整合|某派出所,
# 主要来自|某建材有限公司, 某集团|旗下|某化工有限公司, 某控股|战略入股|某股份有限公司);
# what stands before it is rarely a name.
_VERB_INSIDE_ORG = re.compile(r"委派任|委派(?!驻)|派任|调任|(?<!人民)代表(?!大会|处|团|委员|室)|委托|紧紧围绕|围绕|"
                              r"贯彻落实|认真落实|按照|根据|(?<=[局委办厅院会府司队所站部])(?:配合|会同|协助|督促|指导)|"
                              r"均由|交由|来自|租给|请来|审理|(?<=大学|学院)(?:更名为?|升格为?|建设)|(?<=科技|集团|公司|控股)(?:战略)?入股|旗下|管理(?=[省市县区镇乡][\u4e00-\u9fa5])|(?<=[局委办厅院会府司队所站部心])整合|"
                              r"(?<=[局委办厅院会府司队所站部大])[和与及](?=[\u4e00-\u9fa5]{2})")
# An institute or school whose name holds 与 (中国科学院宁波材料技术与工程研究所,
# 同济大学建筑与城市规划学院): the model reads only what follows 与. The words
# before 与 follow the academy or university that the name opens with.
_CONJOINED_HEADS = ("研究所", "研究院", "学院")
_CONJOINED_MIDDLE = re.compile(r"(?:科学院|大学)((?:(?![，。、；和及对向在由将把被从到给为了的是等与])[\u4e00-\u9fa5]){2,12})与$")
_CONJOINED_OPENING = re.compile(r"(?:(?![，。、；和及对向在由将把被从到给为了的是等与])[\u4e00-\u9fa5]){2,6}$")
_CONJOINED_NOT_BEFORE = tuple("院所校会心局委部厅")
_CONJOINED_VERBS = ("联合", "依托", "会同", "委托", "支持", "邀请", "组织", "推动", "协调", "配合", "携手", "对接",
                    "牵头", "指导", "通过", "我们", "引进", "共建", "选派", "参加", "获得", "经", "由")
# A ministry's, commission's or national administration's centre or institute
# is one of its units (应急管理部|化学品登记中心, 国家卫生健康委|临床检验中心,
# 生态环境部|环境规划院), and so is a bureau's (县公安局|反电信网络诈骗中心).
_CENTRE_PARENTS = ("部", "局", "健康委", "发展改革委")
_CENTRE_TAIL = re.compile(f"{_UNIT_CHAR}{{2,12}}?(?:中心(?!工作|任务)|规划院|研究院|设计院|科学院)")
# A special committee of a congress or a CPPCC, whose name may hold 和
# (县政协|文化文史和学习委员会, 市人大|财政经济委员会).
_COMMITTEE_PARENTS = ("政协", "人大", "常委会")
_COMMITTEE_TAIL = re.compile(rf"(?:(?![{_CLAUSE_CHARS.replace('和', '')}])[\u4e00-\u9fa5]){{2,12}}?委员会")
# The office of a committee, a government, a congress or a CPPCC, written as 办
# alone in a list (抄送：县委办，县人大办，县政府办，县政协办).
_OFFICE_PARENTS = ("委", "政府", "人大", "政协", "党组")
_OFFICE_TAIL = re.compile(r"办(?=[，,。、；;：:）)\s]|$)")
# Marks that never open a name (the model's ：市场监管局, a caption's
# ▲区税务局), and those that never close one: a name may end in a bracket
# (…有限公司（筹）).
_NOT_OPENING = frozenset("：:，,；;。、！？!?）)》】▲△■□●○◆◇★☆※►▶")
_NOT_CLOSING = frozenset("：:，,；;。、！？!?（(《【")


def _without_stray_marks(ent: Span) -> Span:
    """The mention without a clause mark at its edge (：市场监管局), nor a
    quote mark at its edge that has no partner inside it (the model's
    “清河行动 for “清河行动”): quote marks around a whole name are outside the
    span (ANNOTATION.md §3)."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while end - start > 1 and doc[start].text in _NOT_OPENING:
        start += 1
    while end - start > 1 and doc[end - 1].text in _NOT_CLOSING:
        end -= 1
    if end - start > 1 and doc[start].text in ("“", '"') and not any(q in doc[start + 1:end].text for q in '”"'):
        start += 1
    if end - start > 1 and doc[end - 1].text in ("”", '"') and not any(q in doc[start:end - 1].text for q in '“"'):
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


# Verbs that never open a project's name (实施|新一轮…行动, 开展|…试点), scope
# words that stand before it (全省|“非遗工坊”建设试点), and the
# 好 of 抓好/办好/落实好/开展好 (抓|好|标志性工程).
_PROJECT_LEAD_VERBS = ("组织实施", "加快推进", "复制推广", "总结推广", "推广", "实施", "开展", "完善", "启动", "落实", "包联", "拨付", "督促",
                       "主要是", "推出",
                       "全国", "全省", "全市", "全县", "全区", "全州")
# Terms that open with a scope word (全国统一大市场, 全国文明城市).
_SCOPE_TERMS = ("全国统一", "全国文明")
_GOOD_AFTER = "抓办做用建管干好实施推进展织务握障挥护"
# Names that open with 好 (开展|好房子建设行动).
_GOOD_NAMES = ("好房子",)
# A set counted in Chinese numerals (十大工程, 八项民生工程, 民生十大工程) is no one
# project; inside quotes the count is part of a name (“三项制度”改革试点).
_COUNTED_IN_WORDS = re.compile(r"(?:^|民生|重大|重点)[一二三四五六七八九十两]+(?:大|项)(?!目)")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")


def _without_project_lead(ent: Span) -> Span:
    """A PROJECT mention without a verb at its start that no name opens with
    (实施新一轮农村人居环境整治行动 → 新一轮农村人居环境整治行动), nor the 好 of
    抓好 (好标志性工程 → 标志性工程)."""
    text, start = doc_text(ent.doc), ent.start_char
    verb = next((v for v in _PROJECT_LEAD_VERBS if text.startswith(v, start)), None)
    if verb is not None and not text.startswith(_SCOPE_TERMS, start):
        start += len(verb)
    elif text.startswith("好", start) and start > 0 and text[start - 1] in _GOOD_AFTER \
            and not text.startswith(_GOOD_NAMES, start):
        start += 1
    if start == ent.start_char or ent.end_char - start < 4:
        return ent
    body = ent.doc.char_span(start, ent.end_char, label=ent.label_)
    return body if body is not None else ent


def _split_at_verbs(ent: Span) -> List[Span]:
    """An ORG mention cut at a verb inside it (县委委派任沅西县人民医院党委 →
    县委 | 沅西县人民医院党委), and 纪委监委 cut into its two bodies (县纪委 |
    监委, docs/annotation-guidelines.md §3); the parts go on to the linker's
    checks."""
    if ent.label_ != "ORG":
        return [ent]
    text = ent.text
    verbs = [(m.start(), m.end()) for m in _VERB_INSIDE_ORG.finditer(text) if 0 < m.start() and m.end() < len(text)]
    if text.endswith(_DISCIPLINE_PAIR) and len(text) > len(_DISCIPLINE_PAIR):
        supervision = len(text) - len(_SUPERVISION)
        verbs.append((supervision, supervision))
    if not verbs:
        return [ent]
    cuts = [0] + [i for span in verbs for i in span] + [len(text)]
    parts = [ent.doc.char_span(ent.start_char + a, ent.start_char + b, label="ORG")
             for a, b in zip(cuts[::2], cuts[1::2]) if b - a >= 2]
    return [part for part in parts if part is not None]


# A project mention over a list of whole names, each with its head, is one
# name per item (省引才“百人计划”|、|“人才兴链”行动): no gold name holds a head
# before 、 (the conjuncts of a shared head have none).
_HEAD_BEFORE_COMMA = re.compile("(?:" + "|".join(DEFAULT_PROJECT_HEADS) + ")[”\"]?(?=、)")


def _split_at_listed_names(ent: Span) -> List[Span]:
    """A PROJECT mention cut after each head followed by 、; the parts go on
    to the linker's checks."""
    if ent.label_ != "PROJECT":
        return [ent]
    ends = [m.end() for m in _HEAD_BEFORE_COMMA.finditer(ent.text)]
    if not ends:
        return [ent]
    bounds = [(0, ends[0])] + [(a + 1, b) for a, b in zip(ends, ends[1:])] + [(ends[-1] + 1, len(ent.text))]
    parts = [ent.doc.char_span(ent.start_char + a, ent.start_char + b, label="PROJECT") for a, b in bounds]
    return [part for part in parts if part is not None]


_SUPERVISION = "监委"
_DISCIPLINE_PAIR = "纪委" + _SUPERVISION
# The party's name before a committee, with the place the model left out
# where the committee starts with its level (中共|山东|省委).
_PARTY_NAME = re.compile(r"(?:中国共产党|中共)([\u4e00-\u9fa5]{0,6})\Z")
_PARTY_NAME_MAX_CHARS = 11
_LEVELS = ("省", "市", "县", "区", "州", "旗", "盟", "自治区")
_INSTITUTIONS = _ACADEMIC_PARENTS + ("学院", "學院")
# Per label, heads that the next word turns into a modifier, so that no name
# ends there. A university's or school's name is part of a place (大学城, 学院路,
# 世界大学|学术排名; narrower than project_rules' _ORG_HEAD_CONTINUES, which also
# stops at 生: here 职业技术学院|生均拨款 is a body), and 中心 of 中心城区 or
# 中心城市. 专项|整治 is a campaign of clean-ups (安全生产专项整治; also 专项|监督,
# and 专项|转移支付 a kind of transfer), 行动|派 a
# kind of cadre, 项目|清单 a list; 专项|资金 and 行动|方案 belong to the named
# programme (narrower than project_rules' head_continues, which also stops at
# 建设 and 资金, where the model's names end in the corpus).
_HEAD_GOES_ON = {
    "ORG": ((_INSTITUTIONS, re.compile(r"城(?!市)|科技园|路|街|广场|学术排名|排名")),
            (("中心",), re.compile(r"城区|城市"))),
    "PROJECT": ((("专项",), re.compile(r"整治|整顿|措施|债券|审计|督查|检查|监督|治理|巡查|巡察|清理|行动|转移支付")),
                (("行动",), re.compile(r"派|质效|考核")),
                (("项目",), re.compile(r"清单|库|储备"))),
}


def _head_goes_on(text: str, ent: Span) -> bool:
    """Whether the word after a mention's head makes the head a modifier
    (安全生产专项|整治, 松江大学|城), so that no name of its label ends there."""
    after = next((pattern for heads, pattern in _HEAD_GOES_ON.get(ent.label_, ()) if ent.text.endswith(heads)), None)
    return after is not None and after.match(text, ent.end_char) is not None


def _holds_marker(ent: Span, marker_starts: List[int]) -> bool:
    """Whether a work item starts inside a mention (after its first character)."""
    i = bisect_right(marker_starts, ent.start_char)
    return i < len(marker_starts) and marker_starts[i] < ent.end_char


def _without_marker(ent: Span, item_markers: Dict[int, int]) -> Span:
    """A mention without the work-item marker it starts with (9.区青少年宫 →
    区青少年宫)."""
    marker_end = item_markers.get(ent.start_char)
    if marker_end is None or marker_end >= ent.end_char:
        return ent
    body = ent.doc.char_span(marker_end, ent.end_char, label=ent.label_)
    return body if body is not None else ent


# A bracket that ends a name: a project's phase (城市生命线安全工程|（一期）), a
# university's campus (中国地质大学|（武汉）).
_BRACKETED_PARTS = (("PROJECT", ("工程", "项目"), re.compile(r"[（(][一二三四五六七八九十0-9０-９]{1,2}期[）)]")),
                    ("ORG", ("大学", "大學"), re.compile(r"[（(][\u4e00-\u9fa5]{2,4}[）)]")))


def _with_bracketed_parts(doc: Doc, ents: List[Span]) -> List[Span]:
    """Mentions with the bracket that ends their name; an entity inside the
    bracket gives way."""
    text = doc_text(doc)
    result: List[Span] = []
    for ent in ents:
        if result and result[-1].end_char > ent.start_char:
            continue  # inside the bracket just joined
        for label, heads, bracket in _BRACKETED_PARTS:
            match = bracket.match(text, ent.end_char) if ent.label_ == label and ent.text.endswith(heads) else None
            longer = doc.char_span(ent.start_char, match.end(), label=label) if match else None
            if longer is not None:
                ent = longer
        result.append(ent)
    return result


# Roles and verbs that the model reads into the start of a body's name
# (施工方|湘南路桥集团, 转让给|汾源文旅集团, 扶持|龙头企业…, 侦办|某再生资源有限公司):
# the name starts after them.
_LEAD_WORDS = sorted(("施工方", "运营方", "承建方", "投资方", "合作方", "监理单位", "运营单位", "施工单位", "建设单位",
               "业主单位", "成员单位", "牵头单位", "责任单位", "关联企业", "龙头企业", "县属国企", "市属国企",
               "省属国企", "区属国企", "国企", "转让给", "流转给", "下放至", "移交给", "新登记", "扶持", "培育", "根据",
               "依据", "移送", "整治后土地流转给", "年内新登记", "挂牌", "新央企", "运营", "健全", "丰富", "挖掘",
               "实行", "兴办", "大力发展", "以上", "锚定", "废止", "制定", "修改", "按照", "落实", "贯彻",
               "总承包单位", "施工总承包单位", "代建单位", "设计单位", "中标单位", "明确", "认真履行", "履行",
               "整合", "作价入股", "入股", "成员来自", "来自", "遴选", "审理", "均由", "交由", "请来", "租给",
               "侦办", "厘清", "主要得益于", "得益于", "委托", "委託", "配套企业", "随着", "延伸审计",
               "关于", "下设", "引入"),
              key=len, reverse=True)


# A branch or campus of a hospital or school, named after it, resolves to it
# (ANNOTATION.md: 第三中学分校 → 第三中学; 县中医院|柘口分院, 泖西大学|瑀州校区); an
# academy's branch (中国科学院岷阳分院) is a body of its own.
_BRANCH_OF_INSTITUTION = re.compile(
    r"(.+?(?:医院|大学|(?<!科)学院|中学|小学|学校|幼儿园))[\u4e00-\u9fa5]{0,6}?(?:分院|院区|校区|分校|分园)$")


def _without_branch(ent: Span) -> Span:
    """An ORG mention that names a hospital's or school's branch as that
    hospital or school; the mention as it is otherwise."""
    match = _BRANCH_OF_INSTITUTION.match(ent.text)
    if match is None:
        return ent
    body = ent.doc.char_span(ent.start_char, ent.start_char + len(match.group(1)), label=ent.label_)
    return body if body is not None else ent


# A firm's computing, data or research centre, named after it, is the firm's
# facility: [中国电信]瑀州智算中心, [曜澜光电]亚太研发中心 (the guideline's
# lab after a body's name). A body's own centre is not (鹭州海关技术中心, 市大数据中心).
_FIRM_FACILITY = re.compile(r"(?:智算中心|数据中心|算力中心|研发中心|技术中心)$")
_FIRM_ENDS = ("集团", "公司")


def _without_firm_facility(ent: Span, known_at: Dict[int, Span]) -> Span:
    """An ORG mention of a firm's facility as the firm: a known company, a
    brand name or a company's full name, then a centre named after it (with
    a place of two to four characters between); the mention as it is
    otherwise."""
    text = ent.text
    facility = _FIRM_FACILITY.search(text)
    if facility is None:
        return ent
    known = known_at.get(ent.start_char)
    for cut in range(facility.start(), max(1, facility.start() - 5), -1):
        firm = text[:cut]
        if facility.start() - cut == 1:
            continue  # one character is no place (市|大数据中心)
        if (known is not None and known.end_char == ent.start_char + cut) or is_brand_name(firm) \
                or (firm.endswith(_FIRM_ENDS) and firm not in _FIRM_ENDS):
            body = ent.doc.char_span(ent.start_char, ent.start_char + cut, label=ent.label_)
            return body if body is not None else ent
    return ent


def _without_lead_words(ent: Span) -> Span:
    """An ORG mention without a role or verb at its start (施工方湘南路桥集团 →
    湘南路桥集团); the mention as it is where none is there or the rest does
    not fall on token boundaries."""
    text, start = doc_text(ent.doc), ent.start_char
    lead = next((w for w in _LEAD_WORDS if text.startswith(w, start)), None)
    while lead is not None and ent.end_char - start - len(lead) >= 2:
        start += len(lead)
        lead = next((w for w in _LEAD_WORDS if text.startswith(w, start)), None)
    body = ent.doc.char_span(start, ent.end_char, label=ent.label_) if start > ent.start_char else None
    return body if body is not None else ent


class WorkItemLinker:
    """Sets Span._.work_item on every entity and enforces the hard rules:
    nothing inside boilerplate or inside 《》, number entities only with a
    value from the number rules, and names (ORG, PROJECT) that end in a head
    and do not run across a clause end or a line break."""

    def __init__(
        self,
        vocab,
        name: str = "zhgov_linker",
        *,
        drop_in_boilerplate: bool = True,
        drop_in_titles: bool = True,
        require_values: bool = True,
        require_heads: bool = True,
        org_heads: str = DEFAULT_ORG_HEADS,
        project_heads: Sequence[str] = DEFAULT_PROJECT_HEADS,
        max_name_chars: int = 40,
        extend_to_projects: bool = True,
        extend_to_units: bool = True,
        listed_companies: bool = True,
        short_names: bool = True,
        repeated_brands: bool = True,
        scorer: Optional[Callable] = score_linking,
        common_words: Callable[[], Container[str]] = frozenset,
    ) -> None:
        """common_words: returns the dictionary words whose use as a brand's
        name part makes it a kind of industry (石化|化工); read when a document
        comes, as the tokenizer loads its segmenter after the components."""
        self.vocab = vocab
        self.common_words = common_words
        self.name = name
        self.drop_in_boilerplate = drop_in_boilerplate
        self.drop_in_titles = drop_in_titles
        self.require_values = require_values
        self.require_heads = require_heads
        self.org_heads = org_heads
        self.project_heads = tuple(project_heads)
        self.max_name_chars = max_name_chars
        self.extend_to_projects = extend_to_projects
        self.extend_to_units = extend_to_units
        self.listed_companies = listed_companies
        self.short_names = short_names
        self.repeated_brands = repeated_brands
        self.scorer = scorer
        for cls, attr in ((Span, "work_item"), (Span, "value")):
            if not cls.has_extension(attr):
                cls.set_extension(attr, default=None)
        if not Doc.has_extension("work_items"):
            Doc.set_extension("work_items", default=None)
        if not Doc.has_extension("boilerplate"):
            Doc.set_extension("boilerplate", default=None)

    def blocked_ranges(self, text: str, boilerplate: Optional[Sequence[Tuple[int, int]]]) -> List[Tuple[int, int]]:
        """The sorted, merged character ranges where no entity stands:
        boilerplate and 《》 titles, as the options say.

        text (str): The document's text.
        boilerplate (Optional[Sequence[Tuple[int, int]]]): Its boilerplate ranges.
        RETURNS (List[Tuple[int, int]]): The ranges.
        """
        blocked = []
        if self.drop_in_boilerplate:
            blocked.extend(boilerplate or [])
        if self.drop_in_titles:
            blocked.extend(m.span() for m in _TITLE_QUOTES.finditer(text))
        return _merge(blocked)

    def document_mentions(self, text: str, ents: Sequence, blocked: List[Tuple[int, int]],
                          aligned: Callable[[int, int], bool]) -> List[Tuple[int, int]]:
        """The ORG mentions that the rules reading the whole document add, as
        the options say: declared short names and their uses, then the other
        uses of brands (with the short names among the ORGs). A mention in the
        blocked ranges or off the token boundaries is left out.

        text (str): The document's text.
        ents (Sequence): The entities found so far (Spans, or anything with
            start_char, end_char, label_ and text), in order.
        blocked (List[Tuple[int, int]]): Sorted, disjoint ranges (`blocked_ranges`).
        aligned (Callable[[int, int], bool]): Whether a range is on token boundaries.
        RETURNS (List[Tuple[int, int]]): (start, end) of each mention, sorted.
        """
        blocked_starts = [start for start, _ in blocked]
        ents = list(ents)
        found: List[Tuple[int, int]] = []
        for enabled, find in ((self.short_names, declared_short_names), (self.repeated_brands, repeated_brands)):
            if not enabled:
                continue
            new = [(start, end) for start, end in find(text, ents)
                   if aligned(start, end) and not _overlaps_any(start, end, blocked, blocked_starts)]
            ents = sorted([*ents, *(Mention(start, end, "ORG", text[start:end]) for start, end in new)],
                          key=lambda ent: ent.start_char)
            found.extend(new)
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        common_words = self.common_words()
        blocked = self.blocked_ranges(text, doc._.boilerplate)
        blocked_starts = [start for start, _ in blocked]
        kept = []
        # the lexicon's matches, the longest first where two start together (中建三局, 中建)
        known = sorted(filter(is_known_company, doc.spans.get(KNOWN_COMPANIES, [])),
                       key=lambda span: (span.start, -span.end))
        known_at: Dict[int, Span] = {}
        for span in known:
            known_at.setdefault(span.start_char, span)
        items = doc._.work_items or []
        item_markers = {item["start"]: item["start"] + len(item["marker"]) for item in items}
        marker_starts = sorted(item_markers)
        for ent in [part for ent in doc.ents for cut in _split_at_verbs(_without_marker(ent, item_markers))
                    for part in _split_at_listed_names(cut)]:
            if ent.label_ in NUMBER_LABELS and self.require_values and ent._.value is None:
                continue
            if ent.label_ in ("ORG", "PROJECT") and _holds_marker(ent, marker_starts):
                continue  # 产业工人队伍建设改革⏎1．我县被确定为…试点: a name runs over no item start
            if _overlaps_any(ent.start_char, ent.end_char, blocked, blocked_starts):
                continue
            if self.drop_in_titles and ent.label_ == "ORG" and (opens_genre_name(text, ent.text, ent.end_char)
                                                                or opens_meeting_name(text, ent.end_char)):
                continue
            name = known_at.get(ent.start_char) if ent.label_ == "ORG" else None
            if name is not None and name.end_char <= ent.end_char:
                # a well-known company's name (中芯国际), also with an industry
                # word (华润|电力) except where a list of projects names the
                # product after the brand (中石化|新材料、…等项目), or a mention
                # that starts with one and is no name (中海油|装备智能制造): no
                # head to check
                rest = text[name.end_char:ent.end_char]
                whole = not rest or rest in INDUSTRY_WORDS and not _IN_PROJECT_LIST.match(text, ent.end_char)
                if whole or not self.is_plausible_name(ent.text, "ORG"):
                    known_span = ent if whole else name
                    kept.append(Span(doc, known_span.start, known_span.end, label="ORG", span_id=KNOWN_COMPANY))
                    continue
            if ent.label_ == "ORG" and ent.text.endswith(_PROJECT_AS_ORG) and len(ent.text) >= 4:
                ent = Span(doc, ent.start, ent.end, label="PROJECT")
            if ent.label_ in ("ORG", "PROJECT"):
                ent = _without_stray_marks(ent)
            if ent.label_ == "ORG":
                ent = _without_firm_facility(_without_branch(_without_lead_words(ent)), known_at)
            elif ent.label_ == "PROJECT":
                ent = _without_project_lead(ent)
            party = None
            if ent.label_ == "ORG":
                party = _PARTY_NAME.search(text, max(0, ent.start_char - _PARTY_NAME_MAX_CHARS), ent.start_char)
                if party is not None and party.group(1) and not ent.text.startswith(_LEVELS):
                    party = None
            if party is not None:
                # 中共|上海市委, 中共山东|省委: the party's name is part of its
                # committee's (中共湖南省委教育工委)
                named = doc.char_span(party.start(), ent.end_char, label="ORG")
                if named is not None and not (kept and kept[-1].end_char > named.start_char):
                    ent = named
            if ent.label_ == "ORG" and _head_goes_on(text, ent):
                continue  # 松江大学|城, 改造中心|城区: a place, not the body
            if ent.label_ == "ORG" and is_industry_kind(ent.text):
                continue  # 高端食品, 有机食品: a kind of industry, not a brand
            if ent.label_ == "ORG" and ent.text.endswith("中心") and _CENTRAL_TASK.match(text, ent.end_char):
                # 围绕省委、省政府|中心工作: the body, then its central task
                body = doc.char_span(ent.start_char, ent.end_char - 2, label="ORG")
                if body is not None and self.is_plausible_name(body.text, "ORG"):
                    ent = body
            # a brand the model found needs no head (支持|瑞禾智能|开展…, 推动|唐晶半导体|等项目)
            brand = ent.label_ == "ORG" and is_standalone_brand(text, ent.start_char, ent.end_char, common_words)
            if self.require_heads and not brand and (
                    not self.is_plausible_name(ent.text, ent.label_)
                    or ent.label_ == "PROJECT" and (_COUNT_AFTER.match(text, ent.end_char) or _head_goes_on(text, ent))):
                continue
            kept.append(ent)
        for name in known:
            # the other well-known companies, where no entity stands
            if not any(e.start < name.end and name.start < e.end for e in kept) \
                    and not _overlaps_any(name.start_char, name.end_char, blocked, blocked_starts):
                kept.append(Span(doc, name.start, name.end, label="ORG", span_id=KNOWN_COMPANY))
        kept = _with_bracketed_parts(doc, sorted(kept, key=lambda e: e.start))
        if self.extend_to_units:
            kept = self._extend_to_units(doc, self._join_conjoined_names(doc, kept))
        if self.extend_to_projects:
            kept = self._extend_to_projects(doc, kept)
        if self.listed_companies:
            # brands in a list of companies (嵘岳重工、华翎新能源、嶂钢集团; 豫森纸业、恒达管业等企业):
            # see `companies.listed_companies`. This rule has never checked the blocked ranges.
            kept = _with_mentions(doc, kept, listed_companies(text, kept))
        mentions = self.document_mentions(text, kept, blocked, lambda start, end: doc.char_span(start, end) is not None)
        kept = _with_mentions(doc, kept, mentions)
        if self.extend_to_projects:
            # after the brands are in: a conjunct that holds one is no part of a name
            kept = self._join_shared_heads(doc, kept)
        if kept != list(doc.ents):
            doc.set_ents(kept, default="outside")
        starts = [item["start"] for item in items]
        for ent in doc.ents:
            ent._.work_item = deepest_item(items, ent.start_char, starts)
        return doc

    def _join_conjoined_names(self, doc: Doc, ents: List[Span]) -> List[Span]:
        """An institute or school after 与 whose name opens with an academy or
        university before 与 is one ORG with it: 中国科学院宁波材料技术与|工程研究所,
        同济大学建筑与|城市规划学院. Entities inside the name give way to it."""
        text = doc_text(doc)
        result: List[Span] = []
        for ent in ents:
            if ent.label_ == "ORG" and ent.text.endswith(_CONJOINED_HEADS):
                window = max(0, ent.start_char - 40)
                middle = _CONJOINED_MIDDLE.search(text, window, ent.start_char)
                start = self._conjoined_start(text, result, middle) if middle else None
                if start is not None and not middle.group(1).endswith(_CONJOINED_NOT_BEFORE) \
                        and all(other.label_ == "ORG" for other in result if other.end_char > start):
                    name = doc.char_span(start, ent.end_char, label="ORG")
                    if name is not None:
                        while result and result[-1].end_char > start:
                            result.pop()
                        ent = name
            result.append(ent)
        return result

    @staticmethod
    def _conjoined_start(text: str, before: List[Span], middle: "re.Match") -> Optional[int]:
        """Where the academy or university that opens a conjoined name starts:
        an ORG ending at its head, or the words before the head (at most six
        characters, a verb in front of them left out)."""
        head_end = middle.start(1)
        found = next((ent for ent in reversed(before) if ent.end_char == head_end and ent.label_ == "ORG"), None)
        if found is not None:
            return found.start_char
        head_start = head_end - (3 if text.startswith("科学院", head_end - 3) else 2)
        opening = _CONJOINED_OPENING.search(text, max(0, head_start - 6), head_start)
        if opening is None:
            return None
        start = opening.start()
        verb = next((v for v in _CONJOINED_VERBS if text.startswith(v, start)), None)
        if verb is not None:
            start += len(verb)
        return start if head_start - start >= 2 else None

    def _extend_to_units(self, doc: Doc, ents: List[Span]) -> List[Span]:
        """An ORG followed directly by the name of one of its units becomes
        that unit, the longest span (docs/annotation-guidelines.md: a national
        body's branch is one ORG with the parent's name): 国家统计局|云嶂调查总队,
        公安部|刑事侦查局, 县委|全面依法治县委员会办公室, 县政府|办. ORGs inside the unit's
        name join it; a tail that opens with a level (市委|市政府) is a body of
        its own."""
        from .org_rules import LEVELS  # org_rules imports this module

        text = doc_text(doc)
        result: List[Span] = []
        i = 0
        while i < len(ents):
            ent = ents[i]
            match = None
            if ent.label_ == "ORG":
                match = _UNIT_TAIL.match(text, ent.end_char)
                if match is None and ent.text.endswith(_CENTRE_PARENTS):
                    match = _CENTRE_TAIL.match(text, ent.end_char)
                if match is None and ent.text.endswith(_ACADEMIC_PARENTS):
                    match = _ACADEMIC_TAIL.match(text, ent.end_char)
                if match is None and ent.text.endswith(_COMMITTEE_PARENTS):
                    match = _COMMITTEE_TAIL.match(text, ent.end_char)
                if match is None and ent.text.endswith(_OFFICE_PARENTS):
                    match = _OFFICE_TAIL.match(text, ent.end_char)
            if match and text[ent.end_char] not in LEVELS:
                inside = [other for other in ents[i + 1:] if other.start_char < match.end()]
                unit = doc.char_span(ent.start_char, match.end(), label="ORG")
                if unit is not None and all(o.label_ == "ORG" and o.end_char <= match.end() for o in inside):
                    result.append(unit)
                    i += 1 + len(inside)
                    continue
            result.append(ent)
            i += 1
        return result

    def _extend_to_projects(self, doc: Doc, ents: List[Span]) -> List[Span]:
        """An ORG followed directly by the rest of a project name becomes
        that PROJECT: the longest reading wins (ANNOTATION.md §3)."""
        text = doc_text(doc)
        result: List[Span] = []
        for i, ent in enumerate(ents):
            if ent.label_ == "ORG":
                match = _PROJECT_TAIL.match(text, ent.end_char)
                limit = ents[i + 1].start_char if i + 1 < len(ents) else len(text)
                if match and match.end() <= limit and not match.group().startswith(_TAIL_OPENERS) \
                        and match.end() - ent.end_char >= 4 and is_name_core(text[ent.end_char:match.end() - 2]) \
                        and not head_continues(text, match.end()) and not _PROJECT_CLASS.search(match.group()):
                    project = doc.char_span(ent.start_char, match.end(), label="PROJECT")
                    if project is not None:
                        ent = project
            result.append(ent)
        return result

    @staticmethod
    def _join_shared_heads(doc: Doc, ents: List[Span]) -> List[Span]:
        """A project whose head the conjuncts before it share is one PROJECT
        with them (ANNOTATION.md §3): 实施|景区扩容提质、精品民宿培育行动,
        汧河、湫水河生态廊道建设工程. A conjunct is the words after a clause
        mark or the verb that opens the clause, with no head and no entity of
        its own; a conjunct with its own head is a name of its own."""
        text = doc_text(doc)
        result: List[Span] = []
        for ent in ents:
            start = ent.start_char
            if ent.label_ == "PROJECT":
                while text[start - 1:start] == "、":
                    prior = result[-1] if result else None
                    if prior is not None and prior.label_ == "ORG" and prior.end_char == start - 1 \
                            and prior.text.endswith(_INSTITUTION_ENDS) and _INSTITUTION_FIRST.match(text, start):
                        # schools or hospitals that share the works (荇川乡中心小学、滠阳镇中心小学风雨操场建设工程)
                        result.pop()
                        start = prior.start_char
                        continue
                    # the conjuncts begin after a clause mark, or after a name and a join (…项目和|沄口、…工程)
                    floor = prior.end_char if prior is not None else 0
                    begin = start - 1
                    while begin > floor and text[begin - 1] not in _CONJUNCT_ENDS and start - begin <= _CLAUSE_MAX_CHARS:
                        begin -= 1
                    if begin == floor and floor > 0 and text.startswith(JOINS, begin):
                        begin += len(next(j for j in JOINS if text.startswith(j, begin)))
                    elif begin > 0 and text[begin - 1] not in _CONJUNCT_ENDS:
                        break  # a long clause, no conjunct
                    begin += len(next((o for o in _SHARED_HEAD_OPENERS if text.startswith(o, begin)), ""))
                    words = text[begin:start - 1]
                    if not 2 <= len(words) <= _CONJUNCT_MAX_CHARS or _NUMERALS.fullmatch(words) \
                            or _HEAD_INSIDE.search(words) or _COMPLETE_CONJUNCT.search(words) \
                            or not is_name_core(words) or (result and result[-1].end_char > begin):
                        break
                    start = begin
                if start != ent.start_char:
                    joined = doc.char_span(start, ent.end_char, label="PROJECT")
                    if joined is not None:
                        ent = joined
            result.append(ent)
        return result

    def is_plausible_name(self, text: str, label: str) -> bool:
        """Whether an ORG or PROJECT mention has the shape of a name: short
        enough, no clause end or line break inside, and ending in its head.
        Other labels always pass.

        text (str): The mention.
        label (str): Its label.
        RETURNS (bool): Whether to keep it.
        """
        if label not in ("ORG", "PROJECT"):
            return True
        if len(text) > self.max_name_chars or _NAME_BREAKS.search(text):
            return False
        compact = "".join(text.split())
        if compact.count("“") != compact.count("”") or compact.count("（") != compact.count("）"):
            return False
        if label == "ORG":
            return ((compact[-1:] in self.org_heads or compact.endswith(_MEDICAL_GROUP_HEADS) or _is_fund_name(compact)
                     or _INTERNATIONAL_ORGANISATION.match(compact) is not None)
                    and not _COUNTED.search(compact)
                    and not compact.endswith(_NOT_NAME_ENDINGS) and not compact.startswith(_GENERIC_STARTS)
                    and not _NOT_BODY_ENDINGS.search(compact) and not _NOT_NAME_WORDS.search(compact)
                    and not _GENERIC_BODIES.search(compact)
                    and _is_shared_head(compact))
        head = next((h for h in self.project_heads if compact.endswith(h)), None)
        return head is not None and not _PROJECT_CATEGORY.search(compact[:-len(head)]) \
            and not compact.startswith(_BATCH_STARTS) and not _PROJECT_CLASS.search(compact) \
            and not _COUNTED_PROJECTS.search(compact) and not _COUNTED_IN_WORDS.search(_QUOTED.sub("", compact)) \
            and not _IDIOM_PROJECTS.search(compact) and not _MAIN_WORKS.search(compact)

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        pass

    def score(self, examples: Iterable[Example], **kwargs) -> Dict:
        return self.scorer(examples, **kwargs) if self.scorer else {}

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "WorkItemLinker":
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        pass

    def from_disk(self, path, *, exclude=tuple()) -> "WorkItemLinker":
        return self


def _merge(ranges: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Sort ranges and merge the overlapping ones."""
    merged: List[Tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class Mention(NamedTuple):
    """A mention by its offsets, where no Span is at hand."""

    start_char: int
    end_char: int
    label_: str
    text: str


def _with_mentions(doc: Doc, ents: List[Span], offsets: Sequence[Tuple[int, int]]) -> List[Span]:
    """The entities with new ORG mentions at the given character offsets (brands
    in a list, a declared short name and its uses, a brand's other uses), in
    text order; a mention off the token boundaries is left out."""
    added = [span for span in (doc.char_span(start, end, label="ORG") for start, end in offsets) if span is not None]
    return sorted([*ents, *added], key=lambda span: span.start_char) if added else ents


def _overlaps_any(start: int, end: int, ranges: Sequence[Tuple[int, int]], starts: List[int]) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint ranges."""
    index = bisect_left(starts, end) - 1
    return index >= 0 and ranges[index][1] > start
