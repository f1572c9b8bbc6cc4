"""The damage of real copies, as edits of a text: a PDF's lines hard-wrapped
at a fixed width. `scripts/robustness.py` scores the work items and the
entities under such damage.
"""
from typing import List, Sequence, Tuple

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
