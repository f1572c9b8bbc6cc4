from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

from pipeline.boilerplate import find_boilerplate
from pipeline.markers import ARABIC, CHINESE, INLINE, PAREN_CHINESE
from pipeline.work_items import WorkItemDetector, find_markers

SEED = Path(__file__).parent.parent / "seeds" / "000_aa3260a085e08b5a.txt"

NESTED = (
    "一、总体情况\n"
    "（一）组织领导\n"
    "1.健全机构。一是成立专班。二是明确分工。\n"
    "2.完善制度。\n"
    "（二）工作推进\n"
    "二、主要做法\n"
    "（一）强化统筹\n"
    "1.加强调度。\n"
    "（二）压实责任\n"
    "（三）狠抓落实\n"
    "1.细化任务。一是建立台账。二是定期通报。"
)
SHORT = "一、甲。\n（一）乙。\n（二）丙。\n二、丁。\n第1页 共1页\n"
NO_BREAKS = "一、总体情况。今年工作顺利。（一）党建。加强学习。1.理论学习。一是读书。二是研讨。二、明年计划。继续努力。"
TABLE = (
    "一、收入情况\n"
    "全年收入如下：\n"
    "一、税收收入 12,345.67 13,000.00 105.3%\n"
    "二、非税收入 2,000.00 1,800.50 90.0%\n"
    "合计 14,345.67 14,800.50 103.2%\n"
    "二、支出情况\n"
    "全年支出平稳。"
)
# The glued 1、 follows the numbering, so only the length of the cut line tells.
PAGE_COUNTER = "一、工作回顾\n今年以来，我们坚持稳中求进，扎实推进各项重点\n1、工作，取得了显著成效。\n二、明年计划\n继续努力。"


@pytest.fixture
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate")
    nlp.add_pipe("zhgov_work_items")
    return nlp


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


def items_of(text, **config):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate")
    nlp.add_pipe("zhgov_work_items", config=config)
    return nlp(text)._.work_items


def ids(items):
    return [item["id"] for item in items]


def test_seed_work_items(nlp, seed_text):
    items = nlp(seed_text)._.work_items
    assert ids(items) == ["1", "1.1", "1.2", "2", "3", "4", "5", "6", "7"]
    top = [item for item in items if item["depth"] == 1]
    assert [item["id"] for item in top] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [item["marker"] for item in top] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    inline = [item for item in items if item["depth"] == 2]
    assert [(item["id"], item["marker"], item["parent"]) for item in inline] == [
        ("1.1", "一是", "1"),
        ("1.2", "二是", "1"),
    ]
    assert top[2]["title"] == "实现职教强县创立目标"


def test_seed_items_avoid_boilerplate(nlp, seed_text):
    doc = nlp(seed_text)
    for item in doc._.work_items:
        for start, end in doc._.boilerplate:
            assert not start <= item["start"] < end
    # The site notice's "1." … "4." are not items, so 一、 is the first one.
    assert doc._.work_items[0]["start"] == seed_text.index("一、认真组织")
    # The last item stops before the page counter line.
    assert doc._.work_items[-1]["end"] == seed_text.index("\n第5页 共5页")


def test_nested_ids_depths_parents():
    items = items_of(NESTED)
    assert ids(items) == [
        "1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.2", "1.1.2", "1.2",
        "2", "2.1", "2.1.1", "2.2", "2.3", "2.3.1", "2.3.1.1", "2.3.1.2",
    ]
    assert [item["depth"] for item in items] == [1, 2, 3, 4, 4, 3, 2, 1, 2, 3, 2, 2, 3, 4, 4]
    assert [item["parent"] for item in items] == [
        None, "1", "1.1", "1.1.1", "1.1.1", "1.1", "1",
        None, "2", "2.1", "2", "2", "2.3", "2.3.1", "2.3.1",
    ]
    assert [item["marker"] for item in items] == [
        "一、", "（一）", "1.", "一是", "二是", "2.", "（二）",
        "二、", "（一）", "1.", "（二）", "（三）", "1.", "一是", "二是",
    ]
    assert [item["title"] for item in items] == [
        "总体情况", "组织领导", "健全机构", "成立专班", "明确分工", "完善制度", "工作推进",
        "主要做法", "强化统筹", "加强调度", "压实责任", "狠抓落实", "细化任务", "建立台账", "定期通报",
    ]


def test_nested_ends():
    items = {item["id"]: item for item in items_of(NESTED)}
    assert items["1"]["end"] == NESTED.index("二、主要做法")
    assert items["1.1.1.2"]["end"] == NESTED.index("2.完善制度")
    assert items["1.1.2"]["end"] == NESTED.index("（二）工作推进")
    assert items["2.3.1.2"]["end"] == len(NESTED)
    assert items["2"]["end"] == len(NESTED)


def test_item_ends_exact_offsets():
    items = items_of(SHORT)
    assert [(item["id"], item["start"], item["end"]) for item in items] == [
        ("1", 0, 17),
        ("1.1", 5, 11),
        ("1.2", 11, 17),
        ("2", 17, 21),
    ]


def test_last_item_ends_before_trailing_boilerplate_with_spaces():
    text = "一、甲。\n- 1 -  \n"
    assert find_boilerplate(text) == [(5, 12)]
    items = items_of(text)
    assert [(item["start"], item["end"]) for item in items] == [(0, 4)]


def test_half_width_paren_chinese():
    items = items_of("一、总体\n(一)党建工作。\n(二)业务工作。")
    assert ids(items) == ["1", "1.1", "1.2"]
    assert [item["marker"] for item in items] == ["一、", "(一)", "(二)"]
    assert [item["title"] for item in items] == ["总体", "党建工作", "业务工作"]


def test_glued_paren_marker_that_follows_the_numbering():
    text = "一、2022年工作总结(一)党的建设。(二)业务工作。"
    items = items_of(text)
    assert ids(items) == ["1", "1.1", "1.2"]
    assert [item["start"] for item in items] == [0, 11, 19]
    assert [item["title"] for item in items] == ["2022年工作总结(一)党的建设", "党的建设", "业务工作"]


def test_glued_successor_is_a_marker():
    items = items_of("一、概况(一)甲有进展(二)乙有突破")
    assert ids(items) == ["1", "1.1", "1.2"]


def test_bracket_broken_across_lines_in_turn_is_a_marker():
    # a PDF copy broke the line inside （三）: the bracket stands alone on its line
    text = "一、回顾\n（一）财政收入稳步增长。\n（二）重点项目加快推进。\n（\n三）民生保障更加有力。\n内容。"
    items = items_of(text)
    assert ids(items) == ["1", "1.1", "1.2", "1.3"]
    assert items[3]["marker"] == "（\n三）"
    assert items[3]["start"] == text.index("（\n三）")
    assert items[3]["title"] == "民生保障更加有力"
    # the same in a copy whose lines are indented or double-spaced
    for text in ("一、回顾\n　　（一）甲。\n　　（二）乙。\n　　（\n　　三）丙。", "一、回顾\n\n（一）甲。\n\n（二）乙。\n\n（\n\n三）丙。"):
        items = items_of(text)
        assert ids(items) == ["1", "1.1", "1.2", "1.3"]
        assert items[3]["title"] == "丙"


def test_bracket_broken_across_lines_out_of_turn_or_inside_a_line_is_no_marker():
    assert ids(items_of("一、回顾\n（一）甲。\n（\n三）丙。")) == ["1", "1.1"]
    assert ids(items_of("一、回顾\n（一）甲。\n各县（\n二）乙。")) == ["1", "1.1"]


def test_glued_marker_out_of_numbering_is_not_a_marker():
    assert ids(items_of("一、概况(二)说明。")) == ["1"]
    assert ids(items_of("一、概况\n各县(市)都有进展。")) == ["1"]


@pytest.mark.parametrize(
    "glued_markers,expected",
    [(True, ["1", "1.1", "1.2"]), (False, ["1", "1.2"])],
)
def test_glued_markers_option(glued_markers, expected):
    items = items_of("一、2022年工作总结(一)党的建设。(二)业务工作。", glued_markers=glued_markers)
    assert ids(items) == expected


def test_decimal_is_not_a_marker():
    text = "一、投资情况\n总投资为1.73亿元。\n1.73亿元用于建设。2.5万元用于培训。"
    assert ids(items_of(text)) == ["1"]
    # Nor where a PDF copy wrapped the line after its point.
    text = "一、投资情况\n引导企业技术改造，全市认定省级专精特新中小企业87家。1.\n5亿元技改奖补资金全部兑现。"
    assert ids(items_of(text)) == ["1"]


def test_invisible_characters_of_web_copies_before_a_marker():
    # A zero-width space, word joiner, no-break space or BOM left by a web page.
    text = "标题\n\u200b一、总体情况\n\ufeff（一）主要成效\n\xa0\xa01.加强领导。\n\u2060（2）建立台账。"
    items = items_of(text)
    assert [(item["id"], item["marker"]) for item in items] == [("1", "一、"), ("1.1", "（一）"), ("1.1.1", "1."),
                                                               ("1.1.2", "（2）")]
    assert items[0]["start"] == 4


def test_list_line_that_starts_with_a_number():
    text = "一、招生就业\n1.全年招收新生6015人。\n2.2023届毕业生5230人。"
    items = items_of(text)
    assert ids(items) == ["1", "1.1", "1.2"]
    assert [item["start"] for item in items] == [0, 7, 22]
    assert items[2]["title"] == "2023届毕业生5230人"


def test_first_list_line_that_starts_with_a_number_needs_its_successor():
    text = "（二）专项行动\n1、3月和10月开展联合检查。\n2、组织专项督查。"
    items = items_of(text)
    assert ids(items) == ["2", "2.1", "2.2"]
    assert [item["start"] for item in items] == [0, 8, 24]
    assert ids(items_of("一、安排\n1、3月完成招标。\n今年继续推进。")) == ["1"]
    # A number that a PDF copy wrapped (达到8\n1.2%) is not the list's next line.
    text = "（一）组织收入\n1.2024年收入完成情况。税收收入占比达到8\n1.2%。\n2.2025年收入预期。"
    assert ids(items_of(text)) == ["1", "1.1", "1.2"]


def test_wrapped_figure_with_a_magnitude_is_not_a_marker():
    # a PDF copy put 1.2万人 at a line start, inside a sentence
    text = "（一）土地整治\n两镇流转土地4.1万亩，受益\n群众\n1.2万人以上。\n2.5万亩耕地完成整治。\n（二）耕地保护"
    assert ids(items_of(text)) == ["1", "2"]
    # an item may open with such a figure after a heading or a clause end
    text = "（一）重点签约项目\n1.100万千瓦风光储一体化项目；\n2.储能电池结构件项目。"
    assert ids(items_of(text)) == ["1", "1.1", "1.2"]
    text = "（一）重点签约项目\n签约项目有：\n1.年产20GWh储能电池项目；\n2.100万千瓦风电项目。"
    assert ids(items_of(text)) == ["1", "1.1", "1.2"]


def test_numeral_list_in_running_text_is_not_a_marker():
    text = "一、进度\n一季度实现开门红；二、三季度抢抓施工黄金期，完成投资。\n二、成效\n明显。"
    items = items_of(text)
    assert ids(items) == ["1", "2"]
    assert items[1]["start"] == text.index("二、成效")
    # So it is where a PDF copy wrapped the line inside it.
    for wrapped in ("二、\n三季度", "二、三\n季度"):
        text = f"一、进度\n一季度实现开门红；{wrapped}抢抓施工黄金期，完成投资。\n二、成效\n明显。"
        assert ids(items_of(text)) == ["1", "2"]
    # At a line start the same words are a heading, unless the real marker comes
    # later, on a line of its own or glued after a sentence end.
    assert ids(items_of("一、上半年工作\n二、四季度工作安排\n")) == ["1", "2"]
    text = "一、进度\n一季度实现开门红；\n二、三季度抢抓施工黄金期。 二、2026年安排 明年继续推进。"
    items = items_of(text, glued_markers=True)
    assert ids(items) == ["1", "2"]
    assert items[1]["start"] == text.index("二、2026")


@pytest.mark.parametrize("words", ["一、二审刑事案件", "二、三孩家庭", "一、二号楼", "二、三层商铺"])
def test_numeral_lists_after_a_sentence_end(words):
    text = f"一、法律援助\n全年受理案件412件。{words}均已办结。\n二、人民调解\n成效明显。"
    assert ids(items_of(text)) == ["1", "2"]


def test_month_range_is_not_a_marker():
    text = "一、进度安排\n3、4月完成招标。5、6月开工。"
    assert ids(items_of(text)) == ["1"]


def test_yi_shi_inside_a_word_is_not_a_marker():
    text = "一、工作要求\n坚持统一是关键。统一要求，一是抓落实，二是抓督查。"
    items = items_of(text)
    assert ids(items) == ["1", "1.1", "1.2"]
    assert [item["marker"] for item in items] == ["一、", "一是", "二是"]
    assert [item["start"] for item in items] == [0, text.index("一是抓"), text.index("二是抓")]


def test_inline_list_runs_on_past_ten():
    numerals = "一二三四五六七八九十"
    parts = [f"{numerals[i]}是抓第{i + 1}项；" for i in range(10)] + ["十一是抓第11项；十二是抓第12项。"]
    items = items_of("一、重点任务\n" + "".join(parts))
    assert ids(items)[-3:] == ["1.10", "1.11", "1.12"]
    assert [item["marker"] for item in items][-2:] == ["十一是", "十二是"]
    assert items[-2]["title"] == "抓第11项"


def test_inline_eleven_is_no_marker_out_of_sequence():
    assert ids(items_of("一、安排\n一是抓落实；十一是国庆假期。")) == ["1", "1.1"]


def test_opening_quote_does_not_open_an_inline_marker():
    assert ids(items_of("一、要素保障\n持续提升“六要素”水平。")) == ["1"]


def test_enumeration_of_numerals_is_not_a_marker():
    assert ids(items_of("一、经济\n全年增长5%。一、二、三产业均有增长。")) == ["1"]


def test_document_without_line_breaks():
    items = items_of(NO_BREAKS)
    assert ids(items) == ["1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.2", "2"]
    assert [item["title"] for item in items] == ["总体情况", "党建", "理论学习", "读书", "研讨", "明年计划"]
    assert items[0]["end"] == NO_BREAKS.index("二、明年计划")
    assert items[1]["end"] == NO_BREAKS.index("二、明年计划")
    assert items[-1]["end"] == len(NO_BREAKS)


def test_repeated_ids():
    items = items_of("一、甲\n二、乙\n一、丙\n（一）丁\n")
    assert ids(items) == ["1", "2", "1-2", "1-2.1"]
    assert [item["parent"] for item in items] == [None, None, None, "1-2"]


@pytest.mark.parametrize(
    "table_row_min_run,expected",
    [(2, ["1", "2"]), (0, ["1", "1-2", "2", "2-2"])],
)
def test_table_row_labels_are_not_items(table_row_min_run, expected):
    items = items_of(TABLE, table_row_min_run=table_row_min_run)
    assert ids(items) == expected
    assert items[-1]["start"] == TABLE.index("二、支出情况")


def test_budget_rows_with_units_are_not_items():
    text = (
        "一、预算执行情况\n"
        "（一）一般公共预算\n"
        "主要科目如下：\n"
        "一、一般公共服务支出\u30003.92亿元\n"
        "二、教育支出\u30009.64亿元\n"
        "支出合计\u300013.56亿元\n"
        "（二）政府性基金预算\n"
        "收入增长。"
    )
    items = items_of(text)
    assert ids(items) == ["1", "1.1", "1.2"]
    assert [item["start"] for item in items] == [0, 9, text.index("（二）")]


def test_table_header_line_counts_toward_the_run():
    text = "一、收支情况\n项目\t预算数\t执行数\n一、税收收入\t120\t126\n（一）收入完成情况\n完成预算。"
    items = items_of(text)
    assert ids(items) == ["1", "1.1"]
    assert items[1]["start"] == text.index("（一）")


# A pasted table of projects: text cells, group labels standing alone between
# its rows, the first of them right under the header.
PROJECT_TABLE = (
    "一、重点项目建设情况\n"
    "全年完成投资486亿元。\n"
    "序号\t项目名称\t建设单位\t总投资\t形象进度\n"
    "一、公路项目\n"
    "1\t岘州至沅溪高速公路工程\t省交投集团\t216.4亿元\t路基完成85%\n"
    "二、铁路项目\n"
    "2\t溆澜至岘州高速铁路项目\t溆澜城际铁路有限责任公司\t612亿元\t桥梁完成40%\n"
    "三、水运项目\n"
    "3\t澄江航道三级提升工程\t省港航事务中心\t34.2亿元\t已通过验收\n"
    "二、推进项目建设的主要做法\n"
    "我们把项目建设作为头号工程。\n"
)


@pytest.mark.parametrize("indent", ["", "\xa0\xa0", "\u3000\u3000"])
def test_group_labels_between_table_rows_are_not_items(indent):
    # a web copy may indent every line, the table's rows too
    text = "".join(indent + line for line in PROJECT_TABLE.splitlines(keepends=True))
    items = items_of(text)
    assert ids(items) == ["1", "2"]
    assert items[1]["start"] == text.index("二、推进")


def test_stacked_group_labels_of_a_table_with_full_width_cells_are_not_items():
    text = (
        "二、2026年重点项目计划\n"
        "（一）编制情况\n"
        "共安排项目312个。\n"
        "（二）分类安排\n"
        "序号\u3000项目名称\u3000建设单位\u3000总投资\n"
        "一、产业项目\n"
        "（一）工业项目\n"
        "1.新能源及储能\n"
        "1\u3000华曜新能源年产12GWh储能电池项目\u3000华曜新能源\u300046亿元\n"
        "2.高端装备\n"
        "2\u3000嵘岳重工矿山装备智能制造项目\u3000嵘岳重工\u30008.6亿元\n"
        "三、社会民生项目\n"
        "3\u3000市第一人民医院东院区项目\u3000市卫健委\u300017亿元\n"
        "（三）资金筹措\n"
        "全年发行专项债券50亿元。\n"
    )
    items = items_of(text)
    assert ids(items) == ["2", "2.1", "2.2", "2.3"]
    assert items[3]["start"] == text.index("（三）")


def test_heading_after_a_table_is_an_item():
    text = PROJECT_TABLE.replace("二、推进项目建设的主要做法\n", "") + "二、存在的问题\n序号\t问题\t整改措施\n1\t进度滞后\t挂图作战\n"
    items = items_of(text)
    assert ids(items) == ["1", "2"]
    assert items[1]["start"] == text.index("二、存在")


def test_table_rows_with_a_change_cell_are_not_items():
    text = (
        "（一）一般公共预算\n"
        "收入分项完成情况如下：\n"
        "一、税收收入\u3000\u3000\u3000\u300048.62亿元\u3000\u3000增长4.5%\n"
        "二、非税收入\u3000\u3000\u3000\u300019.85亿元\u3000\u3000下降2.1%\n"
        "（二）政府性基金预算\n"
        "收入下降。"
    )
    assert [(item["id"], item["marker"]) for item in items_of(text)] == [("1", "（一）"), ("2", "（二）")]


def test_list_that_starts_again_under_a_title_line():
    # The numbering starts again at 1 under a title line without a marker: no
    # page counter, although the line does not end in punctuation.
    text = "（三）存在的不足\n1.投入不足。\n2.人才短缺。\n2025年工作计划\n1.巩固大气治理成效。\n2.推进水环境治理。"
    items = items_of(text)
    assert ids(items) == ["3", "3.1", "3.2", "3.1-2", "3.2-2"]
    assert items[3]["start"] == text.index("1.巩固")
    # After a page number line it is still a page counter.
    text = "（三）存在的不足\n1.投入不足。\n2.人才短缺。\n专业技术人员主要集中在城区\n- 2 -\n1.医院，乡镇缺人。"
    assert ids(items_of(text)) == ["3", "3.1", "3.2"]


def test_markers_after_a_heading_in_a_line_whose_breaks_became_spaces():
    # A heading inside the line before, or the clause before a marker inside a
    # line, is a heading: the 1、 after it opens an item.
    text = ("一、稳就业\n（一）企业稳岗。通过免申即享返还资金，企业用工总体稳定，稳岗扩岗效果明显。 （二）重点群体就业\n"
            "1、高校毕业生。开展招聘。")
    assert ids(items_of(text)) == ["1", "1.1", "1.2", "1.2.1"]
    # So it is in a half-width copy, where a full stop after a word ends the
    # clause; one after a digit (3.5, 1.) does not.
    text = ("一、稳就业\n(一)企业稳岗\n返还资金3.5亿元,企业用工总体稳定,稳岗扩岗效果明显. (二)重点群体就业\n"
            "1、高校毕业生.开展招聘.")
    assert ids(items_of(text)) == ["1", "1.1", "1.2", "1.2.1"]
    text = "二、成效\n全年完成目标任务，参加技术培训。 三、存在的问题 1、 高标准农田投入偏低。2、管护不足。"
    assert ids(items_of(text)) == ["2", "3", "3.1", "3.2"]


def test_marker_inside_a_line_that_follows_the_numbering_is_no_page_counter():
    # A viewer glues its counters to line starts; inside a line whose breaks
    # became spaces, a 3、 after an unpunctuated clause opens an item.
    text = "（一）产业发展\n1、招商。签约项目5个。 2、建设。园区二期标准厂房和配套道路管网项目已于三月全面开工建设 3、服务。落实包联制度。"
    assert ids(items_of(text)) == ["1", "1.1", "1.2", "1.3"]
    # At a line start after a cut line it is still a page counter.
    text = "（一）产业发展\n1、招商。签约项目5个。\n2、建设。园区标准厂房项目已于今年三月份全面开工建设\n3、并完成主体工程。"
    assert ids(items_of(text)) == ["1", "1.1", "1.2"]


def test_list_under_an_appendix_title_that_follows_the_numbering():
    # The 1. is the first under （三）, after a title line long enough to be a
    # cut line: the appendix title names the list, so it is no page counter.
    text = "（三）在兜底帮扶上再加力。确保实现就业。\n附件：2025年高校毕业生就业重点项目推进情况\n1.创业孵化基地提升工程。\n2.见习基地。"
    assert ids(items_of(text)) == ["3", "3.1", "3.2"]
    # A cut line of the same length is still one.
    text = "（三）在兜底帮扶上再加力。\n对离校未就业毕业生持续跟踪服务确保有就业意愿的困难毕业生\n1、年底前实现就业。"
    assert ids(items_of(text)) == ["3"]


def test_legal_reference_is_not_a_glued_marker():
    # Inside （二） a glued （三） would follow the numbering.
    text = "（一）保障用地。\n（二）依法收储。依据《土地储备管理办法》第十二条第（三）项,收储闲置低效用地。（三）生态修复。"
    items = items_of(text)
    assert ids(items) == ["1", "2", "3"]
    assert items[2]["start"] == text.index("（三）生态")


def test_numeral_list_at_a_line_start_where_the_marker_comes_later():
    text = ("一、主要成效\n县域就诊率达到78.5%。\n二、三级医院对口帮扶同步加强，派驻专家26名。\n"
            "二、存在的问题\n1、运行机制还不够顺。")
    items = items_of(text)
    assert [(item["id"], item["start"]) for item in items] == [("1", 0), ("2", text.index("二、存在")),
                                                             ("2.1", text.index("1、运行"))]


def test_numeral_list_at_a_line_start_out_of_turn():
    # A PDF broke the line before 一、二级; a 一、 after 一、 does not follow
    # the numbering, so it is a numeral list, not a repeated top-level item.
    text = ("一、项目概况\n（一）绩效目标\n1、产出目标：建成灌溉面积2.6万亩，新建改造\n一、二级渠道31公里，机耕路18公里。\n"
            "2、效益目标：粮食亩产提高40公斤。\n二、评价结论\n总体良好。")
    items = items_of(text)
    assert [(item["id"], item["marker"]) for item in items] == [
        ("1", "一、"), ("1.1", "（一）"), ("1.1.1", "1、"), ("1.1.2", "2、"), ("2", "二、")]


def test_marker_after_a_field_line_is_no_page_counter():
    # A 牵头单位 line ends without punctuation but is whole: the 2. after it
    # follows the numbering and opens an item.
    text = ("二、实事进展\n1.城乡公交一体化。新开通镇村公交线路12条，惠及沿线群众。\n"
            "牵头单位：市交通运输局、市财政局；配合单位：各县区人民政府\n"
            "2.农村危桥改造。完成危桥改造9座。\n牵头单位：市公路事业发展中心\n3.公交站亭建设。新建站亭40个。")
    assert ids(items_of(text)) == ["2", "2.1", "2.2", "2.3"]
    # A sentence the page cut, with commas, still makes the next 2. a counter.
    text = ("二、实事进展\n1.城乡公交一体化。新开通镇村公交线路，沿线群众出行更加方便快捷，其中\n"
            "2.条线路实现城乡同价。")
    assert ids(items_of(text)) == ["2", "2.1"]


def test_marker_after_a_row_of_table_cells_is_no_page_counter():
    text = ("（一）招商引资\n1.项目签约。全年签约项目18个。\n2.项目开工。新开工项目如下：\n序号\t项目名称\t投资主体\t进展\n"
            "1\t精密铸件扩产项目\t鸿钧机械有限公司\t主体完工\n2\t光伏组件项目\t晶澈能源有限公司\t已投产\n"
            "3.服务提升。推行项目代办制。")
    items = items_of(text)
    assert ids(items) == ["1", "1.1", "1.2", "1.3"]
    assert items[-1]["start"] == text.index("3.服务")


def test_markers_in_the_cells_of_a_table_row_are_not_items():
    # The statutory table of a 政府信息公开 annual report: the report's own 三、
    # comes first; in the table, a label alone between rows (三、本年度办理结果),
    # a row label and a label in a cell after it (（三）不予公开　1.属于国家秘密)
    # are none.
    text = ("三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量\u300036\u30004\u300040\n"
            "二、上年结转政府信息公开申请数量\u30002\u30000\u30002\n"
            "三、本年度办理结果\n"
            "（一）予以公开\u300020\u30003\u300023\n"
            "（二）不予公开\u30001.属于国家秘密\u30000\u30000\u30000\n"
            "2.其他法律行政法规禁止公开\u30001\u30000\u30001\n"
            "（三）无法提供\t1.本机关不掌握相关政府信息\t6\t1\t7\n"
            "四、结转下年度继续办理\u30001\u30000\u30001\n"
            "四、政府信息公开行政复议、行政诉讼情况\n全年未发生行政复议。")
    items = items_of(text)
    assert [(item["id"], item["start"]) for item in items] == [("3", 0), ("4", text.index("四、政府"))]
    # A group label out of turn right under the table's header line is none either.
    text = ("六、附件\n2026年重点项目表\n序号\t项目名称\t总投资\n一、产业项目\n1\t精密铸件扩产项目\t3.2亿元\n"
            "2\t光伏组件项目\t5亿元\n二、民生项目\n3\t县医院新院区\t4.6亿元\n")
    assert ids(items_of(text)) == ["6"]
    # A label that follows the numbering between rows stays a heading.
    text = ("（一）收入\n税收收入\u300012\u300013\n非税收入\u30003\u30004\n"
            "（二）支出\n基本支出\u30009\u30009\n项目支出\u30006\u30007\n")
    assert ids(items_of(text)) == ["1", "2"]


def test_arabic_marker_before_a_digit_at_a_line_start():
    # 3、4月 opens a sentence of item 2 where the real 3. opens a later line.
    text = ("1.春运保障。开通临时班线6条。\n2.节日出行服务。设置服务点12个。\n3、4月间，针对清明祭扫高峰加密班次。\n"
            "3.安全监管。开展隐患排查。\n4.行业治理。")
    items = items_of(text)
    assert [(item["id"], item["start"]) for item in items] == [
        ("1", 0), ("2", text.index("2.节日")), ("3", text.index("3.安全")), ("4", text.index("4.行业"))]
    # So it is where a web copy indents its lines with no-break spaces.
    text = text.replace("\n", "\n\xa0\xa0")
    items = items_of(text)
    assert [(item["id"], item["start"]) for item in items] == [
        ("1", 0), ("2", text.index("2.节日")), ("3", text.index("3.安全")), ("4", text.index("4.行业"))]
    # A version number broken onto a line start is none either.
    text = "（二）信息化\n1.平台建设。完成。\n2.系统升级。在10月升级至\n3.2.1版，实现对接。\n（三）队伍建设"
    assert ids(items_of(text)) == ["2", "2.1", "2.2", "3"]
    # An item whose title opens with a year stays one.
    text = "（二）存在问题\n1.资金不足。\n2.进度滞后。\n3、2023年老旧小区改造项目进度滞后。\n4.管护不足。"
    assert ids(items_of(text)) == ["2", "2.1", "2.2", "2.3", "2.4"]


def test_page_counter_alone_on_its_line():
    text = "一、工作回顾\n（一）完成整治任务。\n（二）交办的信访件开展回头看。\n3、\n"
    assert ids(items_of(text)) == ["1", "1.1", "1.2"]


def test_single_numeric_line_is_still_an_item():
    text = "一、总收入 12,345.67\n今年收入增长。"
    assert ids(items_of(text)) == ["1"]


@pytest.mark.parametrize(
    "page_counter_min_chars,expected",
    [(20, ["1", "2"]), (30, ["1", "1.1", "2"]), (0, ["1", "1.1", "2"])],
)
def test_page_counter_glued_to_a_line(page_counter_min_chars, expected):
    items = items_of(PAGE_COUNTER, page_counter_min_chars=page_counter_min_chars)
    assert ids(items) == expected


@pytest.mark.parametrize(
    "page_counter_min_chars,expected",
    [(20, ["1", "2"]), (30, ["1", "2"]), (0, ["1", "1.2", "2"])],
)
def test_page_counter_that_breaks_the_numbering(page_counter_min_chars, expected):
    # 2、 cannot open the first Arabic item under 一、: after a cut line of any
    # length it is a page counter.
    text = PAGE_COUNTER.replace("1、工作", "2、工作")
    assert ids(items_of(text, page_counter_min_chars=page_counter_min_chars)) == expected


def test_page_counter_after_a_page_number_line():
    text = (
        "一、主要工作\n"
        "（一）耕地保护\n"
        "组织开展法律法规宣传\n"
        "- 1 -\n"
        "2、进村活动，印发资料3万份。\n"
        "（二）规划编制\n"
        "完成县级规划。"
    )
    # The cut line is short, but the page number line between shows the page
    # break, and 2、 breaks the numbering under （一）.
    items = items_of(text)
    assert ids(items) == ["1", "1.1", "1.2"]
    assert [item["start"] for item in items] == [0, 7, text.index("（二）")]
    assert items[1]["end"] == text.index("（二）")


def test_page_counter_after_a_long_paragraph_opened_by_a_marker():
    text = (
        "一、业务发展\n"
        "（一）与某医院签订托管协议,对方常驻专家12名,全年开展新技术,已累计完成186例,挽救了一大\n"
        "3、批急性心梗患者。\n"
        "（二）实施急救能力提升项目。"
    )
    # The line before 3、 is a paragraph, not a heading: it is long and has commas.
    assert ids(items_of(text)) == ["1", "1.1", "1.2"]


def test_page_counter_glued_to_the_next_marker():
    text = "一、工作\n（三）抓转型。\n1.推进改造。\n2.培育企业。\n3.发展经济。\n- 3 -\n3、（四）抓节能降耗。"
    items = items_of(text)
    assert ids(items) == ["1", "1.3", "1.3.1", "1.3.2", "1.3.3", "1.4"]
    assert items[-1]["start"] == text.index("（四）")
    assert items[-1]["marker"] == "（四）"
    text = "三、下半年工作打算\n4、（一）全力抓好工业运行。\n（二）加快项目建设。"
    items = items_of(text)
    assert ids(items) == ["3", "3.1", "3.2"]
    assert [item["start"] for item in items] == [0, 12, 25]


@pytest.mark.parametrize(
    "inline_markers,expected",
    [
        (True, ["1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.2", "1.1.2", "1.2",
                "2", "2.1", "2.1.1", "2.2", "2.3", "2.3.1", "2.3.1.1", "2.3.1.2"]),
        (False, ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "2.1.1", "2.2", "2.3", "2.3.1"]),
    ],
)
def test_inline_markers_option(inline_markers, expected):
    assert ids(items_of(NESTED, inline_markers=inline_markers)) == expected


def test_titles():
    text = "一、 总体情况 \n（一）党建工作；其他事项。\n（二）业务工作;其他\n（三）队伍建设！\n（四）作风建设?好"
    assert [item["title"] for item in items_of(text)] == ["总体情况", "党建工作", "业务工作", "队伍建设", "作风建设"]


def test_marker_forms():
    text = "一、甲\n（一）乙\n1．丙\n（1）丁\n(2)戊\n②己\n一要庚"
    markers = find_markers(text, [])
    assert [(text[m.start:m.end], m.kind, m.number) for m in markers] == [
        ("一、", CHINESE, 1),
        ("（一）", PAREN_CHINESE, 1),
        ("1．", ARABIC, 1),
        ("（1）", ARABIC, 1),
        ("(2)", ARABIC, 2),
        ("②", ARABIC, 2),
        ("一要", INLINE, 1),
    ]


def test_markers_inside_boilerplate_are_ignored():
    text = "温馨提示：\n1. 文件下载后无此问题。\n网站客服：123\n一、正文标题\n1.具体内容。"
    boilerplate = find_boilerplate(text)
    markers = find_markers(text, boilerplate)
    assert [m.start for m in markers] == [text.index("一、"), text.index("1.具体")]
    assert ids(items_of(text)) == ["1", "1.1"]


def test_twenty_first_chapter():
    text = "二十、甲。\n二十一、乙。"
    items = items_of(text)
    assert ids(items) == ["20", "21"]
    assert [item["marker"] for item in items] == ["二十、", "二十一、"]


def test_component_sets_extension_and_spans(nlp):
    doc = nlp(SHORT)
    assert isinstance(nlp.get_pipe("zhgov_work_items"), WorkItemDetector)
    assert doc._.work_items == [
        {"id": "1", "marker": "一、", "start": 0, "end": 17, "depth": 1, "parent": None, "title": "甲"},
        {"id": "1.1", "marker": "（一）", "start": 5, "end": 11, "depth": 2, "parent": "1", "title": "乙"},
        {"id": "1.2", "marker": "（二）", "start": 11, "end": 17, "depth": 2, "parent": "1", "title": "丙"},
        {"id": "2", "marker": "二、", "start": 17, "end": 21, "depth": 1, "parent": None, "title": "丁"},
    ]
    spans = doc.spans["work_items"]
    assert [(span.start_char, span.end_char, span._.item_id) for span in spans] == [
        (0, 17, "1"), (5, 11, "1.1"), (11, 17, "1.2"), (17, 21, "2"),
    ]


def test_component_splits_a_token_that_runs_over_a_marker(nlp):
    # 2.100万 is one token; the item's marker is 2., so the name after it can
    # be an entity. The boilerplate spans keep their characters.
    text = "（一）签约项目\n- 1 -\n1.年产5万吨新材料项目；\n2.100万千瓦风光储一体化项目，总投资45亿元。"
    words = ["（", "一", "）", "签约", "项目", "\n", "- 1 -", "\n", "1.", "年产", "5万", "吨", "新材料", "项目", "；", "\n",
             "2.100万", "千瓦", "风光储", "一体化", "项目", "，", "总投资", "45亿", "元", "。"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    assert doc.text == text
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [token.text for token in doc][15:19] == ["\n", "2.", "100万", "千瓦"]
    assert [(item["id"], item["marker"], item["start"]) for item in doc._.work_items] == [
        ("1", "（一）", 0), ("1.1", "1.", text.index("1.")), ("1.2", "2.", text.index("2."))]
    assert [span.text for span in doc.spans["boilerplate"]] == ["- 1 -"]
    assert [span.text.rstrip() for span in doc.spans["work_items"]][1:] == [
        "1.年产5万吨新材料项目；", "2.100万千瓦风光储一体化项目，总投资45亿元。"]


def test_without_boilerplate_component():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_work_items")
    doc = nlp("一、甲。\n二、乙。")
    assert ids(doc._.work_items) == ["1", "2"]


def test_invalid_setting_raises():
    nlp = spacy.blank("zh")
    with pytest.raises(ValueError, match="E200"):
        nlp.add_pipe("zhgov_work_items", config={"page_counter_min_chars": -1})


def test_to_bytes_round_trip():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_work_items", config={"inline_markers": False})
    nlp2 = spacy.blank("zh")
    nlp2.add_pipe("zhgov_work_items")
    nlp2.from_bytes(nlp.to_bytes())
    assert nlp2.get_pipe("zhgov_work_items").cfg["inline_markers"] is False
    assert ids(nlp2("一、甲。一是乙。")._.work_items) == ["1"]


def test_to_disk_round_trip(tmp_path):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate")
    nlp.add_pipe("zhgov_work_items", config={"table_row_min_run": 0})
    nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert loaded.pipe_names == ["zhgov_boilerplate", "zhgov_work_items"]
    assert loaded.get_pipe("zhgov_work_items").cfg["table_row_min_run"] == 0
    assert ids(loaded(TABLE)._.work_items) == ["1", "1-2", "2", "2-2"]


def test_score_through_evaluate(nlp):
    perfect = nlp.make_doc(SHORT)
    perfect._.work_items = [
        {"start": 0, "id": "1"}, {"start": 5, "id": "1.1"}, {"start": 11, "id": "1.2"}, {"start": 17, "id": "2"},
    ]
    scores = nlp.evaluate([Example(nlp.make_doc(SHORT), perfect)])
    assert (scores["work_items_p"], scores["work_items_r"], scores["work_items_f"]) == (1.0, 1.0, 1.0)
    # Gold gives （二） another id and has one item more: 3 of 4 predicted items
    # match, 3 of 5 gold items are found.
    gold = nlp.make_doc(SHORT)
    gold._.work_items = [
        {"start": 0, "id": "1"}, {"start": 5, "id": "1.1"}, {"start": 11, "id": "1.3"},
        {"start": 14, "id": "1.3.1"}, {"start": 17, "id": "2"},
    ]
    scores = nlp.evaluate([Example(nlp.make_doc(SHORT), gold)])
    assert scores["work_items_p"] == pytest.approx(3 / 4)
    assert scores["work_items_r"] == pytest.approx(3 / 5)
    assert scores["work_items_f"] == pytest.approx(2 * (3 / 4) * (3 / 5) / (3 / 4 + 3 / 5))


def test_score_skips_unannotated_references(nlp):
    scores = nlp.evaluate([Example(nlp.make_doc(SHORT), nlp.make_doc(SHORT))])
    assert scores["work_items_f"] is None


def test_half_width_semicolon_after_a_figure_opens_an_inline_item():
    text = "一、问题\n一是偿债压力大，保障倍数仅为0.42;二是前期工作滞后。\n"
    assert ids(items_of(text)) == ["1", "1.1", "1.2"]
