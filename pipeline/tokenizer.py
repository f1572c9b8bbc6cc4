"""The tokenizer: spaCy's Chinese tokenizer with a pkuseg model trained on the
corpus, made safe for long documents and aligned with the number rules.

spaCy's ChineseTokenizer hands the whole text to pkuseg and re-finds every word
in the remaining text, which is quadratic in document length. This tokenizer
segments line by line, aligns words in one pass, and splits tokens wherever a
MONEY or PERSON_COUNT mention starts or ends, so that every number entity lies
on token boundaries. The pkuseg model runs through `pkuseg_fast.FastPkuseg`,
which gives pkuseg's words for a whole document in one batch, about six times
faster.
"""
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union
import re
import weakref

from spacy.attrs import IDX, LENGTH
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from .errors import Errors
from .pkuseg_fast import FastPkuseg

_LINES = re.compile(r"[^\r\n]+")
# An Arabic work-item marker at a line start (1. 1、 （1）), not a number (1.5亿元).
_LINE_MARKER = re.compile(r"^[ \t\u3000]*(?:[0-9０-９]{1,2}[.．、]|[（(][0-9０-９]{1,2}[）)])(?![0-9０-９])", re.M)
# The text of each live Doc, for the components that read it: spaCy's
# Doc.text joins the text of every token again at each call.
_DOC_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()
# Token edges of each live Doc, shared by the rule components (read only);
# renewed when the number of tokens changes.
_DOC_EDGES: "weakref.WeakKeyDictionary[Doc, Tuple[int, Dict[int, int], Dict[int, int]]]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """The text of a Doc, built once per Doc (`Doc.text` builds it from the
    tokens at every call); the tokenizer hands over the text it was given.

    doc (Doc): The document.
    RETURNS (str): doc.text.
    """
    text = _DOC_TEXTS.get(doc)
    # A Doc refilled in place (Doc.from_bytes) has another length.
    n_chars = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != n_chars:
        text = doc.text
        _DOC_TEXTS[doc] = text
    return text


def token_edges(doc: Doc) -> Tuple[Dict[int, int], Dict[int, int]]:
    """Where each token starts and ends, for the rules that match text and
    keep only matches on token boundaries.

    doc (Doc): The document.
    RETURNS (Tuple[Dict[int, int], Dict[int, int]]): Start offset → token
        index, end offset → token index. Built once per Doc and shared: do not
        modify them.
    """
    cached = _DOC_EDGES.get(doc)
    if cached is not None and cached[0] == len(doc):
        return cached[1], cached[2]
    offsets = doc.to_array([IDX, LENGTH])
    positions = range(len(doc))
    starts = dict(zip(offsets[:, 0].tolist(), positions))
    ends = dict(zip((offsets[:, 0] + offsets[:, 1]).tolist(), positions))
    _DOC_EDGES[doc] = (len(doc), starts, ends)
    return starts, ends


@registry.tokenizers("zhgov.ChineseTokenizer.v1")
def create_tokenizer(split_quantities: bool = True, split_names: bool = False) -> Callable[[Language], "GovTokenizer"]:
    """Registered tokenizer factory.

    split_quantities (bool): Split tokens at the edges of MONEY and
        PERSON_COUNT mentions found by the number rules.
    split_names (bool): Split tokens at punctuation and at the edges of
        prefixed government bodies (org_rules.name_boundaries).
    RETURNS (Callable[[Language], GovTokenizer]): The tokenizer factory.
    """

    def tokenizer_factory(nlp: Language) -> "GovTokenizer":
        return GovTokenizer(nlp.vocab, split_quantities=split_quantities, split_names=split_names)

    return tokenizer_factory


class GovTokenizer(ChineseTokenizer):
    """pkuseg word segmentation, line by line, with forced boundaries."""

    def __init__(self, vocab, *, split_quantities: bool = True, split_names: bool = False) -> None:
        super().__init__(vocab, segmenter=Segmenter.pkuseg)
        self.split_quantities = split_quantities
        self.split_names = split_names

    def __call__(self, text: str) -> Doc:
        words, spaces = self.segment(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        _DOC_TEXTS[doc] = text
        return doc

    def segment(self, text: str) -> Tuple[List[str], List[bool]]:
        """Segment a text into spaCy words and trailing-space flags.

        text (str): The text.
        RETURNS (Tuple[List[str], List[bool]]): Words (white space other than a
            single trailing space becomes a word of its own) and space flags.
        """
        if self.pkuseg_seg is None:
            raise ValueError(Errors.E003)
        offsets = self.word_offsets(text)
        if self.split_quantities or self.split_names:
            offsets = split_at(offsets, self.forced_boundaries(text))
        return words_and_spaces(text, offsets)

    def forced_boundaries(self, text: str) -> List[int]:
        """The sorted offsets where this tokenizer splits whatever pkuseg
        found: number mentions (split_quantities), punctuation and the names
        of bodies (split_names)."""
        cuts = set(self.quantity_boundaries(text)) if self.split_quantities else set()
        if self.split_names:
            from .org_rules import name_boundaries

            cuts.update(name_boundaries(text))
            # a numbered line's marker ends a word (1.|G30连霍高速公路…)
            cuts.update(match.end() for match in _LINE_MARKER.finditer(text))
        return sorted(cuts)

    def word_offsets(self, text: str) -> List[Tuple[int, int]]:
        """Char offsets of the non-white-space words pkuseg finds, line by line."""
        pieces = [piece for line in _LINES.finditer(text) for piece in _line_pieces(line.group(), line.start())
                  if piece[0].strip()]
        segmenter = self.fast_segmenter()
        if segmenter is not None:
            segmented = segmenter.cut_many(piece for piece, _ in pieces)
        else:
            segmented = [self.pkuseg_seg.cut(piece) for piece, _ in pieces]
        offsets: List[Tuple[int, int]] = []
        for (piece, base), words in zip(pieces, segmented):
            offsets.extend(_word_offsets(piece, base, words))
        return offsets

    # Build the batch segmenter when a model arrives, so that its tables
    # (about 0.3 s) count as loading, not as the first document's time.

    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable[Example]]] = None,
        *,
        nlp: Optional[Language] = None,
        pkuseg_model: Optional[str] = None,
        pkuseg_user_dict: Optional[str] = "default",
    ) -> None:
        super().initialize(get_examples, nlp=nlp, pkuseg_model=pkuseg_model, pkuseg_user_dict=pkuseg_user_dict)
        self.fast_segmenter()

    def from_bytes(self, data, **kwargs) -> "GovTokenizer":
        super().from_bytes(data, **kwargs)
        self.fast_segmenter()
        return self

    def from_disk(self, path, **kwargs) -> "GovTokenizer":
        super().from_disk(path, **kwargs)
        self.fast_segmenter()
        return self

    def fast_segmenter(self) -> Optional[FastPkuseg]:
        """The batch implementation of the current pkuseg model (built once
        per model), None for a model whose features it does not compute."""
        seg = self.pkuseg_seg
        if seg is None:
            return None
        if getattr(self, "_fast_for", None) is not seg:
            self._fast = FastPkuseg(seg) if FastPkuseg.supports(seg) else None
            self._fast_for = seg
        return self._fast

    @staticmethod
    def quantity_boundaries(text: str) -> List[int]:
        from .numbers import find_quantities

        cuts = set()
        for quantity in find_quantities(text):
            cuts.add(quantity.start)
            cuts.add(quantity.end)
        return sorted(cuts)

    def _get_config(self):
        config = super()._get_config()
        config["split_quantities"] = self.split_quantities
        config["split_names"] = self.split_names
        return config

    def _set_config(self, config=None) -> None:
        config = config or {}
        super()._set_config(config)
        self.split_quantities = config.get("split_quantities", True)
        self.split_names = config.get("split_names", False)


def _line_pieces(line: str, base: int) -> List[Tuple[str, int]]:
    """A line in pieces of at most 5,000 characters, with their offsets:
    pkuseg's time and memory grow with the length of what it is given. A long
    line is cut after the last sentence end (else clause break, else space)
    in the second half of each piece; the pieces are found from the line's
    start only, so that the same line gives the same words wherever it is
    read from."""
    max_piece = 5000
    pieces: List[Tuple[str, int]] = []
    start = 0
    while len(line) - start > max_piece:
        window = line[start + max_piece // 2:start + max_piece]
        cut = max_piece
        for breaks in ("。！？；!?;", "，、：,:", " \t\u3000"):
            found = max(window.rfind(char) for char in breaks)
            if found >= 0:
                cut = max_piece // 2 + found + 1
                break
        pieces.append((line[start:start + cut], base + start))
        start += cut
    pieces.append((line[start:], base + start))
    return pieces


def _word_offsets(line: str, base: int, words: Sequence[str]) -> List[Tuple[int, int]]:
    """The offsets of pkuseg's words in the line they came from."""
    # A word never holds white space: words_and_spaces gives it its own
    # token, and split_at must not cut a word before a space.
    words = [part for word in words for part in word.split()]
    offsets = []
    pos = 0
    for word in words:
        found = line.find(word, pos)
        if found < 0 or line[pos:found].strip():
            # pkuseg changed the characters: fall back to single characters
            return [(base + i, base + i + 1) for i, char in enumerate(line) if not char.isspace()]
        offsets.append((base + found, base + found + len(word)))
        pos = found + len(word)
    if line[pos:].strip():
        offsets.extend((base + i, base + i + 1) for i in range(pos, len(line)) if not line[i].isspace())
    return offsets


def split_at(offsets: Sequence[Tuple[int, int]], cuts: Sequence[int]) -> List[Tuple[int, int]]:
    """Split word offsets at the given sorted cut points.

    offsets (Sequence[Tuple[int, int]]): Sorted, non-overlapping words.
    cuts (Sequence[int]): Sorted offsets where a token boundary is required.
    RETURNS (List[Tuple[int, int]]): The split words.
    """
    result: List[Tuple[int, int]] = []
    i = 0
    for start, end in offsets:
        while i < len(cuts) and cuts[i] <= start:
            i += 1
        j = i
        while j < len(cuts) and cuts[j] < end:
            result.append((start, cuts[j]))
            start = cuts[j]
            j += 1
        result.append((start, end))
    return result


def words_and_spaces(text: str, offsets: Sequence[Tuple[int, int]]) -> Tuple[List[str], List[bool]]:
    """spaCy words and spaces from word offsets: one trailing space belongs to
    the word before it, any other white space is a word of its own."""
    words: List[str] = []
    spaces: List[bool] = []
    pos = 0
    for start, end in offsets:
        if start > pos:
            words.append(text[pos:start])
            spaces.append(False)
        words.append(text[start:end])
        spaces.append(False)
        pos = end
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


def train_pkuseg(
    segmented_lines: Iterable[str],
    output_dir: Union[str, Path],
    *,
    dev_lines: Optional[Iterable[str]] = None,
    n_iter: int = 20,
    min_feature_count: int = 1,
) -> Path:
    """Train a pkuseg model from gold segmentation.

    segmented_lines (Iterable[str]): Lines with words separated by a space.
    output_dir (Union[str, Path]): Where the model files go.
    dev_lines (Optional[Iterable[str]]): Held-out lines for pkuseg's own
        progress report; the training lines when None.
    n_iter (int): Training iterations.
    min_feature_count (int): Keep the features seen more often than this in
        the training lines (pkuseg's featureTrim; 0 keeps all).
    RETURNS (Path): The model directory.
    """
    import contextlib
    import io
    import tempfile

    import spacy_pkuseg
    from spacy_pkuseg import config as pkuseg_config

    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        train_file = Path(tmp) / "train.txt"
        train_file.write_text("\n".join(segmented_lines) + "\n", encoding="utf-8")
        dev_file = train_file
        if dev_lines is not None:
            dev_file = Path(tmp) / "dev.txt"
            dev_file.write_text("\n".join(dev_lines) + "\n", encoding="utf-8")
        # pkuseg reports on stdout; library code stays quiet. Its settings are
        # one module-wide object, so the threshold is put back afterwards.
        trim = pkuseg_config.featureTrim
        pkuseg_config.featureTrim = min_feature_count
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                spacy_pkuseg.train(str(train_file), str(dev_file), str(output_dir), train_iter=n_iter)
        finally:
            pkuseg_config.featureTrim = trim
    return output_dir
