"""Compile hand-written corpus sources (docs/markup.md) into gold records.

A source file holds front matter, then the document text with inline marks:
`[[TEXT|LABEL|VALUE]]` for entities, `{{MARKER}}` for work-item markers and
`@@` at the start of a line for a boilerplate line. An optional `.seg` file
beside it holds the gold word segmentation.
"""
from pathlib import Path
from typing import Dict, List, Optional, Tuple
import re
import sys

from .corpus import LABELS, LABEL_ALIASES, attach_tokens, tokens_from_segmentation
from .errors import Errors
from .markers import Marker, build_work_items, deepest_item, parse_marker

FRONT_MATTER_FIELDS = ("id", "genre", "department", "level", "messy")
_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}|^@@", re.S | re.M)
_VALUE = re.compile(
    r"(?P<amount>\d+(?:\.\d+)?)(?:-(?P<max>\d+(?:\.\d+)?))?(?P<approx>~)?(?:\s+(?P<cur>[A-Z]{3}))?"
)


def _number(text: str):
    value = float(text)
    return int(value) if value.is_integer() else value


def parse_value(label: str, raw: str, span_text: str, source: str, line: int) -> Dict:
    """Read the VALUE part of an entity mark into the record's value dict."""
    match = _VALUE.fullmatch(raw.strip())
    if not match or (label == "PERSON_COUNT" and match.group("cur")):
        raise ValueError(Errors.E303.format(source=source, line=line, value=raw, text=span_text))
    amount = _number(match.group("amount"))
    upper = _number(match.group("max")) if match.group("max") else None
    approx = bool(match.group("approx"))
    if label == "MONEY":
        return {"amount": amount, "amount_max": upper,
                "currency": match.group("cur") or "CNY", "approx": approx}
    per_visit = "人次" in re.sub(r"\s", "", span_text)
    return {"count": int(amount), "count_max": int(upper) if upper is not None else None,
            "approx": approx, "per_visit": per_visit}


def read_front_matter(source: str, content: str) -> Tuple[Dict, str]:
    """Split a source file into its front matter and the marked-up body."""
    lines = content.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError(Errors.E304.format(source=source))
    meta: Dict = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            body = "\n".join(lines[i + 1:])
            break
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    else:
        raise ValueError(Errors.E304.format(source=source))
    for field in FRONT_MATTER_FIELDS:
        if field not in meta:
            raise ValueError(Errors.E306.format(source=source, field=field))
    meta["messy"] = meta["messy"].lower() in ("true", "yes", "1")
    return meta, body


def compile_markup(body: str, source: str) -> Tuple[str, List[Dict], List[Marker], List[Tuple[int, int]]]:
    """Strip the marks from a body and return text, spans, markers, boilerplate."""
    parts: List[str] = []
    spans: List[Dict] = []
    markers: List[Marker] = []
    bp_line_starts: List[int] = []
    pos = 0
    length = 0
    for match in _MARK.finditer(body):
        parts.append(body[pos:match.start()])
        length += match.start() - pos
        pos = match.end()
        line = body.count("\n", 0, match.start()) + 1
        if match.group(0) == "@@":
            bp_line_starts.append(length)
            continue
        if match.group(2) is not None:
            marker_text = match.group(2)
            try:
                kind, number = parse_marker(marker_text)
            except ValueError:
                raise ValueError(Errors.E300.format(source=source, line=line, snippet=match.group(0))) from None
            markers.append(Marker(length, length + len(marker_text), kind, number))
            parts.append(marker_text)
            length += len(marker_text)
            continue
        fields = match.group(1).split("|")
        if len(fields) < 2 or "[[" in match.group(1):
            raise ValueError(Errors.E300.format(source=source, line=line, snippet=match.group(0)[:40]))
        span_text, label = fields[0], fields[1].strip()
        label = LABEL_ALIASES.get(label, label)
        if label not in LABELS:
            raise ValueError(Errors.E301.format(source=source, line=line, label=label,
                                                snippet=match.group(0), labels=", ".join(LABELS)))
        value = None
        if label in ("MONEY", "PERSON_COUNT"):
            if len(fields) < 3 or not fields[2].strip():
                raise ValueError(Errors.E302.format(source=source, line=line, label=label, text=span_text))
            value = parse_value(label, fields[2], span_text, source, line)
        elif len(fields) > 2:
            raise ValueError(Errors.E307.format(source=source, label=label, text=span_text))
        spans.append({"start": length, "end": length + len(span_text), "label": label,
                      "text": span_text, "value": value})
        parts.append(span_text)
        length += len(span_text)
    parts.append(body[pos:])
    text = "".join(parts)
    leftover = re.search(r"\[\[|\]\]|\{\{|\}\}", text)
    if leftover:
        line = text.count("\n", 0, leftover.start()) + 1
        raise ValueError(Errors.E300.format(source=source, line=line,
                                            snippet=text[max(0, leftover.start() - 10):leftover.end() + 10]))
    boilerplate = []
    for start in bp_line_starts:
        end = start
        while end < len(text) and text[end] not in "\r\n":
            end += 1
        boilerplate.append((start, end))
    return text, spans, markers, boilerplate


def read_source(path: Path) -> Dict:
    """Compile one source file (and its .seg, if any) into a gold record.

    path (Path): The source file.
    RETURNS (Dict): The record (ANNOTATION.md §5).
    """
    path = Path(path)
    source = str(path)
    meta, body = read_front_matter(source, path.read_text(encoding="utf-8"))
    text, spans, markers, boilerplate = compile_markup(body, source)
    work_items = build_work_items(text, markers, boilerplate)
    for span in spans:
        span["work_item"] = deepest_item(work_items, span["start"])
    seg_path = path.with_suffix(".seg")
    tokens: List[Dict] = []
    if seg_path.exists():
        words = seg_path.read_text(encoding="utf-8").split()
        tokens = tokens_from_segmentation(text, words, spans, str(seg_path))
    record_meta = {"source": f"corpus/src/{path.name}", "genre": meta["genre"],
                   "department": meta["department"], "level": meta["level"],
                   "messy": meta["messy"], "gold_tokens": bool(tokens)}
    record = {"id": meta["id"], "text": text, "meta": record_meta, "tokens": tokens,
              "spans": spans, "work_items": work_items,
              "boilerplate": [{"start": s, "end": e} for s, e in boilerplate]}
    attach_tokens(record)
    return record


def plain_text(path: Path) -> str:
    """The document text of a source file, marks removed."""
    meta, body = read_front_matter(str(path), Path(path).read_text(encoding="utf-8"))
    return compile_markup(body, str(path))[0]


def _summary(record: Dict) -> str:
    from .corpus import validate_record, value_disagreements

    lines = [f"{record['id']}: {len(record['text'])} chars, {len(record['spans'])} spans, "
             f"{len(record['work_items'])} work items, {len(record['boilerplate'])} boilerplate lines, "
             f"gold tokens: {len(record['tokens'])}"]
    counts: Dict[str, int] = {}
    for span in record["spans"]:
        counts[span["label"]] = counts.get(span["label"], 0) + 1
    lines.append("  spans per label: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for problem in validate_record(record):
        lines.append(f"  ERROR {problem}")
    for problem in value_disagreements(record):
        lines.append(f"  VALUE? {problem}")
    lines.append("  work items:")
    for item in record["work_items"]:
        lines.append(f"    {'  ' * (item['depth'] - 1)}{item['id']} {item['marker']} "
                     f"[{item['start']}:{item['end']}] {item['title'][:30]}")
    lines.append("  boilerplate: " + " | ".join(record["text"][b["start"]:b["end"]][:20]
                                              for b in record["boilerplate"]))
    lines.append("  spans:")
    for span in record["spans"]:
        value = "" if span["value"] is None else " " + str(span["value"])
        lines.append(f"    {span['label']:<13} {span['text']!r} item={span['work_item']}{value}")
    return "\n".join(lines)


def draft_segmentation(path: Path, nlp) -> str:
    """A first .seg for a source file, to be corrected by hand: the plain text
    cut by the pipeline's tokenizer and at every entity boundary, words
    separated by single spaces, line breaks kept."""
    record = read_source(path)
    text = record["text"]
    cuts = {span["start"] for span in record["spans"]} | {span["end"] for span in record["spans"]}
    out_lines = []
    offset = 0
    for line in text.split("\n"):
        words = []
        for token in nlp.make_doc(line):
            start = offset + token.idx
            pieces = [start] + sorted(c for c in cuts if start < c < start + len(token.text)) + [start + len(token.text)]
            words.extend(text[a:b] for a, b in zip(pieces, pieces[1:]))
        out_lines.append(" ".join(w for w in words if w.strip()))
        offset += len(line) + 1
    return "\n".join(out_lines) + ("" if text.endswith("\n") else "\n")


def main(argv: Optional[List[str]] = None) -> int:
    """`python -m pipeline.markup check|plain|draft FILE...` for annotators."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2 or argv[0] not in ("check", "plain", "draft"):
        sys.stderr.write("usage: python -m pipeline.markup check|plain|draft FILE...\n")
        return 2
    nlp = None
    if argv[0] == "draft":
        from . import load

        nlp = load()
    status = 0
    for name in argv[1:]:
        try:
            if argv[0] == "plain":
                sys.stdout.write(plain_text(Path(name)))
            elif argv[0] == "draft":
                sys.stdout.write(draft_segmentation(Path(name), nlp))
            else:
                record = read_source(Path(name))
                summary = _summary(record)
                print(summary)
                if "  ERROR " in summary:
                    status = 1
        except (ValueError, OSError) as err:
            print(f"ERROR {err}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
