"""Companies named by their brand alone in a list of companies: 支持嵘岳重工、
华翎新能源、嶂钢集团做大做强; 促成豫森纸业、恒达管业等企业增资扩产. A brand
name (two characters and an industry word: 嵘岳|重工, 豫森|纸业) is an ORG
(docs/annotation-guidelines.md) but has no head a rule can find, and the model
misses it where it has not seen the brand. In a list, the company beside it or
the 等企业 after it tells what it is.

A list is a run of items joined by 、 (和/与/及 before the last) inside one
clause. Its brand names are taken when every item of the list is a company
(an ORG already found, or a brand name) and the list shows that they are
companies: one item is an ORG with a company's head (集团, 公司, 银行 …), or
the list ends in 等…企业 / 等…公司, or it holds three brand names and nothing
else (瑞芯光电、澜芯半导体、禾润生物|入选…, where the last name runs into a
verb). A list of kinds of industry (冷链物流、
跨境电商等企业) is no list of companies: their first word is a kind, not a
brand.
"""
from bisect import bisect_left, insort
from typing import Container, Dict, List, Optional, Sequence, Tuple
import re

from spacy.tokens import Span

# Well-known companies named by brand or short name, with no head a rule can
# read (比亚迪, 宁德时代, 中煤, 东航): the pipeline's span_ruler `company_names`
# (configs/company_names.jsonl) puts their matches in doc.spans[KNOWN_COMPANIES]
# with the id KNOWN_COMPANY; the linker makes them ORGs, and a list that holds
# one is a list of companies.
KNOWN_COMPANIES = "known_companies"
KNOWN_COMPANY = "known_company"


def is_known_company(span) -> bool:
    """Whether a span is a well-known company's name from the lexicon."""
    return getattr(span, "id_", "") == KNOWN_COMPANY

# Industry words that end a brand name (嵘岳|重工, 金穗|粮油, 华翎|新能源).
INDUSTRY_WORDS = (
    "重工", "新材", "电器", "电气", "精密", "物流", "快递", "农牧", "牧业", "米业", "面业", "管业", "纸业", "化纤",
    "锰业", "铜业", "铝业", "硅业", "钛业", "钢铁", "特钢", "建材", "石料", "信托", "新能源", "置业", "燃气",
    "水务", "动力", "粮油", "药业", "制药", "食品", "乳业", "化工", "科技", "电子", "光电", "机械", "汽车",
    "纺织", "茶业", "酒业", "矿业", "地产", "传媒", "环保", "农信", "味业", "实业", "物业", "股份", "控股",
    "商贸", "医药", "种业", "渔业", "果业", "油脂", "陶瓷", "玻璃", "光伏", "锂电", "水泥", "建工", "路桥",
    "数码", "软件", "通信", "半导体", "微电子", "航空", "船舶", "机床", "装备", "农机", "电池", "家居",
    "鞋业", "木业", "竹业", "生物", "能源", "电力", "集团", "石化", "精工", "新材料", "医疗器械", "农业", "冷链",
    "锂业", "竹木", "机车", "电机", "热电", "铸造", "钢构", "模具", "塑业", "包装", "印务", "客运", "医疗", "证券",
)
# First words that make the name a kind of industry, not a brand (冷链物流,
# 生物医药, 新型建材, 规上工业).
_KINDS = tuple((
    "冷链", "跨境", "智能", "数字", "绿色", "现代", "传统", "新兴", "高新", "先进", "特色", "重点", "龙头",
    "骨干", "中小", "小微", "民营", "国有", "外资", "规上", "规模", "生物", "新型", "清洁", "可再生", "农业",
    "工业", "高端", "精细", "煤炭", "石油", "新能", "电子", "航空", "医疗", "食品", "文化", "农产", "商贸",
    "快递", "物流", "仓储", "汽车", "家电", "纺织", "装备", "轻工", "建筑", "化学", "信息", "网络", "光伏",
    "储能", "氢能", "风电", "核电", "海洋", "港口", "金融", "科技", "上市", "涉农", "出口", "外贸", "本地",
    "当地", "县内", "区内", "市内", "省内", "全市", "全县", "全区", "全省", "各类", "相关", "有关", "其他",
    "生态", "休闲", "特种", "循环", "低空", "智慧", "数智", "设施", "有机", "精品", "乡村", "城市", "公共",
    "农用", "航运", "临港", "深海", "轨道", "交通", "高技术", "未来", "应急", "化合物", "化工", "动力", "基础",
    "学前", "义务", "职业", "教育", "铜基", "硅基", "碳基", "铁基", "铝基", "钛基", "锂基", "钠基",
))
_BRAND = re.compile("([\u4e00-\u9fa5]{2,4}?)(?:" + "|".join(sorted(INDUSTRY_WORDS, key=len, reverse=True)) + ")")
# A word that may name a company in a list of companies: up to the next
# comma, join or 等 (lazy, so that 等 and 和 end it).
_NAME = re.compile("[\u4e00-\u9fa5]{2,6}?(?=[、，。；：！？,;:!?（）()\\n]|等|和|与|及|$)")
# What a company's name does not end in or hold: kinds of things and
# activities (新兴产业, 园区建设), function words, counts.
_NOT_NAME_ENDS = ("企业", "产业", "行业", "领域", "项目", "工程", "平台", "基地", "园区", "建设", "发展", "改造",
                  "升级", "服务", "管理", "工作", "单位", "部门", "机构", "组织", "群众", "农户", "市场", "经济",
                  "制造", "加工", "产品", "集群", "链", "业态", "模式", "机制", "体系")
_NOT_IN_NAME = re.compile(r"[的了是在对为把被将从向有个家项所名年月日第各该本我其这那]|[0-9０-９]")
# Heads of an ORG that make it a company (嶂钢集团, 国网鹭门供电公司, 招商银行砚州分行).
_COMPANY_HEADS = ("集团", "公司", "银行", "分行", "支行", "合作社", "厂", "信托", "保险", "证券", "快递")
# A list of companies may end in 等企业, 等128家企业, 等重点企业, 等5家快递物流企业.
_COMPANIES_AFTER = re.compile(r"等(?:[0-9０-９]+|[一二三四五六七八九十两几百]+)?[余多]?家?[\u4e00-\u9fa5]{0,6}?(?:企业|公司)")
# Verbs a list of companies may run into without a break (瑞芯光电、澜芯半导体、
# 禾润生物|入选…; 德科精密、泰弘化工、瀚隆电子|增资…): the last brand ends there.
_VERBS_AFTER = ("入选", "增资", "扩能", "扩产", "扩建", "做大", "做强", "获评", "获批", "获得", "成功", "被认定",
                "被评为", "上市", "投产", "落户", "实现", "完成", "建成", "签约", "牵头", "承担", "自主研发", "研发",
                "新增", "入围", "进入", "跻身", "荣获", "通过")
# Only companies go public: a list that runs into 上市 is one of companies
# (澜芯微、鹏达电子成功上市), unless it lists the markets (科创板、北交所上市).
_GO_PUBLIC = re.compile(r"(?:成功|顺利|首发|挂牌|分别)?上市")
_MARKET_ENDS = ("板", "所", "市场")
# A clause mark ends a list.
_CLAUSE = re.compile(r"[，。；：！？,;:!?（）()《》“”\n]")
# Words that join the last item of a list (…、恒达管业和嶂钢集团).
JOINS = ("和", "与", "及", "以及")
# Words that may stand before the first item (支持|嵘岳重工、…).
_LEADS = tuple(sorted(("支持", "促成", "督促", "为", "对", "向", "与", "同", "和", "联合", "协调", "推动", "引导", "帮助",
          "服务", "组织", "鼓励", "指导", "走访", "帮扶", "依托", "会同", "配合", "包括", "如", "其中", "培育",
          "引进", "招引", "扶持", "是", "推荐", "约谈", "对接", "走访了", "包括了", "了"), key=len, reverse=True))


def listed_companies(text: str, ents: Sequence[Span]) -> List[Tuple[int, int]]:
    """Character offsets of brand names in lists of companies that no entity
    covers yet.

    text (str): The document's text.
    ents (Sequence[Span]): The entities found so far, in order.
    RETURNS (List[Tuple[int, int]]): (start, end) of each new name.
    """
    found: List[Tuple[int, int]] = []
    orgs = {ent.start_char: ent for ent in ents if ent.label_ == "ORG"}
    org_ends = {ent.end_char: ent for ent in ents if ent.label_ == "ORG"}
    taken = [(ent.start_char, ent.end_char) for ent in ents]
    last_end = -1
    for comma in re.finditer("、", text):
        if comma.start() < last_end:
            continue  # inside a list already read
        items = _list_items(text, _clause_start(text, comma.start()), comma.start(), orgs, org_ends)
        if items is None:
            continue
        last_end = items[-1][1]
        kinds = [kind for _, _, kind in items]
        # Three brand names and nothing else are companies too.
        companies_after = _COMPANIES_AFTER.match(text, items[-1][1]) or (
            _GO_PUBLIC.match(text, items[-1][1]) and not any(text[a:b].endswith(_MARKET_ENDS) for a, b, _ in items))
        is_companies = "company" in kinds or companies_after or (len(kinds) >= 3 and set(kinds) == {"brand"})
        n_sure = kinds.count("company") + kinds.count("brand")
        # one sure item is enough where 等…企业 or 上市 ends the list (a known
        # company among brands the lexicon does not hold: 某某、中芯国际、某某等头部企业)
        needed = 1 if companies_after else 2
        if len(items) < 2 or "other" in kinds or not is_companies or n_sure < needed:
            continue
        for start, end, kind in items:
            if kind in ("brand", "name") and not any(s < end and start < e for s, e in taken):
                found.append((start, end))
    # One brand and 等…企业: 为金穗粮油等128家企业上门服务.
    for after in _COMPANIES_AFTER.finditer(text):
        start = _item_start(text, _clause_start(text, after.start()), after.start())
        brand = _BRAND.fullmatch(text, start, after.start()) if start is not None else None
        if brand and _is_brand(brand.group()) and text[start - 1:start] != "、" \
                and not any(s < after.start() and start < e for s, e in taken) and (start, after.start()) not in found:
            found.append((start, after.start()))
    return sorted(found)


def _clause_start(text: str, position: int) -> int:
    start = position
    while start > 0 and not _CLAUSE.match(text, start - 1):
        start -= 1
    return start


def _item_start(text: str, clause_start: int, end: int) -> Optional[int]:
    """Where the first item of a list ending at end begins: after a lead word,
    or at the start of its clause."""
    head = text[clause_start:end]
    for lead in _LEADS:
        at = head.rfind(lead)
        if at >= 0 and _NAME.fullmatch(head, at + len(lead)):
            return clause_start + at + len(lead)
    return clause_start if _NAME.fullmatch(head) else None


def _is_brand(name: str) -> bool:
    return not name.startswith(_KINDS)


def is_brand_name(name: str) -> bool:
    """Whether a word is a company's brand name: a brand and an industry word
    (澧岚|化工, 嵘岳|重工), not a kind of industry (冷链物流).

    name (str): A word.
    RETURNS (bool): Whether it names a company.
    """
    return _BRAND.fullmatch(name) is not None and _is_brand(name)


# What a standalone brand holds not: a grade (千吨级船舶) or the public purse
# (市财政科技|支出).
_NOT_IN_BRAND = re.compile(r"级|财政")
# What makes the brand the name of a place (岭东化工|园区).
_PLACE_AFTER_BRAND = ("园区", "产业园", "工业园", "基地", "片区")


def is_standalone_brand(text: str, start: int, end: int, common_words: Container[str] = ()) -> bool:
    """Whether text[start:end] is a company's brand name standing alone: a
    brand name (`is_brand_name`) whose name part is no common word (石化|化工,
    金属|新材料, 消费|电子 are kinds of industry; 华熙|生物 is a brand), with no
    count or grade in it (千吨级船舶), that opens no longer name (北辰汽车|
    冲焊涂总四大工艺智能化改造项目). The linker keeps such a mention where the
    model found it, with no head.

    text (str): The document's text.
    start (int): The mention's first character.
    end (int): The character after it.
    common_words (Container[str]): Dictionary words (the segmenter's).
    RETURNS (bool): Whether it is the name of a company.
    """
    name = text[start:end]
    brand = _BRAND.fullmatch(name)
    return brand is not None and _is_brand(name) and brand.group(1) not in common_words \
        and not _NOT_IN_NAME.search(name) and not _NOT_IN_BRAND.search(name) \
        and not _LONGER_NAME.match(text, end) and not text.startswith(_PLACE_AFTER_BRAND, end) \
        and not (name.endswith("控股") and text.startswith("的", end))  # 产投集团控股|的: a verb


def is_industry_kind(name: str) -> bool:
    """Whether a name is a kind of industry (高端食品, 有机食品, 冷链物流): a kind
    word and an industry word, no company's head.

    name (str): A mention.
    RETURNS (bool): Whether it names a kind, not a company.
    """
    return name.endswith(INDUSTRY_WORDS) and not name.endswith(_COMPANY_HEADS) and not _is_brand(name)


def _kind(name: str) -> str:
    """"brand" (嵘岳重工), "name" (another word that may name a company in a
    list of companies: 海康威视, 宁德时代) or "other"."""
    if not _is_brand(name) or name in INDUSTRY_WORDS or name.endswith(_NOT_NAME_ENDS) or _NOT_IN_NAME.search(name):
        return "other"
    return "brand" if _BRAND.fullmatch(name) else "name"


def _list_items(text: str, clause_start: int, first_comma: int, orgs: Dict[int, Span],
                org_ends: Dict[int, Span]) -> Optional[List[Tuple[int, int, str]]]:
    """The items of the list whose first comma is at first_comma, each with its
    kind: "company" (an ORG with a company's head), "org" (another ORG),
    "brand", "name" or "other" (see `_kind`)."""
    items = []
    # The first item: an ORG that ends at the comma, or a name after a lead.
    first = org_ends.get(first_comma)
    if first is not None and first.start_char >= clause_start:
        items.append((first.start_char, first.end_char, _org_kind(first)))
    else:
        start = _item_start(text, clause_start, first_comma)
        if start is None:
            return None
        items.append((start, first_comma, _kind(text[start:first_comma])))
    position = first_comma + 1
    while True:
        ent = orgs.get(position)
        if ent is not None:
            items.append((ent.start_char, ent.end_char, _org_kind(ent)))
            end = ent.end_char
        else:
            # A name ends at a comma, a join, 等 or the clause end; else it is
            # the start of a longer phrase (恒达管业园区).
            match = _NAME.match(text, position)
            end = match.end() if match else position
            if match is None or not (end == len(text) or _CLAUSE.match(text, end)
                                     or text.startswith(("、", "等", *JOINS), end)):
                brand = _BRAND.match(text, position)
                if brand and text.startswith(_VERBS_AFTER, brand.end()) and _kind(brand.group()) == "brand":
                    items.append((position, brand.end(), "brand"))
                else:
                    items.append((position, end, "other"))
                return items
            items.append((position, end, _kind(match.group())))
        if text.startswith("、", end):
            position = end + 1
            continue
        join = next((j for j in JOINS if text.startswith(j, end)), None)
        if join is not None and (orgs.get(end + len(join)) is not None or _NAME.match(text, end + len(join))):
            position = end + len(join)
            continue
        return items


def _org_kind(ent: Span) -> str:
    name = ent.text
    return "company" if is_known_company(ent) or name.endswith(_COMPANY_HEADS) or _BRAND.fullmatch(name) else "org"


# A short name declared right after a body's full name: 某城发集团建设工程有限公司
# （以下简称“城发建设”）, 市第一人民医院（以下简称市一院）.
_SHORT_NAME = re.compile(r"[（(](?:以下)?简称[：:]?[“\"]?([^“”\"（）()，,。、；;：:\s]{2,12})[”\"]?[）)]")
# What a document calls a body for short without naming it (（以下简称“集团”）,
# 本公司, 该院, a kind of company: “项目公司”, “合资公司”) is no name.
_UNNAMED_SHORT = re.compile(r"^(?:[本该我其](?:[\u4e00-\u9fa5])+|集团|公司|企业|学校|医院|中心|单位|协会|学会|总院|总公司"
                            r"|(?:项目|合资|平台|母|子|新)公司)$")


def declared_short_names(text: str, ents: Sequence[Span]) -> List[Tuple[int, int]]:
    """Character offsets of the short names that a document declares for an
    ORG (（以下简称“城发建设”） right after the full name) and of every later
    use of them that no entity covers yet: each is the same body.

    text (str): The document's text.
    ents (Sequence[Span]): The entities found so far, in order.
    RETURNS (List[Tuple[int, int]]): (start, end) of each new mention, sorted.
    """
    org_ends = {ent.end_char for ent in ents if ent.label_ == "ORG"}
    taken = _Taken(ents)
    for declared in _SHORT_NAME.finditer(text):
        if declared.start() not in org_ends:
            continue  # （以下简称“两新”） after a policy, not a body
        name = declared.group(1)
        if _UNNAMED_SHORT.match(name):
            continue
        for use in re.compile(re.escape(name)).finditer(text, declared.start(1)):
            taken.add_if_free(*use.span())
    return taken.added


# What makes a brand the start of a longer name (北辰汽车|冲焊涂总四大工艺智能化改造项目,
# 霁州水务集团|供水分公司): the rest of that name's head before a clause mark
# or 等 (唐晶半导体|等项目 opens none).
_LONGER_NAME = re.compile(r"[^，,。；;、：:等]{0,20}?(?:公司|集团|项目|工程)")


def repeated_brands(text: str, ents: Sequence[Span]) -> List[Tuple[int, int]]:
    """Character offsets of the other uses of a brand name found as an ORG
    (北辰汽车 once found, 北辰汽车 wherever it stands alone), that no entity
    covers yet and that open no longer name.

    text (str): The document's text.
    ents (Sequence[Span]): The entities found so far, in order.
    RETURNS (List[Tuple[int, int]]): (start, end) of each new mention, sorted.
    """
    brands = sorted({ent.text for ent in ents if ent.label_ == "ORG" and is_brand_name(ent.text)}, key=len, reverse=True)
    taken = _Taken(ents)
    for brand in brands:
        for use in re.compile(re.escape(brand)).finditer(text):
            if not _LONGER_NAME.match(text, use.end()):
                taken.add_if_free(*use.span())
    return taken.added


class _Taken:
    """The character ranges that entities cover, sorted and disjoint, with
    the new mentions added to them where they overlap none."""

    def __init__(self, ents: Sequence[Span]) -> None:
        self.ranges = sorted((ent.start_char, ent.end_char) for ent in ents)
        self.added: List[Tuple[int, int]] = []

    def add_if_free(self, start: int, end: int) -> None:
        index = bisect_left(self.ranges, (end,))
        if index > 0 and self.ranges[index - 1][1] > start:
            return
        insort(self.ranges, (start, end))
        insort(self.added, (start, end))
