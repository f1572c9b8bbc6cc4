"""scripts/benchmark_peers.py: the jieba + regex peer (b) writes valid records."""

import pytest

from pipeline.corpus import validate_record

pytest.importorskip("jieba")

TEXT = ("一、基础设施建设\n"
        "全年投入资金1.5亿元，实施县人民医院新区医院建设项目，培训干部3000余人次。\n"
        "（一）教育工作\n"
        "市教育局会同市财政局下达补助资金5929万元，资助学生1200名。\n")


@pytest.fixture(scope="module")
def benchmark_peers(load_script):
    return load_script("benchmark_peers")


@pytest.fixture(scope="module")
def record(benchmark_peers):
    return benchmark_peers.jieba_regex_record(TEXT, "peer-b", {"source": "test"})


def test_peer_b_record_is_valid(record):
    assert record["id"] == "peer-b" and record["text"] == TEXT
    assert validate_record(record) == []
    for span in record["spans"]:
        assert TEXT[span["start"]:span["end"]] == span["text"]


def test_peer_b_numbers_and_values(record):
    numbers = {(s["text"], s["label"]): s["value"] for s in record["spans"] if s["label"] in ("MONEY", "PERSON_COUNT")}
    assert numbers[("1.5亿元", "MONEY")] == {"amount": 150000000, "amount_max": None, "currency": "CNY", "approx": False}
    assert numbers[("5929万元", "MONEY")]["amount"] == 59290000
    assert numbers[("3000余人次", "PERSON_COUNT")] == {"count": 3000, "count_max": None, "approx": True,
                                                    "per_visit": True}
    assert numbers[("1200名", "PERSON_COUNT")]["count"] == 1200


def test_peer_b_projects_orgs_and_items(record):
    by_text = {s["text"]: s for s in record["spans"]}
    assert by_text["县人民医院新区医院建设项目"]["label"] == "PROJECT"
    assert by_text["市财政局"]["label"] == "ORG"
    assert [(i["id"], i["marker"], i["depth"], i["parent"]) for i in record["work_items"]] == [
        ("1", "一、", 1, None), ("1.1", "（一）", 2, "1")]
    assert by_text["1.5亿元"]["work_item"] == "1"
    assert by_text["1200名"]["work_item"] == "1.1"
