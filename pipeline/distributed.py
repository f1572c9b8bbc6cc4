"""Annotate on several processes, or on a Dask cluster, with the output of one
process: the same records, the same bytes, in input order.

`annotate_documents_parallel` is `annotate.annotate_documents` on a pool of
worker processes (each loads the pipeline once); `annotate_parallel` runs it
from input paths to an output file. `annotate_with_dask` splits the inputs
into shards (groups of .txt files, line ranges of JSONL files), annotates each
shard on a Dask worker into a shard file of its own (written atomically, so a
shard file is complete or absent), skips the shards a previous run completed,
and then writes the merged output in input order. Every shard runs the
single-machine code (`io.read_expanded`, `annotate.annotate_documents`,
`annotate.write_outcomes`), so a document that fails fails alone, as it does
in one process.

    from pipeline.distributed import annotate_with_dask
    annotate_with_dask(["reports/"], "reports.jsonl", scheduler="tcp://10.0.0.5:8786")
    annotate_with_dask(["reports/"], "reports.jsonl", scheduler="local:4")

On a real cluster, the workers need zhgov installed, the model directory and
the inputs at the same paths, and the shard directory (beside the output) on a
file system they share with the client.
"""
from collections import deque
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union
import codecs
import gc
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import threading

from .annotate import DEFAULT_CHUNK_CHARS, Outcome, annotate_documents, write_outcomes
from .corpus import dumps
from .cpu import limit_blas_threads
from .errors import Errors
from .io import InputDocument, _jsonl_document, _jsonl_lines, expand_paths, read_expanded, read_inputs

# Input bytes per Dask shard: a shard is the unit of work, of retry and of
# skipping on a rerun (a minute or so of one worker on typical reports).
DEFAULT_SHARD_BYTES = 4_000_000
# Tasks in flight per process of the local pool: enough to keep every worker
# busy, few enough that memory does not grow with the input.
_TASKS_PER_PROCESS = 2
_SHARD_FILE = re.compile(r"shard-\d{6}-[0-9a-f]{16}(?:\.errors)?\.jsonl")
_COPY_BYTES = 1 << 20

# Pipelines loaded in this process, by model path ("" for the shipped one):
# a worker loads each pipeline once, whatever the number of tasks it runs.
_PIPELINES: Dict[str, Any] = {}


def _model_key(model: Optional[Union[str, Path]]) -> str:
    return "" if model is None else str(Path(model).resolve())


def get_pipeline(model: Optional[Union[str, Path]] = None):
    """The pipeline at a model path, loaded once per process.

    model (Optional[Union[str, Path]]): A pipeline directory; the shipped
        default when None.
    RETURNS (Language): The pipeline.
    """
    import pipeline

    key = _model_key(model)
    if key not in _PIPELINES:
        _PIPELINES[key] = pipeline.load(key or None)
    return _PIPELINES[key]


def _check_model(model: Optional[Union[str, Path]]) -> None:
    """Refuse a model path without a pipeline before starting any worker."""
    import pipeline

    path = Path(model) if model is not None else pipeline.DEFAULT_MODEL
    if not (path / "config.cfg").exists():
        raise ValueError((Errors.E001 if model is not None else Errors.E002).format(path=path))


# One machine: a pool of processes


def annotate_documents_parallel(
    documents: Iterable[InputDocument],
    *,
    model: Optional[Union[str, Path]] = None,
    n_process: int = 2,
    batch_size: int = 64,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    mp_context: Optional[str] = None,
) -> Iterator[Outcome]:
    """Annotate documents on n_process worker processes: the outcomes of
    `annotate_documents`, in input order, with the same record bytes. Batches
    go to the workers as they free up; only a few are in flight at a time, so
    that memory does not grow with the input. A worker process that dies
    (killed, out of memory) costs only the document that killed it.

    documents (Iterable[InputDocument]): The documents.
    model (Optional[Union[str, Path]]): A pipeline directory; the shipped
        default when None. Each worker loads it once.
    n_process (int): Worker processes; 1 annotates in this process.
    batch_size (int): Most documents per batch.
    chunk_chars (int): As for `annotate_documents`.
    mp_context (Optional[str]): multiprocessing start method ("fork",
        "spawn", "forkserver"); the platform's default when None. With
        "fork", a pipeline loaded here by `get_pipeline` is shared, not
        loaded again.
    YIELDS (Outcome): One per document; a record comes as its JSONL line.
    """
    if n_process < 1:
        raise ValueError(Errors.E700.format(n_process=n_process))
    if n_process == 1:
        yield from annotate_documents(get_pipeline(model), documents, batch_size=batch_size,
                                      chunk_chars=chunk_chars)
        return
    _check_model(model)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(mp_context)
    key = _model_key(model)
    options = {"batch_size": batch_size, "chunk_chars": chunk_chars}

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker, initargs=(key,))

    with tempfile.TemporaryDirectory(prefix="zhgov-parallel-") as spool_dir, _frozen_heap():
        pool = new_pool()
        pending: Deque[Tuple[List[InputDocument], Any]] = deque()
        try:
            batches = _batches(documents, batch_size, chunk_chars)
            exhausted = False
            while pending or not exhausted:
                while not exhausted and len(pending) < _TASKS_PER_PROCESS * n_process:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    pending.append((batch, pool.submit(_annotate_task, key, batch, options, spool_dir)))
                if not pending:
                    break
                batch, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    # A worker died: every task in flight is lost. Redo this
                    # batch one document at a time, then the others.
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    results = []
                    for document in batch:
                        try:
                            results.extend(pool.submit(_annotate_task, key, [document], options, spool_dir).result())
                        except BrokenProcessPool:
                            pool.shutdown(wait=False, cancel_futures=True)
                            pool = new_pool()
                            results.append((Errors.E701.format(source=document.source), None, None))
                    pending = deque((other, pool.submit(_annotate_task, key, other, options, spool_dir))
                                    for other, _ in pending)
                for document, result in zip(batch, results):
                    yield _outcome(document, result)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Move the objects alive now (the loaded pipeline among them) out of the
    collector's reach while worker processes are forked: a collection in a
    worker then does not write to their headers, which would copy the pages
    they share with this process. A caller's own freeze is left as it is."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _start_worker(model_key: str) -> None:
    """Set up a worker process: one BLAS thread (the processes share the
    cores), and the pipeline loaded (or inherited from a forked parent)."""
    limit_blas_threads(1)
    get_pipeline(model_key or None)


def _batches(documents: Iterable[InputDocument], batch_size: int, chunk_chars: int) -> Iterator[List[InputDocument]]:
    """Group documents into tasks of at most batch_size documents and about
    chunk_chars characters; a longer document is a task of its own."""
    batch: List[InputDocument] = []
    n_chars = 0
    for document in documents:
        size = len(document.text or "")
        if batch and (len(batch) >= batch_size or n_chars + size > chunk_chars):
            yield batch
            batch, n_chars = [], 0
        batch.append(document)
        n_chars += size
    if batch:
        yield batch


def _annotate_task(key: str, batch: Sequence[InputDocument], options: Dict,
                   spool_dir: str) -> List[Tuple[Optional[str], Optional[bytes], Optional[str]]]:
    """Annotate a batch in a worker process. RETURNS, per document: its
    error, or its JSONL line, or the path of a file holding a long line."""
    nlp = get_pipeline(key or None)
    results = []
    for outcome in annotate_documents(nlp, batch, **options):
        if not outcome.ok:
            results.append((outcome.error, None, None))
        elif outcome.spool is None:
            results.append((None, b"".join(outcome.line_parts()), None))
        else:
            fd, path = tempfile.mkstemp(dir=spool_dir, suffix=".jsonl")
            with os.fdopen(fd, "wb") as file_:
                for part in outcome.line_parts():
                    file_.write(part)
            results.append((None, None, path))
    return results


def _outcome(document: InputDocument, result: Tuple[Optional[str], Optional[bytes], Optional[str]]) -> Outcome:
    error, line, path = result
    if error is not None:
        return Outcome(document, error=error)
    if path is None:
        return Outcome(document, spool=io.BytesIO(line))
    spool = open(path, "rb")
    os.unlink(path)  # the open file stays readable until closed
    return Outcome(document, spool=spool)


def annotate_parallel(
    inputs: Sequence[Union[str, Path]],
    output: Union[str, Path],
    *,
    model: Optional[Union[str, Path]] = None,
    n_process: int = 2,
    encoding: Optional[str] = None,
    max_chars: Optional[int] = None,
    batch_size: int = 64,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> Dict[str, Any]:
    """Annotate input paths on n_process processes into one JSONL file, the
    bytes one process writes. The file is written to a temporary file beside
    it and renamed at the end.

    inputs (Sequence[Union[str, Path]]): Files, directories or "-".
    output (Union[str, Path]): The output JSONL file.
    model (Optional[Union[str, Path]]): A pipeline directory.
    n_process (int): Worker processes.
    encoding (Optional[str]): Force an input encoding.
    max_chars (Optional[int]): Refuse longer documents.
    batch_size (int): Most documents per batch.
    chunk_chars (int): As for `annotate_documents`.
    RETURNS (Dict[str, Any]): "written" and "failed" counts, and "errors":
        the error records ({source, line, error}) in input order.
    """
    documents = read_inputs(inputs, encoding=encoding, max_chars=max_chars)
    outcomes = annotate_documents_parallel(documents, model=model, n_process=n_process, batch_size=batch_size,
                                           chunk_chars=chunk_chars)
    errors: List[Dict] = []
    with _atomic_file(Path(output)) as out:
        counts = write_outcomes(outcomes, out, lambda outcome: errors.append(outcome.error_record()))
    return {**counts, "errors": errors}


# A cluster: shards on Dask


def annotate_with_dask(
    inputs: Sequence[Union[str, Path]],
    output: Union[str, Path],
    model: Optional[Union[str, Path]] = None,
    scheduler: Any = "local:2",
    *,
    encoding: Optional[str] = None,
    max_chars: Optional[int] = None,
    batch_size: int = 64,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    keep_shards: bool = True,
    progress: Optional[Callable[[int, int], None]] = None,
) -> Dict[str, Any]:
    """Annotate input paths on a Dask cluster into one JSONL file, the bytes
    `zhgov annotate` writes in one process.

    The inputs are split into shards of about shard_bytes: runs of .txt files
    and line ranges of JSONL files. Each shard is annotated on a worker into
    `.OUTPUT.shards/shard-NNNNNN-HASH.jsonl` beside the output (with its
    failures in a `.errors.jsonl` file), written to a temporary file and
    renamed; the HASH names the shard's inputs (paths, sizes, modification
    times, byte ranges) and options, so a rerun skips the shards already
    complete and redoes those whose inputs changed. The merged output is
    written last, atomically. Each worker loads the pipeline once.

    inputs (Sequence[Union[str, Path]]): Files and directories (not stdin),
        at paths the workers can read.
    output (Union[str, Path]): The output JSONL file; the shard directory
        goes beside it, on a file system the workers share.
    model (Optional[Union[str, Path]]): A pipeline directory the workers can
        read; the shipped default when None.
    scheduler (Union[str, distributed.Client]): A scheduler address
        ("tcp://host:8786"), "local:N" for a LocalCluster of N worker
        processes on this machine, or a connected Client.
    encoding (Optional[str]): Force an input encoding.
    max_chars (Optional[int]): Refuse longer documents.
    batch_size (int): Most documents per nlp.pipe batch.
    chunk_chars (int): As for `annotate_documents`.
    shard_bytes (int): Input bytes per shard.
    keep_shards (bool): Keep the shard directory after the merge (a rerun
        then only merges again); False removes it.
    progress (Optional[Callable[[int, int], None]]): Called with (shards
        done, shards in all) as shards complete.
    RETURNS (Dict[str, Any]): "written" and "failed" document counts,
        "errors" (the error records {source, line, error} in input order),
        "shards" (in all), "skipped" (complete from an earlier run) and
        "shard_dir".
    RAISES (ValueError): Stdin as input, a bad scheduler or model, or
        shards that failed on the cluster (the others are kept for a rerun).
    """
    from distributed import Client, as_completed

    if any(str(item) == "-" for item in inputs):
        raise ValueError(Errors.E702)
    if shard_bytes < 1:
        raise ValueError(Errors.E705.format(shard_bytes=shard_bytes))
    _check_model(model)
    output = Path(output)
    shard_dir = output.with_name(f".{output.name}.shards")
    shard_dir.mkdir(parents=True, exist_ok=True)
    key = _model_key(model)
    options = {"encoding": encoding, "max_chars": max_chars, "batch_size": batch_size, "chunk_chars": chunk_chars}
    shards = plan_shards(expand_paths(inputs), shard_bytes, encoding=encoding)
    names = [_shard_name(i, shard, key, options) for i, shard in enumerate(shards)]
    _clean_shard_dir(shard_dir, set(names))
    todo = [(shard, name) for shard, name in zip(shards, names) if not (shard_dir / name).exists()]
    skipped = len(shards) - len(todo)
    if progress is not None:
        progress(skipped, len(shards))
    if todo:
        client, cluster = _connect(scheduler)
        try:
            _register_loader(client, key)
            futures = {client.submit(annotate_shard, shard, str((shard_dir / name).resolve()), key, options,
                                     pure=False,
                                     key=f"zhgov-shard-{name[:-len('.jsonl')]}"): name
                       for shard, name in todo}
            failed: List[str] = []
            done = skipped
            for future in as_completed(futures):
                if future.status == "error":
                    failed.append(f"{futures[future]}: {type(future.exception()).__name__}: {future.exception()}")
                else:
                    done += 1
                    if progress is not None:
                        progress(done, len(shards))
            if failed:
                raise ValueError(Errors.E703.format(n_failed=len(failed), n_shards=len(shards), path=shard_dir,
                                                    first=failed[0]))
        finally:
            if cluster is not None:
                client.close()
                cluster.close()
            elif not isinstance(scheduler, Client):
                client.close()
    report = merge_shards([shard_dir / name for name in names], output)
    report.update(shards=len(shards), skipped=skipped, shard_dir=str(shard_dir))
    if not keep_shards:
        shutil.rmtree(shard_dir, ignore_errors=True)
    return report


def plan_shards(
    expanded: Sequence[Tuple[str, Optional[Path]]],
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    *,
    encoding: Optional[str] = None,
) -> List[Dict]:
    """Split expanded inputs into shards of about shard_bytes input bytes.

    expanded (Sequence[Tuple[str, Optional[Path]]]): `io.expand_paths` output.
    shard_bytes (int): Target input bytes per shard.
    encoding (Optional[str]): The forced input encoding, if any.
    RETURNS (List[Dict]): Shards in input order: {"kind": "text", "files":
        [[path, size, mtime_ns], …]} or {"kind": "jsonl", "file": [path, size,
        mtime_ns], "start": byte, "end": byte, "first_line": n,
        "encoding": codec or None (the whole file)}.
    """
    shards: List[Dict] = []
    files: List[List] = []
    size = 0
    cwd = os.getcwd()
    for kind, path in expanded:
        if kind == "stdin" or path is None:
            raise ValueError(Errors.E702)
        stat = path.stat()
        entry = [str(path), stat.st_size, stat.st_mtime_ns]
        if kind == "text":
            if files and size + stat.st_size > shard_bytes:
                shards.append({"kind": "text", "files": files})
                files, size = [], 0
            files.append(entry)
            size += stat.st_size
            continue
        if files:
            shards.append({"kind": "text", "files": files})
            files, size = [], 0
        shards.extend({"kind": "jsonl", "file": entry, **part}
                      for part in _jsonl_ranges(path, stat.st_size, shard_bytes, encoding))
    if files:
        shards.append({"kind": "text", "files": files})
    for shard in shards:
        # Relative paths are read from the client's working directory, so
        # that ids and sources are those of the single-machine run.
        paths = [entry[0] for entry in shard["files"]] if shard["kind"] == "text" else [shard["file"][0]]
        shard["cwd"] = None if all(os.path.isabs(path) for path in paths) else cwd
    return shards


def _jsonl_ranges(path: Path, n_bytes: int, shard_bytes: int, encoding: Optional[str]) -> Iterator[Dict]:
    """Byte ranges of whole lines of a JSONL file, about shard_bytes each.
    A file whose lines cannot be split on b"\\n" (UTF-16, UTF-32) or that is
    refused as a whole (binary) is one range, read as the single-machine
    path reads it."""
    whole = {"start": 0, "end": n_bytes, "first_line": 1, "encoding": None}
    try:
        with path.open("rb") as file_:
            first = next(_jsonl_lines(file_, str(path), encoding), None)
    except (ValueError, OSError):
        first = None
    if first is None or n_bytes <= shard_bytes:
        yield whole
        return
    used = first[2]
    if codecs.lookup(used).name.startswith(("utf-16", "utf-32")):
        yield whole
        return
    start = 0
    line = 1
    with path.open("rb") as file_:
        position = 0
        n_lines = 0
        for raw in file_:
            position += len(raw)
            n_lines += 1
            if position - start >= shard_bytes:
                yield {"start": start, "end": position, "first_line": line, "encoding": used}
                start, line = position, line + n_lines
                n_lines = 0
        if position > start:
            yield {"start": start, "end": position, "first_line": line, "encoding": used}


def read_shard(shard: Dict, *, encoding: Optional[str] = None, max_chars: Optional[int] = None
               ) -> Iterator[InputDocument]:
    """The documents of a shard, as `io.read_inputs` reads them from the
    whole input: same ids, sources, line numbers, meta and errors.

    shard (Dict): A shard from `plan_shards`.
    encoding (Optional[str]): The forced input encoding, if any.
    max_chars (Optional[int]): Refuse longer documents.
    YIELDS (InputDocument): The documents.
    """
    if shard["kind"] == "text":
        yield from read_expanded([("text", Path(entry[0])) for entry in shard["files"]], encoding=encoding,
                                 max_chars=max_chars)
        return
    path = Path(shard["file"][0])
    if shard["encoding"] is None:
        yield from read_expanded([("jsonl", path)], encoding=encoding, max_chars=max_chars)
        return
    # A line range: the lines are read as io._read_jsonl reads them, with the
    # encoding it chose for the whole file.
    used = shard["encoding"]
    source = str(path)
    try:
        with path.open("rb") as file_:
            file_.seek(shard["start"])
            position = shard["start"]
            number = shard["first_line"]
            while position < shard["end"]:
                raw = file_.readline()
                if not raw:
                    break
                position += len(raw)
                try:
                    line = raw.decode(used)
                except UnicodeDecodeError:
                    yield InputDocument(source=source, doc_id=f"{path.stem}:{number}", line=number,
                                        error=Errors.E416.format(source=source, line=number, encoding=used))
                else:
                    if number == 1 and line.startswith("\ufeff"):
                        line = line[1:]
                    if line.strip():
                        yield _jsonl_document(path, number, line, used, max_chars)
                number += 1
    except OSError as err:
        yield InputDocument(source=source, doc_id=path.stem,
                            error=Errors.E415.format(source=source, reason=err.strerror or err))


def annotate_shard(shard: Dict, shard_path: str, model_key: str, options: Dict) -> Dict[str, int]:
    """Annotate one shard into its shard file (and its failures into the
    .errors.jsonl file beside it), each written to a temporary file and
    renamed; the records file is renamed last and marks the shard complete.
    Runs on a Dask worker.

    shard (Dict): A shard from `plan_shards`.
    shard_path (str): The shard's records file.
    model_key (str): The resolved model path ("" for the shipped pipeline).
    options (Dict): encoding, max_chars, batch_size and chunk_chars.
    RETURNS (Dict[str, int]): Counts of "written" and "failed" documents.
    """
    nlp = get_pipeline(model_key or None)
    records_path = Path(shard_path).resolve()
    errors: List[str] = []
    with _working_directory(shard.get("cwd")):
        documents = read_shard(shard, encoding=options["encoding"], max_chars=options["max_chars"])
        outcomes = annotate_documents(nlp, documents, batch_size=options["batch_size"],
                                      chunk_chars=options["chunk_chars"])
        with _atomic_file(records_path) as out:
            counts = write_outcomes(outcomes, out,
                                    lambda outcome: errors.append(dumps(outcome.error_record()) + "\n"))
            with _atomic_file(_errors_path(records_path)) as errors_out:
                errors_out.write("".join(errors).encode("utf-8"))
    return counts


_CWD_LOCK = threading.Lock()


@contextmanager
def _working_directory(path: Optional[str]) -> Iterator[None]:
    """Run in the client's working directory (for relative input paths);
    tasks that need another one wait (one thread per worker never does)."""
    if path is None or os.getcwd() == path:
        yield
        return
    with _CWD_LOCK:
        previous = os.getcwd()
        os.chdir(path)
        try:
            yield
        finally:
            os.chdir(previous)


def merge_shards(shard_paths: Sequence[Path], output: Path) -> Dict[str, Any]:
    """Concatenate shard files, in order, into the output (atomically).

    shard_paths (Sequence[Path]): The shards' records files.
    output (Path): The output file.
    RETURNS (Dict[str, Any]): "written" and "failed" counts and the "errors".
    """
    written = 0
    errors: List[Dict] = []
    with _atomic_file(output) as out:
        for path in shard_paths:
            with path.open("rb") as shard:
                for block in iter(lambda: shard.read(_COPY_BYTES), b""):
                    written += block.count(b"\n")
                    out.write(block)
            errors_path = _errors_path(path)
            if errors_path.exists():
                with errors_path.open(encoding="utf-8") as lines:
                    errors.extend(json.loads(line) for line in lines if line.strip())
    return {"written": written, "failed": len(errors), "errors": errors}


def _shard_name(index: int, shard: Dict, model_key: str, options: Dict) -> str:
    """shard-NNNNNN-HASH.jsonl: HASH changes with the shard's inputs, the
    model and the options, so that a rerun never reuses a stale shard."""
    spec = json.dumps([shard, model_key, options], sort_keys=True, ensure_ascii=False)
    return f"shard-{index:06d}-{hashlib.sha256(spec.encode('utf-8')).hexdigest()[:16]}.jsonl"


def _errors_path(records_path: Path) -> Path:
    return records_path.with_name(records_path.name[:-len(".jsonl")] + ".errors.jsonl")


def _clean_shard_dir(shard_dir: Path, keep: set) -> None:
    """Remove shard files of other runs and temporary files left by killed
    ones; a records file without its errors file is not complete."""
    for path in shard_dir.iterdir():
        name = path.name
        if name.startswith(".") and name.endswith(".tmp"):
            path.unlink(missing_ok=True)
        elif _SHARD_FILE.fullmatch(name):
            records = name.replace(".errors.jsonl", ".jsonl")
            if records not in keep or (name == records and not _errors_path(path).exists()):
                path.unlink(missing_ok=True)


class _atomic_file:
    """A binary file written beside `path` and renamed over it on success."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> IO[bytes]:
        directory = self.path.parent if str(self.path.parent) else Path(".")
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        self.file = os.fdopen(fd, "wb")
        return self.file

    def __exit__(self, exc_type, exc, tb) -> None:
        self.file.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        elif os.path.exists(self.tmp):
            os.unlink(self.tmp)


def _connect(scheduler: Any):
    """A Client for a scheduler address, "local:N" or a Client.
    RETURNS (Tuple[Client, Optional[LocalCluster]]): The client, and the
        cluster when one was started here."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        return scheduler, None
    if not isinstance(scheduler, str) or not scheduler:
        raise ValueError(Errors.E704.format(scheduler=scheduler))
    match = re.fullmatch(r"local(?::(\d+))?", scheduler)
    if match:
        n_workers = int(match.group(1) or os.cpu_count() or 1)
        if n_workers < 1:
            raise ValueError(Errors.E704.format(scheduler=scheduler))
        cluster = LocalCluster(n_workers=n_workers, processes=True, threads_per_worker=1,
                               dashboard_address=None)
        return Client(cluster), cluster
    # Check the address before making a Client: a Client whose constructor
    # fails closes itself when collected, and can hang a later one.
    try:
        _check_address(scheduler)
    except (OSError, ValueError) as err:
        raise ValueError(Errors.E704.format(scheduler=f"{scheduler} ({err})")) from None
    try:
        return Client(scheduler, timeout="30s"), None
    except (OSError, TimeoutError, ValueError) as err:
        raise ValueError(Errors.E704.format(scheduler=f"{scheduler} ({err})")) from None


def _check_address(address: str, timeout: float = 10.0) -> None:
    """Parse a scheduler address and, for TCP, open and close a connection.
    RAISES (ValueError): The address is malformed (no port, say).
    RAISES (OSError): Nothing listens there."""
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port

    scheme, location = parse_address(address)
    if scheme in ("tcp", "tls"):
        host, port = parse_host_port(location)
        socket.create_connection((host, port), timeout=timeout).close()


def _register_loader(client, model_key: str) -> None:
    """Load the pipeline on every worker as it starts (and on those already
    running), once per worker process."""
    name = "zhgov-pipeline-" + hashlib.sha256(model_key.encode("utf-8")).hexdigest()[:12]
    client.register_plugin(PipelineLoader(model_key), name=name)


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # the "dask" extra is not installed: no cluster runs
    _WorkerPlugin = object


class PipelineLoader(_WorkerPlugin):
    """A Dask worker plugin that loads a pipeline when a worker starts, into
    the per-process cache the shard tasks read.

    model_key (str): The resolved model path ("" for the shipped pipeline).
    """

    def __init__(self, model_key: str) -> None:
        self.model_key = model_key

    def setup(self, worker) -> None:
        _start_worker(self.model_key)


__all__ = [
    "annotate_documents_parallel",
    "annotate_parallel",
    "annotate_with_dask",
    "annotate_shard",
    "get_pipeline",
    "PipelineLoader",
    "merge_shards",
    "plan_shards",
    "read_shard",
]
