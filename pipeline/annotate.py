"""The annotate job: documents in, one record per good document out, in input
order, with every failure isolated to its own document.

Output goes to a temporary file beside the target and is renamed into place
at the end, so an interrupted run never leaves a half-written output file.
"""
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, IO, Iterable, Iterator, List, Optional, Sequence, Union
import os
import tempfile

from .corpus import dumps
from .errors import Errors
from .io import InputDocument
from .record import doc_to_record


@dataclass
class Outcome:
    """What happened to one document: its record, or its error."""

    document: InputDocument
    record: Optional[Dict] = None
    error: Optional[str] = None

    def error_record(self) -> Dict:
        return {"source": self.document.source, "line": self.document.line, "error": self.error}


def annotate_documents(nlp, documents: Iterable[InputDocument], *, batch_size: int = 64) -> Iterator[Outcome]:
    """Annotate documents, in input order. Readable documents are processed in
    batches through nlp.pipe; if a batch fails, its documents are redone one by
    one so that only the failing document is lost.

    nlp (Language): A zhgov pipeline.
    documents (Iterable[InputDocument]): The documents.
    batch_size (int): Documents per batch.
    YIELDS (Outcome): One per document.
    """
    batch: List[InputDocument] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from _annotate_batch(nlp, batch)
            batch = []
    if batch:
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
        reason = f"{type(err).__name__}: {err}"
        return Outcome(document, error=Errors.E412.format(source=document.source, reason=reason))


class AtomicWriter:
    """Write lines to a temporary file in the target's directory and rename it
    over the target on commit; on abort the target is untouched."""

    def __init__(self, path: Union[str, Path]) -> None:
        self.path = Path(path)
        directory = self.path.parent if str(self.path.parent) else Path(".")
        try:
            handle, tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=directory)
        except OSError as err:
            raise ValueError(Errors.E411.format(path=self.path, reason=err.strerror or err)) from None
        self.tmp_path = Path(tmp_name)
        self.file: IO[str] = os.fdopen(handle, "w", encoding="utf-8", newline="\n")

    def write(self, line: str) -> None:
        self.file.write(line)

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.tmp_path, self.path)

    def abort(self) -> None:
        if not self.file.closed:
            self.file.close()
        if self.tmp_path.exists():
            self.tmp_path.unlink()


def check_output_path(output: Path, inputs: Sequence[Union[str, Path]]) -> None:
    """Refuse an output path that is one of the inputs or cannot be written."""
    target = output.resolve()
    for item in inputs:
        if str(item) != "-" and Path(item).exists() and Path(item).resolve() == target:
            raise ValueError(Errors.E410.format(path=output))
    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir() or not os.access(directory, os.W_OK):
        raise ValueError(Errors.E411.format(path=output, reason="the directory does not exist or is not writable"))


def write_outcomes(
    outcomes: Iterable[Outcome],
    out: Callable[[str], None],
    on_error: Callable[[Outcome], None],
) -> Dict[str, int]:
    """Serialise records as JSONL lines and hand errors on.

    RETURNS (Dict[str, int]): Counts of "written" and "failed" documents.
    """
    counts = {"written": 0, "failed": 0}
    for outcome in outcomes:
        if outcome.record is not None:
            out(dumps(outcome.record) + "\n")
            counts["written"] += 1
        else:
            on_error(outcome)
            counts["failed"] += 1
    return counts
