"""The shipped default pipeline on the seed report: the facts of the main job's
acceptance, checked by hand against the text."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import DEFAULT_MODEL
from pipeline.corpus import SPLITS, file_hash, split_path
from pipeline.training import DEFAULT_CONFIG, model_meta

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parent.parent


def _spans(record, label):
    return {(s["text"], s["work_item"]): s["value"] for s in record["spans"] if s["label"] == label}


def test_seed_money(seed_record):
    money = _spans(seed_record, "MONEY")
    expected = {"5929万元": 59290000, "1643.5万元": 16435000, "1383.5万元": 13835000, "5200万元": 52000000,
                "1.73亿元": 173000000, "1.13亿元": 113000000, "370万元": 3700000, "400万元": 4000000}
    for text, amount in expected.items():
        assert money[(text, "3")] == {"amount": amount, "amount_max": None, "currency": "CNY", "approx": False}


def test_seed_person_counts(seed_record):
    counts = _spans(seed_record, "PERSON_COUNT")
    assert counts[("50余人", "1.2")] == {"count": 50, "count_max": None, "approx": True, "per_visit": False}
    assert counts[("5000人", "2")]["count"] == 5000
    assert counts[("25006人", "4")]["count"] == 25006 and counts[("16000人", "4")]["count"] == 16000
    assert {counts[(t, "5")]["count"] for t in ("19名", "79名", "500名")} == {19, 79, 500}
    assert counts[("3000余人次", "6")] == {"count": 3000, "count_max": None, "approx": True, "per_visit": True}


def test_seed_orgs_and_projects(seed_record):
    orgs = set(_spans(seed_record, "ORG"))
    for expected in [("市教育体育局", None), ("市中医药学校", "3"), ("团市委", "4"), ("省教育厅", "5"),
                     ("郑州旅游职业技术学院", "6"), ("兰兴集团", "6")]:
        assert expected in orgs
    projects = set(_spans(seed_record, "PROJECT"))
    for name in ("市技师学院设备购置工程", "XX县区职教中心新校区建设工程", "武陟职教中心新校区建设工程"):
        assert (name, "3") in projects


def test_seed_work_items(seed_record):
    items = seed_record["work_items"]
    assert [i["id"] for i in items if i["depth"] == 1] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [i["marker"] for i in items if i["depth"] == 1] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert [(i["id"], i["marker"], i["parent"]) for i in items if i["depth"] == 2] == [
        ("1.1", "一是", "1"), ("1.2", "二是", "1")]
    assert len(items) == 9


def test_seed_boilerplate(seed_record, seed_text):
    lines = [seed_text[b["start"]:b["end"]] for b in seed_record["boilerplate"]]
    assert lines[0] == "温馨提示:" and lines[5] == "网站客服:3074922707"
    assert lines[6:11] == ["2023", "教育局", "职成科", "述职", "小结"]
    assert lines[-1] == "第5页 共5页"
    assert "教育体育局职成科述职小结" not in lines
    assert len(lines) == 12


def test_seed_offsets_and_tokens(seed_record, seed_text):
    assert seed_record["text"] == seed_text
    assert "".join(t["text"] + (" " if t["ws"] else "") for t in seed_record["tokens"]) == seed_text
    for span in seed_record["spans"]:
        assert seed_text[span["start"]:span["end"]] == span["text"]
        tokens = seed_record["tokens"][span["token_start"]:span["token_end"] + 1]
        assert tokens[0]["start"] == span["start"] and tokens[-1]["end"] == span["end"]


def test_cli_annotates_seed_as_readable_utf8(tmp_path, seed_text):
    out = tmp_path / "out.jsonl"
    result = subprocess.run([sys.executable, "-m", "pipeline", "annotate", str(ROOT / "seeds" / "000_aa3260a085e08b5a.txt"),
                             "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    raw = out.read_text(encoding="utf-8")
    assert "市教育体育局" in raw and "\\u" not in raw
    (record,) = [json.loads(line) for line in raw.splitlines()]
    assert record["text"] == seed_text


def test_shipped_pipeline_is_the_output_of_the_committed_command():
    zhgov = model_meta(DEFAULT_MODEL)["zhgov"]
    assert zhgov["train"] == {"path": "corpus/train.jsonl", "sha256": file_hash(split_path("train")),
                              "documents": zhgov["train"]["documents"]}
    assert zhgov["dev"]["path"] == "corpus/dev.jsonl" and zhgov["dev"]["sha256"] == file_hash(split_path("dev"))
    assert zhgov["config"] == {"path": "configs/zhgov.cfg", "sha256": file_hash(DEFAULT_CONFIG)}
    configs = DEFAULT_CONFIG.parent
    assert zhgov["config_files"] == {
        key: {"path": f"configs/{name}", "sha256": file_hash(configs / name)}
        for key, name in (("pkuseg_user_dict", "user_dict.txt"), ("lexicon", "org_lexicon.jsonl"),
                          ("company_names", "company_names.jsonl"))
    }
    assert zhgov["overrides"] == {"system.seed": 0} and zhgov["seed"] == 0
