"""Records (ANNOTATION.md §5) to and from spaCy Docs."""
from typing import Dict, List, Optional

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .corpus import SPAN_KEYS
from .markers import deepest_item
from .tokenizer import doc_text


def _ensure_extensions() -> None:
    for attr in ("work_item", "value"):
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    for attr in ("work_items", "boilerplate"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


def doc_to_record(doc: Doc, doc_id: Optional[str] = None, meta: Optional[Dict] = None) -> Dict:
    """Turn an annotated Doc into the JSONL record of ANNOTATION.md §5.

    doc (Doc): A Doc processed by the zhgov pipeline.
    doc_id (Optional[str]): The record id; a hash of the text when None.
    meta (Optional[Dict]): Record meta; must hold "source" ("-" when None).
    RETURNS (Dict): The record.
    """
    _ensure_extensions()
    text = doc_text(doc)
    if doc_id is None:
        from .io import text_id

        doc_id = text_id(text)
    # Offsets from one array, as three lists of ints (a list per token would
    # wake the garbage collector), texts sliced from the doc's text: no Token
    # object per token.
    starts, lengths, spaces = doc.to_array([IDX, LENGTH, SPACY]).reshape(-1, 3).T.tolist()
    tokens = [
        {"text": text[start:start + length], "start": start, "end": start + length, "id": i, "ws": space == 1}
        for i, start, length, space in zip(range(len(starts)), starts, lengths, spaces)
    ]
    spans = []
    for ent in doc.ents:
        spans.append({
            "start": ent.start_char,
            "end": ent.end_char,
            "label": ent.label_,
            "text": ent.text,
            "token_start": ent.start,
            "token_end": ent.end - 1,
            "work_item": ent._.work_item,
            "value": ent._.value,
        })
    work_items = [dict(item) for item in (doc._.work_items or [])]
    boilerplate = [{"start": start, "end": end} for start, end in (doc._.boilerplate or [])]
    record_meta = {"source": "-"}
    record_meta.update(meta or {})
    return {"id": doc_id, "text": text, "meta": record_meta, "tokens": tokens,
            "spans": spans, "work_items": work_items, "boilerplate": boilerplate}


def record_to_doc(record: Dict, vocab: Vocab, words: Optional[List[str]] = None,
                  spaces: Optional[List[bool]] = None) -> Doc:
    """Build a reference Doc from a gold record: its tokens (or the given
    words), entities with values and work items, work items and boilerplate.
    Entities that do not fall on token boundaries are left out; the share of
    such boundaries is what the alignment ceiling measures.

    record (Dict): The gold record.
    vocab (Vocab): The vocab.
    words (Optional[List[str]]): Words to use instead of the record's tokens.
    spaces (Optional[List[bool]]): Their trailing-space flags.
    RETURNS (Doc): The Doc.
    """
    _ensure_extensions()
    if words is None:
        if record["tokens"]:
            words = [t["text"] for t in record["tokens"]]
            spaces = [bool(t["ws"]) for t in record["tokens"]]
        else:
            words = list(record["text"])
            spaces = [False] * len(words)
    doc = Doc(vocab, words=words, spaces=spaces)
    ents = []
    for span in record["spans"]:
        ent = doc.char_span(span["start"], span["end"], label=span["label"])
        if ent is None:
            continue
        ent._.value = span.get("value")
        ent._.work_item = span.get("work_item", deepest_item(record["work_items"], span["start"]))
        ents.append(ent)
    doc.set_ents(ents, default="outside")
    doc._.work_items = [dict(item) for item in record["work_items"]]
    doc._.boilerplate = [(b["start"], b["end"]) for b in record["boilerplate"]]
    return doc


__all__ = ["doc_to_record", "record_to_doc", "SPAN_KEYS"]
