from pathlib import Path
from typing import List, Optional
import json

import typer

from . import corpus_app
from ..corpus import (CORPUS_DIR, SOURCE_DIR, SPLITS, build_corpus, corpus_stats, diversity_report,
                      read_jsonl, split_path, validate_corpus)


def _split_files(corpus_dir: Path, files: Optional[List[Path]]):
    if files:
        return {Path(f).stem: Path(f) for f in files}
    return {split: split_path(split, corpus_dir) for split in SPLITS}


@corpus_app.command("build", help="Compile the markup sources (corpus/src/*.txt) into train/dev/test JSONL. "
                    "Documents keep the split that splits.json in the output directory gives them; new "
                    "ones are placed to keep each genre about 70/15/15 and added to it.\n\n"
                    "Examples: zhgov corpus build; zhgov corpus build --src my_src --out my_corpus")
def build_cli(
    source_dir: Path = typer.Option(SOURCE_DIR, "--src", help="Directory of markup sources."),
    out_dir: Path = typer.Option(CORPUS_DIR, "--out", help="Where train/dev/test.jsonl and splits.json go."),
    resplit: bool = typer.Option(
        False, "--resplit",
        help="Ignore splits.json and place every document afresh (moves documents between splits: "
             "old figures stop being comparable).",
    ),
) -> None:
    try:
        counts = build_corpus(source_dir, out_dir, resplit=resplit)
    except ValueError as err:
        typer.echo(f"zhgov corpus build: {err}", err=True)
        raise typer.Exit(1)
    typer.echo(", ".join(f"{split}: {n} documents" for split, n in counts.items()))


@corpus_app.command("validate", help="Check corpus files against ANNOTATION.md: schema, offsets, labels, "
                    "overlaps, values, work items, linking, tokens, boilerplate, splits.\n\n"
                    "Examples: zhgov corpus validate; zhgov corpus validate my_train.jsonl my_dev.jsonl")
def validate_cli(
    files: Optional[List[Path]] = typer.Argument(None, help="JSONL files (default: the three splits)."),
    corpus_dir: Path = typer.Option(CORPUS_DIR, "--corpus", help="Corpus directory."),
) -> None:
    paths = _split_files(corpus_dir, files)
    problems = validate_corpus(paths)
    for problem in problems:
        typer.echo(problem)
    n_docs = sum(1 for path in paths.values() for _ in read_jsonl(path))
    typer.echo(f"{n_docs} documents, {len(problems)} problems.", err=True)
    raise typer.Exit(1 if problems else 0)


@corpus_app.command("stats", help="Documents, characters, spans per label, work items per depth and marker "
                    "kind, genres, departments, levels and messy share, per split and in total.\n\n"
                    "Example: zhgov corpus stats --json stats.json")
def stats_cli(
    files: Optional[List[Path]] = typer.Argument(None, help="JSONL files (default: the three splits)."),
    corpus_dir: Path = typer.Option(CORPUS_DIR, "--corpus", help="Corpus directory."),
    json_path: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON."),
) -> None:
    paths = _split_files(corpus_dir, files)
    per_split = {name: corpus_stats(read_jsonl(path)) for name, path in paths.items()}
    per_split["total"] = corpus_stats(r for path in paths.values() for r in read_jsonl(path))
    for name, stats in per_split.items():
        typer.echo(f"== {name}")
        typer.echo(f"  documents {stats['documents']}, characters {stats['characters']}, "
                   f"messy {stats['messy']} ({stats['messy_share']:.0%}), "
                   f"gold-token characters {stats['gold_token_characters']}, boilerplate lines {stats['boilerplate_lines']}")
        typer.echo(f"  spans {stats['span_total']}: " + ", ".join(f"{k} {v}" for k, v in stats["spans"].items()))
        typer.echo(f"  work items {stats['work_items']}: depth " + ", ".join(f"{k}: {v}" for k, v in stats["depths"].items())
                   + "; kinds " + ", ".join(f"{k} {v}" for k, v in stats["marker_kinds"].items()))
        typer.echo("  genres: " + ", ".join(f"{k} {v}" for k, v in stats["genres"].items()))
        typer.echo("  departments: " + ", ".join(f"{k} {v}" for k, v in stats["departments"].items()))
        typer.echo("  levels: " + ", ".join(f"{k} {v}" for k, v in stats["levels"].items()))
    if json_path:
        json_path.write_text(json.dumps(per_split, ensure_ascii=False, indent=2), encoding="utf-8")


@corpus_app.command("diversity", help="Sentences (15+ characters) shared between documents, and the most "
                    "similar pair.\n\nExample: zhgov corpus diversity")
def diversity_cli(
    files: Optional[List[Path]] = typer.Argument(None, help="JSONL files (default: the three splits)."),
    corpus_dir: Path = typer.Option(CORPUS_DIR, "--corpus", help="Corpus directory."),
) -> None:
    paths = _split_files(corpus_dir, files)
    report = diversity_report([r for path in paths.values() for r in read_jsonl(path)])
    typer.echo(f"sentences: {report['sentences']}, in more than one document: {report['shared_sentences']} "
               f"({report['shared_share']:.2%})")
    typer.echo(f"most similar pair: {report['most_similar_pair']} "
               f"(shared sentences {report['most_similar_share']:.1%}, "
               f"character 8-gram overlap {report['most_similar_ngram_share']:.1%})")
    for example in report["examples"]:
        typer.echo(f"  shared: {example['sentence'][:40]} {example['documents']}")
