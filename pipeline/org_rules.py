"""Government bodies and public institutions by their shape: a level or place
prefix and the name of a department or institution (省财政厅, 寒亭区水利局,
县委, 区人民医院, 甘肃省交通运输厅). Runs after the NER and before the
linker: it adds the bodies the model missed and repairs the model's
boundaries where they overlap one of these names (和县教育局 → 县教育局,
县编办、县人社局 → 县编办 | 县人社局, 区委 → 凤翔区委).

A bare department name without a prefix (财政局) is left to the model: the
guideline makes it an ORG only when it refers to one body in context.
"""
from bisect import bisect_right
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple
import re

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from .errors import Errors
from .linker import DEFAULT_PROJECT_HEADS, opens_genre_name
from .project_rules import misread
from .settings import SettingsSerializable
from .tokenizer import doc_text, token_edges

# Departments, committees and institutions that follow a level or place
# prefix (ANNOTATION.md §3 ORG), in simplified characters; traditional forms
# are matched through _TRADITIONAL.
DEFAULT_BODIES = (
    "人民政府", "政府", "委", "党委", "党工委", "人大常委会", "人大", "政协", "纪委", "监委",
    "人民法院", "中级人民法院", "人民检察院", "公安局", "公安厅", "财政局", "财政厅", "财政所",
    "教育局", "教育厅", "教育体育局", "教体局", "审计局", "审计厅", "税务局", "统计局", "民政局",
    "民政厅", "司法局", "司法厅", "商务局", "商务厅", "科技局", "科技厅", "水利局", "水利厅",
    "水务局", "林业局", "农业农村局", "农业农村厅", "自然资源局", "自然资源厅", "自然资源和规划局",
    "生态环境局", "生态环境厅", "交通运输局", "交通运输厅", "应急管理局", "应急管理厅", "市场监管局",
    "市场监督管理局", "住建局", "住房和城乡建设局", "住房城乡建设局", "住房和城乡建设厅",
    "住房城乡建设厅", "人社局", "人社厅", "人力资源和社会保障局", "人力资源和社会保障厅", "卫健委",
    "卫健局", "卫生健康委", "卫生健康委员会", "卫生健康局", "医保局", "医疗保障局", "文旅局",
    "文化和旅游局", "文化和旅游厅", "文化广电和旅游局", "文化广电旅游局", "发展改革委", "发改委",
    "发展和改革委员会", "发展和改革局", "发改局", "工业和信息化局", "工信局", "经济和信息化局",
    "经信局", "退役军人事务局", "乡村振兴局", "体育局", "城市管理局", "城管局", "数据资源局",
    "大数据局", "行政审批服务局", "行政审批局", "信访局", "机关事务管理局", "国资委", "编办",
    "残联", "妇联", "总工会", "工商联", "科协", "红十字会", "供销社", "委组织部", "委宣传部",
    "委统战部", "委政法委", "委编办", "委巡察办", "管委会", "街道办事处", "人民医院", "中医院",
    "中医医院", "妇幼保健院", "卫生院", "中心卫生院", "疾控中心", "疾病预防控制中心",
    "中心学校", "中心小学", "实验小学", "实验学校", "实验中学", "高级中学", "职业中学",
    "职业技术学院", "职业技术学校", "技师学院", "技工学校", "图书馆", "文化馆", "博物馆",
    "融媒体中心", "消防救援大队", "消防救援支队", "供电公司", "不动产登记中心", "公共资源交易中心",
    "就业服务中心", "公共就业服务中心", "社会福利院", "敬老院", "政务服务中心", "爱卫办", "人大工委",
    "办事处", "综治中心", "便民服务中心", "科学技术局", "科学技术厅", "工业和信息化厅", "农业农村委员会",
    "住房和城乡建设委员会", "交通运输委员会", "林业和草原局", "林业和草原厅", "民族宗教事务局", "外事办公室",
    "广播电视局", "粮食和物资储备局", "地方金融管理局", "金融工作局", "数据局", "政务服务管理局",
    "政务服务和数据管理局", "城市管理综合执法局", "综合行政执法局", "住房公积金管理中心", "档案馆", "党校",
    "气象局", "地震局", "烟草专卖局", "邮政管理局", "退役军人事务厅", "医疗保障局", "疾控局", "人防办",
    "日报社", "广播电视台",
)
# Names that open the name of a body below them: 国家税务总局平江县税务局 is one
# body (ANNOTATION.md §3: the longest name wins).
_PARENTS = ("国家税务总局", "國家稅務總局")
# Levels of government that a prefix ends in (traditional forms included).
LEVELS = "省市县区州镇乡旗盟縣區鎮鄉"
# Words ending in a level that are no place: deictic (我市), generic (各县,
# 全区), or not a place at all (社区, 城市).
_NOT_PLACES = {
    "全省", "全市", "全县", "全区", "全州", "全镇", "全乡", "我省", "我市", "我县", "我区", "我州", "我镇",
    "我乡", "本省", "本市", "本县", "本区", "本镇", "各省", "各市", "各县", "各区", "各镇", "各乡", "城区",
    "社区", "园区", "景区", "小区", "山区", "库区", "县区", "市区", "辖区", "片区", "地区", "城市", "都市",
    "省市", "市县", "县市", "乡镇", "城镇", "村镇", "集镇", "县乡", "省区", "街区", "校区", "院区", "矿区",
    "牧区", "灾区", "试验区", "示范区", "开发区", "保护区", "功能区", "自贸区", "全县区", "该市", "该县",
    "该区", "超市", "上市", "城乡", "乡乡", "市州", "县镇", "省份", "同省", "外省", "跨省", "跨市", "跨县",
    "跨区", "分区", "新区", "老区", "原省", "原市", "原县", "出省", "入市", "撤县", "设区", "直辖市", "本州",
}
# Generic or deictic openers: 各县财政局 and 我市教育局 are no one body.
_GENERIC_BEFORE = "各全本我该其每诸"
# Followers that make the body part of a longer name (财政局长 is a role:
# the tokenizer keeps 局长 whole, so the body does not end on a token edge).
_SUFFIXES = ("党组", "党委", "党工委", "机关")
# What may not sit inside one name: a list comma, a conjunction or preposition
# (县编办、县人社局; 和县教育局), or a verb that opens the phrase (办理区人大).
_BREAKS = "、，,；;和与及同对向在受由为把被将请"
_OPENERS = ("办理", "对接", "联合", "会同", "依托", "支持", "完成", "新建", "组织", "协调", "配合", "督促",
            "指导", "推动", "要求", "邀请", "争取", "通过", "经", "报", "按照", "根据", "围绕", "落实", "管理",
            "督导", "帮扶", "走访", "深入", "前往", "覆盖", "服务")
_TRADITIONAL = {
    "财": "財", "税": "稅", "医": "醫", "务": "務", "厅": "廳", "卫": "衛", "农": "農", "业": "業", "资": "資", "环": "環",
    "运": "運", "输": "輸", "应": "應", "监": "監", "场": "場", "设": "設", "会": "會", "员": "員", "发": "發", "经": "經",
    "济": "濟", "检": "檢", "馆": "館", "学": "學", "区": "區", "县": "縣", "镇": "鎮", "乡": "鄉", "园": "園", "团": "團",
    "协": "協", "联": "聯", "组": "組", "处": "處", "办": "辦", "党": "黨", "纪": "紀", "审": "審", "计": "計", "统": "統",
    "国": "國", "体": "體", "动": "動", "职": "職", "术": "術", "实": "實", "验": "驗", "级": "級", "疗": "療", "险": "險",
    "规": "規", "划": "劃", "书": "書", "图": "圖", "关": "關", "兴": "興", "银": "銀", "长": "長", "广": "廣", "电": "電",
    "军": "軍", "数": "數", "据": "據", "讯": "訊", "访": "訪", "机": "機", "门": "門", "华": "華", "妇": "婦", "残": "殘",
    "红": "紅", "总": "總", "销": "銷", "传": "傳", "战": "戰", "编": "編", "护": "護", "预": "預", "补": "補", "贴": "貼",
    "队": "隊", "层": "層", "记": "記", "儿": "兒", "视": "視", "游": "遊", "产": "產", "众": "眾", "点": "點", "价": "價",
    "质": "質", "养": "養", "寿": "壽", "庆": "慶",
}


# Characters that end a word before a level (受省人民政府委托, 向省发展改革委):
# pkuseg, trained on little text, glues them to the level.
_GLUED_BEFORE = "受向对在由和与及同为经将把被请至到从给让使按据比跟替"
# Verbs that pkuseg glues to the level of the body after them (代表州|人民政府,
# 执行区|人大常委会).
_VERBS_BEFORE = ("代表", "执行", "配合", "会同", "协调", "联合", "依托", "委托", "报请", "提请", "接受", "争取",
                 "督促", "指导", "邀请", "协助", "参加", "出席", "落实", "完成", "承担", "牵头", "组织")
# Punctuation, circled numerals (markers: ②|州人民医院) and bullets (▲|区税务局)
_PUNCTUATION = re.compile(r"[，。、；：？！“”‘’（）《》【】〔〕…—·;:!?()\[\]①-⑳▲△■□●○◆◇★☆※►▶]|(?<![0-9]),|,(?![0-9])")


def name_boundaries(text: str) -> List[int]:
    """Offsets where a token must start or end so that the names of bodies
    can be tagged: both sides of punctuation and circled numerals, between a
    glued function character or verb and a level that opens a body
    (受|省人民政府, 代表|州人民政府), and after the body (县委|书记).

    text (str): The text.
    RETURNS (List[int]): Sorted offsets.
    """
    cuts = set()
    for match in _PUNCTUATION.finditer(text):
        cuts.update(match.span())
    for match in _LEVEL_BODY.finditer(text):
        if match.start() > 0 and (text[match.start() - 1] in _GLUED_BEFORE
                                  or text.endswith(_VERBS_BEFORE, 0, match.start())):
            cuts.add(match.start())
        cuts.add(match.end())
    return sorted(cuts)


def _char_class(char: str) -> str:
    other = _TRADITIONAL.get(char)
    return f"[{char}{other}]" if other and other != char else re.escape(char)


def _pattern(bodies: Sequence[str]) -> "re.Pattern":
    names = sorted(set(bodies), key=len, reverse=True)
    alternatives = "|".join("".join(_char_class(c) for c in name) for name in names)
    suffixes = "|".join("".join(_char_class(c) for c in s) for s in _SUFFIXES)
    return re.compile(rf"(?:{alternatives})(?:{suffixes})?")


# A title line that opens with the reporting body: the body, then a year, 关于,
# a genre word or the reporter's post (ANNOTATION.md: the title line is
# content, its body an ORG): 衡岳市科学技术局2024年工作总结,
# 四川省经济和信息化厅关于…, 襄阳市应急管理局党委书记、局长2024年度述职报告.
_TITLE_BODY = re.compile(
    r"^[ \t\u3000]*([\u4e00-\u9fa5*Xx×]{2,30}?(?:委员会|办事处|办公室|政府|党组|党委|党工委|公司|集团|学校|大学|学院|"
    r"[局厅委办院所站处科队馆]))(?=(?:20[0-9]{2}|二〇[〇零一二三四五六七八九]{2})|关于|工作总结|工作报告|"
    r"述职|上半年|下半年|年度|书记|局长|院长|主任|校长|所长|站长|队长)", re.MULTILINE)
# A title line must be short and hold no sentence end.
_MAX_TITLE = 60


def title_bodies(text: str) -> Iterable[Tuple[int, int]]:
    """The reporting bodies that open title lines, as (start, end) offsets.
    The genre name 政府工作报告 stays a unit (nothing inside it)."""
    for match in _TITLE_BODY.finditer(text):
        line_end = text.find("\n", match.start())
        line = text[match.start():line_end if line_end >= 0 else len(text)]
        if len(line.strip()) > _MAX_TITLE or "。" in line:
            continue
        if opens_genre_name(text, match.group(1), match.end(1)):
            continue
        yield match.span(1)


# The units a task is assigned to, listed after a label (牵头单位：农牧厅、
# 林草局、人社厅）): each is one body in context, so an ORG without a prefix
# (ANNOTATION.md §3: a bare department name that refers to one body).
_UNIT_LIST = re.compile(
    r"(?:牵头|责任|主责|主办|承办|协办|配合|实施|参与)(?:单位|部门)\s*[:：]\s*([^）)。；;\n]{1,120})"
)
_UNIT_SEPARATOR = re.compile(r"[、，,／/]")
_UNIT = re.compile(
    r"[\u4e00-\u9fa5]{1,14}?(?:委员会|办公室|厅|局|委|办|会|联|院|部|署|中心|社|队|公司|集团|行)"
)
_UNIT_TRAIL = "等"


def unit_list_bodies(text: str) -> Iterable[Tuple[int, int]]:
    """The bodies listed after a 牵头单位： or 责任部门： label, as (start, end)
    offsets; generic entries (各盟市, 相关部门) are skipped."""
    for match in _UNIT_LIST.finditer(text):
        start = match.start(1)
        for part in _UNIT_SEPARATOR.split(match.group(1)):
            name = part.strip().rstrip(_UNIT_TRAIL)
            offset = start + part.find(name) if name else start
            start += len(part) + 1
            if _UNIT.fullmatch(name) and not name.startswith(("相关", "有关", *_GENERIC_BEFORE)):
                yield offset, offset + len(name)


# A level right before a body: where the tokenizer cuts (name_boundaries).
_LEVEL_BODY = re.compile(f"[{LEVELS}](?:{_pattern(DEFAULT_BODIES).pattern})")


@Language.factory(
    "zhgov_org_rules",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"bodies": list(DEFAULT_BODIES), "repair": True},
    default_score_weights={},
)
def make_org_rules(nlp: Language, name: str, bodies: List[str], repair: bool) -> "OrgRules":
    return OrgRules(nlp.vocab, name=name, bodies=bodies, repair=repair)


class OrgRules(SettingsSerializable, Pipe):
    """Adds ORG entities for prefixed government bodies and institutions,
    and repairs overlapping ORG entities of the model."""

    def __init__(self, vocab, name: str = "zhgov_org_rules", *, bodies: Sequence[str] = DEFAULT_BODIES,
                 repair: bool = True) -> None:
        self.vocab = vocab
        self.name = name
        self.cfg: Dict = {"bodies": list(bodies), "repair": repair}
        self._validate_cfg()

    def _validate_cfg(self) -> None:
        bodies = self.cfg["bodies"]
        if not bodies or not all(isinstance(b, str) and b for b in bodies):
            raise ValueError(Errors.E200.format(setting="bodies", value=bodies, component=self.name,
                                                expected="a non-empty list of names"))
        self._pattern = _pattern(bodies)

    def __call__(self, doc: Doc) -> Doc:
        names = self.find(doc)
        if names:
            doc.set_ents(self.merge(list(doc.ents), names), default="outside")
        return doc

    def find(self, doc: Doc) -> List[Span]:
        """The prefixed bodies in a Doc, as ORG spans on token boundaries."""
        text = doc_text(doc)
        starts, ends = token_edges(doc)
        token_starts = sorted(starts)
        places = _place_stems(text, ends, token_starts)
        found: List[Span] = []
        for match in self._pattern.finditer(text):
            if match.end() not in ends:
                continue
            if match.group() in ("监委", "監委") and found and found[-1].end_char == match.start() \
                    and match.start() in starts:
                # 省纪委监委 is two bodies (the guideline splits it): 省纪委 | 监委
                found.append(Span(doc, starts[match.start()], ends[match.end()] + 1, label="ORG"))
                continue
            start = self._prefix_start(doc, text, match.start(), starts, ends, token_starts, places)
            if start is None or start not in starts:
                continue
            if found and found[-1].end_char > start:
                continue
            found.append(Span(doc, starts[start], ends[match.end()] + 1, label="ORG"))
        for start, end in unit_list_bodies(text):
            if start in starts and end in ends and not any(
                s.start_char < end and start < s.end_char for s in found
            ):
                found.append(Span(doc, starts[start], ends[end] + 1, label="ORG"))
        for start, end in title_bodies(text):
            if start in starts and end in ends:
                # the title's body covers what the patterns found inside it
                inside = [s for s in found if start <= s.start_char and s.end_char <= end]
                if not any(s.start_char < end and start < s.end_char for s in found if s not in inside):
                    found = [s for s in found if s not in inside]
                    found.append(Span(doc, starts[start], ends[end] + 1, label="ORG"))
        return sorted(found, key=lambda span: span.start)

    def _prefix_start(self, doc: Doc, text: str, body_start: int, starts: Dict[int, int],
                      ends: Dict[int, int], token_starts: List[int], places: FrozenSet[str] = frozenset()
                      ) -> Optional[int]:
        """Where the name of a body found at body_start begins: at the start
        of the place word before it (寒亭区, 甘肃省), or of a place the
        document names elsewhere with its level (秭阳|市委 where 秭阳市 is a
        word of the document), or at a level character alone (省, 县); None
        when there is no prefix or it is generic."""
        start = body_start
        if text.endswith("街道", 0, start):
            start -= 2
        elif start > 0 and text[start - 1] in LEVELS:
            start -= 1
        if start in starts:
            # the level (or the body) opens a token: a place word may precede
            previous = ends.get(start)
            if previous is not None:
                word = doc[previous].text
                if len(word) >= 2 and (word[-1] in LEVELS or word.endswith("街道")) and _is_place(word) \
                        or word in places and start < body_start:
                    start = doc[previous].idx
        else:
            # the level closes a longer word: the place (寒亭区水利局 as 寒亭区|水利局)
            token = doc[bisect_right(token_starts, start) - 1]
            word = text[token.idx:body_start]
            if not (word and word[-1] in LEVELS and _is_place(word)):
                return None
            start = token.idx
        if start == body_start:
            return None  # no prefix: 财政局 alone is left to the model
        above = ends.get(start)
        if above is not None and start - body_start < -1 and _is_upper_place(doc[above].text, text[start:body_start]):
            start = doc[above].idx  # a place above the place, attached (丰源市|东坪区|民政局)
        if start > 0 and text[start - 1] in _GENERIC_BEFORE:
            return None
        for parent in _PARENTS:
            if text.endswith(parent, 0, start) and start - len(parent) in starts:
                return start - len(parent)
        return start

    def merge(self, ents: List[Span], names: List[Span]) -> List[Span]:
        """The model's entities with the rule names added: a name that
        overlaps nothing is added; one that overlaps only ORG entities
        replaces them when `repair` is on and it is the better boundary (it
        covers them, or they reach over a list comma or a function word)."""
        result = list(ents)
        for name in names:
            overlapping = [e for e in result if e.start < name.end and name.start < e.end]
            if not overlapping:
                result.append(name)
                continue
            if not self.cfg["repair"] or any(e.label_ != "ORG" and not _headless_project(e) for e in overlapping):
                continue
            if all(_headless_project(e) or self._worse(e, name) for e in overlapping):
                result = [e for e in result if e not in overlapping] + [name]
        # two repaired names may now overlap nothing else; keep them sorted
        return sorted(result, key=lambda e: e.start)

    @staticmethod
    def _worse(ent: Span, name: Span) -> bool:
        if name.start <= ent.start and ent.end <= name.end:
            return True  # the name covers the model's entity (区委 → 凤翔区委)
        if misread(ent):
            return True  # no name at all (衡岳市科学技术局2024年工作总结\n)
        text = doc_text(ent.doc)
        left = text[ent.start_char:max(ent.start_char, name.start_char)]
        outside = left + text[min(ent.end_char, name.end_char):ent.end_char]
        return any(char in _BREAKS for char in outside) or outside.startswith(_OPENERS)

    def initialize(self, get_examples: Optional[Callable[[], Iterable[Example]]] = None, *, nlp=None) -> None:
        pass


def _is_upper_place(word: str, place: str) -> bool:
    """Whether a word is a province, city or prefecture (丰源市, 湖南省) that
    may stand before the county or district it contains, or a county or
    district before its town (梅溪县|青篁镇人民政府)."""
    levels = "省市州盟县区旗" if place.endswith(("镇", "乡", "街道")) else "省市州盟"
    return 2 <= len(word) <= 6 and word[-1] in levels and _is_place(word)


def _headless_project(ent: Span) -> bool:
    """A PROJECT of the model without a project head: the linker drops it,
    so a body name may take its place (县疾控中心 tagged PROJECT)."""
    return ent.label_ == "PROJECT" and not ent.text.rstrip().endswith(DEFAULT_PROJECT_HEADS)


def _place_stems(text: str, ends: Dict[int, int], token_starts: List[int]) -> FrozenSet[str]:
    """The places a document names with their level as one word (秭阳市,
    霁阳县), without the level: where the tokenizer cuts one off a body
    (秭阳|市委), the stem is still the place.

    text (str): The document text.
    ends (Dict[int, int]): Token end offset → token index.
    token_starts (List[int]): Token start offsets in token order.
    """
    stems = set()
    for end, i in ends.items():
        if text[end - 1] in LEVELS:
            word = text[token_starts[i]:end]
            if len(word) >= 3 and _CJK_WORD.fullmatch(word) and _is_place(word):
                stems.add(word[:-1])
    return frozenset(stems)


_CJK_WORD = re.compile(r"[\u4e00-\u9fa5]+")


def _is_place(word: str) -> bool:
    """Whether a word ending in a level can be a place (寒亭区, 甘肃省), not a
    generic word (全市, 社区) or a verb glued to a level (办理区, 对接县)."""
    return (word not in _NOT_PLACES and not word.startswith(tuple(_GENERIC_BEFORE)) and len(word) <= 8
            and not word.startswith(_OPENERS))
