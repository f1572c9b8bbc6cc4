from pathlib import Path
from typing import Dict, List

import typer

from . import app
from ..training import DEFAULT_CONFIG, train_pipeline

EXAMPLES = """
Examples:

  zhgov train corpus/train.jsonl corpus/dev.jsonl -o pipeline/models/zhgov_default

  zhgov train my_train.jsonl my_dev.jsonl -o training/model --training.max_steps 500
"""


def parse_overrides(args: List[str]) -> Dict[str, str]:
    """spaCy-style `--section.key value` overrides from the extra arguments."""
    from spacy.cli._util import parse_config_overrides

    return parse_config_overrides(args)


@app.command("train", help="Train the pipeline (pkuseg segmenter + NER, with the rule components) on gold "
             "records and save it." + EXAMPLES,
             context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
             no_args_is_help=True)
def train_cli(
    ctx: typer.Context,
    train_path: Path = typer.Argument(..., help="Training records (JSONL, ANNOTATION.md §5)."),
    dev_path: Path = typer.Argument(..., help="Development records (JSONL)."),
    output: Path = typer.Option(..., "--output", "-o", help="Directory for the trained pipeline."),
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", "-c", help="spaCy config."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
) -> None:
    overrides = parse_overrides(ctx.args)
    try:
        meta = train_pipeline(train_path, dev_path, output, config_path=config, overrides=overrides,
                              seed=seed, log=lambda line: typer.echo(line, err=True))
    except ValueError as err:
        typer.echo(f"zhgov train: {err}", err=True)
        raise typer.Exit(2)
    scores = meta["zhgov"]["dev_scores"]
    typer.echo(f"Saved to {output}. Dev ents_f {scores.get('ents_f', 0):.4f}", err=True)
