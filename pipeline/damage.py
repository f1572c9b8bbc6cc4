"""The damage of real copies, as edits of a text: a PDF's lines hard-wrapped
at a fixed width. `scripts/robustness.py` scores the outline under such
damage; `zhgov train` adds hard-wrapped copies of training documents, so that
the NER learns that a line break a PDF put inside a name is no boundary
(滢水县⏎第一中学).
"""
from typing import List, Sequence, Tuple

from spacy.tokens import Doc, Span

# (offset, characters replaced, replacement), in text order.
Edit = Tuple[int, int, str]
# A wrap never comes right before these (a marker's end, punctuation) …
_NO_WRAP_BEFORE = set("是要、)）.．。，；：,;:！？%”")
# … nor right after these (a marker's start), nor inside a Chinese numeral.
_NO_WRAP_AFTER = set("(（")
_NUMERALS = set("一二三四五六七八九十")


def rewrite(text: str, edits: Sequence[Edit]) -> Tuple[str, List[int]]:
    """Apply edits to a text.

    text (str): The text.
    edits (Sequence[Edit]): Non-overlapping edits in text order.
    RETURNS (Tuple[str, List[int]]): The new text, and for each offset of the
        old text (its length included) the offset of the same character in
        the new one; an insertion goes before the character at its offset.
    """
    parts: List[str] = []
    offsets = [0] * (len(text) + 1)
    shift = 0
    position = 0
    for at, length, replacement in edits:
        for i in range(position, at):
            offsets[i] = i + shift
        parts.append(text[position:at])
        for i in range(at, at + length):
            offsets[i] = at + shift
        parts.append(replacement)
        shift += len(replacement) - length
        position = at + length
    for i in range(position, len(text) + 1):
        offsets[i] = i + shift
    parts.append(text[position:])
    return "".join(parts), offsets


def hard_wrap(text: str, width: int) -> List[Edit]:
    """The line breaks a PDF copy puts into lines longer than width characters,
    as typesetting does: never before punctuation or a marker's end, never
    after a marker's opening bracket, never inside a Chinese numeral.

    text (str): The text.
    width (int): The line width in characters.
    RETURNS (List[Edit]): One insertion of "\\n" per wrap.
    """
    edits: List[Edit] = []
    column = 0
    for i, char in enumerate(text):
        if char == "\n":
            column = 0
            continue
        if column >= width and char not in _NO_WRAP_BEFORE and text[i - 1] not in _NO_WRAP_AFTER \
                and not (text[i - 1] in _NUMERALS and char in _NUMERALS):
            edits.append((i, 0, "\n"))
            column = 0
        column += 1
    return edits


def wrapped_doc(doc: Doc, width: int) -> Doc:
    """A copy of a reference Doc with its lines hard-wrapped at width: a word
    the wrap cuts becomes two, the line break a token of its own, and the
    entities, their values and work items, the work items and the boilerplate
    move with their characters.

    doc (Doc): A Doc with words, entities and the zhgov extensions.
    width (int): The line width in characters.
    RETURNS (Doc): The wrapped copy (the Doc itself where no line is longer).
    """
    edits = hard_wrap(doc.text, width)
    if not edits:
        return doc
    text, offsets = rewrite(doc.text, edits)
    breaks = {offsets[at] - 1 for at, _, _ in edits}  # where each inserted "\n" stands now
    pieces: List[Tuple[int, int]] = []
    inside = set()
    for token in doc:
        start, end = offsets[token.idx], offsets[token.idx + len(token) - 1] + 1
        piece_start = start
        for i in range(start, end):
            if i in breaks:
                inside.add(i)
                if piece_start < i:
                    pieces.append((piece_start, i))
                pieces.append((i, i + 1))
                piece_start = i + 1
        if piece_start < end:
            pieces.append((piece_start, end))
    # a wrap before a token or its trailing space: the line break alone
    pieces = sorted(pieces + [(i, i + 1) for i in breaks - inside])
    words = [text[start:end] for start, end in pieces]
    spaces = [text[end:end + 1] == " " and (k + 1 == len(pieces) or pieces[k + 1][0] > end)
              for k, (_, end) in enumerate(pieces)]
    wrapped = Doc(doc.vocab, words=words, spaces=spaces)
    ents = []
    for ent in doc.ents:
        span = wrapped.char_span(offsets[ent.start_char], offsets[ent.end_char - 1] + 1, label=ent.label_)
        if span is None:
            continue
        for attr in ("value", "work_item"):
            if Span.has_extension(attr):
                setattr(span._, attr, getattr(ent._, attr))
        ents.append(span)
    wrapped.set_ents(ents, default="outside")
    if Doc.has_extension("work_items") and doc._.work_items is not None:
        wrapped._.work_items = [dict(item, start=offsets[item["start"]], end=offsets[item["end"]])
                                for item in doc._.work_items]
    if Doc.has_extension("boilerplate") and doc._.boilerplate is not None:
        wrapped._.boilerplate = [(offsets[start], offsets[end]) for start, end in doc._.boilerplate]
    return wrapped
