"""Annotating on several processes and on a Dask LocalCluster gives the bytes
one process writes, in input order; a rerun skips the shards already done."""
import dataclasses
import json
import os
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline.annotate import annotate_documents, write_outcomes
from pipeline.distributed import (
    annotate_documents_parallel,
    annotate_parallel,
    annotate_with_dask,
    plan_shards,
    read_shard,
)
from pipeline.io import expand_paths, read_inputs

RULE_COMPONENTS = ("zhgov_boilerplate", "zhgov_work_items", "zhgov_numbers", "zhgov_linker")

REPORTS = {
    "a_finance.txt": "一、财政收支\n全年完成投资3200万元，培训干部1500人次。\n二、民生保障\n发放补贴约50万元。\n",
    "b_education.txt": "（一）义务教育\n新建学校3所，招聘教师120名。\n（二）职业教育\n投入资金2亿元。\n",
    "c_health.txt": "来源：市卫生健康委\n1.基层医疗\n惠及群众5万人，下拨经费800万元。\n",
}
# Line 3 is not JSON: it fails alone, the lines around it are annotated.
JSONL_LINES = [
    {"id": "j1", "text": "一、就业\n新增就业6412人，发放贷款1.5亿元。"},
    {"text": "二是完成投资4500万元，接待游客12万人次。"},
    None,
    {"id": "j4", "text": "三、环保\n治理河道12公里，投入资金900万元。"},
    {"id": "j5", "text": "救助困难群众300余人，发放资金60万元。"},
    {"id": "j6", "text": "（一）文化\n举办活动20场，参与群众3000人。"},
]
# Input order: the .txt files of the directory (sorted), then the JSONL lines.
EXPECTED_IDS = ["reports/a_finance", "reports/b_education", "reports/c_health", "j1", "batch:2", "j4", "j5", "j6"]


@pytest.fixture(scope="module")
def rule_model(tmp_path_factory) -> Path:
    """A rule-only zhgov pipeline on disk: no trained model needed."""
    nlp = spacy.blank("zh")
    for factory in RULE_COMPONENTS:
        nlp.add_pipe(factory)
    path = tmp_path_factory.mktemp("model") / "rules"
    nlp.to_disk(path)
    return path


@pytest.fixture()
def inputs(tmp_path, monkeypatch):
    """A directory of reports and a JSONL batch, given as relative paths (as a
    user types them), so that ids and sources are the same in every run."""
    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "reports"
    reports.mkdir()
    for name, text in REPORTS.items():
        (reports / name).write_text(text, encoding="utf-8")
    lines = ["{not json" if record is None else json.dumps(record, ensure_ascii=False) for record in JSONL_LINES]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["reports", "batch.jsonl"]


def single_process(model: Path, inputs) -> bytes:
    """What `zhgov annotate INPUTS -o OUT` writes in one process."""
    import io

    import pipeline

    out = io.BytesIO()
    errors = []
    write_outcomes(annotate_documents(pipeline.load(model), read_inputs(inputs)), out, errors.append)
    return out.getvalue()


def record_ids(data: bytes):
    return [json.loads(line)["id"] for line in data.decode("utf-8").splitlines()]


def test_single_process_reference(rule_model, inputs):
    expected = single_process(rule_model, inputs)
    assert record_ids(expected) == EXPECTED_IDS
    first = json.loads(expected.decode("utf-8").splitlines()[0])
    assert [(s["text"], s["label"], s["work_item"]) for s in first["spans"]] == [
        ("3200万元", "MONEY", "1"), ("1500人次", "PERSON_COUNT", "1"), ("50万元", "MONEY", "2")]


def test_plan_shards_splits_jsonl_into_line_ranges(inputs):
    shards = plan_shards(expand_paths(inputs), shard_bytes=100)
    jsonl = [shard for shard in shards if shard["kind"] == "jsonl"]
    assert len(jsonl) > 1
    assert [shard["first_line"] for shard in jsonl][0] == 1
    assert all(a["end"] == b["start"] for a, b in zip(jsonl, jsonl[1:]))
    assert jsonl[-1]["end"] == Path("batch.jsonl").stat().st_size
    # Read shard by shard, the documents are those of the whole input.
    whole = [(d.doc_id, d.text, d.line, d.meta, d.error) for d in read_inputs(inputs)]
    sharded = [(d.doc_id, d.text, d.line, d.meta, d.error) for shard in shards for d in read_shard(shard)]
    assert sharded == whole


def test_n_process_2_same_bytes_in_input_order(rule_model, inputs, tmp_path):
    expected = single_process(rule_model, inputs)
    report = annotate_parallel(inputs, tmp_path / "out.jsonl", model=rule_model, n_process=2, batch_size=1,
                               chunk_chars=1000)
    assert (tmp_path / "out.jsonl").read_bytes() == expected
    assert report["written"] == 8 and report["failed"] == 1
    assert report["errors"][0]["line"] == 3 and report["errors"][0]["source"] == "batch.jsonl"
    outcomes = list(annotate_documents_parallel(read_inputs(inputs), model=rule_model, n_process=2, batch_size=2))
    assert [o.document.doc_id for o in outcomes] == EXPECTED_IDS[:5] + ["batch:3"] + EXPECTED_IDS[5:]
    assert [o.ok for o in outcomes].index(False) == 5


def test_n_process_leaves_the_collector_as_it_was(rule_model, inputs):
    """The heap is frozen only while the workers are forked: afterwards the
    caller's objects are collected again, and a caller's own freeze stays."""
    import gc

    gc.unfreeze()
    list(annotate_documents_parallel(read_inputs(inputs), model=rule_model, n_process=2, mp_context="fork"))
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        list(annotate_documents_parallel(read_inputs(inputs), model=rule_model, n_process=2, mp_context="fork"))
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 worker processes, one thread each, as "local:2"
    starts; shared by the runs of this module."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as local:
        yield local


@pytest.mark.parametrize("scheduler", ["", "local:0", "localhost", "tcp://127.0.0.1:1", 8786])
def test_bad_scheduler(rule_model, inputs, tmp_path, scheduler):
    with pytest.raises(ValueError, match="E704"):
        annotate_with_dask(inputs, tmp_path / "out.jsonl", rule_model, scheduler)


def test_stdin_cannot_be_sharded(rule_model, tmp_path):
    with pytest.raises(ValueError, match="E702"):
        annotate_with_dask(["-"], tmp_path / "out.jsonl", rule_model, "local:2")


@pytest.mark.slow
def test_dask_local_cluster_same_bytes_and_rerun_skips_done_shards(rule_model, inputs, tmp_path, cluster):
    expected = single_process(rule_model, inputs)
    output = tmp_path / "out.jsonl"
    report = annotate_with_dask(inputs, output, rule_model, cluster.scheduler_address, shard_bytes=100)
    assert output.read_bytes() == expected
    assert report["written"] == 8 and report["failed"] == 1 and report["skipped"] == 0
    assert report["errors"][0]["line"] == 3
    n_shards = report["shards"]
    assert n_shards >= 4
    shard_dir = Path(report["shard_dir"])
    shard_files = sorted(p for p in shard_dir.glob("shard-*.jsonl") if not p.name.endswith(".errors.jsonl"))
    assert len(shard_files) == n_shards
    # An interrupted run: one shard missing, a temporary file left, no output.
    output.unlink()
    shard_files[1].unlink()
    (shard_dir / ".shard-000001.jsonl.abc.tmp").write_bytes(b"{\"id\"")
    untouched = {p.name: p.stat().st_mtime_ns for p in shard_files if p != shard_files[1]}
    report = annotate_with_dask(inputs, output, rule_model, cluster.scheduler_address, shard_bytes=100)
    assert report["skipped"] == n_shards - 1
    assert output.read_bytes() == expected
    assert {p.name: p.stat().st_mtime_ns for p in shard_files if p != shard_files[1]} == untouched
    assert not list(shard_dir.glob(".*.tmp"))


@Language.component("zhgov_tests_crash")
def crash(doc):
    """Kills its process on a document that says so, as the kernel's OOM
    killer would."""
    if "CRASH" in doc.text:
        os._exit(1)
    return doc


def test_a_worker_that_dies_costs_only_its_document(rule_model, inputs, tmp_path):
    nlp = spacy.load(rule_model)
    nlp.add_pipe("zhgov_tests_crash", first=True)
    nlp.to_disk(tmp_path / "crashing")
    documents = list(read_inputs(inputs))
    documents[1] = dataclasses.replace(documents[1], text=documents[1].text + "CRASH")
    outcomes = list(annotate_documents_parallel(documents, model=tmp_path / "crashing", n_process=2, batch_size=2,
                                                mp_context="fork"))
    assert [o.document.doc_id for o in outcomes] == [d.doc_id for d in documents]
    assert [o.ok for o in outcomes] == [True, False, True, True, True, False, True, True, True]
    assert "E701" in outcomes[1].error and "E408" in outcomes[5].error
