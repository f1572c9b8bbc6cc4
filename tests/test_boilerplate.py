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


@pytest.mark.parametrize("line", ["第5页 共5页", "第 3 页", "- 3 -", "3/8", "共8页 第3页"])
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
