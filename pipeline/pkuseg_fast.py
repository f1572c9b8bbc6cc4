"""pkuseg's segmentation, computed for a whole batch of text at once.

spacy-pkuseg builds some 70 feature strings per character in Python and looks
each one up in a dict: four fifths of the tokenizer's time. `FastPkuseg` reads
the same model (features, weights, word list), hashes character n-grams with
numpy instead of building strings, finds the features in an open-addressing
table, sums their weights in pkuseg's own order and decodes with pkuseg's own
compiled Viterbi, so that the words are exactly the ones `pkuseg.cut` returns
(tests/test_pkuseg_fast.py compares the two). The user dictionary and the
post-processing dictionary are pkuseg's own objects, read at every call.

Feature and word strings are compared through 64-bit hashes of their
characters; two different strings of the model (72k features) colliding
with a string of the text has a probability in the order of 1e-14 per
lookup.
"""
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np

_U64 = np.uint64
# Multipliers of the polynomial string hash and of the mixing finaliser.
_P_SEQ = 0x100000001B3
_P_TYPE = 0x9E3779B97F4A7C15
_P_PAIR = 0xC2B2AE3D27D4EB4F
_MASK = (1 << 64) - 1
# The two normalised "characters" pkuseg uses for digits and letters; real
# code points end at 0x10FFFF.
_NUM = 0x110000
_LETTER = 0x110001
# The hash standing for pkuseg's "**noWord".
_NO_WORD = 0x2545F4914F6CDD1D
# Kinds of features (the prefixes of pkuseg's feature strings).
_KINDS = ("c.", "c-1.", "c-1c.", "c1.", "cc1.", "c-2.", "c-2c-1.", "c2.", "w-1.", "w1.", "ww.l.", "ww.r.")
# Nodes of text hashed in one go: bounds the memory of a long document.
_BATCH_NODES = 50_000


def _seq_hash(tokens: Sequence[int]) -> int:
    value = 0
    for token in tokens:
        value = (value * _P_SEQ + token + 1) & _MASK
    return value


def _key(kind: int, value: int) -> int:
    return (value * _P_TYPE + kind + 1) & _MASK


def _pair(pre: int, post: int) -> int:
    return ((pre * _P_PAIR) ^ post) & _MASK


def _mix(keys: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the polynomial hashes over the low bits
    that address the table."""
    keys = keys ^ (keys >> _U64(30))
    keys = keys * _U64(0xBF58476D1CE4E5B9)
    keys = keys ^ (keys >> _U64(27))
    keys = keys * _U64(0x94D049BB133111EB)
    return keys ^ (keys >> _U64(31))


class _HashTable:
    """uint64 keys → int64 values, with vectorised lookups (-1: absent)."""

    def __init__(self, items: Dict[int, int]) -> None:
        size = 16
        while size < 2 * len(items):
            size *= 2
        self.mask = size - 1
        self.keys = np.zeros(size, dtype=_U64)
        self.values = np.full(size, -1, dtype=np.int64)
        keys = np.fromiter(items.keys(), dtype=_U64, count=len(items))
        slots = (_mix(keys) & _U64(self.mask)).astype(np.int64)
        for key, slot, value in zip(keys.tolist(), slots.tolist(), items.values()):
            while self.values[slot] >= 0:
                slot = (slot + 1) & self.mask
            self.keys[slot] = key
            self.values[slot] = value

    def get(self, keys: np.ndarray) -> np.ndarray:
        result = np.full(len(keys), -1, dtype=np.int64)
        slots = (_mix(keys) & _U64(self.mask)).astype(np.int64)
        pending = np.arange(len(keys))
        while len(pending):
            found_keys = self.keys[slots]
            found_values = self.values[slots]
            hit = (found_values >= 0) & (found_keys == keys)
            result[pending[hit]] = found_values[hit]
            more = (found_values >= 0) & ~hit
            pending, keys, slots = pending[more], keys[more], (slots[more] + 1) & self.mask
        return result


class FastPkuseg:
    """Segments like `seg.cut`, for many texts at once.

    seg (spacy_pkuseg.pkuseg): A loaded pkuseg segmenter (word features on,
        numbers and letters normalised: pkuseg's defaults).
    """

    def __init__(self, seg) -> None:
        from spacy_pkuseg import config
        from spacy_pkuseg.feature_extractor import FeatureExtractor

        self.seg = seg
        self.word_lengths = list(range(config.wordMax, config.wordMin - 1, -1))
        extractor = seg.feature_extractor
        model = seg.model
        n_tag, n_feature = model.n_tag, model.n_feature
        self.node_weights = np.vstack(
            [model.w[: n_feature * n_tag].reshape(n_feature, n_tag), np.zeros((1, n_tag))]
        )
        edge = model.w[n_feature * n_tag:].reshape(n_tag, n_tag).T
        self.edge_weights = np.ascontiguousarray(np.ones((n_tag, n_tag)) + edge)
        self.starts_word = np.array(
            ["B" in tag for tag, _ in sorted(extractor.tag_to_idx.items(), key=lambda item: item[1])]
        )
        self.translate = FeatureExtractor.keywords_translate_table
        self.number_chars = np.array(sorted(ord(c) for c in FeatureExtractor.num), dtype=np.uint32)
        self.letter_chars = np.array(sorted(ord(c) for c in FeatureExtractor.letter), dtype=np.uint32)
        self.start_feature = extractor.feature_to_idx.get("$$")
        self.words = _HashTable({_seq_hash(_tokens(word)): 1 for word in extractor.unigram})
        features: Dict[int, int] = {}
        for name, index in extractor.feature_to_idx.items():
            key = _feature_key(name)
            if key is not None:
                features[key] = index
        self.features = _HashTable(features)
        # ww features of a node with no word on either side: one per kind
        self.no_word_pairs = {kind: features.get(_key(kind, _pair(_NO_WORD, _NO_WORD)), -1) for kind in (10, 11)}

    @staticmethod
    def supports(seg) -> bool:
        """Whether seg is a pkuseg model with the feature set this class
        computes (anything else is left to its own `cut`)."""
        from spacy_pkuseg import config

        extractor = getattr(seg, "feature_extractor", None)
        if extractor is None or not hasattr(seg, "model") or not hasattr(seg, "postprocesser"):
            return False
        return bool(config.wordFeature and config.numLetterNorm and extractor.feature_to_idx.get("$$") == 0)

    def cut(self, text: str) -> List[str]:
        """The words of one text, as `seg.cut(text)`."""
        return self.cut_many([text])[0]

    def cut_many(self, texts: Iterable[str]) -> List[List[str]]:
        """The words of each text, as `[seg.cut(text) for text in texts]`."""
        seg = self.seg
        pieces: List[str] = []
        plans: List[List[Tuple[bool, str]]] = []
        for text in texts:
            plan: List[Tuple[bool, str]] = []
            for chunk in text.strip().split():
                for piece, is_word, _ in zip(*seg.preprocesser.solve(chunk)):
                    plan.append((is_word, piece))
                    if not is_word:
                        pieces.append(piece)
            plans.append(plan)
        decoded = iter(self._decode(pieces))
        results = []
        for plan in plans:
            words: List[str] = []
            for is_word, piece in plan:
                if is_word:
                    words.append(piece)
                else:
                    words.extend(self._post_process(next(decoded)))
            results.append(words)
        return results

    def _post_process(self, words: List[str]) -> List[str]:
        """pkuseg's Postprocesser (merging words that form a dictionary word),
        which skips the window sizes where no window is a dictionary word."""
        processor = self.seg.postprocesser
        if not processor.do_process:
            return words
        dictionaries = [processor.common_words, processor.other_words]
        for size in range(7, 1, -1):
            windows = list(map("".join, zip(*(words[k:] for k in range(size)))))
            if all(dictionary.isdisjoint(windows) for dictionary in dictionaries):
                continue
            first = next(i for i, window in enumerate(windows)
                         if any(window in dictionary for dictionary in dictionaries))
            words[first:] = self._merge(words[first:], size)
        return words

    def _merge(self, words: List[str], size: int) -> List[str]:
        """One window size of pkuseg's Postprocesser.post_process."""
        processor = self.seg.postprocesser
        common, other = processor.common_words, processor.other_words
        i = 0
        while i < len(words) - size + 1:
            merged = "".join(words[i:i + size])
            if merged in common:
                merge = True
            elif merged in other:
                merge = not all(w in common or w in other for w in words[i:i + size])
            else:
                merge = False
            if merge:
                words[i:i + size] = [merged]
            i += 1
        return words

    def _decode(self, pieces: List[str]) -> Iterable[List[str]]:
        """pkuseg's `_cut` (features, weights, Viterbi) of each piece."""
        batch: List[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= _BATCH_NODES:
                yield from self._decode_batch(batch)
                batch, size = [], 0
        if batch:
            yield from self._decode_batch(batch)

    def _decode_batch(self, pieces: List[str]) -> Iterable[List[str]]:
        from spacy_pkuseg.inference import run_viterbi

        scores = self.node_scores(pieces)
        start = 0
        for piece in pieces:
            end = start + len(piece)
            _, tags = run_viterbi(scores[start:end], self.edge_weights)
            cuts = np.flatnonzero(self.starts_word[tags[1:]]) + 1
            bounds = [0] + cuts.tolist() + [len(piece)]
            yield [piece[a:b] for a, b in zip(bounds, bounds[1:])]
            start = end

    def node_scores(self, pieces: List[str]) -> np.ndarray:
        """Per node and tag, the sum of the weights of its features, added in
        the order pkuseg adds them (so the floats are the same)."""
        text = "".join(pieces).translate(self.translate)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        tokens = codes.astype(_U64)
        tokens[np.isin(codes, self.number_chars)] = _NUM
        tokens[np.isin(codes, self.letter_chars)] = _LETTER
        n = len(tokens)
        lengths = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
        starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        position = np.arange(n)
        left = position - starts  # nodes before this one in its piece
        right = np.repeat(np.cumsum(lengths), lengths) - position  # this one and those after
        # hashes[l][j]: hash of the l nodes from j (wrapping past the end)
        hashes = {1: tokens + _U64(1)}
        for length in range(2, max(self.word_lengths) + 1):
            hashes[length] = hashes[length - 1] * _U64(_P_SEQ) + np.roll(hashes[1], -(length - 1))
        # Every feature lookup of the batch goes to the table at once (per
        # call, numpy's overhead dwarfs short texts); the weights are then
        # added slot by slot in pkuseg's order.
        slots: List[Tuple[int, np.ndarray, np.ndarray, int]] = []  # kind, values, where, default

        def add(kind: int, values: np.ndarray, where: np.ndarray, default: int = -1) -> None:
            slots.append((kind, values, where, default))

        everywhere = np.ones(n, dtype=bool)
        has_prev, has_next = left >= 1, right >= 2
        add(0, hashes[1], everywhere)
        add(1, np.roll(hashes[1], 1), has_prev)
        add(2, np.roll(hashes[2], 1), has_prev)
        add(3, np.roll(hashes[1], -1), has_next)
        add(4, hashes[2], has_next)
        add(5, np.roll(hashes[1], 2), left >= 2)
        add(6, np.roll(hashes[2], 2), left >= 2)
        add(7, np.roll(hashes[1], -2), right >= 3)
        # words (in the model's word list) ending at, starting at, ending
        # before and starting after each node: their hashes, or _NO_WORD
        no_word = _U64(_NO_WORD)
        fits = {length: right >= length for length in self.word_lengths}
        known_words = iter(np.split(
            self.words.get(np.concatenate([hashes[length][fits[length]] for length in self.word_lengths])) >= 0,
            np.cumsum([np.count_nonzero(fits[length]) for length in self.word_lengths])[:-1]))
        words_at: Dict[int, np.ndarray] = {}
        for length in self.word_lengths:
            known = np.zeros(n, dtype=bool)
            known[fits[length]] = next(known_words)
            words_at[length] = np.where(known, hashes[length], no_word)
        ending_at = [np.where(left >= l - 1, np.roll(words_at[l], l - 1), no_word) for l in self.word_lengths]
        starting_at = [words_at[l] for l in self.word_lengths]
        ending_before = [np.where(left >= l, np.roll(words_at[l], l), no_word) for l in self.word_lengths]
        starting_after = [np.where(right >= l + 1, np.roll(words_at[l], -1), no_word) for l in self.word_lengths]
        for words in ending_at:
            add(8, words, words != no_word)
        for words in starting_at:
            add(9, words, words != no_word)
        for kind, pres, posts in ((10, ending_before, starting_at), (11, ending_at, starting_after)):
            # most nodes have no word on either side: one known feature
            neither = self.no_word_pairs[kind]
            for pre in pres:
                for post in posts:
                    add(kind, (pre * _U64(_P_PAIR)) ^ post, (pre != no_word) | (post != no_word), neither)
        keys = np.concatenate([values[where] * _U64(_P_TYPE) + _U64(kind + 1) for kind, values, where, _ in slots])
        found = self.features.get(keys)
        weights = self.node_weights
        scores = weights[np.full(n, self.start_feature)].copy()
        offset = 0
        for _, _, where, default in slots:
            index = np.full(n, default, dtype=np.int64)
            count = np.count_nonzero(where)
            index[where] = found[offset:offset + count]
            offset += count
            np.add(scores, weights[index], out=scores)
        return scores


def _tokens(word: str) -> List[int]:
    """pkuseg's normalised characters of a word string: "**Num" and
    "**Letter" stand for one digit or letter."""
    tokens = []
    i = 0
    while i < len(word):
        length = _node_length(word, i)
        tokens.append(_NUM if length == 5 else _LETTER if length == 8 else ord(word[i]))
        i += length
    return tokens


def _node_length(text: str, i: int) -> int:
    """Length of the normalised character at text[i] ("**Num": 5, "**Letter": 8)."""
    if text.startswith("**Num", i):
        return 5
    if text.startswith("**Letter", i):
        return 8
    return 1


def _feature_key(name: str):
    """The table key of one pkuseg feature string, None for '$$'."""
    for kind, prefix in enumerate(_KINDS):
        if not name.startswith(prefix):
            continue
        body = name[len(prefix):]
        if kind == 10 or kind == 11:
            pre, post = _split_pair(body)
            return _key(kind, _pair(pre, post))
        if prefix in ("c-1c.", "cc1.", "c-2c-1."):
            # "a.b": two nodes around a dot
            split = _node_length(body, 0)
            return _key(kind, _seq_hash(_tokens(body[:split]) + _tokens(body[split + 1:])))
        return _key(kind, _seq_hash(_tokens(body)))
    return None


def _split_pair(body: str) -> Tuple[int, int]:
    """'pre*post' of a ww feature → the two word hashes."""
    halves = []
    i = 0
    for _ in range(2):
        if body.startswith("**noWord", i):
            halves.append(_NO_WORD)
            i += len("**noWord")
        else:
            begin = i
            # a node is never "*" (pkuseg renames it): the first lone one separates
            while i < len(body) and (body[i] != "*" or _node_length(body, i) > 1):
                i += _node_length(body, i)
            halves.append(_seq_hash(_tokens(body[begin:i])))
        i += 1  # the separator
    return halves[0], halves[1]
