"""`zhgov annotate` on bad input and when interrupted: clear errors, the good
documents written, nothing lost (pipeline/annotate.py, pipeline/cli/annotate.py).

The pipelines are small ones built here (fixtures/pipelines.py): the rule
components behind character segmentation, or behind the zhgov tokenizer with
a stand-in for pkuseg.
"""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures.make_bad_inputs import REPORT
from fixtures.pipelines import StubSegmenter, char_pipeline, save, stub_pipeline
from fixtures.reports import long_report
from pipeline import annotate as annotate_module
from pipeline.annotate import annotate_documents
from pipeline.cli import app
from pipeline.io import InputDocument
from pipeline.record import doc_to_record

BAD = Path(__file__).parent / "fixtures" / "bad_inputs"
runner = CliRunner()


@pytest.fixture(scope="session")
def char_model(tmp_path_factory) -> Path:
    return save(char_pipeline(), tmp_path_factory.mktemp("models") / "char")


@pytest.fixture(scope="session")
def stub_model(tmp_path_factory) -> Path:
    return save(stub_pipeline(), tmp_path_factory.mktemp("models") / "stub")


def annotate(*args):
    return runner.invoke(app, ["annotate", *map(str, args)])


def records(path: Path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def part_of(output: Path) -> Path:
    return output.with_name(f".{output.name}.part")


def entities(record):
    return [(s["text"], s["label"], s["work_item"], s["value"]) for s in record["spans"]]


def money(amount, approx=False):
    return {"amount": amount, "amount_max": None, "currency": "CNY", "approx": approx}


def people(count, approx=False, per_visit=False):
    return {"count": count, "count_max": None, "approx": approx, "per_visit": per_visit}


# Worked out by hand from fixtures/make_bad_inputs.py REPORT.
REPORT_ENTITIES = [
    ("1200万元", "MONEY", "1.1", money(12000000)),
    ("3000人次", "PERSON_COUNT", "1.1", people(3000, per_visit=True)),
    ("850万元", "MONEY", "1.2", money(8500000)),
    ("1500余人", "PERSON_COUNT", "1.2", people(1500, approx=True)),
    ("42名", "PERSON_COUNT", "2.2", people(42)),
    ("2000万元", "MONEY", "3", money(20000000, approx=True)),
]
REPORT_ITEMS = ["1", "1.1", "1.2", "2", "2.1", "2.2", "3"]


def error_lines(names_and_messages):
    return [message.format(path=BAD / name) for name, message in names_and_messages]


BAD_FILE_ERRORS = [
    ("empty.txt", "[E405] {path}: the document is empty."),
    ("meeting_minutes.txt", "[E402] {path}: this is a ZIP archive (DOCX, XLSX and ODT files are ZIP archives), "
                            "not text. Convert it to plain text first (e.g. pdftotext, or save as .txt)."),
    ("nul_bytes.txt", "[E403] {path}: binary data (a NUL byte at offset 106); not a text file."),
    ("scanned_report.txt", "[E402] {path}: this is a PDF file, not text. Convert it to plain text first "
                           "(e.g. pdftotext, or save as .txt)."),
]
JSONL_ERRORS = [
    ("batch.jsonl", "[E408] {path}: line 2: invalid JSON (Unterminated string starting at)."),
    ("batch.jsonl", "[E409] {path}: line 3: the record has no \"text\" string."),
]


@pytest.fixture(scope="module")
def bad_batch(char_model, tmp_path_factory):
    """The fixture folder and its JSONL through the CLI, once."""
    out_dir = tmp_path_factory.mktemp("bad_batch")
    output, errors = out_dir / "out.jsonl", out_dir / "errors.jsonl"
    result = annotate(BAD, BAD / "batch.jsonl", "-m", char_model, "-o", output, "--errors", errors)
    return result, output, errors


def test_bad_inputs_are_named_and_the_good_ones_written(bad_batch):
    result, output, errors = bad_batch
    assert result.exit_code == 1
    expected = error_lines(BAD_FILE_ERRORS + JSONL_ERRORS)
    assert result.stderr.splitlines() == expected + ["8 documents annotated, 6 failed."]
    assert [r["id"] for r in records(output)] == [
        (BAD / name).as_posix() for name in
        ("report_big5", "report_crlf", "report_gbk", "report_utf16", "report_utf8", "report_utf8_bom")
    ] + ["bulletin-1", "bulletin-4"]
    assert records(errors) == [
        {"source": str(BAD / name), "line": {"[E408]": 2, "[E409]": 3}.get(message[:6]), "error": line}
        for (name, message), line in zip(BAD_FILE_ERRORS + JSONL_ERRORS, expected)
    ]
    assert not part_of(output).exists()


def test_records_of_the_bad_batch_are_right(bad_batch):
    _, output, _ = bad_batch
    by_name = {Path(r["meta"]["source"]).name: r for r in records(output)}
    utf8 = by_name["report_utf8.txt"]
    assert utf8["text"] == REPORT
    assert entities(utf8) == REPORT_ENTITIES
    assert [item["id"] for item in utf8["work_items"]] == REPORT_ITEMS
    assert [REPORT[b["start"]:b["end"]] for b in utf8["boilerplate"]] == ["第1页 共1页"]
    big5 = by_name["report_big5.txt"]
    assert entities(big5) == [("3500萬元", "MONEY", "1", money(35000000)), ("120名", "PERSON_COUNT", "1", people(120))]
    bulletin = next(r for r in records(output) if r["id"] == "bulletin-1")
    assert bulletin["meta"] == {"source": str(BAD / "batch.jsonl"), "year": 2023, "line": 1, "encoding": "utf-8"}
    assert entities(bulletin) == [("500万元", "MONEY", "1", money(5000000)), ("200名", "PERSON_COUNT", "1", people(200))]


@pytest.mark.parametrize("name,encoding", [
    ("report_gbk.txt", "gb18030"), ("report_utf16.txt", "utf-16"), ("report_utf8_bom.txt", "utf-8-sig"),
])
def test_other_encodings_give_the_record_of_the_utf8_twin(bad_batch, name, encoding):
    _, output, _ = bad_batch
    by_name = {Path(r["meta"]["source"]).name: r for r in records(output)}
    twin, record = by_name["report_utf8.txt"], by_name[name]
    assert record["meta"] == {"source": str(BAD / name), "encoding": encoding}
    assert twin["meta"]["encoding"] == "utf-8"
    strip = lambda r: {k: v for k, v in r.items() if k not in ("id", "meta")}  # noqa: E731
    assert strip(record) == strip(twin)


def test_crlf_offsets_count_both_characters(bad_batch):
    _, output, _ = bad_batch
    record = next(r for r in records(output) if r["meta"]["source"].endswith("report_crlf.txt"))
    text = record["text"]
    assert text == REPORT.replace("\n", "\r\n")
    for span, (span_text, *_rest) in zip(record["spans"], REPORT_ENTITIES):
        lf_start = REPORT.index(span_text)
        assert span["start"] == lf_start + REPORT[:lf_start].count("\n")
        assert text[span["start"]:span["end"]] == span_text
    assert entities(record) == REPORT_ENTITIES
    [boilerplate] = record["boilerplate"]
    assert text[boilerplate["start"]:boilerplate["end"]] == "第1页 共1页"
    assert all(text[t["start"]:t["end"]] == t["text"] for t in record["tokens"])
    assert "\r\n" in [t["text"] for t in record["tokens"]]


@pytest.mark.slow
def test_acceptance_batch_with_a_5mb_report(stub_model, tmp_path):
    text, expected = long_report(5_000_000)
    big = tmp_path / "big_report.txt"
    big.write_text(text, encoding="utf-8", newline="")
    assert big.stat().st_size >= 5_000_000
    output = tmp_path / "out.jsonl"
    inputs = [BAD / n for n in ("report_gbk.txt", "report_utf16.txt", "report_utf8_bom.txt", "empty.txt",
                                "scanned_report.txt", "batch.jsonl")] + [big]
    result = annotate(*inputs, "-m", stub_model, "-o", output)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == error_lines([BAD_FILE_ERRORS[0], BAD_FILE_ERRORS[3]] + JSONL_ERRORS) + [
        "6 documents annotated, 4 failed."
    ]
    written = records(output)
    assert [r["id"] for r in written] == [(BAD / n).as_posix() for n in (
        "report_gbk", "report_utf16", "report_utf8_bom")] + ["bulletin-1", "bulletin-4", big.with_suffix("").as_posix()]
    for record in written[:3]:
        assert entities(record) == REPORT_ENTITIES
    report = written[-1]
    assert report["text"] == text
    assert [{k: s[k] for k in ("text", "label", "work_item", "value")} for s in report["spans"]] == expected
    assert all(text[s["start"]:s["end"]] == s["text"] for s in report["spans"])
    assert _tiles(report)
    n_chapters = report["work_items"][-1]["id"].split(".")[0]
    assert len(report["work_items"]) == len(expected) // 2 + int(n_chapters)


def _tiles(record) -> bool:
    """Tokens cover the text in order, each where its text is."""
    end = 0
    for i, token in enumerate(record["tokens"]):
        if token["id"] != i or token["start"] != end or record["text"][token["start"]:token["end"]] != token["text"]:
            return False
        end = token["end"] + token["ws"]
    return end == len(record["text"])


def test_refuses_to_write_over_an_input(char_model, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = annotate(report, "-m", char_model, "-o", report)
    assert result.exit_code == 2
    assert result.stderr == f"zhgov annotate: [E410] Refusing to write the output over the input {report}.\n"
    assert report.read_text(encoding="utf-8") == REPORT
    assert not part_of(report).exists()
    # An output inside an input folder that is itself one of its .txt files.
    result = annotate(tmp_path, "-m", char_model, "-o", report)
    assert result.exit_code == 2


def test_usage_errors(char_model, tmp_path):
    report = BAD / "report_utf8.txt"
    cases = [
        ((tmp_path / "missing.txt", "-m", char_model), f"[E407] No such file or directory: {tmp_path / 'missing.txt'}."),
        ((report, "-m", char_model, "-o", tmp_path / "no" / "out.jsonl"),
         f"[E411] Cannot write the output to {tmp_path / 'no' / 'out.jsonl'}: "
         "the directory does not exist or is not writable."),
        ((report, "-m", char_model, "--resume"),
         "[E417] --resume needs --output: a run written to standard output cannot be resumed."),
        ((report, "-m", char_model, "--encoding", "gbx"),
         "[E400] Unknown encoding 'gbx'. Use a Python codec name such as utf-8, gb18030, big5 or utf-16."),
        ((report, "-m", char_model, "-o", tmp_path / "a.jsonl", "--errors", tmp_path / "a.jsonl"),
         f"[E422] Cannot write the --errors file {tmp_path / 'a.jsonl'}: it is also the output."),
        ((report, "-m", tmp_path / "nomodel", "-o", tmp_path / "b.jsonl"),
         f"[E001] No pipeline found at {tmp_path / 'nomodel'}. Train one with `zhgov train` or leave --model out "
         "to use the shipped default."),
    ]
    for args, message in cases:
        result = annotate(*args)
        assert (result.exit_code, result.stderr) == (2, f"zhgov annotate: {message}\n"), args
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_max_chars_refuses_longer_documents(char_model, tmp_path):
    output = tmp_path / "out.jsonl"
    result = annotate(BAD / "report_utf8.txt", BAD / "batch.jsonl", "-m", char_model, "-o", output,
                      "--max-chars", 200)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"[E406] {BAD / 'report_utf8.txt'}: the document has 237 characters, more than --max-chars 200."
    )
    assert [r["id"] for r in records(output)] == ["bulletin-1", "bulletin-4"]


def test_writes_to_stdout(char_model, bad_batch):
    _, output, _ = bad_batch
    result = annotate(BAD, BAD / "batch.jsonl", "-m", char_model)
    assert result.exit_code == 1
    assert result.stdout == output.read_text(encoding="utf-8")


# Interruption and --resume


def make_batch(folder: Path, n_docs: int, max_repeats: int) -> Path:
    folder.mkdir()
    for i in range(n_docs):
        text = REPORT.replace("1200万元", f"{1200 + i}万元").replace("42名", f"{i + 1}名")
        (folder / f"report_{i:04d}.txt").write_text(text * (1 + i % max_repeats), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory, char_model):
    """A folder of reports (some over 1,000 characters) and the bytes of an
    uninterrupted run over it."""
    folder = make_batch(tmp_path_factory.mktemp("batch") / "reports", 30, 7)
    reference = folder.parent / "reference.jsonl"
    result = annotate(folder, "-m", char_model, "-o", reference)
    assert result.exit_code == 0, result.stderr
    return folder, reference.read_bytes()


def test_kill_leaves_no_output_and_resume_finishes_it(char_model, tmp_path):
    folder = make_batch(tmp_path / "reports", 100, 3)
    reference_output = tmp_path / "reference.jsonl"
    assert annotate(folder, "-m", char_model, "-o", reference_output).exit_code == 0
    reference = reference_output.read_bytes()
    output = tmp_path / "out.jsonl"
    part = part_of(output)
    command = [sys.executable, "-c", "from pipeline.cli import app; app()", "annotate", str(folder),
               "-m", str(char_model), "-o", str(output), "--batch-size", "4"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if part.exists() and part.read_bytes().count(b"\n") >= 10:
            break
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Either no output file, or (had the run finished) the complete one.
    assert not output.exists() or output.read_bytes() == reference
    kept = part.read_bytes() if part.exists() else b""
    assert reference.startswith(kept[:kept.rfind(b"\n") + 1])
    n_kept = kept.count(b"\n")
    assert 0 < n_kept < reference.count(b"\n")

    result = annotate(folder, "-m", char_model, "-o", output, "--resume")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Resuming: {n_kept} records already in {part}.\n")
    assert output.read_bytes() == reference
    assert not part.exists()


def test_resume_drops_a_line_cut_short(batch, char_model, tmp_path):
    folder, reference = batch
    output = tmp_path / "out.jsonl"
    lines = reference.splitlines(keepends=True)
    part_of(output).write_bytes(b"".join(lines[:3]) + lines[3][:len(lines[3]) // 2])
    result = annotate(folder, "-m", char_model, "-o", output, "--resume")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Resuming: 3 records already in {part_of(output)}.", f"{len(lines) - 3} documents annotated, 0 failed."
    ]
    assert output.read_bytes() == reference


def test_resume_of_a_finished_run_changes_nothing(batch, char_model, tmp_path):
    folder, reference = batch
    output = tmp_path / "out.jsonl"
    output.write_bytes(reference)
    result = annotate(folder, "-m", char_model, "-o", output, "--resume")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "0 documents annotated, 0 failed."
    assert output.read_bytes() == reference


def test_interrupt_keeps_the_records_for_resume(batch, char_model, tmp_path, monkeypatch):
    folder, reference = batch
    output = tmp_path / "out.jsonl"

    def interrupted(*args, **kwargs):
        outcomes = annotate_documents(*args, **kwargs)
        for _ in range(5):
            yield next(outcomes)
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.cli.annotate.annotate_documents", interrupted)
    result = annotate(folder, "-m", char_model, "-o", output)
    assert result.exit_code == 130
    assert result.stderr == (f"zhgov annotate: [E421] Interrupted: 5 records kept in {part_of(output)}. "
                             "Run the same command with --resume to finish.\n")
    assert not output.exists()
    assert part_of(output).read_bytes() == b"".join(reference.splitlines(keepends=True)[:5])

    again = annotate(folder, "-m", char_model, "-o", output)
    assert again.exit_code == 2
    assert again.stderr == (f"zhgov annotate: [E418] {part_of(output)} holds the records of an interrupted run. "
                            "Continue it with --resume, or delete it to start over.\n")
    monkeypatch.undo()
    result = annotate(folder, "-m", char_model, "-o", output, "--resume")
    assert result.exit_code == 0
    assert output.read_bytes() == reference


def test_resume_refuses_a_file_it_did_not_write(char_model, tmp_path):
    output = tmp_path / "out.jsonl"
    part_of(output).write_text('{"text": "not ours"}\n', encoding="utf-8")
    result = annotate(BAD / "report_utf8.txt", "-m", char_model, "-o", output, "--resume")
    assert result.exit_code == 2
    assert result.stderr == (f"zhgov annotate: [E420] {part_of(output)}: line 1 is not a record written by zhgov "
                             "annotate; cannot resume from it. Delete the file to start over.\n")


# Determinism and long documents


def test_output_does_not_depend_on_batch_size_or_chunking(batch, stub_model, tmp_path):
    folder, _ = batch
    outputs = []
    for options in (["--batch-size", 1], ["--batch-size", 7], ["--batch-size", 64], ["--chunk-chars", 1000]):
        output = tmp_path / f"out{len(outputs)}.jsonl"
        result = annotate(folder, "-m", stub_model, "-o", output, *options)
        assert result.exit_code == 0
        outputs.append(output.read_bytes())
    assert outputs[1:] == outputs[:1] * 3


def _long_texts():
    text, _ = long_report(20_000, paragraph_sentences=8)
    no_newlines = text.replace("\n", "")
    return {
        "lines": text,
        "crlf": text.replace("\n", "\r\n"),
        "cr": text.replace("\n", "\r"),
        "one line": no_newlines,
        "boilerplate": "温馨提示:\n1. 本文档由用户上传\n网站客服:123\n" + text + "\n第5页 共5页\n",
        # The linker drops the 专项资金 inside the title, if it sees the title.
        "titles": text.replace("专项资金", "《市政府专项资金管理办法》专项资金"),
        "page breaks": text.replace("万元", "\n\n万元"),
        # A short name declared and a brand listed at the start, used again
        # chunks later: the linker's whole-document rules see all chunks.
        "document-wide names": "澄渊文旅集团有限公司（以下简称“澄渊文旅”）负责运营。支持北辰汽车、华翎新能源等企业扩产。\n"
                               + text + "\n澄渊文旅全年接待游客。北辰汽车新增就业。\n",
    }


@pytest.mark.parametrize("pipeline_kind", ["char", "stub"])
@pytest.mark.parametrize("name", list(_long_texts()))
def test_long_documents_give_the_record_of_the_whole(pipeline_kind, name):
    nlp = char_pipeline(ruler=True) if pipeline_kind == "char" else stub_pipeline(ruler=True)
    nlp.max_length = 10 ** 7
    text = _long_texts()[name]
    whole = doc_to_record(nlp(text), "doc", {"source": "x"})
    for chunk_chars in (300, 2_000):
        document = InputDocument(source="x", doc_id="doc", text=text, meta={"source": "x"})
        [outcome] = annotate_documents(nlp, [document], chunk_chars=chunk_chars)
        assert outcome.ok, outcome.error
        assert json.loads(b"".join(outcome.line_parts())) == whole, chunk_chars


@pytest.mark.parametrize("pipeline_kind", ["char", "stub"])
def test_chunks_are_not_cut_inside_titles_mentions_or_words(pipeline_kind):
    nlp = char_pipeline() if pipeline_kind == "char" else stub_pipeline()
    text = "各部门推进建设" * 30 + "《市政府专项资金管理办法》" + "投入资金3\n\n200万元" + "推进建设" * 30
    chunked = annotate_module._ChunkedDocument(nlp, text, chunk_chars=50)
    title = text.index("《")
    money = text.index("3\n\n200万元")
    inside = [*range(title + 1, text.index("》") + 1), *range(money + 1, money + len("3\n\n200万元"))]
    assert not any(chunked._valid(cut) for cut in inside)
    if pipeline_kind == "char":
        assert chunked._valid(money + len("3\n\n200万元"))
    else:  # only at word starts
        words = {start for start, _ in nlp.tokenizer.word_offsets(text)}
        assert all(cut in words for cut in range(1, title - 200) if chunked._valid(cut))
    starts = [start for start, _ in chunked.chunks()]
    assert starts[0] == 0 and not set(starts) & set(inside)


def test_one_megabyte_line_without_punctuation(monkeypatch):
    nlp = stub_pipeline()
    nlp.max_length = 10 ** 7
    words = ("政府", "工作", "报告", "推进", "建设", "资金", "培训", "干部", "农民", "项目")
    line = "".join(words[i * 7 % 10] + (f"{i % 997 + 1}万元" if i % 50 == 0 else "") for i in range(170_000))
    assert len(line.encode("utf-8")) >= 1_000_000
    chunks = []
    make_doc = annotate_module._ChunkedDocument.make_doc
    monkeypatch.setattr(annotate_module._ChunkedDocument, "make_doc",
                        lambda self, start, end: chunks.append(end - start) or make_doc(self, start, end))
    segmenter: StubSegmenter = nlp.tokenizer.pkuseg_seg
    [outcome] = annotate_documents(nlp, [InputDocument(source="x", doc_id="line", text=line)])
    assert outcome.ok, outcome.error
    record = json.loads(b"".join(outcome.line_parts()))
    assert max(segmenter.calls) <= 5000
    assert len(chunks) > 3 and max(chunks) <= 100_000
    assert len(record["spans"]) == 170_000 // 50
    assert all(line[s["start"]:s["end"]] == s["text"] for s in record["spans"])
    segmenter.calls.clear()
    assert record == doc_to_record(nlp(line), "line", None)
    assert max(segmenter.calls) <= 5000


def test_tokenizer_cuts_long_lines_after_sentence_ends():
    nlp = stub_pipeline()
    segmenter: StubSegmenter = nlp.tokenizer.pkuseg_seg
    sentence = "加强基础设施建设。"  # 9 characters
    line = sentence * 1500  # 13,500
    offsets = nlp.tokenizer.word_offsets(line)
    # Each piece ends after the last 。 of its 5,000 characters: 4,995 = 555 sentences.
    assert segmenter.calls == [4995, 4995, 3510]
    assert [line[s:e] for s, e in offsets] == [w for piece in (line[:4995], line[4995:9990], line[9990:])
                                              for w in StubSegmenter().cut(piece)]
    segmenter.calls.clear()
    nlp.tokenizer.word_offsets("无标点" * 4000)  # 12,000 characters, nowhere to cut
    assert segmenter.calls == [5000, 5000, 2000]


def test_interrupt_before_any_record_leaves_nothing(char_model, tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr("pipeline.cli.annotate.annotate_documents", interrupted)
    output = tmp_path / "out.jsonl"
    result = annotate(BAD / "report_utf8.txt", "-m", char_model, "-o", output)
    assert (result.exit_code, result.stderr) == (130, "")
    assert list(tmp_path.iterdir()) == []


def test_resume_keeps_records_of_documents_no_longer_given(batch, char_model, tmp_path):
    _, reference = batch
    output = tmp_path / "out.jsonl"
    part_of(output).write_bytes(reference)
    result = annotate(BAD / "report_utf8.txt", "-m", char_model, "-o", output, "--resume")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1] == (f"[E424] 30 records in {part_of(output)} match no input document "
                                             "(changed or removed since); they stay in the output.")
    written = output.read_bytes()
    assert written.startswith(reference) and written.count(b"\n") == 31
