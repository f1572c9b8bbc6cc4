"""Reading inputs: encodings, binary files, JSONL, limits (pipeline/io.py)."""
import codecs
import json
from pathlib import Path

import pytest

from fixtures import make_bad_inputs
from fixtures.make_bad_inputs import REPORT, REPORT_BIG5
from pipeline.io import decode, read_inputs

BAD = Path(__file__).parent / "fixtures" / "bad_inputs"


def read_one(path, **kwargs):
    [document] = list(read_inputs([path], **kwargs))
    return document


def test_fixtures_are_what_the_script_writes():
    written = make_bad_inputs.files()
    assert sorted(p.name for p in BAD.iterdir()) == sorted(written)
    for name, data in written.items():
        assert (BAD / name).read_bytes() == data, name


@pytest.mark.parametrize(
    "name,text,encoding",
    [
        ("report_utf8.txt", REPORT, "utf-8"),
        ("report_gbk.txt", REPORT, "gb18030"),
        ("report_utf16.txt", REPORT, "utf-16"),
        ("report_utf8_bom.txt", REPORT, "utf-8-sig"),
        ("report_big5.txt", REPORT_BIG5, "big5"),
        ("report_crlf.txt", REPORT.replace("\n", "\r\n"), "utf-8"),
    ],
)
def test_encodings_are_detected_and_recorded(name, text, encoding):
    document = read_one(BAD / name)
    assert document.error is None
    assert document.text == text  # no byte-order mark, line ends untouched
    assert document.meta == {"source": str(BAD / name), "encoding": encoding}
    assert document.doc_id == (BAD / name).with_suffix("").as_posix()


@pytest.mark.parametrize(
    "name,message",
    [
        ("empty.txt", "[E405] {path}: the document is empty."),
        ("scanned_report.txt", "[E402] {path}: this is a PDF file, not text. Convert it to plain text first "
                               "(e.g. pdftotext, or save as .txt)."),
        ("meeting_minutes.txt", "[E402] {path}: this is a ZIP archive (DOCX, XLSX and ODT files are ZIP archives), "
                                "not text. Convert it to plain text first (e.g. pdftotext, or save as .txt)."),
        # The NUL bytes follow the first 40 characters (120 bytes of UTF-8).
        ("nul_bytes.txt", "[E403] {path}: binary data (a NUL byte at offset 106); not a text file."),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(name, message):
    document = read_one(BAD / name)
    assert document.text is None
    assert document.error == message.format(path=BAD / name)


def test_nul_offset_is_the_byte_offset():
    data = (BAD / "nul_bytes.txt").read_bytes()
    assert data.index(b"\x00") == 106 == len(REPORT[:40].encode("utf-8"))


def test_white_space_only_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \r\n\u3000\n", encoding="utf-8")
    assert read_one(path).error == f"[E405] {path}: the document is empty."


def test_utf16_without_bom_is_named(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(REPORT.encode("utf-16-le"))
    assert read_one(path).error == (
        f"[E413] {path}: NUL bytes in the text: it looks like utf-16-le without a byte-order mark. "
        "Force it with --encoding utf-16-le."
    )
    forced = read_one(path, encoding="utf-16-le")
    assert forced.text == REPORT
    assert forced.meta["encoding"] == "utf-16-le"


def test_forced_encoding(tmp_path):
    gbk = read_one(BAD / "report_gbk.txt", encoding="gbk")
    assert (gbk.text, gbk.meta["encoding"]) == (REPORT, "gbk")
    wrong = read_one(BAD / "report_gbk.txt", encoding="utf-8")
    # 某县 is C4 B3 CF D8 in GBK: C4 B3 is valid UTF-8 (ĳ), D8 cannot follow CF.
    assert wrong.error == f"[E401] {BAD / 'report_gbk.txt'}: cannot decode as utf-8 (bad byte at offset 2)."


def test_undecodable_text(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Rapport financier: dépenses".encode("latin-1") + b"\x80\xff")
    assert read_one(path).error == (
        f"[E404] {path}: cannot decode the text: not UTF-8, UTF-16, GB18030 or Big5. Force one with --encoding."
    )


def test_usage_errors_are_raised_at_the_call(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"\[E407\] No such file or directory: .*missing.txt\."):
        read_inputs([tmp_path / "missing.txt"])
    with pytest.raises(ValueError, match=r"\[E400\] Unknown encoding 'gbx'\."):
        read_inputs([BAD / "report_utf8.txt"], encoding="gbx")


def test_directories_are_read_in_sorted_order_and_only_txt():
    documents = list(read_inputs([BAD]))
    assert [Path(d.source).name for d in documents] == sorted(p.name for p in BAD.glob("*.txt"))


def test_max_chars(tmp_path):
    document = read_one(BAD / "report_utf8.txt", max_chars=200)
    assert document.error == (
        f"[E406] {BAD / 'report_utf8.txt'}: the document has 237 characters, more than --max-chars 200."
    )
    assert read_one(BAD / "report_utf8.txt", max_chars=len(REPORT)).text == REPORT
    # A file that cannot fit is refused from its size, before it is read.
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    assert read_one(big, max_chars=100).error == (
        f"[E414] {big}: the file has 2000 bytes, more than --max-chars 100 characters can take."
    )


def test_jsonl_lines_are_documents_and_bad_lines_errors():
    path = BAD / "batch.jsonl"
    documents = list(read_inputs([path]))
    assert [(d.doc_id, d.line) for d in documents] == [
        ("bulletin-1", 1), ("batch:2", 2), ("batch:3", 3), ("bulletin-4", 4)
    ]
    good, invalid, no_text, last = documents
    assert good.text == "一、工作进展\n全年投入资金500万元，培训干部200名。"
    assert good.meta == {"year": 2023, "source": str(path), "line": 1, "encoding": "utf-8"}
    assert invalid.error == f"[E408] {path}: line 2: invalid JSON (Unterminated string starting at)."
    assert no_text.error == f"[E409] {path}: line 3: the record has no \"text\" string."
    assert last.error is None and last.text == "（一）组织专题培训，参训人员80余人。"


def test_jsonl_keeps_line_separators_inside_strings(tmp_path):
    path = tmp_path / "odd.jsonl"
    text = "第一段\u2028第二段\x85第三段\r\n第四段"
    path.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\r\n\n", encoding="utf-8")
    [document] = list(read_inputs([path]))
    assert document.text == text
    assert document.doc_id == "odd:1"


@pytest.mark.parametrize("encoding,recorded", [("gbk", "gb18030"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig")])
def test_jsonl_in_other_encodings(tmp_path, encoding, recorded):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": f"全年投入资金{i}00万元。"}, ensure_ascii=False) for i in range(1, 4)]
    path.write_bytes("\n".join(lines).encode(encoding))
    documents = list(read_inputs([path]))
    assert [(d.doc_id, d.text, d.meta["encoding"]) for d in documents] == [
        (f"r{i}", f"全年投入资金{i}00万元。", recorded) for i in range(1, 4)
    ]


def test_jsonl_line_that_does_not_decode_is_one_error(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "全年投入资金100万元。"}, ensure_ascii=False).encode("utf-8")
    bad = json.dumps({"text": "全年投入资金200万元。"}, ensure_ascii=False).encode("gbk")
    path.write_bytes(good + b"\n" + bad + b"\n" + good + b"\n")
    documents = list(read_inputs([path]))
    assert [d.error for d in documents] == [None, f"[E416] {path}: line 2: cannot decode as utf-8.", None]
    assert [d.line for d in documents] == [1, 2, 3]


def test_jsonl_that_is_binary(tmp_path):
    path = tmp_path / "report.jsonl"
    path.write_bytes((BAD / "scanned_report.txt").read_bytes())
    [document] = list(read_inputs([path]))
    assert document.error.startswith(f"[E402] {path}: this is a PDF file, not text.")


def test_reading_is_lazy(tmp_path):
    path = tmp_path / "late.txt"
    path.write_text("全年投入资金100万元。", encoding="utf-8")
    documents = read_inputs([path])
    path.write_text("全年投入资金200万元。", encoding="utf-8")
    assert next(documents).text == "全年投入资金200万元。"


def test_decode_strips_one_bom_only():
    assert decode(codecs.BOM_UTF8 + "\ufeff正文".encode("utf-8"), "x") == ("\ufeff正文", "utf-8-sig")


def test_jsonl_unpaired_surrogate_is_refused(tmp_path):
    path = tmp_path / "escaped.jsonl"
    path.write_text('{"text": "全年\\ud800投入"}\n{"text": "笑脸\\ud83d\\ude00"}\n', encoding="utf-8")
    bad, good = list(read_inputs([path]))
    assert bad.error == (
        f"[E423] {path}: line 1: the record holds an unpaired surrogate (\\ud800), which UTF-8 cannot write."
    )
    assert good.text == "笑脸\U0001F600"
