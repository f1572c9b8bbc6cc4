"""Reading documents from what users have: .txt files in any common Chinese
encoding, directories of them, JSONL with a "text" field, or stdin.

Every document comes back as an `InputDocument`; one that cannot be read
carries an error message instead of a text, so that a batch never stops on a
bad file.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple, Union
import codecs
import hashlib
import json
import sys

from .errors import Errors

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# Encodings a Chinese government text arrives in, in the order they are tried
# once UTF-8 has failed.
FALLBACK_ENCODINGS = ("gb18030", "big5")
_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX and ODT files are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (DOC/XLS)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF file"),
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


def decode(data: bytes, source: str, encoding: Optional[str] = None) -> Tuple[str, str]:
    """Decode the bytes of a text file.

    data (bytes): The file's bytes.
    source (str): The file name, for messages.
    encoding (Optional[str]): Force this encoding instead of detecting one.
    RETURNS (Tuple[str, str]): The text (a byte-order mark removed, line ends
        untouched) and the encoding used.
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(Errors.E400.format(encoding=encoding)) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise ValueError(Errors.E401.format(source=source, encoding=encoding, offset=err.start)) from None
        return text.lstrip("\ufeff") if text.startswith("\ufeff") else text, encoding
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strict(data[len(codecs.BOM_UTF8):], "utf-8", source), "utf-8-sig"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode_strict(data[len(bom):], name, source), "utf-16"
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ValueError(Errors.E402.format(source=source, what=what))
    if b"\x00" in data:
        raise ValueError(Errors.E403.format(source=source, offset=data.index(b"\x00")))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _detect(data)
    if detected is None:
        raise ValueError(Errors.E404.format(source=source))
    return data.decode(detected), detected


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ValueError(Errors.E401.format(source=source, encoding=encoding, offset=err.start)) from None


def _detect(data: bytes) -> Optional[str]:
    """Pick GB18030 or Big5 for non-UTF-8 bytes: charset-normalizer chooses
    among the candidates that decode without error."""
    candidates = []
    for name in FALLBACK_ENCODINGS:
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append(name)
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
    """Read documents lazily, in input order.

    inputs (Sequence[Union[str, Path]]): Files, directories, or "-".
    encoding (Optional[str]): Force an encoding for text files and stdin.
    max_chars (Optional[int]): Refuse documents longer than this.
    YIELDS (InputDocument): Each document, or its error.
    """
    for kind, path in expand_paths(inputs):
        if kind == "jsonl":
            yield from _read_jsonl(path, encoding, max_chars)
            continue
        source = "-" if path is None else str(path)
        doc_id = "stdin" if path is None else path.with_suffix("").as_posix()
        try:
            data = sys.stdin.buffer.read() if path is None else path.read_bytes()
            text, used = decode(data, source, encoding)
            _check_text(text, source, max_chars)
        except (ValueError, OSError) as err:
            yield InputDocument(source=source, doc_id=doc_id, error=str(err))
            continue
        yield InputDocument(source=source, doc_id=doc_id, text=text, meta={"source": source, "encoding": used})


def _read_jsonl(path: Path, encoding: Optional[str], max_chars: Optional[int]) -> Iterator[InputDocument]:
    source = str(path)
    try:
        data = path.read_bytes()
        content, used = decode(data, source, encoding)
    except (ValueError, OSError) as err:
        yield InputDocument(source=source, doc_id=path.stem, error=str(err))
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        doc_id = f"{path.stem}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputDocument(source=source, doc_id=doc_id, line=number,
                                error=Errors.E408.format(source=source, line=number, reason=err.msg))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputDocument(source=source, doc_id=doc_id, line=number,
                                error=Errors.E409.format(source=source, line=number))
            continue
        text = record["text"]
        doc_id = str(record.get("id", doc_id))
        try:
            _check_text(text, f"{source}:{number}", max_chars)
        except ValueError as err:
            yield InputDocument(source=source, doc_id=doc_id, line=number, error=str(err))
            continue
        meta = dict(record.get("meta") or {}) if isinstance(record.get("meta"), dict) else {}
        meta.update({"source": source, "line": number, "encoding": used})
        yield InputDocument(source=source, doc_id=doc_id, text=text, line=number, meta=meta)
