"""Reading documents from what users have: .txt files in any common Chinese
encoding, directories of them, JSONL with a "text" field, or stdin.

Every document comes back as an `InputDocument`; one that cannot be read
carries an error message instead of a text, so that a batch never stops on a
bad file. Documents are read lazily, one file (or one JSONL line) at a time.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Dict, Iterator, List, Optional, Sequence, Tuple, Union
import codecs
import hashlib
import io
import json
import re
import sys

from .errors import Errors

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# Encodings a Chinese government text arrives in once UTF-8 has failed; a
# detector chooses among those that decode without error.
FALLBACK_ENCODINGS = ("gb18030", "big5")
# Bytes of a file looked at to refuse binary formats and to choose the
# encoding of a JSONL file.
SAMPLE_BYTES = 1 << 16
# Byte-order marks and the codec that reads what follows them. UTF-32 LE
# before UTF-16 LE: its mark starts with the same two bytes.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX and ODT files are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (DOC/XLS)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
)


@dataclass
class InputDocument:
    """One document to annotate, or the reason it cannot be."""

    source: str
    doc_id: str
    text: Optional[str] = None
    line: Optional[int] = None
    meta: Dict = field(default_factory=dict)
    error: Optional[str] = None


def text_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def check_encoding(encoding: str) -> str:
    """Check that an encoding name is a codec Python knows.

    encoding (str): The name the user gave, e.g. "gbk".
    RETURNS (str): The name, unchanged.
    """
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ValueError(Errors.E400.format(encoding=encoding)) from None
    return encoding


def decode(data: bytes, source: str, encoding: Optional[str] = None) -> Tuple[str, str]:
    """Decode the bytes of a text file.

    data (bytes): The file's bytes.
    source (str): The file name, for messages.
    encoding (Optional[str]): Force this encoding instead of detecting one.
    RETURNS (Tuple[str, str]): The text (a byte-order mark removed, line ends
        untouched) and the encoding used: "utf-8", "utf-8-sig" (with a
        byte-order mark), "utf-16" or "utf-32" (with one), "gb18030",
        "big5", or the forced one.
    """
    if encoding is not None:
        check_encoding(encoding)
        text = _decode_strict(data, encoding, source)
        return (text[1:] if text.startswith("\ufeff") else text), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _decode_strict(data[len(bom):], name, source)
            return text, "utf-8-sig" if name == "utf-8" else name[:-3]
    refuse_binary(data[:SAMPLE_BYTES], source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = detect_encoding(data, final=True)
    if detected is None:
        raise ValueError(Errors.E404.format(source=source))
    return data.decode(detected), detected


def refuse_binary(head: bytes, source: str) -> None:
    """Refuse bytes that are a known binary format or hold NUL bytes.

    head (bytes): The first bytes of a file (all of it for a NUL check).
    source (str): The file name, for messages.
    """
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise ValueError(Errors.E402.format(source=source, what=what))
    nul = head.find(b"\x00")
    if nul < 0:
        return
    for parity, codec in ((1, "utf-16-le"), (0, "utf-16-be")):
        # In UTF-16 text most NUL bytes are the high bytes of ASCII characters
        # (a few are low bytes: 一 is U+4E00), and the text decodes to
        # printable characters. Runs of NULs in binary data fall on both sides.
        high, low = head[parity::2].count(0), head[1 - parity::2].count(0)
        if high > 2 * low and _looks_like_text(head[:len(head) // 2 * 2], codec):
            raise ValueError(Errors.E413.format(source=source, encoding=codec))
    raise ValueError(Errors.E403.format(source=source, offset=nul))


def _looks_like_text(data: bytes, encoding: str) -> bool:
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    printable = sum(1 for char in text if char.isprintable() or char in "\t\r\n\f")
    return printable >= 0.95 * len(text)


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ValueError(Errors.E401.format(source=source, encoding=encoding, offset=err.start)) from None


def _decodes(data: bytes, encoding: str, final: bool) -> bool:
    """Whether bytes decode without error; with final=False a character cut at
    the end of a sample is no error."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=final)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(data: bytes, final: bool = True) -> Optional[str]:
    """Choose GB18030 or Big5 for bytes that are not UTF-8: charset-normalizer
    decides among the candidates that decode without error.

    data (bytes): The bytes, or a sample from the start of a file.
    final (bool): Whether data is the whole file.
    RETURNS (Optional[str]): "gb18030", "big5", or None when neither decodes.
    """
    candidates = [name for name in FALLBACK_ENCODINGS if _decodes(data, name, final)]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    if best is None:
        return candidates[0]
    return "big5" if best.encoding.replace("_", "").startswith("big5") else "gb18030"


def _check_text(text: str, source: str, max_chars: Optional[int]) -> None:
    if not text.strip():
        raise ValueError(Errors.E405.format(source=source))
    if max_chars is not None and len(text) > max_chars:
        raise ValueError(Errors.E406.format(source=source, n_chars=len(text), max_chars=max_chars))


def expand_paths(inputs: Sequence[Union[str, Path]]) -> List[Tuple[str, Optional[Path]]]:
    """Expand input arguments into (kind, path) in input order: "text" and
    "jsonl" files, directories recursed over .txt in sorted order, "-" for stdin.

    inputs (Sequence[Union[str, Path]]): Paths as the user gave them.
    RETURNS (List[Tuple[str, Optional[Path]]]): The expanded inputs.
    """
    expanded: List[Tuple[str, Optional[Path]]] = []
    for item in inputs:
        if str(item) == "-":
            expanded.append(("stdin", None))
            continue
        path = Path(item)
        if not path.exists():
            raise FileNotFoundError(Errors.E407.format(path=path))
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
            expanded.extend(("text", p) for p in files)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            expanded.append(("jsonl", path))
        else:
            expanded.append(("text", path))
    return expanded


def read_inputs(
    inputs: Sequence[Union[str, Path]],
    *,
    encoding: Optional[str] = None,
    max_chars: Optional[int] = None,
) -> Iterator[InputDocument]:
    """Read documents lazily, in input order. Missing paths and an unknown
    encoding are usage errors, raised at the call; a document that cannot be
    read is yielded with its error.

    inputs (Sequence[Union[str, Path]]): Files, directories, or "-".
    encoding (Optional[str]): Force an encoding for text files, JSONL and stdin.
    max_chars (Optional[int]): Refuse documents longer than this.
    RETURNS (Iterator[InputDocument]): Each document, or its error.
    RAISES (FileNotFoundError): An input does not exist.
    RAISES (ValueError): The encoding is unknown.
    """
    if encoding is not None:
        check_encoding(encoding)
    return read_expanded(expand_paths(inputs), encoding=encoding, max_chars=max_chars)


def read_expanded(
    expanded: Sequence[Tuple[str, Optional[Path]]],
    *,
    encoding: Optional[str] = None,
    max_chars: Optional[int] = None,
) -> Iterator[InputDocument]:
    """Read the documents of inputs expanded by `expand_paths`, lazily.

    expanded (Sequence[Tuple[str, Optional[Path]]]): The expanded inputs.
    encoding (Optional[str]): Force an encoding (checked by the caller).
    max_chars (Optional[int]): Refuse documents longer than this.
    YIELDS (InputDocument): Each document, or its error.
    """
    for kind, path in expanded:
        if kind == "jsonl":
            yield from _read_jsonl(path, encoding, max_chars)
        else:
            yield _read_text(path, encoding, max_chars)


def _read_text(path: Optional[Path], encoding: Optional[str], max_chars: Optional[int]) -> InputDocument:
    source = "-" if path is None else str(path)
    doc_id = "stdin" if path is None else path.with_suffix("").as_posix()
    try:
        if path is None:
            data = sys.stdin.buffer.read()
        else:
            # No encoding takes more than 4 bytes a character: refuse a file
            # that cannot fit --max-chars before reading it.
            n_bytes = path.stat().st_size
            if max_chars is not None and n_bytes > 4 * max_chars + 4:
                raise ValueError(Errors.E414.format(source=source, n_bytes=n_bytes, max_chars=max_chars))
            data = path.read_bytes()
        text, used = decode(data, source, encoding)
        _check_text(text, source, max_chars)
    except ValueError as err:
        return InputDocument(source=source, doc_id=doc_id, error=str(err))
    except OSError as err:
        return InputDocument(source=source, doc_id=doc_id,
                             error=Errors.E415.format(source=source, reason=err.strerror or err))
    return InputDocument(source=source, doc_id=doc_id, text=text, meta={"source": source, "encoding": used})


def _jsonl_lines(file_: IO[bytes], source: str, encoding: Optional[str]) -> Iterator[Tuple[int, Optional[str], str]]:
    """Decode a JSONL file line by line: yields (line number, text or None
    when the line does not decode, encoding). UTF-8 is the rule for JSONL;
    the encoding of other files is chosen once, from a sample at the start.
    RAISES (ValueError): The file is binary.
    """
    head = file_.read(SAMPLE_BYTES)
    file_.seek(0)
    used = encoding
    if used is None:
        for bom, name in _BOMS:
            if head.startswith(bom):
                used = "utf-8-sig" if name == "utf-8" else name[:-3]  # utf-16: the codec reads the mark
                break
    if used is None:
        refuse_binary(head, source)
        # Where neither UTF-8 nor a legacy encoding reads the sample, UTF-8 it
        # is, and the lines that are not become errors of their own.
        if not _decodes(head, "utf-8", final=False):
            used = detect_encoding(head, final=False)
        used = used or "utf-8"
    if codecs.lookup(used).name.startswith(("utf-16", "utf-32")):
        # Two- and four-byte encodings cannot be split on the byte b"\n".
        reader = io.TextIOWrapper(file_, encoding=used, newline="\n")
        number = 0
        try:
            for number, line in enumerate(reader, start=1):
                yield number, line, used
        except UnicodeDecodeError:
            yield number + 1, None, used
        return
    for number, raw in enumerate(file_, start=1):
        try:
            line = raw.decode(used)
        except UnicodeDecodeError:
            yield number, None, used
            continue
        yield number, (line[1:] if number == 1 and line.startswith("\ufeff") else line), used


def _read_jsonl(path: Path, encoding: Optional[str], max_chars: Optional[int]) -> Iterator[InputDocument]:
    source = str(path)
    try:
        with path.open("rb") as file_:
            for number, line, used in _jsonl_lines(file_, source, encoding):
                if line is None:
                    yield InputDocument(source=source, doc_id=f"{path.stem}:{number}", line=number,
                                        error=Errors.E416.format(source=source, line=number, encoding=used))
                elif line.strip():
                    yield _jsonl_document(path, number, line, used, max_chars)
    except ValueError as err:
        yield InputDocument(source=source, doc_id=path.stem, error=str(err))
    except OSError as err:
        yield InputDocument(source=source, doc_id=path.stem,
                            error=Errors.E415.format(source=source, reason=err.strerror or err))


def _jsonl_document(path: Path, number: int, line: str, used: str, max_chars: Optional[int]) -> InputDocument:
    source = str(path)
    doc_id = f"{path.stem}:{number}"
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        return InputDocument(source=source, doc_id=doc_id, line=number,
                             error=Errors.E408.format(source=source, line=number, reason=err.msg))
    if _SURROGATE_ESCAPE.search(line):
        # JSON may spell half a UTF-16 pair (\ud800); such a record cannot be
        # written back as UTF-8.
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as err:
            escape = "\\u%04x" % ord(err.object[err.start])
            return InputDocument(source=source, doc_id=doc_id, line=number,
                                 error=Errors.E423.format(source=source, line=number, escape=escape))
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return InputDocument(source=source, doc_id=doc_id, line=number,
                             error=Errors.E409.format(source=source, line=number))
    text = record["text"]
    if record.get("id") is not None:
        doc_id = str(record["id"])
    try:
        _check_text(text, f"{source}: line {number}", max_chars)
    except ValueError as err:
        return InputDocument(source=source, doc_id=doc_id, line=number, error=str(err))
    meta = dict(record["meta"]) if isinstance(record.get("meta"), dict) else {}
    meta.update({"source": source, "line": number, "encoding": used})
    return InputDocument(source=source, doc_id=doc_id, text=text, line=number, meta=meta)
