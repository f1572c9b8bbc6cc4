from pathlib import Path

import pytest
import spacy
from spacy.training import Example

from pipeline.boilerplate import BoilerplateDetector, find_boilerplate

SEED = Path(__file__).parent.parent / "seeds" / "000_aa3260a085e08b5a.txt"


def lines_of(text):
    """Hand-side helper: the (start, end) range of every line, by str.split."""
    ranges = []
    start = 0
    for line in text.split("\n"):
        ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


def texts(text, ranges):
    return [text[start:end] for start, end in ranges]


@pytest.fixture
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate")
    return nlp


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


def test_seed_boilerplate_is_notice_tags_and_page_counter(seed_text):
    lines = lines_of(seed_text)
    # Lines 0-5: 温馨提示 … 网站客服; 6-10: the tag lines; the last line: 第5页 共5页.
    expected = lines[:11] + [lines[-1]]
    found = find_boilerplate(seed_text)
    assert found == expected
    assert texts(seed_text, found)[0] == "温馨提示:"
    assert texts(seed_text, found)[5] == "网站客服:3074922707"
    assert texts(seed_text, found)[6:11] == ["2023", "教育局", "职成科", "述职", "小结"]
    assert texts(seed_text, found)[-1] == "第5页 共5页"


def test_seed_title_is_not_boilerplate(seed_text):
    found = texts(seed_text, find_boilerplate(seed_text))
    assert "教育体育局职成科述职小结" not in found


def test_navigation_lines():
    text = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2025年某市政府工作报告\n各位代表：\n现在，我代表市政府报告工作。"
    found = texts(text, find_boilerplate(text))
    assert found == ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"]


def test_navigation_on_one_line():
    text = "下载 打印 全屏 收藏 【字号：加大 还原 减小 】\n某县教育局工作总结\n今年工作顺利。"
    assert find_boilerplate(text) == [(0, 26)]


def test_font_size_crumbs_next_to_navigation():
    text = "【字体：\n大\n中\n小\n】\n某区工作报告\n大\n今年工作顺利。"
    found = texts(text, find_boilerplate(text))
    # The lone 大 after the title is not next to boilerplate.
    assert found == ["【字体：", "大", "中", "小", "】"]


@pytest.mark.parametrize(
    "line",
    ["来源：某市日报", "时间：2026-02-09", "发布时间：2025-12-01 10:30", "浏览次数：1024", "作者：张三", "字体：大 中 小",
     "2026-02-03 09:02:33"],
)
def test_metadata_lines(line):
    text = f"某市工作报告\n{line}\n各位代表：\n现在报告工作。"
    start = len("某市工作报告\n")
    assert find_boilerplate(text) == [(start, start + len(line))]


def test_metadata_value_on_next_line():
    text = "来源：\n某市日报\n某市工作报告\n现在报告工作。"
    assert texts(text, find_boilerplate(text)) == ["来源：", "某市日报"]


@pytest.mark.parametrize("line", ["第5页 共5页", "第 3 页", "- 3 -", "3/8", "共8页 第3页", "3", "3、"])
def test_page_counters(line):
    text = f"一、工作回顾\n今年完成了全部任务。\n{line}\n明年继续努力。"
    start = len("一、工作回顾\n今年完成了全部任务。\n")
    assert find_boilerplate(text) == [(start, start + len(line))]


@pytest.mark.parametrize(
    "line",
    ["前言:本站為你精心整理了某某工作总结范文，希望对你有帮助。", "本文档由用户上传，仅供参考。", "免责声明：本文内容来自网络。"],
)
def test_site_notices(line):
    text = f"{line}\n某局工作总结\n今年工作顺利。"
    assert find_boilerplate(text) == [(0, len(line))]


def test_notice_block_runs_through_customer_service_line():
    text = "温馨提示：\n1. 文件下载后无此问题。\n2. 如有疑问请联系客服。\n网站客服：123456\n1. 今年完成招生任务。"
    found = texts(text, find_boilerplate(text))
    assert found == ["温馨提示：", "1. 文件下载后无此问题。", "2. 如有疑问请联系客服。", "网站客服：123456"]


def test_notice_block_with_items_wrapped_over_lines():
    # a PDF copy wraps the items; the notice still runs to its customer-service line
    text = ("温馨提示：\n1. 本文档由用户上传，版权归属用户，如果您对本文\n档版权有争议请及时联系客服。\n"
            "2. 下载前请仔细阅读文档内容，若出\n现内容与标题不符可向本站投诉处理。\n网站客服：123456\n"
            "一、今年完成招生任务。\n二、明年计划")
    found = texts(text, find_boilerplate(text))
    assert found == text.split("\n")[:6]
    # without the end line within reach, a continuation line ends the notice
    text = "温馨提示：\n1. 文件下载后无此问题。\n今年完成招生任务1200人。\n二、明年计划"
    assert texts(text, find_boilerplate(text)) == ["温馨提示：", "1. 文件下载后无此问题。"]


def test_table_of_contents():
    text = "目录\n一、工作回顾……1\n二、明年计划 3\n一、工作回顾\n今年工作顺利。"
    found = texts(text, find_boilerplate(text))
    assert found == ["目录", "一、工作回顾……1", "二、明年计划 3"]


def test_tag_lines_need_neighbouring_boilerplate():
    text = "述职\n小结\n某局述职报告\n各位代表：\n今年工作顺利。"
    assert find_boilerplate(text) == []


def test_single_short_line_is_not_a_tag_block():
    text = "来源：某市日报\n张三\n各位代表：\n今年工作顺利。"
    assert texts(text, find_boilerplate(text)) == ["来源：某市日报"]


def test_tag_lines_only_at_the_top():
    text = "下载\n某局述职报告\n今年工作顺利。\n第 2 页\n述职\n小结\n明年继续努力。"
    assert texts(text, find_boilerplate(text)) == ["下载", "第 2 页"]


def test_crlf_ranges_exclude_the_terminator():
    text = "下载\r\n正文。\r\n第 3 页\r\n"
    assert find_boilerplate(text) == [(0, 2), (9, 14)]


@pytest.mark.parametrize(
    "line",
    [
        "首页 > 政务公开 > 工作动态 > 专项工作",
        "您当前的位置:首页 > 信息公开 > 政府工作报告",
        "发布时间:2023-11-02 09:41  来源:某县教育体育局  浏览次数:1265",
        "来源：某省科学技术厅  发布时间：2025-01-08 09:30  浏览量：2,417",
        "发布者：佚名\u3000时间：2023-12-20\u3000阅读：426",
        "分享到: 微信 朋友圈 微博",
        "分享至: 微信 | 新浪微博 | QQ好友 | 复制链接",
        "相关链接: 某市教育局 | 某市政府门户网站",
        "相关文档推荐：某局工作总结范文 | 某所年度工作计划",
        "相關範文：某中心年度工作總結｜某局上半年工作總結",
        "上一篇:某镇消防安全工作总结",
        "上一篇：某局年度工作计划        下一篇：某局上半年工作总结",
        "第2頁／共2頁\u3000\u3000上一篇：某局年度總結\u3000下一篇：某局述職報告",
        "主办:某市财政局 技术支持:某市大数据中心 某ICP备05012345号",
        "阅读 2386\u3000分享\u3000收藏\u3000点赞\u3000在看",
    ],
)
def test_site_chrome_lines(line):
    text = f"某局工作总结\n今年工作顺利。\n{line}\n明年继续努力。"
    start = len("某局工作总结\n今年工作顺利。\n")
    assert find_boilerplate(text) == [(start, start + len(line))]


@pytest.mark.parametrize(
    "line",
    [
        "本文由某文档网用户上传分享，文档仅供参考，若有侵权请联系我们删除",
        "如发现文档内容侵犯了您的权益,请联系本站删除,我们将在24小时内处理。",
        "本文格式为Word版，下载可任意编辑，页眉可删除",
        "【精品文档】可编辑 欢迎下载",
        "前言：小编为大家收集整理了某局工作总结，供大家参考。",
        "本文共6页,可免费预览前3页",
        "本文档来源于网络 仅供参考 不作任何商业用途",
        "本文來源於網絡，僅供參考，如有侵權請聯繫刪除。",
        "1. 本站所有资源如无特殊说明，都需要本地电脑安装OFFICE。",
        "文档页数:6  上传者:yiyuan***  下载积分:5",
        "页数：4\u3000\u3000字数：约2100字\u3000\u3000下载积分：5",
        "下载积分:5  浏览次数:1386  上传时间:2024-12-19",
        "页码：1/3",
        "第2頁／共2頁",
        "-----第2页 共7页-----",
        "关键词：居家养老 社区养老 汇报材料",
        "关键词：政府债务；专项债券；化债",
        "分类:工作汇报>工业经济   字数:2156   页数:4",
        "某镇财政所所长述职报告范文（精选）",
        "税务工作总结-文档下载-第1页",
        "某局2024年工作报告.pdf",
        "第一文档网  www.example.com  你身边的范文专家",
        "原创\u3000某市农业农村\u30002024-07-16 17:45\u3000发表于某省",
        "点击上方蓝字\u3000关注我们",
        "如需下载Word原文请开通会员，单篇下载需扣除3个积分。",
        "以上就是某某文库为大家整理的全部内容，想了解更多请持续关注本站！",
        "本文标签：教育局工作小结 基础教育股 工作总结范文",
        "岚溪新闻网\u3000|\u3000岚溪县融媒体中心主办",
    ],
)
def test_site_notices_and_download_info(line):
    text = f"{line}\n某局工作总结\n今年工作顺利。"
    assert find_boilerplate(text) == [(0, len(line))]


def test_related_documents_block_runs_to_the_blank_line():
    text = "今年工作顺利。\n相关推荐:\n某镇水利工作总结(精选5篇)\n某站年度工作总结范文\n网站客服QQ:123456\n\n"
    found = texts(text, find_boilerplate(text))
    assert found == ["相关推荐:", "某镇水利工作总结(精选5篇)", "某站年度工作总结范文", "网站客服QQ:123456"]


def test_related_documents_block_in_a_double_spaced_copy_runs_past_blank_lines():
    # A web copy with a blank line after every paragraph: the list of related
    # news ends at the first line that is no title, not at a blank line.
    text = (
        "三、明年安排\n\n全面完成各项任务。\n\n编辑：周晓岚\n\n相关新闻：\n\n1、某区政协三届五次会议隆重开幕\n\n"
        "2、某区三届人大五次会议胜利闭幕\n\n今年全区共实施重点项目86个，完成投资124亿元。\n"
    )
    found = texts(text, find_boilerplate(text))
    assert found == ["编辑：周晓岚", "相关新闻：", "1、某区政协三届五次会议隆重开幕", "2、某区三届人大五次会议胜利闭幕"]
    # Single-spaced, the blank line after the key still ends the block.
    text = text.replace("\n\n", "\n").replace("相关新闻：\n", "相关新闻：\n\n")
    found = texts(text, find_boilerplate(text))
    assert "1、某区政协三届五次会议隆重开幕" not in found


def test_tag_lines_of_up_to_six_characters_after_a_notice():
    text = (
        "温馨提示:\n"
        "1. 本站文档均为网友上传分享,仅供学习交流使用。\n"
        "客服QQ:2851037764\n"
        "安全生产\n"
        "应急管理局\n"
        "2023年度\n"
        "202223年\n"
        "某县应急管理局2023年工作汇报\n"
        "今年以来，全县安全形势平稳。"
    )
    lines = lines_of(text)
    assert find_boilerplate(text) == lines[:7]
    assert texts(text, lines[3:7]) == ["安全生产", "应急管理局", "2023年度", "202223年"]


def test_title_after_font_crumbs_is_not_a_tag():
    text = "【字体：\n大\n中\n小\n】\n政府工作报告\n——在某市人民代表大会上\n各位代表："
    assert texts(text, find_boilerplate(text)) == ["【字体：", "大", "中", "小", "】"]


def test_crumb_repeated_as_section_heading():
    text = "您的位置:\n首页\n>\n某市要闻\n某市要闻\n2026年政府工作报告\n来源：某日报\n各位代表："
    found = texts(text, find_boilerplate(text))
    assert found == ["您的位置:", "首页", ">", "某市要闻", "某市要闻", "来源：某日报"]


def test_site_section_line():
    text = "某县人民政府信息公开专栏\n关于某县预算执行情况的报告\n各位代表："
    assert find_boilerplate(text) == [(0, 12)]


def test_letterhead_is_content():
    text = "某市人力资源和社会保障局文件\n某人社发〔2024〕8号\n关于某项工作情况的报告\n市政府：\n现将情况报告如下。"
    assert find_boilerplate(text) == []


def test_running_head_of_a_pdf():
    # Left and right parts set apart: every copy, the first above the title too.
    head = "岚溪县林业局\u3000\u3000\u3000\u3000\u3000\u3000森林防火工作材料"
    text = f"{head}\n岚溪县林业局2024年森林防火工作总结\n一、基本情况。\n- 1 -\n{head}\n二、主要做法。\n- 2 -\n{head}\n三、下一步。"
    lines = lines_of(text)
    assert find_boilerplate(text) == [lines[0], lines[3], lines[4], lines[6], lines[7]]
    # Without a gap: the copies under a page counter; the title at the top stays content.
    title = "岚溪县林业局2024年森林防火工作总结"
    text = f"{title}\n一、基本情况。\n第1页 共3页\n{title}\n二、主要做法。\n第2页 共3页\n{title}\n三、下一步。"
    lines = lines_of(text)
    assert find_boilerplate(text) == [lines[2], lines[3], lines[5], lines[6]]
    # Without a gap, a line that does not name the report goes in every copy.
    head = "岚溪县第九届人民代表大会第五次会议文件（3）"
    text = f"{head}\n一、基本情况。\n— 1 —\n{head}\n二、主要做法。\n— 2 —\n{head}\n三、下一步。"
    lines = lines_of(text)
    assert find_boilerplate(text) == [lines[0], lines[2], lines[3], lines[5], lines[6]]
    # A line said twice in the text, under no page counter, is content.
    text = "一、基本情况\n牵头单位：县林业局\n二、主要做法\n牵头单位：县林业局\n"
    assert find_boilerplate(text) == []
    # A table header said over two tables splits into cells, not into a left
    # and a right part: content, with wide gaps or with tabs.
    for gap in ("\u3000\u3000\u3000", "\t"):
        header = gap.join(("序号", "项目名称", "完成投资（万元）"))
        text = f"一、续建项目\n{header}\n1{gap}城区供水管网改造{gap}1200\n二、新建项目\n{header}\n1{gap}防火通道{gap}300\n"
        assert find_boilerplate(text) == []


def test_site_banner_breadcrumb_and_page_controls():
    text = ("岚溪县人民政府\n您现在的位置：首页 > 政务公开 > 规划计划\n一、基本情况。\n"
            "第1页 共2页  上一页 1 2 下一页\n二、主要做法。\n岚溪县人民政府\n2025年1月6日")
    lines = lines_of(text)
    # The signature at the end names the same body and stays content.
    assert find_boilerplate(text) == [lines[0], lines[1], lines[3]]


def test_site_menu_pager_and_the_title_it_numbers_per_page():
    # A news portal's menu (cells set apart by spaces after 首页), its pager
    # between the pages, and the title repeated with the page's number under it.
    title = "岚溪镇人民政府2024年工作总结"
    pager = "上一页\u30001\u30002\u30003\u3000下一页"
    text = (f"首页\u3000时政\u3000乡镇\u3000民生\u3000视频\n{title}\n一、基本情况。\n{pager}\n{title}（2）\n"
            f"二、主要做法。\n{pager}\n{title}（3）\n三、下一步。")
    lines = lines_of(text)
    # The title at the top, under no pager, stays content.
    assert find_boilerplate(text) == [lines[0], lines[3], lines[4], lines[6], lines[7]]
    # A table row of short cells that opens with no 首页 is content.
    text = "序号\u3000项目\u3000单位\u3000进度\n1\u3000供水\u3000水利局\u3000完工"
    assert find_boilerplate(text) == []


def test_lone_page_number_at_the_end():
    text = "（三）加强监测预警。\n2\n"
    assert find_boilerplate(text) == [(11, 12)]


@pytest.mark.parametrize(
    "line",
    [
        "一、深化示范文明创建工作",
        "各位代表：",
        "2024年9月27日",
        "述职人：王某",
        "某县应急管理局",
        "2024年工作总结",
    ],
)
def test_report_lines_like_chrome_stay_content(line):
    text = f"下载\n某局工作总结\n今年工作顺利。\n{line}\n明年继续努力。"
    assert texts(text, find_boilerplate(text)) == ["下载"]


TAG_TEXT = "下载\n2023\n述职\n小结\n某局述职报告\n各位代表：\n今年工作顺利。"


@pytest.mark.parametrize(
    "config,expected",
    [
        ({}, ["下载", "2023", "述职", "小结"]),
        ({"tag_line_max_chars": 2}, ["下载"]),
        ({"tag_line_max_chars": 0}, ["下载"]),
        ({"tag_line_min_run": 4}, ["下载"]),
        ({"tag_line_min_run": 3}, ["下载", "2023", "述职", "小结"]),
    ],
)
def test_tag_line_options(config, expected):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate", config=config)
    doc = nlp(TAG_TEXT)
    # With tag_line_max_chars=2, 2023 is content, so 述职 小结 no longer touch
    # boilerplate.
    assert [span.text for span in doc.spans["boilerplate"]] == expected


@pytest.mark.parametrize("metadata_max_chars,expected", [(40, ["来源：某市人民政府办公室"]), (5, [])])
def test_metadata_max_chars(metadata_max_chars, expected):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate", config={"metadata_max_chars": metadata_max_chars})
    doc = nlp("来源：某市人民政府办公室\n今年工作顺利。")
    assert [span.text for span in doc.spans["boilerplate"]] == expected


def test_invalid_setting_raises():
    nlp = spacy.blank("zh")
    with pytest.raises(ValueError, match="E200"):
        nlp.add_pipe("zhgov_boilerplate", config={"tag_line_min_run": 0})


def test_component_sets_spans_and_extension(nlp):
    text = "下载\n一、工作回顾\n第 3 页"
    doc = nlp(text)
    assert isinstance(nlp.get_pipe("zhgov_boilerplate"), BoilerplateDetector)
    assert doc._.boilerplate == [(0, 2), (10, 15)]
    assert [(span.start_char, span.end_char) for span in doc.spans["boilerplate"]] == [(0, 2), (10, 15)]
    assert [span.label_ for span in doc.spans["boilerplate"]] == ["BOILERPLATE", "BOILERPLATE"]


def test_custom_spans_key():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate", config={"spans_key": "bp"})
    doc = nlp("下载\n正文。")
    assert [span.text for span in doc.spans["bp"]] == ["下载"]
    assert "boilerplate" not in doc.spans


def test_to_bytes_round_trip():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate", config={"tag_line_max_chars": 2})
    nlp2 = spacy.blank("zh")
    nlp2.add_pipe("zhgov_boilerplate")
    nlp2.from_bytes(nlp.to_bytes())
    assert nlp2.get_pipe("zhgov_boilerplate").cfg["tag_line_max_chars"] == 2
    doc = nlp2(TAG_TEXT)
    assert [span.text for span in doc.spans["boilerplate"]] == ["下载"]


def test_to_disk_round_trip(tmp_path):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhgov_boilerplate", config={"tag_line_min_run": 4})
    nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert loaded.pipe_names == ["zhgov_boilerplate"]
    assert loaded.get_pipe("zhgov_boilerplate").cfg["tag_line_min_run"] == 4
    doc = loaded(TAG_TEXT)
    assert [span.text for span in doc.spans["boilerplate"]] == ["下载"]


def test_score_through_evaluate(nlp):
    text = "下载\n某局工作报告\n第 3 页"
    perfect = nlp.make_doc(text)
    perfect._.boilerplate = [(0, 2), (10, 15)]
    # The gold also counts the title line (6 chars) that the detector leaves.
    wider = nlp.make_doc(text)
    wider._.boilerplate = [(0, 2), (3, 9), (10, 15)]
    scores = nlp.evaluate([Example(nlp.make_doc(text), perfect)])
    assert scores["boilerplate_p"] == 1.0
    assert scores["boilerplate_r"] == 1.0
    assert scores["boilerplate_f"] == 1.0
    scores = nlp.evaluate([Example(nlp.make_doc(text), wider)])
    # Predicted 2 + 5 = 7 chars, all right; gold 13 chars.
    assert scores["boilerplate_p"] == 1.0
    assert scores["boilerplate_r"] == pytest.approx(7 / 13)
    assert scores["boilerplate_f"] == pytest.approx(2 * (7 / 13) / (1 + 7 / 13))


def test_score_skips_unannotated_references(nlp):
    text = "下载\n正文。"
    scores = nlp.evaluate([Example(nlp.make_doc(text), nlp.make_doc(text))])
    assert scores["boilerplate_f"] is None


@pytest.mark.parametrize(
    "line",
    [
        # A government portal's disclosure page: its metadata table, one field
        # per line or several on one line.
        "索引号：11330100002489179E/2024-123456",
        "主题分类：综合政务/其他",
        "发文机关：青岚县人民政府办公室",
        "成文日期：2024-03-15",
        "发文字号：青政办发〔2024〕3号",
        "公开方式：主动公开",
        "有效性：有效",
        "索引号：002489179/2024-00012\u3000主题分类：财政\u3000发布机构：县统计局\u3000生成日期：2024-03-15",
        "地址：青岚县人民路18号 邮编：335000 联系电话：0793-1234567",
        # Page controls and footer.
        "【我要纠错】",
        "网站地图 | 联系我们 | 网站声明",
        "无障碍 | 长者模式 | English",
        "【我要打印】【关闭窗口】",
        "〔打印本页〕〔关闭窗口〕",
        "[打印] [关闭]",
        "设为首页 | 加入收藏",
        "视力保护色：",
        "建议使用1024×768分辨率 IE9以上浏览器",
        "今天是：2024年3月5日 星期二",
        "【打印本页】  【关闭窗口】  主办：某市生态环境局  技术支持：某市大数据中心",
        # Breadcrumbs with arrows, slashes or dashes, or without 首页.
        "您所在的位置：首页 > 信息公开",
        "当前位置: 首页 → 信息公开 → 工作总结",
        "首页 / 政务公开 / 规划计划",
        "首页 - 政务公开 - 工作总结",
        "某县人民政府网 > 政务公开 > 规划计划",
        # WeChat and news copies.
        "来源丨青岚县融媒体中心",
        "编辑丨张华  审核丨李明",
        "[责任编辑：周敏]",
        "长按识别二维码关注我们",
        "阅读原文",
        # Document sites, gazettes, record ids.
        "还剩3页未读，继续阅读",
        "某县人民政府公报 2025年第1期",
        "3f9c2e71a0b84d5c9e6a1f0b2d7c4e88:",
        # Keys padded to one width or in brackets, a value on a long line.
        "索 引 号：11341827MB1K30725R/2025-00016\t\t主题分类：综合政务/其他",
        "文\u3000\u3000号：无\u3000\u3000\u3000有 效 性：有效",
        "〔 索 引 号 〕11431128MB0F27713W/2025-00031\u3000〔 主题分类 〕综合政务/其他",
        "〔 公开方式 〕主动公开",
        "本页关键词：工作总结",
        "本文链接：http://www.qinglan.gov.cn/art/2024/1/5/art_123456789.html",
        # Menus, banners, an app's counts and end mark, site footers.
        "首页 | 政府信息公开 | 政务服务 | 政民互动 | 走进蓼源",
        "网站地图 ｜ 联系我们 ｜ 隐私声明 ｜ 网站纠错",
        "沅坪县人民政府  |  雁川市沅坪县人民政府门户网站",
        "濛溪县人民政府  政府信息公开",
        "您当前所在位置：首页 >> 政府信息公开 >> 计划总结",
        "分享\u3000收藏\u300021\u3000点赞\u3000在看",
        "阅读 2386\u3000 赞 41\u3000 在看 17",
        "- END -",
        "关注该公众号",
        "扫一扫在手机上查看当前页面",
        "打印本文 关闭本文",
        "Produced By 大汉网络 大汉版通发布系统",
        "您是第 123456 位访问者",
    ],
)
def test_portal_news_and_app_chrome(line):
    text = f"2024年，我局认真落实各项部署。\n{line}\n一、主要工作\n我们做了大量工作。"
    start = text.index(line)
    assert find_boilerplate(text) == [(start, start + len(line))]


@pytest.mark.parametrize(
    "line",
    [
        "关闭取缔散乱污企业12家。",
        "注册市场主体新增3215户",
        "继续阅读推广活动覆盖全县中小学",
        "政策解读",
        "图解",
        "地址选在城东新区，占地120亩。",
        "2023",
        "市场监管 | 质量强市 | 营商环境",
        "一、工作开展 | 二、存在问题 | 三、下步打算",
    ],
)
def test_content_like_chrome_words_stays_content(line):
    text = f"2024年，我局认真落实各项部署。\n{line}\n一、主要工作\n我们做了大量工作。"
    assert find_boilerplate(text) == []


def test_related_links_end_at_the_page_controls():
    text = (
        "各位代表：\n今年工作顺利。\n相关链接>>\nabcd39f1fb7f426d9dfb6bd0fa1f2146:\n某县人大关于政府工作报告的决议\n"
        "打印本页\n关闭窗口\n2026年某县政府工作报告\n各位代表：现在，我代表县人民政府报告工作。"
    )
    found = texts(text, find_boilerplate(text))
    assert found == ["相关链接>>", "abcd39f1fb7f426d9dfb6bd0fa1f2146:", "某县人大关于政府工作报告的决议", "打印本页", "关闭窗口"]


def test_app_list_of_earlier_posts_runs_to_the_blank_line():
    text = (
        "我们将持续做好服务。\n往期推荐\n► 2025年度个税汇算开始预约啦！这些事项要注意\n► 图解｜小规模纳税人增值税减免政策问答\n"
        "\n下一段正文。"
    )
    found = texts(text, find_boilerplate(text))
    assert found == ["往期推荐", "► 2025年度个税汇算开始预约啦！这些事项要注意", "► 图解｜小规模纳税人增值税减免政策问答"]


def test_listed_titles_with_an_exclamation_run_to_the_page_chrome():
    # WeChat titles carry ！ without a bullet; the list runs on to 阅读 / 写留言
    # or the end of the text. A sentence of the report after the list does not.
    text = (
        "4.强化资金保障，撬动社会资本投入3亿元。\n往期推荐\n某市召开2025年度市级总河湖长会议\n"
        "【汛期安全】这份防汛避险指南请收好！\n喜讯！我市3条河湖入选省级“美丽河湖”名单\n阅读 3216\n写留言\n"
    )
    found = texts(text, find_boilerplate(text))
    assert found == ["往期推荐", "某市召开2025年度市级总河湖长会议", "【汛期安全】这份防汛避险指南请收好！",
                     "喜讯！我市3条河湖入选省级“美丽河湖”名单", "阅读 3216", "写留言"]
    text = "往期推荐\n某市召开河湖长会议\n全年完成投资12亿元！超过年度目标，各项工作取得明显成效，得到省厅通报表扬。\n"
    assert texts(text, find_boilerplate(text)) == ["往期推荐", "某市召开河湖长会议"]
