"""The linker: ties every entity to the deepest work item containing it, and
removes entities the guideline rules out whatever a model predicted."""
from bisect import bisect_left
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple
import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from .corpus import NUMBER_LABELS
from .markers import deepest_item

# Names of documents are units: nothing inside 《》 is an entity.
_TITLE_QUOTES = re.compile(r"《[^《》\n]{0,80}》")


@Language.factory(
    "zhgov_linker",
    assigns=["doc.ents", "span._.work_item"],
    requires=["doc.ents"],
    default_config={
        "drop_in_boilerplate": True,
        "drop_in_titles": True,
        "require_values": True,
        "scorer": {"@scorers": "zhgov.linking_scorer.v1"},
    },
    default_score_weights={"linking_acc": 0.0},
)
def make_linker(
    nlp: Language,
    name: str,
    drop_in_boilerplate: bool,
    drop_in_titles: bool,
    require_values: bool,
    scorer: Optional[Callable],
) -> "WorkItemLinker":
    return WorkItemLinker(
        nlp.vocab,
        name=name,
        drop_in_boilerplate=drop_in_boilerplate,
        drop_in_titles=drop_in_titles,
        require_values=require_values,
        scorer=scorer,
    )


def score_linking(examples: Iterable[Example], **kwargs) -> Dict[str, Optional[float]]:
    """Share of gold entities found with the exact boundaries and label whose
    predicted work item equals the gold one.

    examples (Iterable[Example]): Examples whose reference spans carry
        Span._.work_item.
    RETURNS (Dict[str, Optional[float]]): {"linking_acc": …}.
    """
    correct = total = 0
    for example in examples:
        predicted = {(e.start_char, e.end_char, e.label_): e._.work_item for e in example.predicted.ents}
        for ent in example.reference.ents:
            key = (ent.start_char, ent.end_char, ent.label_)
            if key in predicted:
                total += 1
                correct += predicted[key] == ent._.work_item
    return {"linking_acc": correct / total if total else None}


@registry.scorers("zhgov.linking_scorer.v1")
def make_linking_scorer() -> Callable:
    return score_linking


class WorkItemLinker:
    """Sets Span._.work_item on every entity and enforces the hard rules:
    nothing inside boilerplate or inside 《》, and number entities only with a
    value from the number rules."""

    def __init__(
        self,
        vocab,
        name: str = "zhgov_linker",
        *,
        drop_in_boilerplate: bool = True,
        drop_in_titles: bool = True,
        require_values: bool = True,
        scorer: Optional[Callable] = score_linking,
    ) -> None:
        self.vocab = vocab
        self.name = name
        self.drop_in_boilerplate = drop_in_boilerplate
        self.drop_in_titles = drop_in_titles
        self.require_values = require_values
        self.scorer = scorer
        for cls, attr in ((Span, "work_item"), (Span, "value")):
            if not cls.has_extension(attr):
                cls.set_extension(attr, default=None)
        if not Doc.has_extension("work_items"):
            Doc.set_extension("work_items", default=None)
        if not Doc.has_extension("boilerplate"):
            Doc.set_extension("boilerplate", default=None)

    def __call__(self, doc: Doc) -> Doc:
        blocked = []
        if self.drop_in_boilerplate:
            blocked.extend(doc._.boilerplate or [])
        if self.drop_in_titles:
            blocked.extend(m.span() for m in _TITLE_QUOTES.finditer(doc.text))
        blocked = _merge(blocked)
        blocked_starts = [start for start, _ in blocked]
        kept = []
        for ent in doc.ents:
            if ent.label_ in NUMBER_LABELS and self.require_values and ent._.value is None:
                continue
            if _overlaps_any(ent.start_char, ent.end_char, blocked, blocked_starts):
                continue
            kept.append(ent)
        if len(kept) != len(doc.ents):
            doc.set_ents(kept, default="outside")
        items = doc._.work_items or []
        starts = [item["start"] for item in items]
        for ent in doc.ents:
            ent._.work_item = deepest_item(items, ent.start_char, starts)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        pass

    def score(self, examples: Iterable[Example], **kwargs) -> Dict:
        return self.scorer(examples, **kwargs) if self.scorer else {}

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "WorkItemLinker":
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        pass

    def from_disk(self, path, *, exclude=tuple()) -> "WorkItemLinker":
        return self


def _merge(ranges: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Sort ranges and merge the overlapping ones."""
    merged: List[Tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlaps_any(start: int, end: int, ranges: Sequence[Tuple[int, int]], starts: List[int]) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint ranges."""
    index = bisect_left(starts, end) - 1
    return index >= 0 and ranges[index][1] > start
