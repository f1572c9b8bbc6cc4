from pathlib import Path
from typing import List, Optional
import json
import sys

import typer

from . import app
from ..annotate import AtomicWriter, annotate_documents, check_output_path, write_outcomes
from ..corpus import dumps
from ..io import read_inputs

EXAMPLES = """
Examples:

  zhgov annotate seeds/000_aa3260a085e08b5a.txt -o out.jsonl

  zhgov annotate reports/ -o reports.jsonl --errors failed.jsonl

  cat report.txt | zhgov annotate - > record.jsonl

  zhgov annotate batch.jsonl --model training/model -o out.jsonl
"""


@app.command("annotate", help="Annotate reports and write one JSONL record per document (ANNOTATION.md §5)."
             + EXAMPLES, no_args_is_help=True)
def annotate_cli(
    inputs: List[str] = typer.Argument(..., help=".txt files, directories (recursed for .txt), .jsonl files with a \"text\" field, or - for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output JSONL file (default: stdout)."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A pipeline saved by `zhgov train` (default: the shipped one)."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Also write failures as JSONL {source, line, error}."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force an input encoding (default: detect UTF-8/UTF-16/GB18030/Big5)."),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", help="Refuse documents longer than this many characters."),
    batch_size: int = typer.Option(64, "--batch-size", help="Documents per batch."),
) -> None:
    import pipeline

    try:
        documents = list(read_inputs(inputs, encoding=encoding, max_chars=max_chars))
    except (FileNotFoundError, ValueError) as err:
        typer.echo(f"zhgov annotate: {err}", err=True)
        raise typer.Exit(2)
    writer = None
    if output is not None:
        try:
            check_output_path(output, inputs)
            writer = AtomicWriter(output)
        except ValueError as err:
            typer.echo(f"zhgov annotate: {err}", err=True)
            raise typer.Exit(2)
    try:
        nlp = pipeline.load(model)
    except (ValueError, OSError) as err:
        if writer:
            writer.abort()
        typer.echo(f"zhgov annotate: {err}", err=True)
        raise typer.Exit(2)
    error_lines: List[str] = []

    def on_error(outcome) -> None:
        typer.echo(outcome.error, err=True)
        error_lines.append(dumps(outcome.error_record()) + "\n")

    out = writer.write if writer else sys.stdout.write
    outcomes = annotate_documents(nlp, documents, batch_size=batch_size)
    try:
        if len(documents) > 5:
            with typer.progressbar(outcomes, length=len(documents), label="Annotating", file=sys.stderr) as bar:
                counts = write_outcomes(bar, out, on_error)
        else:
            counts = write_outcomes(outcomes, out, on_error)
    except BaseException:
        if writer:
            writer.abort()
        raise
    if writer:
        writer.commit()
    if errors is not None:
        errors.write_text("".join(error_lines), encoding="utf-8")
    typer.echo(f"{counts['written']} documents annotated, {counts['failed']} failed.", err=True)
    raise typer.Exit(1 if counts["failed"] else 0)
