"""Work items under the damage of real copies.

Each damage rewrites a gold record's text the way a copy does (line breaks as
CRLF, indented lines, no-break-space indents, a blank line after every line,
half-width punctuation, PDF lines hard-wrapped at a fixed width) and maps every
gold offset through the rewrite, so the gold stays exact. The pipeline's
boilerplate and work-item components then run on the damaged text, and the
work items are scored (start and id) against the mapped gold. A robust
outline scores what it scores on the clean text. With --entities the whole
pipeline runs and the ORG and PROJECT spans are scored the same way.

The wrap never cuts inside a marker (一|是, （|三）) and never puts punctuation
at a line start, as typesetting does not; tables are wrapped like prose, which
real PDFs mostly avoid.

    python scripts/robustness.py corpus/train.jsonl corpus/dev.jsonl
    python scripts/robustness.py corpus/dev.jsonl --damage wrap --show 5
    python scripts/robustness.py corpus/dev.jsonl --damage clean --damage wrap --entities
"""
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple
import re
import sys

import typer

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.corpus import read_jsonl  # noqa: E402
from pipeline.damage import Edit, hard_wrap, rewrite  # noqa: E402
from pipeline.evaluation import prf  # noqa: E402

DEFAULT_MODEL = ROOT / "pipeline" / "models" / "zhgov_default"
WRAP_WIDTH = 36
ENTITY_LABELS = ("ORG", "PROJECT")
_HALF_WIDTH = str.maketrans("（）．：；。，", "().:;.,")


def _at_line_breaks(replacement: str, after: bool = False) -> Callable[[str], List[Edit]]:
    def edits(text: str) -> List[Edit]:
        if after:
            return [(match.end(), 0, replacement) for match in re.finditer("\n", text)]
        return [(match.start(), 1, replacement) for match in re.finditer("\n", text)]
    return edits


def _half_width(text: str) -> List[Edit]:
    return [(i, 1, half) for i, char in enumerate(text) if (half := char.translate(_HALF_WIDTH)) != char]


def _wrap(text: str) -> List[Edit]:
    return hard_wrap(text, WRAP_WIDTH)


DAMAGES: Dict[str, Callable[[str], List[Edit]]] = {
    "clean": lambda text: [],
    "crlf": _at_line_breaks("\r\n"),
    "indent": _at_line_breaks("\u3000\u3000", after=True),
    "nbsp": _at_line_breaks("\xa0\xa0", after=True),
    "blank": _at_line_breaks("\n\n"),
    "half": _half_width,
    "wrap": _wrap,
}


def damaged(record: Dict, damage: str) -> Tuple[str, List[Tuple[int, str]]]:
    """A record's text under a damage, and its gold work items (start, id) at
    their offsets in the damaged text.

    record (Dict): A gold record.
    damage (str): A key of DAMAGES.
    RETURNS (Tuple[str, List[Tuple[int, str]]]): The text and the items.
    """
    text, offsets = rewrite(record["text"], DAMAGES[damage](record["text"]))
    return text, [(offsets[item["start"]], item["id"]) for item in record["work_items"]]


def damaged_spans(record: Dict, damage: str) -> Tuple[str, List[Tuple[int, int, str]]]:
    """A record's text under a damage, and its gold ORG and PROJECT spans
    (start, end, label) at their offsets in the damaged text (a line break the
    damage puts after a span's last character stays outside it).

    record (Dict): A gold record.
    damage (str): A key of DAMAGES.
    RETURNS (Tuple[str, List[Tuple[int, int, str]]]): The text and the spans.
    """
    text, offsets = rewrite(record["text"], DAMAGES[damage](record["text"]))
    return text, [(offsets[span["start"]], offsets[span["end"] - 1] + 1, span["label"])
                  for span in record["spans"] if span["label"] in ENTITY_LABELS]


def score_entities(records: List[Dict], names: List[str], model: Path) -> None:
    """Print ORG and PROJECT F of the full pipeline under each damage."""
    import spacy

    nlp = spacy.load(model)
    print(f"{'damage':<8} " + " ".join(f"{label + ' F':>10}" for label in ENTITY_LABELS))
    for name in names:
        texts, golds = zip(*(damaged_spans(record, name) for record in records))
        counts = {label: [0, 0, 0] for label in ENTITY_LABELS}
        for gold, doc in zip(golds, nlp.pipe(texts)):
            predicted = {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS}
            for label, count in counts.items():
                expected = {span for span in gold if span[2] == label}
                found = {span for span in predicted if span[2] == label}
                count[0] += len(expected & found)
                count[1] += len(found)
                count[2] += len(expected)
        scores = [100 * (prf(*counts[label])["f"] or 0.0) for label in ENTITY_LABELS]
        print(f"{name:<8} " + " ".join(f"{score:10.2f}" for score in scores))


def main(
    corpus: List[Path] = typer.Argument(..., help="Gold corpus files (JSONL)", exists=True, dir_okay=False),
    model: Path = typer.Option(DEFAULT_MODEL, "--model", help="The pipeline whose boilerplate and work items (or, with --entities, all components) run"),
    damage: Optional[List[str]] = typer.Option(None, "--damage", help="Damages to run (default: all)"),
    show: int = typer.Option(0, "--show", help="Print the first N documents that score less than clean"),
    entities: bool = typer.Option(False, "--entities", help="Score ORG and PROJECT spans instead (full pipeline)"),
) -> None:
    """Score work items (start, id) on gold records under the damage of real copies."""
    import spacy

    names = damage or list(DAMAGES)
    unknown = [name for name in names if name not in DAMAGES]
    if unknown:
        raise typer.BadParameter(f"unknown damage {unknown}; choose from {', '.join(DAMAGES)}")
    records = [record for path in corpus for record in read_jsonl(path)]
    if entities:
        score_entities(records, names, model)
        return
    nlp = spacy.load(model, enable=["boilerplate", "work_items"])
    print(f"{len(records)} documents, {sum(len(r['work_items']) for r in records)} work items")
    print(f"{'damage':<8} {'P':>7} {'R':>7} {'F':>7}  documents off")
    for name in names:
        texts, golds = zip(*(damaged(record, name) for record in records))
        tp = n_pred = n_gold = 0
        off = []
        for record, text, gold, doc in zip(records, texts, golds, nlp.pipe(texts)):
            predicted = {(item["start"], item["id"]) for item in doc._.work_items}
            expected = set(gold)
            tp += len(predicted & expected)
            n_pred += len(predicted)
            n_gold += len(expected)
            if predicted != expected:
                off.append((record["id"], sorted(expected - predicted)[:3], sorted(predicted - expected)[:3]))
        scores = {key: 100 * (value or 0.0) for key, value in prf(tp, n_pred, n_gold).items()}
        print(f"{name:<8} {scores['p']:7.2f} {scores['r']:7.2f} {scores['f']:7.2f}  {len(off)}")
        for doc_id, missed, extra in off[:show]:
            print(f"         {doc_id}: missed {missed} extra {extra}")


if __name__ == "__main__":
    typer.run(main)
