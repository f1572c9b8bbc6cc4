"""`zhgov evaluate`: extraction accuracy of predicted records against gold.

Everything is scored on records (ANNOTATION.md §5), so any system that writes
records, the peers of scripts/benchmark_peers.py included, is scored by the
same code.
"""
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .corpus import LABELS, NUMBER_LABELS


def prf(tp: float, n_pred: float, n_gold: float) -> Dict[str, Optional[float]]:
    """Precision, recall and F-score from counts (None where undefined)."""
    return precision_recall_f(tp / n_pred if n_pred else None, tp / n_gold if n_gold else None)


def precision_recall_f(p: Optional[float], r: Optional[float]) -> Dict[str, Optional[float]]:
    """Add the F-score to a precision and a recall (None where undefined)."""
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"p": p, "r": r, "f": f}


def _partial_matches(pred: Sequence[Dict], gold: Sequence[Dict]) -> Tuple[int, int]:
    """Predicted spans overlapping a gold span of the same label, and gold
    spans overlapped by a predicted one."""
    def overlaps(a, b):
        return a["start"] < b["end"] and b["start"] < a["end"] and a["label"] == b["label"]

    matched_pred = sum(any(overlaps(p, g) for g in gold) for p in pred)
    matched_gold = sum(any(overlaps(g, p) for p in pred) for g in gold)
    return matched_pred, matched_gold


def _char_set(ranges: Iterable[Dict], text: str) -> set:
    chars = set()
    for r in ranges:
        chars.update(i for i in range(r["start"], r["end"]) if not text[i].isspace())
    return chars


def _words(record: Dict) -> set:
    return {(t["start"], t["end"]) for t in record["tokens"] if not t["text"].isspace()}


def score_records(pairs: Iterable[Tuple[Dict, Dict]], labels: Sequence[str] = LABELS) -> Dict:
    """Score predicted records against gold records.

    pairs (Iterable[Tuple[Dict, Dict]]): (predicted, gold) records of the
        same texts.
    labels (Sequence[str]): The labels to score.
    RETURNS (Dict): Scores: "spans" (strict P/R/F per label and "micro"),
        "partial" (overlap P/R/F per label), "values" (accuracy per number
        label), "work_items", "linking", "boilerplate", "segmentation",
        "alignment" and "documents".
    """
    counts = {label: [0, 0, 0] for label in labels}
    partial = {label: [0, 0, 0, 0] for label in labels}
    values = {label: [0, 0] for label in NUMBER_LABELS if label in labels}
    items = [0, 0, 0]
    linking = [0, 0]
    boiler = [0, 0, 0]
    seg = [0, 0, 0]
    align = [0, 0]
    n_docs = 0
    for pred, gold in pairs:
        if pred["text"] != gold["text"]:
            raise ValueError(f"The texts of the records {pred['id']} and {gold['id']} differ.")
        n_docs += 1
        gold_spans = {(s["start"], s["end"], s["label"]): s for s in gold["spans"]}
        pred_spans = {(s["start"], s["end"], s["label"]): s for s in pred["spans"]}
        for label in labels:
            g = {k for k in gold_spans if k[2] == label}
            p = {k for k in pred_spans if k[2] == label}
            counts[label][0] += len(g & p)
            counts[label][1] += len(p)
            counts[label][2] += len(g)
            pl = [s for s in pred["spans"] if s["label"] == label]
            gl = [s for s in gold["spans"] if s["label"] == label]
            matched_pred, matched_gold = _partial_matches(pl, gl)
            partial[label][0] += matched_pred
            partial[label][1] += len(pl)
            partial[label][2] += matched_gold
            partial[label][3] += len(gl)
        for key in set(gold_spans) & set(pred_spans):
            gold_span, pred_span = gold_spans[key], pred_spans[key]
            if key[2] in values:
                values[key[2]][0] += gold_span["value"] == pred_span["value"]
                values[key[2]][1] += 1
            linking[0] += gold_span["work_item"] == pred_span["work_item"]
            linking[1] += 1
        gold_items = {(i["start"], i["id"]) for i in gold["work_items"]}
        pred_items = {(i["start"], i["id"]) for i in pred["work_items"]}
        items[0] += len(gold_items & pred_items)
        items[1] += len(pred_items)
        items[2] += len(gold_items)
        gold_chars = _char_set(gold["boilerplate"], gold["text"])
        pred_chars = _char_set(pred["boilerplate"], pred["text"])
        boiler[0] += len(gold_chars & pred_chars)
        boiler[1] += len(pred_chars)
        boiler[2] += len(gold_chars)
        if gold["tokens"] and pred["tokens"]:
            gold_words, pred_words = _words(gold), _words(pred)
            seg[0] += len(gold_words & pred_words)
            seg[1] += len(pred_words)
            seg[2] += len(gold_words)
        if pred["tokens"]:
            starts = {t["start"] for t in pred["tokens"]}
            ends = {t["end"] for t in pred["tokens"]}
            for span in gold["spans"]:
                if span["label"] in labels:
                    align[0] += (span["start"] in starts) + (span["end"] in ends)
                    align[1] += 2
    spans = {label: prf(*counts[label]) for label in labels}
    spans["micro"] = prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    partial_scores = {}
    for label, (mp, n_pred, mg, n_gold) in partial.items():
        partial_scores[label] = precision_recall_f(mp / n_pred if n_pred else None, mg / n_gold if n_gold else None)
    return {
        "documents": n_docs,
        "spans": spans,
        "partial": partial_scores,
        "values": {label: (c / n if n else None) for label, (c, n) in values.items()},
        "values_all": (sum(v[0] for v in values.values()) / sum(v[1] for v in values.values())
                       if sum(v[1] for v in values.values()) else None),
        "work_items": prf(*items),
        "linking": linking[0] / linking[1] if linking[1] else None,
        "boilerplate": prf(*boiler),
        "segmentation": prf(*seg),
        "alignment": align[0] / align[1] if align[1] else None,
        "counts": {label: {"tp": c[0], "pred": c[1], "gold": c[2]} for label, c in counts.items()},
    }


def evaluate_model(nlp, gold_records: Sequence[Dict], batch_size: int = 16) -> Dict:
    """Run a pipeline on the gold texts and score its records.

    nlp (Language): A zhgov pipeline.
    gold_records (Sequence[Dict]): Gold records.
    batch_size (int): Documents per nlp.pipe batch.
    RETURNS (Dict): See score_records.
    """
    from .record import doc_to_record

    docs = nlp.pipe((r["text"] for r in gold_records), batch_size=batch_size)
    predicted = [doc_to_record(doc, gold["id"], {"source": gold["meta"]["source"]})
                 for doc, gold in zip(docs, gold_records)]
    return score_records(zip(predicted, gold_records))


def format_scores(scores: Dict) -> List[str]:
    """A readable table of the scores, one line per row."""
    def pct(value):
        return "   -  " if value is None else f"{100 * value:6.2f}"

    lines = [f"Documents: {scores['documents']}", "",
             f"{'':14}{'P':>7}{'R':>7}{'F':>7}   {'partial F':>9}  {'value acc':>9}"]
    for label, s in scores["spans"].items():
        part = scores["partial"].get(label, {}).get("f") if label != "micro" else None
        value = scores["values"].get(label) if label in scores["values"] else None
        lines.append(f"{label:<14}{pct(s['p'])} {pct(s['r'])} {pct(s['f'])}   {pct(part):>9}  {pct(value):>9}")
    lines.append("")
    for name in ("work_items", "boilerplate", "segmentation"):
        s = scores[name]
        lines.append(f"{name:<14}{pct(s['p'])} {pct(s['r'])} {pct(s['f'])}")
    lines.append(f"{'linking acc':<14}{pct(scores['linking'])}")
    lines.append(f"{'value acc':<14}{pct(scores['values_all'])}")
    lines.append(f"{'alignment':<14}{pct(scores['alignment'])}")
    return lines
