from pathlib import Path
from typing import Optional
import json

import typer

from . import app
from ..corpus import read_jsonl
from ..evaluation import evaluate_model, format_scores

EXAMPLES = """
Examples:

  zhgov evaluate pipeline/models/zhgov_default corpus/test.jsonl

  zhgov evaluate training/model my_test.jsonl --json scores.json
"""


@app.command("evaluate", help="Score a pipeline on gold records: spans (strict and partial), values, "
             "work items, linking, boilerplate, segmentation and token alignment." + EXAMPLES,
             no_args_is_help=True)
def evaluate_cli(
    model: Path = typer.Argument(..., help="A pipeline directory (e.g. pipeline/models/zhgov_default)."),
    test_path: Path = typer.Argument(..., help="Gold records (JSONL)."),
    json_path: Optional[Path] = typer.Option(None, "--json", help="Also write the scores as JSON."),
) -> None:
    import pipeline

    if not test_path.exists():
        typer.echo(f"zhgov evaluate: No such file: {test_path}.", err=True)
        raise typer.Exit(2)
    try:
        nlp = pipeline.load(model)
    except ValueError as err:
        typer.echo(f"zhgov evaluate: {err}", err=True)
        raise typer.Exit(2)
    records = list(read_jsonl(test_path))
    scores = evaluate_model(nlp, records)
    for line in format_scores(scores):
        typer.echo(line)
    if json_path:
        json_path.write_text(json.dumps(scores, ensure_ascii=False, indent=2), encoding="utf-8")
