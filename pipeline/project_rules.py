"""Named projects by their shape: a run of name characters that ends in a
project head (工程, 项目, 行动, 计划, 专项, 试点, 课题) and starts after a clause
break, a work-item marker or the verb that introduces it (实施|引江济淮二期工程,
完成|黄山道片区雨污分流改造工程). Runs after the NER and before the linker and
only adds names that overlap no entity of the model (an ORG inside the name
gives way: the longest reading wins, ANNOTATION.md §3).

Category mentions are not names (重点项目, 一批重大项目, 19个项目, 民生工程等项目):
what precedes the head must be at least four characters, with no 的, 等,
counted noun or generic qualifier in it.
"""
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple
import re

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.training import Example

from .companies import is_brand_name
from .errors import Errors
from .settings import SettingsSerializable
from .tokenizer import doc_text, token_edges

DEFAULT_HEADS = ("工程", "项目", "行动", "计划", "专项", "试点", "课题", "項目", "計劃", "行動", "專項", "試點", "課題")
# Words that introduce a project and are not part of its name, longest first
# where one is the start of another.
DEFAULT_OPENERS = (
    "深入开展", "全面实施", "牵头实施", "组织实施", "扎实推进", "加快推进", "持续推进", "积极争取", "审计了",
    "打好", "做强", "做优", "做大", "做实", "壮大", "出台", "实施好", "抓好", "办好", "落实好", "推进好", "建设好",
    "提出", "凝练", "签订", "签署", "发起", "察看", "视察", "跟踪", "审结", "受理", "执结", "办结",
    "实施", "開展", "开展", "完成", "支持", "推进", "推動", "推动", "启动", "設立", "设立", "通过", "發現", "发现",
    "确保", "争取", "申报", "获批", "加快", "组织", "参与", "落实", "围绕", "结合", "包括", "其中", "建成", "新建", "续建",
    "安排", "下达", "组建", "督促", "联合", "会同", "引进", "携手", "指导", "帮助", "承担", "牵头",
    "制定", "编制", "招募", "扩大", "用于", "配合", "深化", "开工建设", "开工", "剔除", "受", "引入", "今年是", "按", "我们", "以", "作为", "作為", "依托", "聚焦", "启用", "谋划", "储备", "争创", "入选",
    "列入", "纳入", "实现", "力争", "紧盯", "着力", "全力", "大力", "积极", "持续", "扎实", "深入", "全面",
    "實施", "推進", "啟動", "通過", "確保", "爭取", "申報", "組織", "參與", "落實", "圍繞", "結合",
    "承擔", "牽頭", "依託", "全市", "全省", "全县", "全区", "我市", "我省", "我县", "我区", "对", "给", "將", "将", "把", "在", "从", "向", "由", "与", "和", "及", "是", "了", "為", "为",
)
# Verbs that open a clause but also end names (市场拓展行动, 景区提质升级行动):
# they open a name only where they begin it (发挥|“昆仑英才”计划, 优化升级|江淮英才计划).
_LEAD_VERBS = ("深度融入", "严格控制", "坚决遏制", "有效管控", "迭代升级", "提质升级", "优化升级", "定期发布",
               "发挥", "加大", "增强", "巩固", "拓展", "融入", "吸引", "筛选", "验收", "释放", "更好", "含",
               "建设", "推广", "新上", "提高")
# Adverbs among the openers that are also words of names (国企改革深化提升行动),
# and 实现 (生态产品价值实现机制试点).
_ADVERBS_IN_NAMES = frozenset(("深化", "持续", "全面", "深入", "扎实", "积极", "大力", "着力", "全力", "实现"))
# A company and the verb of building before a project's name (澧岚化工建设|年产
# 20万吨…项目): the name starts after the verb.
_OWNER_BUILDS = re.compile(r"([\u4e00-\u9fa5]{2,8}?)(?:投资建设|新建|建设|投建)")
# Inside a name these make it a category or a phrase, not one project.
_NOT_IN_NAMES = re.compile(r"等|各(?!美|族|民族)|[0-9０-９一二三四五六七八九十两几多]+(?:个|項|项|批|类|大|家|处|座|所|条)|[0-9０-９]月|一批|各类|各项|相关|有关|所有|重点(?!产业链|行业|人群|领域|专科)|重大|这|该|其他|其它|多项|更多|一般|不少")
# Where a name can start: after punctuation, after a conjunction that follows a
# head (…提升工程和|物业服务质量提升行动), white space (not between Latin
# letters or digits: Mini LED), 的 (the attribute before it is outside:
# 投资5200万元的|…工程) or an amount and the verb after it (投资28亿元建设|…工程).
_BREAKS = re.compile(r"[，。；：！？、,;:!?()（）《》【】\[\]［］的]|\.(?![0-9０-９])|(?<=工程|项目|行动|计划|试点|专项|课题)[和与及]"
                     r"|(?<![A-Za-z0-9])\s|\s(?![A-Za-z0-9])"
                     r"|(?<=[0-9０-９万亿千百])元(?:建设|新建|实施|启动|推进|改造|打造|用于|支持)?")
_MARKER = re.compile(r"[一二三四五六七八九十]+[是要]|[0-9０-９]{1,2}[.．、](?![0-9０-９])|[①-⑳]|[（(](?:[0-9]{1,2}|[一二三四五六七八九十]+)[）)]")
# A head followed by these is the first part of a longer noun (专项资金,
# 项目贷款, 计划项目): no project name ends there.
_CONTINUATIONS = re.compile(
    r"资金|債券|债券|审计|審計|治理|整治|贷款|用地|欠款|领域|管护|监管|审核|建设|類|类|技术|库|资|論證|论证|前期|"
    r"工程|项目|項目|计划|行动|专项|试点|课题|单位|县局|储备|招商|检查|檢查|补助|奖|汇报|救助|督查|督导|巡查|清理|调查|"
    r"工作|示范|名单|开展|扩面|地区|城市|学校|县|市|区|绩效|收益|管理|支出|进度|法人|监理|招投标|主审|政策|部|遗产|规划|"
    r"服务|清单|研究|执法|打击|[一二三特]等奖")
# A level of classification opens a class of projects (省级职业教育科研课题).
_CLASS_LEVELS = ("国家级", "省级", "市级", "县级", "区级")
# Before a pilot or a programme of action it is the level of the designation and
# stays outside the name (获批省级|虚拟电厂建设试点, 入选国家级|零碳园区建设试点).
_LEVELLED_HEADS = ("试点", "行动", "試點", "行動")
_DESIGNATION = re.compile(r"(?:首批|第[一二三四五六七八九十0-9]+批)?(?:" + "|".join(_CLASS_LEVELS) + ")")
# An organisation's name holds no figures and no words of the clause around it
# (我|…担任…研究院, 建设|…学院; 到 is a clause word of every name; 据 is one
# except in 数据), no kind (一流大学, 定点医院, 运营单位…有限公司) and no complete
# name with a preposition after it (城投集团向|国家开发银行).
_NOT_IN_ORG_NAMES = re.compile(r"[0-9０-９]|我|是|赴|名|单位|定点|建设(?!银行|集团|兵团|工程|投资|发展)|办好|迈向|保持|首家|"
                               r"一流|高水平|高质量|高风险|公立|[三二]甲|[三二]级|"
                               r"(?:集团|公司|银行|大学|学院|医院|局|委|厅)[向与和同对为在把将从]|"
                               r"了|(?<=[\u4e00-\u9fa5]{2})(?:[由被把]|(?<!数)据)")
# Verbs and prepositions that an organisation's name follows inside a clause.
_CUT_BEFORE_ORG = frozenset("到赴向经据由被把对将从在了")
# A role a body is named after (施工单位|澍州宏业建设集团有限公司).
_ROLES_BEFORE_ORG = ("单位",)
# Conjunctions that also join the parts of one name (环境与土木工程学院): a name
# follows one only where the words before it are no name (…局和|国家税务总局…税务局).
_JOIN_BEFORE_ORG = frozenset("和与及")
# An institution word that starts a longer noun (大学城, 大学科技园, 学院路).
_ORG_HEAD_CONTINUES = re.compile(r"城(?!市)|科技园|联盟|生|学科|路|街|站|广场|排名")
# A lab after a body's name is the body's lab, a facility (县疾病预防控制中心|实验室).
_UNIT_HEADS = ("实验室",)
_BODY_ENDS = re.compile(r"(?:中心|站|委员会|局|厅|医院|学校|大学|学院|研究院|研究所|公司|集团)$")
# An organisation followed by its branch (中国银行|四川省分行) ends after the branch.
# So does a body with its school or institute (北京大学|考古文博学院, 中国社会科学院|考古研究所).
_BRANCH_AFTER = re.compile(r"(?:(?![和与及同对向在由])[\u4e00-\u9fa5]){1,8}?"
                           r"(?:分行|支行|分公司|支公司|分院|分所|分局|分校|调查队|特派办|研究所|学院)")
# A project's funds after its name.
_FUNDS = re.compile(r"资金|補助|补助")
# 计划 followed by a time or a verb is the verb "plans to" (计划明年6月通车).
_PLAN_AS_VERB = re.compile(
    r"(?<=计划)(?:明年|今年|年底|年内|近期|于|在|将|总投资|投资|完成|开工|建成|[0-9０-９]|[一二三四五六七八九十]+月)")
# A name does not end in an adjective of kind (标志性工程, 代表性项目: a
# category), in 子 (子项目: a part), in another head (工程项目: a kind), in a locative (思想上政治上|行动上) or in an organisation (市妇幼保健院试点,
# 某某有限公司项目: the body and the word, not a name).
_NOT_BEFORE_HEAD = ("性", "子", "上", "主体", "工程", "计划", "院", "局", "厅", "公司", "大学", "办事处", "政府", "委员会", "集团")
# Verbs and time words: a span holding them is a clause, not a name.
_CLAUSE_WORDS = re.compile(
    r"选择|抓|新增|签约|抽查|引进|争取|推行|梳理|建立|统筹|安排|发行|立项|获批|獲批|实施|開展|开展|完成|加快|推进|"
    r"落实|违规|分包|虚记|所属|确定|倾斜|保障|目前|全年|上半年|下半年|(?<![0-9０-９])年度|再|关于|關於|已|正在|拟|计划|获|被|委托|"
    r"与|和(?![平段村镇路县街乡])|(?<![定方面导指走意倾])向|将|建立|有(?!机|效|序|色|线)|在|为|对|"
    r"做好|带头|跑|执行|强化|严控|加强|规范|推介|评选|做到|储备|谋划|插手|干预|没有|个别|"
    r"部分|全部|申报|依托|设立|确保|工作|合作|同时|投资项|政府投资|民间投资|基础设施|社会民生|乡村振兴|联合|招聘|招收|"
    r"责令|累计|用好|至少|到|滞后|退出|^(?:20[0-9]{2}|二〇[〇一二三四五六七八九]{2})年度?$")
# 及 joins two clauses, or two things in one project's name (生猪屠宰及肉制品深加工项目,
# 岷江四桥及接线工程): a clause word in organisation names; in a project's name
# only where it joins two bodies (…供电公司及|县经济开发区项目), in 及以上, or
# where nothing follows it before the head.
_AND_CLAUSES = re.compile(r"及(?!时)")
_AND_BODIES = re.compile(r"(?:公司|集团|[局委厅])及|及(?=[省市县区镇乡]|以上|以下|$)")
_MAX_NAME = 30
_CATEGORY_HEADS = ("项目", "項目")
# A core that is all one quoted name (“断卡”, “三名”).
_QUOTED_CORE = re.compile(r"“[^“”]{2,}”|\"[^\"]{2,}\"")
# Marks that end a clause: no name runs over them.
_CLAUSE_MARKS = re.compile(r"[，,。；;：:！？!?\n]")
_HEAD_AFTER = re.compile("|".join(DEFAULT_HEADS))


def is_name_core(core: str, project: bool = True) -> bool:
    """Whether the words before a head can belong to one name: no clause
    break, category, count or clause word, and balanced quotes.

    core (str): The text between the name's start and its head.
    project (bool): Whether the head is a project head (工程, 项目 …); then
        the words may not end in a kind, 子 or an organisation, nor name a
        kind (产业类…, a short 标志性产业…). Otherwise
        (an organisation's head) they hold no figures and no clause words.
    RETURNS (bool): Whether it can be part of a name.
    """
    if _BREAKS.search(core) or _NOT_IN_NAMES.search(core) or _CLAUSE_WORDS.search(core) \
            or (_AND_BODIES if project else _AND_CLAUSES).search(core):
        return False
    if core.endswith(_NOT_BEFORE_HEAD) or core.startswith(_CLASS_LEVELS) or "类" in core \
            or len(core) < 6 and "性" in core if project else _NOT_IN_ORG_NAMES.search(core):
        return False
    return core.count("“") == core.count("”") and core.count('"') % 2 == 0


def misread(ent: Span) -> bool:
    """Whether a mention of the model is no name of its label: it runs over a
    clause mark, or does not end in a head of its label (强基计划 as ORG)."""
    from .linker import DEFAULT_ORG_HEADS  # the linker imports this module

    text = ent.text.rstrip()
    if _CLAUSE_MARKS.search(text):
        return True
    if ent.label_ == "ORG":
        return text[-1:] not in DEFAULT_ORG_HEADS
    return ent.label_ == "PROJECT" and not text.endswith(DEFAULT_HEADS)


def head_continues(text: str, head_end: int) -> bool:
    """Whether the head ending at head_end is the first part of a longer noun
    (专项资金, 项目贷款, 计划项目), so that no name ends there."""
    if text.startswith("计划", head_end) and _PLAN_AS_VERB.match(text, head_end + 2):
        return False  # …项目|计划投资1.2亿元: the verb "plans to" follows the name
    if _FUNDS.match(text, head_end) and not text.endswith(("专项", "專項"), 0, head_end):
        return False  # the funds of a named project (营养改善计划|资金); 专项资金 is money
    return bool(_CONTINUATIONS.match(text, head_end) or _HEAD_AFTER.match(text, head_end)
                or _PLAN_AS_VERB.match(text, head_end))


@Language.factory(
    "zhgov_project_rules",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"heads": list(DEFAULT_HEADS), "openers": list(DEFAULT_OPENERS), "extra_openers": [],
                    "min_chars": 5, "label": "PROJECT", "not_names": []},
    default_score_weights={},
)
def make_project_rules(nlp: Language, name: str, heads: List[str], openers: List[str], extra_openers: List[str],
                       min_chars: int, label: str, not_names: List[str]) -> "ProjectRules":
    return ProjectRules(nlp.vocab, name=name, heads=heads, openers=openers, extra_openers=extra_openers,
                        min_chars=min_chars, label=label, not_names=not_names)


class ProjectRules(SettingsSerializable, Pipe):
    """Adds entities (PROJECT by default) for names that end in one of the
    heads; with label ORG and company heads (有限公司, 集团) it finds companies,
    with institution heads (大学, 银行, 分行) institutions.

    extra_openers: openers added to `openers`, so that a component with other
    heads keeps the default list and adds its own verbs (选派…到, 委托).
    not_names: words that make a name generic where they open it (职业学院,
    商业银行, 各医院).
    """

    def __init__(self, vocab, name: str = "zhgov_project_rules", *, heads: Sequence[str] = DEFAULT_HEADS,
                 openers: Sequence[str] = DEFAULT_OPENERS, extra_openers: Sequence[str] = (), min_chars: int = 5,
                 label: str = "PROJECT", not_names: Sequence[str] = ()) -> None:
        self.vocab = vocab
        self.name = name
        self.cfg: Dict = {"heads": list(heads), "openers": list(openers), "extra_openers": list(extra_openers),
                          "min_chars": min_chars, "label": label, "not_names": list(not_names)}
        self._validate_cfg()

    def _validate_cfg(self) -> None:
        heads = self.cfg["heads"]
        if not heads or not all(isinstance(h, str) and h for h in heads):
            raise ValueError(Errors.E200.format(setting="heads", value=heads, component=self.name,
                                                expected="a non-empty list of head words"))
        self._heads = re.compile("|".join(re.escape(h) for h in sorted(set(heads), key=len, reverse=True)))
        self._project = self.cfg["label"] == "PROJECT"
        self._not_names = tuple(self.cfg.get("not_names", ()))
        openers = sorted(set(self.cfg["openers"]) | set(self.cfg.get("extra_openers", ())), key=len, reverse=True)
        self._openers = tuple(openers)
        self._short_openers = {opener for opener in openers if len(opener) == 1}
        # every position where a longer opener starts (overlaps included), the
        # longest one there
        longer = [re.escape(opener) for opener in openers if len(opener) > 1]
        self._long_openers = re.compile("(?=(" + "|".join(longer) + "))" if longer else "(?!)")

    def __call__(self, doc: Doc) -> Doc:
        names = self.find(doc)
        if names:
            ents = list(doc.ents)
            for name in names:
                overlapping = [e for e in ents if e.start < name.end and name.start < e.end]
                # the longest reading wins: the model's ORG or name inside it
                # gives way; so does an ORG that runs on before the name over
                # the word that opens it (其控股子公司|瑞川华曜储能科技有限公司),
                # and a mention of any label that is no name of its label
                # (“清河行动”,整治河道问题 as ORG; a company and its short name
                # as PROJECT) or runs over a clause mark (a MONEY of whole
                # sentences)
                if all(e.label_ in ("ORG", self.cfg["label"])
                       and (name.start <= e.start and e.end <= name.end or self._opened(e, name))
                       or misread(e)
                       for e in overlapping):
                    ents = [e for e in ents if e not in overlapping] + [name]
            doc.set_ents(sorted(ents, key=lambda e: e.start), default="outside")
        return doc

    def _opened(self, ent: Span, name: Span) -> bool:
        """Whether ent is the organisation name with the word that opens it in
        front (not for projects: their names often hold an opener, 全省, 推进)."""
        if self._project or ent.end != name.end or ent.start >= name.start:
            return False
        before = ent.doc[ent.start:name.start].text
        return any(before.endswith(opener) for opener in self._openers)

    def find(self, doc: Doc) -> List[Span]:
        """The project names in a Doc, as PROJECT spans on token boundaries."""
        text = doc_text(doc)
        starts, ends = token_edges(doc)
        found: List[Span] = []
        for match in self._heads.finditer(text):
            end = match.end()
            if end not in ends or self._heads.match(text, end) and not _PLAN_AS_VERB.match(text, end + 2):
                continue
            if (head_continues(text, end) if self._project
                    else _BRANCH_AFTER.match(text, end) or _ORG_HEAD_CONTINUES.match(text, end)):
                continue
            start = self._name_start(text, match.start(), end)
            if start is None or start not in starts or (found and found[-1].end_char > start):
                continue
            found.append(Span(doc, starts[start], ends[end] + 1, label=self.cfg["label"]))
        return found

    def _name_start(self, text: str, head_start: int, head_end: int) -> Optional[int]:
        """Where the name ending in the head at head_start begins, None when
        what precedes the head is no name."""
        window_start = max(0, head_start - _MAX_NAME)
        if text.startswith(("”", '"'), head_end):
            # a name in quotes (“清河行动”, 与“百千万工程”) is one whatever its
            # length and whatever precedes it; the quotes are not part of it
            quote = max(text.rfind("“", window_start, head_start), text.rfind('"', window_start, head_start))
            if quote >= 0 and not any(q in text[quote + 1:head_start] for q in '”"'):
                core = text[quote + 1:head_start]
                return quote + 1 if core and not _BREAKS.search(core) and not _NOT_IN_NAMES.search(core) else None
        breaks = [m.end() for m in _BREAKS.finditer(text, window_start, head_start)]
        start = clause_start = breaks[-1] if breaks else window_start
        if not breaks and window_start > 0:
            return None  # no clause start within reach: not a name we can bound
        # drop what introduces the name: markers (一是) and opening verbs
        changed = True
        while changed and start < head_start:
            changed = False
            marker = _MARKER.match(text, start, min(head_start, start + 4))
            if marker:
                start, changed = marker.end(), True
                continue
            # a verb of two or more characters anywhere before the name (投入60万元
            # 完成|…项目); a one-character word only where the span opens (对|…工程)
            lead = next((verb for verb in _LEAD_VERBS if text.startswith(verb, start)), "")
            best = start + len(lead) if lead else start + 1 if text[start] in self._short_openers else None
            for match in self._long_openers.finditer(text, start, head_start):
                end = match.start() + len(match.group(1))
                if best is None or end > best:
                    best = end
            if best is not None:
                if best >= head_start:
                    return None  # only the verb before the head (推动研究院, 约谈医院)
                start, changed = best, True
        if self._project and text.startswith(_LEVELLED_HEADS, head_start):
            designation = _DESIGNATION.match(text, start, head_start)
            if designation and designation.end() < head_start:
                start = designation.end()
        owner = _OWNER_BUILDS.match(text, start, head_start) if self._project else None
        if owner and is_brand_name(owner.group(1)):
            start = owner.end()
        quote = text.find("“", start, head_start)
        if quote > start and text[quote - 1] in self._short_openers:
            start = quote  # a quoted name after a one-character opener (党工委以|“红色引擎”工程)
        if self._is_name(text[start:head_start], text[head_start:head_end]):
            return start
        if self._project:
            # an adverb taken for an opener may be a word of the name
            # (完成|国企改革深化提升行动, 开展|空气质量持续改善行动): the name
            # starts after the opener before it, if only such adverbs follow
            for earlier, words in reversed(self._openers_before(text, clause_start, start)):
                if words and all(word in _ADVERBS_IN_NAMES for word in words) \
                        and self._is_name(text[earlier:head_start], text[head_start:head_end]):
                    return earlier
        if not self._project:
            # an organisation after a verb or preposition inside the clause
            # (选派3名干部到|湘南学院): the longest name that follows one
            for cut in range(start + 1, head_start - 1):
                if (text[cut - 1] in _CUT_BEFORE_ORG or text[cut - 1] in _JOIN_BEFORE_ORG
                        or text.endswith(_ROLES_BEFORE_ORG, start, cut)) \
                        and self._is_name(text[cut:head_start], text[head_start:head_end]):
                    return cut
        return None

    def _openers_before(self, text: str, start: int, end: int) -> List[Tuple[int, List[str]]]:
        """For each opener of two or more characters in [start, end) that ends
        before end: where it ends and the openers that start after that."""
        found = [(m.start(), m.group(1)) for m in self._long_openers.finditer(text, start, end)]
        return [(at + len(word), [w for a, w in found if a >= at + len(word)])
                for at, word in found if at + len(word) < end]

    def _is_name(self, core: str, head: str = "") -> bool:
        if self._project and _QUOTED_CORE.fullmatch(core) and head not in _CATEGORY_HEADS:
            # a quoted name is one however short (开展|“断卡”行动); a quoted
            # word before 项目 names a kind (“两重”项目, “白名单”项目)
            return is_name_core(core, self._project)
        if head in _UNIT_HEADS and _BODY_ENDS.search(core):
            return False
        return len(core) >= self.cfg["min_chars"] and is_name_core(core, self._project) \
            and not core.startswith(self._not_names)

    def initialize(self, get_examples: Optional[Callable[[], Iterable[Example]]] = None, *, nlp=None) -> None:
        pass
