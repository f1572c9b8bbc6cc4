from pathlib import Path
from typing import Dict, List, Optional
import os
import sys

import typer

from . import app
from ..annotate import (
    DEFAULT_CHUNK_CHARS,
    AtomicWriter,
    annotate_documents,
    check_output_path,
    skip_done,
    write_outcomes,
    write_text_atomically,
)
from ..corpus import dumps
from ..errors import Errors
from ..io import check_encoding, expand_paths, read_expanded

EXAMPLES = """
Examples:

  zhgov annotate seeds/000_aa3260a085e08b5a.txt -o out.jsonl

  zhgov annotate reports/ -o reports.jsonl --errors failed.jsonl

  cat report.txt | zhgov annotate - > record.jsonl

  zhgov annotate batch.jsonl --model training/model -o out.jsonl

  zhgov annotate reports/ -o reports.jsonl --resume   (after an interrupted run)

  zhgov annotate reports/ -o reports.jsonl --n-process 2

  zhgov annotate /shared/reports/ -o /shared/out.jsonl --dask tcp://scheduler-host:8786

Exit status: 0 all documents annotated, 1 some failed (each named on stderr),
2 usage error, 130 interrupted (finish with --resume).
"""
# More documents than this get a progress bar on stderr.
_PROGRESS_MIN_DOCS = 5


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"zhgov annotate: {message}", err=True)
    return typer.Exit(code)


@app.command("annotate", help="Annotate reports and write one JSONL record per document (ANNOTATION.md §5)."
             + EXAMPLES, no_args_is_help=True)
def annotate_cli(
    inputs: List[str] = typer.Argument(..., help=".txt files, directories (recursed for .txt), .jsonl files with a \"text\" field, or - for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output JSONL file (default: stdout). Written to .NAME.part beside it and renamed at the end."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A pipeline saved by `zhgov train` (default: the shipped one)."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Also write failures as JSONL {source, line, error}."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force an input encoding (default: detect UTF-8/UTF-16/GB18030/Big5)."),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", min=1, help="Refuse documents longer than this many characters."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: keep the records already in .OUTPUT.part and annotate the rest."),
    chunk_chars: int = typer.Option(DEFAULT_CHUNK_CHARS, "--chunk-chars", min=1000, help="Annotate longer documents in chunks of about this many characters, cut at line ends, so that memory stays bounded."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Documents per batch (the output does not depend on it)."),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="Worker processes on this machine (same output bytes as one)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for N local workers. Shards go to .OUTPUT.shards/; a rerun skips finished shards."),
) -> None:
    import pipeline

    try:
        if encoding is not None:
            check_encoding(encoding)
        expanded = expand_paths(inputs)
    except (FileNotFoundError, ValueError) as err:
        raise _fail(str(err))
    input_paths = [path for _, path in expanded if path is not None]
    if resume and output is None:
        raise _fail(Errors.E417)
    if errors is not None:
        reason = _unwritable(errors, input_paths, output)
        if reason is not None:
            raise _fail(Errors.E422.format(path=errors, reason=reason))
    if dask is not None or n_process > 1:
        raise typer.Exit(_annotate_scaled(inputs, input_paths, output, model, errors, resume, dask, n_process,
                                          encoding=encoding, max_chars=max_chars, batch_size=batch_size,
                                          chunk_chars=chunk_chars))
    writer = None
    if output is not None:
        try:
            check_output_path(output, input_paths)
            writer = AtomicWriter(output, resume=resume)
        except ValueError as err:
            raise _fail(str(err))
    try:
        try:
            nlp = pipeline.load(model)
        except (ValueError, OSError) as err:
            raise _fail(str(err))
        counts = _annotate(nlp, expanded, writer, errors, encoding=encoding, max_chars=max_chars,
                           batch_size=batch_size, chunk_chars=chunk_chars)
    except KeyboardInterrupt:
        if writer is None or not _stop(writer):
            raise typer.Exit(130)
        raise _fail(Errors.E421.format(n_records=writer.n_kept + writer.n_written, path=writer.part_path), 130)
    except BaseException:
        if writer is not None:
            _stop(writer)
        raise
    if writer is not None:
        writer.commit()
    typer.echo(f"{counts['written']} documents annotated, {counts['failed']} failed.", err=True)
    raise typer.Exit(1 if counts["failed"] else 0)


def _annotate_scaled(inputs, input_paths, output: Optional[Path], model: Optional[Path], errors: Optional[Path],
                     resume: bool, dask: Optional[str], n_process: int, **options) -> int:
    """The --dask and --n-process paths: same records and bytes as one
    process. RETURNS (int): The exit status."""
    from ..distributed import annotate_parallel, annotate_with_dask

    if output is None:
        raise _fail(Errors.E425)
    if resume:
        raise _fail(Errors.E426)
    try:
        check_output_path(output, input_paths)
        if dask is not None:
            report = annotate_with_dask(inputs, output, model, dask, **options)
        else:
            report = annotate_parallel(inputs, output, model=model, n_process=n_process, **options)
    except (ValueError, OSError) as err:
        raise _fail(str(err))
    for error in report["errors"]:
        typer.echo(error["error"], err=True)
    if errors is not None:
        errors.write_text("".join(dumps(e) + "\n" for e in report["errors"]), encoding="utf-8")
    typer.echo(f"{report['written']} documents annotated, {report['failed']} failed.", err=True)
    return 1 if report["failed"] else 0


def _annotate(nlp, expanded, writer: Optional[AtomicWriter], errors: Optional[Path], **options) -> Dict[str, int]:
    """Annotate the inputs into the writer (stdout when None), reporting each
    failure on stderr and in the --errors file.

    RETURNS (Dict[str, int]): Counts of "written" and "failed" documents.
    """
    documents = read_expanded(expanded, encoding=options.pop("encoding"), max_chars=options.pop("max_chars"))
    if writer is not None and writer.done:
        typer.echo(f"Resuming: {writer.n_kept} records already in {writer.part_path}.", err=True)
        documents = skip_done(documents, writer.done)
    error_lines: List[str] = []

    def on_error(outcome) -> None:
        typer.echo(outcome.error, err=True)
        error_lines.append(dumps(outcome.error_record()) + "\n")

    if writer is None:
        sys.stdout.flush()
        out = sys.stdout.buffer
    else:
        out = writer
    outcomes = annotate_documents(nlp, documents, **options)
    many = len(expanded) > _PROGRESS_MIN_DOCS or any(kind == "jsonl" for kind, _ in expanded)
    if many and sys.stderr.isatty():
        with typer.progressbar(outcomes, label="Annotating", file=sys.stderr, show_pos=True) as bar:
            counts = write_outcomes(bar, out, on_error)
    else:
        counts = write_outcomes(outcomes, out, on_error)
    if writer is not None and sum(writer.done.values()):
        typer.echo(Errors.E424.format(n_records=sum(writer.done.values()), path=writer.part_path), err=True)
    if errors is not None:
        write_text_atomically(errors, "".join(error_lines))
    return counts


def _stop(writer: AtomicWriter) -> bool:
    """Stop writing: keep the part file for --resume if it holds records,
    else remove it. RETURNS (bool): Whether it was kept."""
    if writer.n_kept + writer.n_written:
        writer.close()
        return True
    writer.abort()
    return False


def _unwritable(errors: Path, inputs: List[Path], output: Optional[Path]) -> Optional[str]:
    """Why the --errors file cannot be written, or None."""
    target = errors.resolve()
    if output is not None and output.resolve() == target:
        return "it is also the output"
    if any(path.resolve() == target for path in inputs):
        return "it is one of the inputs"
    directory = errors.parent if str(errors.parent) else Path(".")
    if errors.is_dir() or not directory.is_dir() or not os.access(directory, os.W_OK):
        return "the directory does not exist or is not writable"
    return None
