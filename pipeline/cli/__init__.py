"""The zhgov command line: one Typer app, a module per command."""
import typer

app = typer.Typer(
    name="zhgov",
    help="Extract organisations, projects, money and head counts, linked to their work items, "
    "from Chinese government reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
corpus_app = typer.Typer(help="Build, validate and describe the gold corpus.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

# The command modules register themselves on the apps above.
from . import annotate, corpus, evaluate, train, convert  # noqa: E402,F401

__all__ = ["app"]
