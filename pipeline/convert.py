"""`zhgov convert`: annotation-tool exports to gold records.

Supported: Prodigy spans JSONL, doccano JSONL (`"label": [[start, end, label]]`
or `"entities": [{"start_offset", "end_offset", "label"}]`) and Label Studio
JSON exports. Entities come from the export; values, work items, boilerplate
and links are filled by the rule components where the export has none, so the
user only annotates the spans. A record that does not fit (misaligned offsets,
unknown labels, overlaps) is reported with its position and not written.
"""
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple, Union
import json

from .corpus import LABELS, LABEL_ALIASES, NUMBER_LABELS, SPAN_KEYS, attach_tokens, validate_record
from .errors import Errors
from .markers import build_work_items, deepest_item

FORMATS = ("prodigy", "doccano", "labelstudio")


def _raw_spans_prodigy(task: Dict) -> List[Tuple[int, int, str, Optional[str]]]:
    return [(s.get("start"), s.get("end"), s.get("label"), s.get("text")) for s in task.get("spans") or []]


def _raw_spans_doccano(task: Dict) -> List[Tuple[int, int, str, Optional[str]]]:
    spans = []
    for item in task.get("label") or task.get("labels") or []:
        if not isinstance(item, (list, tuple)) or len(item) != 3:
            raise ValueError(f"a label entry is not [start, end, label]: {item!r}")
        spans.append((item[0], item[1], item[2], None))
    for item in task.get("entities") or []:
        spans.append((item.get("start_offset"), item.get("end_offset"), item.get("label"), None))
    return spans


def _raw_spans_labelstudio(task: Dict) -> List[Tuple[int, int, str, Optional[str]]]:
    annotations = task.get("annotations") or task.get("completions") or []
    if not annotations:
        return []
    spans = []
    for result in annotations[-1].get("result", []):
        value = result.get("value", {})
        labels = value.get("labels") or []
        if result.get("type", "labels") != "labels" or not labels:
            continue
        spans.append((value.get("start"), value.get("end"), labels[0], value.get("text")))
    return spans


def read_tasks(path: Union[str, Path], fmt: str) -> Iterator[Tuple[int, Dict]]:
    """Read an export: (1-based position, task) pairs.

    path (Union[str, Path]): The export file.
    fmt (str): One of FORMATS.
    YIELDS (Tuple[int, Dict]): Position (line or list index) and task.
    """
    text = Path(path).read_text(encoding="utf-8-sig")
    if fmt == "labelstudio":
        data = json.loads(text)
        for i, task in enumerate(data if isinstance(data, list) else [data], start=1):
            if isinstance(task.get("data"), dict):
                task = dict(task, text=task["data"].get("text"))
            yield i, task
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as err:
                yield number, {"_error": Errors.E600.format(source=path, position=number, reason=err.msg)}


def task_to_record(task: Dict, fmt: str, source: str, position: int,
                   label_map: Optional[Dict[str, str]] = None) -> Dict:
    """Convert one task of an export into a gold record.

    task (Dict): The task.
    fmt (str): One of FORMATS.
    source (str): The export's path, for messages and meta.
    position (int): The task's line or index, for messages.
    label_map (Optional[Dict[str, str]]): Renames of labels (e.g. PC → PERSON_COUNT).
    RETURNS (Dict): The record.
    """
    from .boilerplate import find_boilerplate
    from .numbers import parse_value
    from .work_items import find_markers

    if "_error" in task:
        raise ValueError(task["_error"])
    text = task.get("text")
    if not isinstance(text, str) or not text:
        raise ValueError(Errors.E601.format(source=source, position=position))
    reader = {"prodigy": _raw_spans_prodigy, "doccano": _raw_spans_doccano,
              "labelstudio": _raw_spans_labelstudio}[fmt]
    try:
        raw_spans = reader(task)
    except ValueError as err:
        raise ValueError(Errors.E600.format(source=source, position=position, reason=err)) from None
    mapping = dict(LABEL_ALIASES)
    mapping.update(label_map or {})
    spans = []
    for start, end, label, span_text in raw_spans:
        label = mapping.get(label, label)
        if label not in LABELS:
            raise ValueError(Errors.E602.format(source=source, position=position, label=label,
                                                labels=", ".join(LABELS)))
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)) or (
                span_text is not None and text[start:end] != span_text):
            raise ValueError(Errors.E603.format(source=source, position=position, start=start, end=end,
                                                text=span_text, found=text[start:end] if isinstance(start, int) and isinstance(end, int) else None))
        spans.append({"start": start, "end": end, "label": label, "text": text[start:end]})
    spans.sort(key=lambda s: (s["start"], s["end"]))
    for before, after in zip(spans, spans[1:]):
        if after["start"] < before["end"]:
            raise ValueError(Errors.E604.format(source=source, position=position,
                                                first=before["text"], second=after["text"]))
    if task.get("boilerplate") is not None:
        boilerplate = [(b["start"], b["end"]) for b in task["boilerplate"]]
    else:
        # the user's spans win over the rules: a line holding one is content
        boilerplate = [(s, e) for s, e in find_boilerplate(text)
                       if not any(span["start"] < e and s < span["end"] for span in spans)]
    if task.get("work_items") is not None:
        work_items = task["work_items"]
    else:
        work_items = build_work_items(text, find_markers(text, boilerplate), boilerplate)
    for span in spans:
        span["value"] = None
        if span["label"] in NUMBER_LABELS:
            span["value"] = parse_value(span["label"], span["text"], text[max(0, span["start"] - 6):span["start"]],
                                        text[span["end"]:span["end"] + 6])
        span["work_item"] = deepest_item(work_items, span["start"])
    tokens = task.get("tokens") or []
    record = {
        "id": str(task.get("id") or task.get("meta", {}).get("id") or f"{Path(source).stem}:{position}"),
        "text": text,
        "meta": {"source": source, "converted_from": fmt, "gold_tokens": bool(tokens)},
        "tokens": [{"text": t["text"], "start": t["start"], "end": t["end"], "id": t["id"], "ws": bool(t.get("ws"))}
                   for t in tokens],
        "spans": [{key: span.get(key) for key in SPAN_KEYS} for span in spans],
        "work_items": work_items,
        "boilerplate": [{"start": s, "end": e} for s, e in boilerplate],
    }
    attach_tokens(record)
    problems = validate_record(record)
    if problems:
        raise ValueError(Errors.E605.format(source=source, position=position, problems="; ".join(problems[:3])))
    return record


def convert_export(path: Union[str, Path], fmt: str, label_map: Optional[Dict[str, str]] = None
                   ) -> Tuple[List[Dict], List[str]]:
    """Convert a whole export.

    path (Union[str, Path]): The export file.
    fmt (str): One of FORMATS.
    label_map (Optional[Dict[str, str]]): Label renames.
    RETURNS (Tuple[List[Dict], List[str]]): The records and the errors of
        the tasks that could not be converted.
    """
    if fmt not in FORMATS:
        raise ValueError(Errors.E606.format(fmt=fmt, formats=", ".join(FORMATS)))
    records, errors = [], []
    for position, task in read_tasks(path, fmt):
        try:
            records.append(task_to_record(task, fmt, str(path), position, label_map))
        except ValueError as err:
            errors.append(str(err))
    return records, errors
