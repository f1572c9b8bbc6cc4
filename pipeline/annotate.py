"""The annotate job: documents in, one record per good document out, in input
order, with every failure isolated to its own document.

Output safety. Records go to `.NAME.part` beside the output NAME, one whole
line at a time, flushed after each record, and the file is renamed over NAME
only when the batch is done. A run killed at any point (SIGKILL too) leaves
NAME absent or complete; the records already in the part file are kept, and
`--resume` reads their ids and texts back, drops a line cut short by the kill,
skips those documents and appends the rest, so that the result is the bytes an
uninterrupted run writes.

Long documents. A text longer than `chunk_chars` runs through the pipeline in
chunks, cut where the tokenizer and the rules see the same text either way:
after a line end, or inside a very long line at a word start that no number
mention or 《title》 crosses, after a sentence end or clause break if there is
one. What needs the whole text (boilerplate, work
items, number mentions and their context) is found on the whole text once and
handed to each chunk at its offset, and the record is streamed to a temporary
file chunk by chunk, so that memory stays bounded and the record equals the
one `doc_to_record` makes from the whole Doc.
"""
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union
import hashlib
import heapq
import itertools
import json
import os
import re
import shutil
import tempfile

from spacy.tokens import Doc

from .boilerplate import find_boilerplate
from .corpus import dumps
from .errors import Errors
from .io import InputDocument
from .linker import Mention
from .markers import build_work_items, deepest_item
from .numbers import BOILERPLATE_KEY as NUMBERS_BOILERPLATE_KEY, find_quantities, quantities_outside
from .record import doc_to_record
from .tokenizer import GovTokenizer, split_at, words_and_spaces
from .work_items import find_markers, marker_edges, split_tokens_at

# Documents longer than this many characters are annotated in chunks.
DEFAULT_CHUNK_CHARS = 20_000
# Readable lines of a part file are looked at this many bytes at a time.
_READ_BYTES = 1 << 20
# A chunk never ends within this many characters after a 《, so that no
# document title is cut (the linker drops entities inside titles).
_TITLE_REACH = 200
_SENTENCE_ENDS = "。！？；!?;"
_CLAUSE_BREAKS = "，、：,:"
_TOKENIZER_LINES = re.compile(r"[^\r\n]+")


@dataclass
class Outcome:
    """What happened to one document: its record, or its error. The record of
    a long document is not held in memory: `spool` holds its JSONL line."""

    document: InputDocument
    record: Optional[Dict] = None
    error: Optional[str] = None
    spool: Optional[IO[bytes]] = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def error_record(self) -> Dict:
        return {"source": self.document.source, "line": self.document.line, "error": self.error}

    def line_parts(self) -> Iterator[bytes]:
        """The record as one UTF-8 JSONL line, newline included, in pieces.

        YIELDS (bytes): The pieces, in order.
        """
        if self.spool is None:
            yield (dumps(self.record) + "\n").encode("utf-8")
            return
        try:
            self.spool.seek(0)
            for block in iter(lambda: self.spool.read(_READ_BYTES), b""):
                yield block
        finally:
            self.spool.close()


def record_key(doc_id: str, text: str) -> Tuple[str, str]:
    """What makes a document the same document for --resume: its id and a
    hash of its text.

    doc_id (str): The record id.
    text (str): The text.
    RETURNS (Tuple[str, str]): The id and the text's SHA-256.
    """
    return doc_id, hashlib.sha256(text.encode("utf-8")).hexdigest()


def annotate_documents(
    nlp,
    documents: Iterable[InputDocument],
    *,
    batch_size: int = 64,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> Iterator[Outcome]:
    """Annotate documents, in input order. Readable documents are processed in
    batches through nlp.pipe; if a batch fails, its documents are redone one by
    one so that only the failing document is lost. A document longer than
    chunk_chars is annotated alone, in chunks. The output does not depend on
    batch_size.

    nlp (Language): A zhgov pipeline.
    documents (Iterable[InputDocument]): The documents.
    batch_size (int): Most documents per batch.
    chunk_chars (int): Longest text annotated whole; also the most characters
        a batch holds.
    YIELDS (Outcome): One per document.
    """
    limit = min(chunk_chars, nlp.max_length)
    batch: List[InputDocument] = []
    n_chars = 0
    for document in documents:
        if document.error is None and len(document.text) > limit:
            yield from _annotate_batch(nlp, batch)
            batch, n_chars = [], 0
            yield annotate_long_document(nlp, document, chunk_chars=limit)
            continue
        batch.append(document)
        n_chars += len(document.text or "")
        if len(batch) >= batch_size or n_chars >= limit:
            yield from _annotate_batch(nlp, batch)
            batch, n_chars = [], 0
    yield from _annotate_batch(nlp, batch)


def _annotate_batch(nlp, batch: Sequence[InputDocument]) -> List[Outcome]:
    readable = [d for d in batch if d.error is None]
    records: Dict[int, Outcome] = {}
    try:
        docs = list(nlp.pipe(d.text for d in readable))
        for document, doc in zip(readable, docs):
            records[id(document)] = Outcome(document, record=doc_to_record(doc, document.doc_id, document.meta))
    except Exception:  # isolate the failing document below
        for document in readable:
            records[id(document)] = _annotate_one(nlp, document)
    return [records.get(id(d)) or Outcome(d, error=d.error) for d in batch]


def _annotate_one(nlp, document: InputDocument) -> Outcome:
    try:
        doc = nlp(document.text)
        return Outcome(document, record=doc_to_record(doc, document.doc_id, document.meta))
    except Exception as err:  # one broken document must not stop the batch
        return Outcome(document, error=_failure(document, err))


def _failure(document: InputDocument, err: Exception) -> str:
    return Errors.E412.format(source=document.source, reason=f"{type(err).__name__}: {err}")


def annotate_long_document(nlp, document: InputDocument, *, chunk_chars: int = DEFAULT_CHUNK_CHARS) -> Outcome:
    """Annotate one long document in chunks of about chunk_chars characters;
    the record is spooled to a temporary file.

    nlp (Language): A zhgov pipeline.
    document (InputDocument): A readable document.
    chunk_chars (int): Target length of a chunk.
    RETURNS (Outcome): The outcome, its record in `spool`.
    """
    spool = tempfile.TemporaryFile()
    try:
        _ChunkedDocument(nlp, document.text, chunk_chars).write_record(spool, document.doc_id, document.meta)
    except Exception as err:  # one broken document must not stop the batch
        spool.close()
        return Outcome(document, error=_failure(document, err))
    return Outcome(document, spool=spool)


class _ChunkedDocument:
    """A long text, annotated chunk by chunk. The rule-based components that
    read the whole text run on it once; the others run on the chunks."""

    def __init__(self, nlp, text: str, chunk_chars: int) -> None:
        """Run the whole-text rules on a text.

        nlp (Language): A zhgov pipeline.
        text (str): The text.
        chunk_chars (int): Target length of a chunk.
        """
        self.nlp = nlp
        self.text = text
        self.chunk_chars = max(1, chunk_chars)
        pipes = {nlp.get_pipe_meta(name).factory: (name, pipe) for name, pipe in nlp.pipeline}
        # Components run here on the whole text, and left out on the chunks.
        self.whole_text_pipes = [pipes[f][0] for f in ("zhgov_boilerplate", "zhgov_work_items", "zhgov_numbers")
                                 if f in pipes]
        self.boilerplate: Optional[List[Tuple[int, int]]] = None
        if "zhgov_boilerplate" in pipes:
            cfg = pipes["zhgov_boilerplate"][1].cfg
            self.boilerplate = find_boilerplate(
                text,
                tag_line_max_chars=cfg["tag_line_max_chars"],
                tag_line_min_run=cfg["tag_line_min_run"],
                metadata_max_chars=cfg["metadata_max_chars"],
            )
        self.work_items: Optional[List[Dict]] = None
        self.marker_edges: List[int] = []
        if "zhgov_work_items" in pipes:
            cfg = pipes["zhgov_work_items"][1].cfg
            markers = find_markers(
                text,
                self.boilerplate or [],
                glued_markers=cfg["glued_markers"],
                inline_markers=cfg["inline_markers"],
                page_counter_min_chars=cfg["page_counter_min_chars"],
                table_row_min_run=cfg["table_row_min_run"],
            )
            self.work_items = build_work_items(text, markers, self.boilerplate or [])
            # The work items component splits the tokens a marker's edge falls inside.
            self.marker_edges = marker_edges(markers)
        # The linker's rules that read the whole document run once more on it,
        # over the entities of all chunks (`write_record`).
        self.linker = pipes.get("zhgov_linker", (None, None))[1]
        self.numbers = pipes.get("zhgov_numbers", (None, None))[1]
        self.quantities: List = []
        if self.numbers is not None:
            self.quantities = self.numbers.finder(text, money=self.numbers.money,
                                                  person_count=self.numbers.person_count)
            # The numbers component reads the boilerplate from this span group.
            if "zhgov_boilerplate" in pipes and pipes["zhgov_boilerplate"][1].spans_key == NUMBERS_BOILERPLATE_KEY:
                self.quantities = quantities_outside(self.quantities, self.boilerplate)
        tokenizer = nlp.tokenizer
        self.gov_tokenizer = tokenizer if isinstance(tokenizer, GovTokenizer) else None
        # No chunk may end inside a mention: neither one the numbers component
        # tags nor one the tokenizer splits tokens at.
        self.protected = [[(q.start, q.end) for q in self.quantities]]
        self.token_cuts: List[int] = []
        if self.gov_tokenizer is not None and self.gov_tokenizer.split_quantities:
            self.protected.append([(q.start, q.end) for q in find_quantities(text)])
        if self.gov_tokenizer is not None:
            self.token_cuts = self.gov_tokenizer.forced_boundaries(text)
        # Word offsets of the tokenizer lines met so far: start -> (end, words).
        self._lines: Dict[int, Tuple[int, List[Tuple[int, int]]]] = {}

    # Where to cut

    def chunks(self) -> Iterator[Tuple[int, int]]:
        """The chunks' character ranges, in order; they tile the text."""
        text, size = self.text, self.chunk_chars
        start = 0
        while len(text) - start > size:
            target = start + size
            low = start + size // 2
            cut = self._line_cut(low, target)
            if cut is None:
                cut = self._inline_cut(low, target)
            if cut is None:
                cut = self._next_cut(target)
            if cut is None:
                break
            yield start, cut
            self._forget_lines_before(cut)
            start = cut
        yield start, len(text)

    def _line_cut(self, low: int, target: int) -> Optional[int]:
        """The last valid cut after a line end in (low, target]."""
        newline = self.text.rfind("\n", low, target)
        while newline >= low:
            if self._valid(newline + 1):
                return newline + 1
            newline = self.text.rfind("\n", low, newline)
        return None

    def _inline_cut(self, low: int, target: int) -> Optional[int]:
        """The last valid cut in (low, target], after a sentence end if any,
        else after a clause break: the statistical components see whole
        sentences, and no name is cut."""
        for breaks in (_SENTENCE_ENDS, _CLAUSE_BREAKS, None):
            for cut in range(target, low, -1):
                if (breaks is None or self.text[cut - 1] in breaks) and self._valid(cut):
                    return cut
        return None

    def _next_cut(self, target: int) -> Optional[int]:
        """The first valid cut after target."""
        for cut in range(target + 1, len(self.text)):
            if self._valid(cut):
                return cut
        return None

    def _valid(self, cut: int) -> bool:
        """Whether the chunks before and after `cut` see what the whole text
        sees: the same tokens, number mentions and titles."""
        text = self.text
        if not 0 < cut < len(text) or text[cut].isspace():
            return False
        for ranges in self.protected:
            # Sorted ranges that do not overlap: only the last one starting
            # before the cut can cross it.
            i = bisect_right(ranges, (cut, cut)) - 1
            if i >= 0 and ranges[i][0] < cut < ranges[i][1]:
                return False
        if text[cut - 1] == "\n":
            return True
        # Inside a line: a title (《…》, never across \n) must not cross the cut.
        title = text.rfind("《", max(0, cut - _TITLE_REACH), cut)
        if title >= 0 and text.find("\n", title, cut) < 0:
            return False
        if self.gov_tokenizer is None:
            return not text[cut - 1].isspace()
        line_start, _ = self._line_at(cut)
        if cut == line_start:
            return True
        words = self._words_of_line(line_start)
        i = bisect_left(words, (cut, cut))
        return i < len(words) and words[i][0] == cut

    # Tokens

    def _line_at(self, offset: int) -> Tuple[int, int]:
        """The tokenizer line (\r, \n and \r\n end one) holding an offset."""
        for start, (end, _) in self._lines.items():
            if start <= offset <= end:
                return start, end
        text = self.text
        start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
        match = _TOKENIZER_LINES.match(text, start)
        return start, match.end() if match else start

    def _words_of_line(self, line_start: int) -> List[Tuple[int, int]]:
        """The word offsets the tokenizer finds on the line at line_start."""
        if line_start not in self._lines:
            self._segment_lines_from(line_start)
        return self._lines[line_start][1]

    def _segment_lines_from(self, line_start: int) -> None:
        """Segment the line at line_start and those after it, about one
        chunk of text, in one batch: the segmenter is fast per batch, not per
        line. Lines are segmented independently, so the words are the same."""
        text = self.text
        first = _TOKENIZER_LINES.match(text, line_start)
        if first is None:
            self._lines[line_start] = (line_start, [])
            return
        lines = [first]
        for match in _TOKENIZER_LINES.finditer(text, first.end()):
            if match.start() - line_start >= self.chunk_chars:
                break
            lines.append(match)
        starts = [line.start() for line in lines]
        words: List[List[Tuple[int, int]]] = [[] for _ in lines]
        for start, end in self.gov_tokenizer.word_offsets(text[line_start:lines[-1].end()]):
            words[bisect_right(starts, start + line_start) - 1].append((start + line_start, end + line_start))
        for line, line_words in zip(lines, words):
            self._lines.setdefault(line.start(), (line.end(), line_words))

    def _forget_lines_before(self, offset: int) -> None:
        for line_start in [start for start, (end, _) in self._lines.items() if end <= offset]:
            del self._lines[line_start]

    def make_doc(self, start: int, end: int) -> Doc:
        """The Doc of one chunk, tokenized as in the whole text.

        start (int): Offset of the chunk in the text.
        end (int): Offset of its end.
        RETURNS (Doc): The chunk's Doc.
        """
        chunk = self.text[start:end]
        if self.gov_tokenizer is None:
            return self.nlp.tokenizer(chunk)
        if self.gov_tokenizer.pkuseg_seg is None:
            raise ValueError(Errors.E003)
        offsets: List[Tuple[int, int]] = []
        first_line, _ = self._line_at(start)
        for match in _TOKENIZER_LINES.finditer(self.text, first_line):
            if match.start() >= end:
                break
            offsets.extend((s - start, e - start) for s, e in self._words_of_line(match.start())
                           if s >= start and e <= end)
        if self.token_cuts:
            cuts = self.token_cuts[bisect_right(self.token_cuts, start):bisect_left(self.token_cuts, end)]
            offsets = split_at(offsets, [cut - start for cut in cuts])
        words, spaces = words_and_spaces(chunk, offsets)
        return Doc(self.nlp.vocab, words=words, spaces=spaces)

    def _chunk_docs(self) -> Iterator[Tuple[Doc, int]]:
        """Chunk Docs with the whole-text annotations at their offsets."""
        for start, end in self.chunks():
            doc = self.make_doc(start, end)
            edges = self.marker_edges[bisect_right(self.marker_edges, start):bisect_left(self.marker_edges, end)]
            split_tokens_at(doc, [edge - start for edge in edges])
            if self.boilerplate is not None:
                doc._.boilerplate = [(s - start, e - start) for s, e in self.boilerplate if e > start and s < end]
            if self.work_items is not None:
                # The items overlapping the chunk, shifted: with their ancestors
                # (which contain them) they are all the linker looks at.
                doc._.work_items = [dict(item, start=item["start"] - start, end=item["end"] - start)
                                    for item in self.work_items if item["end"] > start and item["start"] < end]
            if self.numbers is not None:
                inside = [q._replace(start=q.start - start, end=q.end - start)
                          for q in self.quantities if q.start >= start and q.end <= end]
                self.numbers.set_annotations(doc, inside)
            yield doc, start

    # The record

    def _document_spans(self, found: Sequence[Mention], token_starts: Sequence[int],
                        token_ends: Sequence[int]) -> List[Dict]:
        """The spans of the ORG mentions that the linker's rules reading the
        whole document add over the entities of all chunks (a short name
        declared in one chunk and used in another), as `doc_to_record` writes
        them.

        found (Sequence[Mention]): The entities of all chunks, in order.
        token_starts (Sequence[int]): Where each token starts, in order.
        token_ends (Sequence[int]): Where each token ends, in order.
        RETURNS (List[Dict]): The spans, in order.
        """
        if self.linker is None:
            return []

        def aligned(start: int, end: int) -> bool:
            return _position(token_starts, start) is not None and _position(token_ends, end) is not None

        blocked = self.linker.blocked_ranges(self.text, self.boilerplate)
        mentions = self.linker.document_mentions(self.text, found, blocked, aligned)
        items = self.work_items or []
        item_starts = [item["start"] for item in items]
        return [{"start": start, "end": end, "label": "ORG", "text": self.text[start:end],
                 "token_start": _position(token_starts, start), "token_end": _position(token_ends, end),
                 "work_item": deepest_item(items, start, item_starts), "value": None}
                for start, end in mentions]

    def write_record(self, out: IO[bytes], doc_id: str, meta: Optional[Dict]) -> None:
        """Write the document's record as one JSONL line, the bytes
        `dumps(doc_to_record(whole_doc, doc_id, meta))` gives.

        out (IO[bytes]): Where the line goes.
        doc_id (str): The record id.
        meta (Optional[Dict]): The record meta.
        """
        _ensure_doc_extensions()
        # The record of an empty Doc carrying the whole-text annotations gives
        # every field but the tokens and spans.
        skeleton = Doc(self.nlp.vocab, words=[])
        skeleton._.work_items = self.work_items
        skeleton._.boilerplate = self.boilerplate
        record = doc_to_record(skeleton, doc_id, meta)
        record["text"] = self.text
        keys = list(record)
        tokens_at, spans_at = keys.index("tokens"), keys.index("spans")
        if spans_at != tokens_at + 1:
            raise ValueError("doc_to_record must put the spans right after the tokens")
        head = ",".join(f"{dumps(key)}:{dumps(record[key])}" for key in keys[:tokens_at])
        out.write(("{" + head + "," + dumps("tokens") + ":[").encode("utf-8"))
        n_tokens = 0
        # Token edges and entities of all chunks, for the linker's whole-document rules.
        token_starts, token_ends = array("q"), array("q")
        found: List[Mention] = []
        with tempfile.TemporaryFile() as spans:
            docs = self.nlp.pipe(self._chunk_docs(), as_tuples=True, batch_size=1, disable=self.whole_text_pipes)
            for doc, start in docs:
                # Linked: the whole-text annotations are in the record already.
                doc._.work_items = doc._.boilerplate = None
                part = doc_to_record(doc, "", None)
                for token in part["tokens"]:
                    token["start"] += start
                    token["end"] += start
                    token["id"] += n_tokens
                    token_starts.append(token["start"])
                    token_ends.append(token["end"])
                for span in part["spans"]:
                    span.update(start=span["start"] + start, end=span["end"] + start,
                                token_start=span["token_start"] + n_tokens, token_end=span["token_end"] + n_tokens)
                    found.append(Mention(span["start"], span["end"], span["label"], span["text"]))
                    # One span per line, to be merged with the whole-document mentions.
                    spans.write((dumps(span) + "\n").encode("utf-8"))
                # A list dumps as "[" + its items joined by "," + "]".
                if part["tokens"]:
                    out.write((("," if n_tokens else "") + dumps(part["tokens"])[1:-1]).encode("utf-8"))
                n_tokens += len(doc)
            out.write(("]," + dumps("spans") + ":[").encode("utf-8"))
            spans.seek(0)
            chunk_spans = (line.decode("utf-8").rstrip("\n") for line in spans)
            document_spans = (dumps(span) for span in self._document_spans(found, token_starts, token_ends))
            merged = heapq.merge(chunk_spans, document_spans, key=lambda line: json.loads(line)["start"])
            for i, line in enumerate(merged):
                out.write((("," if i else "") + line).encode("utf-8"))
        tail = "".join(f",{dumps(key)}:{dumps(record[key])}" for key in keys[spans_at + 1:])
        out.write(("]" + tail + "}\n").encode("utf-8"))


def _position(offsets: Sequence[int], offset: int) -> Optional[int]:
    """The index of an offset in a sorted sequence of offsets, None if absent."""
    index = bisect_left(offsets, offset)
    return index if index < len(offsets) and offsets[index] == offset else None


def _ensure_doc_extensions() -> None:
    for attr in ("work_items", "boilerplate"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


class AtomicWriter:
    """Write JSONL records to `.NAME.part` beside the output NAME and rename
    it over NAME on commit. Lines are flushed whole after each record, so that
    a killed run leaves NAME untouched and the part file resumable.

    path (Union[str, Path]): The output file.
    resume (bool): Continue the records of an interrupted run: those in the
        part file, else those of a finished output.
    """

    def __init__(self, path: Union[str, Path], *, resume: bool = False) -> None:
        self.path = Path(path)
        self.part_path = self.path.with_name(f".{self.path.name}.part")
        # Keys (record_key) of the records already written, and how many.
        self.done: Counter = Counter()
        # Records found in the part file, and records written since.
        self.n_kept = 0
        self.n_written = 0
        try:
            if resume:
                if not self.part_path.exists() and self.path.exists():
                    shutil.copyfile(self.path, self.part_path)
                self.file = open(self.part_path, "a+b")
            else:
                try:
                    fd = os.open(self.part_path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
                except FileExistsError:
                    with open(self.part_path, "rb") as other:
                        _lock(other, self.part_path)
                    raise ValueError(Errors.E418.format(path=self.part_path)) from None
                self.file = os.fdopen(fd, "a+b")
        except OSError as err:
            raise ValueError(Errors.E411.format(path=self.path, reason=err.strerror or err)) from None
        try:
            _lock(self.file, self.part_path)
            if resume:
                self.done, self.n_kept, complete = _scan_records(self.file, self.part_path)
                self.file.truncate(complete)
                self.file.seek(complete)
        except ValueError:
            self.file.close()
            raise

    def write(self, data: Union[str, bytes]) -> None:
        """Write part of a record line."""
        self.file.write(data.encode("utf-8") if isinstance(data, str) else data)

    def flush(self) -> None:
        """Hand a finished record line to the system: call once per record."""
        self.file.flush()
        self.n_written += 1

    def commit(self) -> None:
        """Rename the finished part file over the output."""
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.part_path, self.path)

    def close(self) -> None:
        """Stop, keeping the part file for --resume."""
        if not self.file.closed:
            self.file.close()

    def abort(self) -> None:
        """Stop and remove the part file; the output is untouched."""
        self.close()
        if self.part_path.exists():
            self.part_path.unlink()


def _lock(file_: IO, path: Path) -> None:
    """Take an exclusive lock on an open file, so that two runs never write the
    same part file; the system drops it when the process ends, killed or not."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks
        return
    try:
        fcntl.flock(file_.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise ValueError(Errors.E419.format(path=path)) from None


def _scan_records(file_: IO[bytes], path: Path) -> Tuple[Counter, int, int]:
    """Read the keys of the records in a part file without loading its lines
    whole (a long document's line holds all its tokens).

    RETURNS (Tuple[Counter, int, int]): The keys, the number of records and
        the byte length of the complete lines; a last line without its
        newline was cut short by a kill and does not count.
    """
    file_.seek(0)
    keys: Counter = Counter()
    n_records = complete = 0
    decoder = json.JSONDecoder()
    for number in itertools.count(1):
        head = file_.readline(_READ_BYTES)
        if not head:
            break
        key = None
        while True:
            key = _record_head(head, decoder)
            if key is not None or head.endswith(b"\n"):
                break
            more = file_.readline(_READ_BYTES)
            if not more:
                break
            head += more
        line_end = head.endswith(b"\n")
        while not line_end:
            more = file_.readline(_READ_BYTES)
            if not more:
                break
            line_end = more.endswith(b"\n")
        if not line_end:
            break
        if key is None:
            # Not the key order doc_to_record writes: the whole line is in
            # head, read it as JSON.
            key = _record_key_of_line(head)
        if key is None:
            raise ValueError(Errors.E420.format(path=path, line=number))
        keys[key] += 1
        n_records += 1
        complete = file_.tell()
    return keys, n_records, complete


def _record_head(head: bytes, decoder: json.JSONDecoder) -> Optional[Tuple[str, str]]:
    """The record key from the start of a record line, or None while the id
    and text are not complete yet (or the line is no record)."""
    text = head.decode("utf-8", errors="replace")
    prefix = '{"id":'
    if not text.startswith(prefix):
        return None
    try:
        doc_id, end = decoder.raw_decode(text, len(prefix))
        if not text.startswith(',"text":', end):
            return None
        value, _ = decoder.raw_decode(text, end + len(',"text":'))
    except json.JSONDecodeError:
        return None
    if not isinstance(doc_id, str) or not isinstance(value, str):
        return None
    return record_key(doc_id, value)


def _record_key_of_line(line: bytes) -> Optional[Tuple[str, str]]:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if isinstance(record, dict) and isinstance(record.get("id"), str) and isinstance(record.get("text"), str):
        return record_key(record["id"], record["text"])
    return None


def check_output_path(output: Path, inputs: Sequence[Union[str, Path]]) -> None:
    """Refuse an output path that is one of the inputs or cannot be written.

    output (Path): The output file.
    inputs (Sequence[Union[str, Path]]): The input files (directories expanded).
    """
    target = output.resolve()
    for item in inputs:
        if item is not None and str(item) != "-" and Path(item).exists() and Path(item).resolve() == target:
            raise ValueError(Errors.E410.format(path=output))
    if output.is_dir():
        raise ValueError(Errors.E411.format(path=output, reason="it is a directory"))
    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir() or not os.access(directory, os.W_OK):
        raise ValueError(Errors.E411.format(path=output, reason="the directory does not exist or is not writable"))


def skip_done(documents: Iterable[InputDocument], done: Counter) -> Iterator[InputDocument]:
    """Leave out the documents whose records were written before (--resume).

    documents (Iterable[InputDocument]): The documents.
    done (Counter): The keys (record_key) of the records written, consumed.
    YIELDS (InputDocument): The documents still to annotate.
    """
    for document in documents:
        if document.error is None and done:
            key = record_key(document.doc_id, document.text)
            if done[key] > 0:
                done[key] -= 1
                continue
        yield document


def write_outcomes(
    outcomes: Iterable[Outcome],
    out: IO[bytes],
    on_error: Callable[[Outcome], None],
) -> Dict[str, int]:
    """Write records as JSONL lines, flushing after each, and hand errors on.

    outcomes (Iterable[Outcome]): The outcomes.
    out (IO[bytes]): Where the lines go: a binary file or an AtomicWriter.
    on_error (Callable[[Outcome], None]): Called for each failed document.
    RETURNS (Dict[str, int]): Counts of "written" and "failed" documents.
    """
    counts = {"written": 0, "failed": 0}
    for outcome in outcomes:
        if outcome.ok:
            for part in outcome.line_parts():
                out.write(part)
            out.flush()
            counts["written"] += 1
        else:
            on_error(outcome)
            counts["failed"] += 1
    return counts


def write_text_atomically(path: Path, text: str) -> None:
    """Write a small text file through a temporary file and a rename."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file_:
            file_.write(text)
        os.replace(tmp_name, path)
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise
