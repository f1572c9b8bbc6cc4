from pathlib import Path
from typing import List, Optional

import typer

from . import app
from ..convert import FORMATS, convert_export
from ..corpus import write_jsonl

EXAMPLES = """
Examples:

  zhgov convert doccano_export.jsonl -f doccano -o corpus/mine.jsonl

  zhgov convert project-1-export.json -f labelstudio -o mine.jsonl --label-map PC=PERSON_COUNT
"""


@app.command("convert", help="Convert Prodigy, doccano or Label Studio exports into gold records for "
             "`zhgov train` and `zhgov evaluate`. Values, work items and boilerplate are filled by the rules "
             "where the export has none." + EXAMPLES, no_args_is_help=True)
def convert_cli(
    input_path: Path = typer.Argument(..., help="The export file."),
    fmt: str = typer.Option(..., "--format", "-f", help=f"One of: {', '.join(FORMATS)}."),
    output: Path = typer.Option(..., "--output", "-o", help="Output JSONL of gold records."),
    label_map: Optional[List[str]] = typer.Option(None, "--label-map", help="Rename a label: OLD=NEW (repeatable)."),
) -> None:
    if not input_path.exists():
        typer.echo(f"zhgov convert: No such file: {input_path}.", err=True)
        raise typer.Exit(2)
    mapping = dict(item.split("=", 1) for item in (label_map or []) if "=" in item)
    try:
        records, errors = convert_export(input_path, fmt, mapping)
    except ValueError as err:
        typer.echo(f"zhgov convert: {err}", err=True)
        raise typer.Exit(2)
    write_jsonl(output, records)
    for error in errors:
        typer.echo(error, err=True)
    typer.echo(f"{len(records)} records written to {output}, {len(errors)} tasks not converted.", err=True)
    raise typer.Exit(1 if errors else 0)
