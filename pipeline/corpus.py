"""The gold corpus: paths, labels, record I/O, the validator and statistics.

Corpus paths, splits and label sets are defined here once and imported
everywhere else.
"""
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple
import hashlib
import json
import re

from .errors import Errors
from .markers import Marker, build_work_items, deepest_item, parse_marker

LABELS = ("ORG", "PROJECT", "MONEY", "PERSON_COUNT")
NUMBER_LABELS = ("MONEY", "PERSON_COUNT")
MODEL_LABELS = ("ORG", "PROJECT")
LABEL_ALIASES = {"PC": "PERSON_COUNT", "PRJ": "PROJECT"}
SPLITS = ("train", "dev", "test")
SPLIT_SHARES = {"dev": 0.15, "test": 0.15}
CORPUS_DIR = Path(__file__).parent.parent / "corpus"
SOURCE_DIR = CORPUS_DIR / "src"
SPLITS_FILE_NAME = "splits.json"
SEED_ID = "seed_000"

RECORD_KEYS = ("id", "text", "meta", "tokens", "spans", "work_items", "boilerplate")
SPAN_KEYS = ("start", "end", "label", "text", "token_start", "token_end", "work_item", "value")
ITEM_KEYS = ("id", "marker", "start", "end", "depth", "parent", "title")
MONEY_KEYS = ("amount", "amount_max", "currency", "approx")
COUNT_KEYS = ("count", "count_max", "approx", "per_visit")


def dumps(record: Dict) -> str:
    """One JSONL line, readable UTF-8 (srsly would escape non-ASCII)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def read_jsonl(path: Path) -> Iterator[Dict]:
    """Read records from a UTF-8 JSONL file, skipping blank lines."""
    with Path(path).open(encoding="utf-8") as file_:
        for line in file_:
            if line.strip():
                yield json.loads(line)


def write_jsonl(path: Path, records: Iterable[Dict]) -> None:
    """Write records as readable UTF-8 JSONL."""
    with Path(path).open("w", encoding="utf-8", newline="\n") as file_:
        for record in records:
            file_.write(dumps(record) + "\n")


def split_path(split: str, corpus_dir: Path = CORPUS_DIR) -> Path:
    return Path(corpus_dir) / f"{split}.jsonl"


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# Tokens


def align_words(text: str, words: Sequence[str]) -> List[Tuple[int, int]]:
    """Find the char offsets of non-white-space words in a text, in one pass.

    text (str): The text.
    words (Sequence[str]): Words whose concatenation is the text without
        white space.
    RETURNS (List[Tuple[int, int]]): (start, end) of each word.
    """
    offsets = []
    pos = 0
    for word in words:
        while pos < len(text) and text[pos].isspace() and not text.startswith(word, pos):
            pos += 1
        if not text.startswith(word, pos):
            raise ValueError(Errors.E305.format(source="", offset=pos, expected=text[pos:pos + 5], got=word))
        offsets.append((pos, pos + len(word)))
        pos += len(word)
    return offsets


def tokens_from_offsets(text: str, offsets: Sequence[Tuple[int, int]]) -> List[Dict]:
    """Turn word offsets into Prodigy/spaCy tokens that tile the text: a single
    space after a word is its `ws`, any other white space is a token of its own.
    """
    tokens: List[Dict] = []
    pos = 0

    def add(start: int, end: int) -> None:
        tokens.append({"text": text[start:end], "start": start, "end": end,
                       "id": len(tokens), "ws": False})

    for start, end in offsets:
        if start > pos:
            add(pos, start)
        add(start, end)
        pos = end
        if pos < len(text) and text[pos] == " ":
            tokens[-1]["ws"] = True
            pos += 1
    if pos < len(text):
        add(pos, len(text))
    return tokens


def tokens_from_segmentation(text: str, words: Sequence[str], spans: Sequence[Dict], source: str) -> List[Dict]:
    """Gold tokens from a hand segmentation, split at every entity boundary."""
    try:
        offsets = align_words(text, words)
    except ValueError as err:
        raise ValueError(str(err).replace("[E305] : ", f"[E305] {source}: ")) from None
    cuts = {span["start"] for span in spans} | {span["end"] for span in spans}
    split_offsets = []
    for start, end in offsets:
        inner = sorted(c for c in cuts if start < c < end)
        for cut in inner:
            split_offsets.append((start, cut))
            start = cut
        split_offsets.append((start, end))
    return tokens_from_offsets(text, split_offsets)


def attach_tokens(record: Dict) -> None:
    """Set token_start/token_end (inclusive) of the spans from the tokens;
    None where the record has no tokens or a boundary is not on a token."""
    starts = {token["start"]: token["id"] for token in record["tokens"]}
    ends = {token["end"]: token["id"] for token in record["tokens"]}
    for span in record["spans"]:
        span["token_start"] = starts.get(span["start"])
        span["token_end"] = ends.get(span["end"])
    record["spans"] = [{key: span.get(key) for key in SPAN_KEYS} for span in record["spans"]]


# Validation


def _overlaps(start: int, end: int, ranges: Sequence[Tuple[int, int]]) -> bool:
    return any(start < r_end and r_start < end for r_start, r_end in ranges)


def validate_record(record: Dict) -> List[str]:
    """Check one record against ANNOTATION.md and the corpus rules.

    record (Dict): The record.
    RETURNS (List[str]): Problems found, empty when the record is valid.
    """
    problems: List[str] = []
    doc_id = record.get("id", "?")
    missing = [key for key in RECORD_KEYS if key not in record]
    if missing:
        return [f"{doc_id}: missing keys {missing}"]
    text = record["text"]
    if not isinstance(text, str) or not isinstance(record["meta"], dict) or "source" not in record["meta"]:
        problems.append(f"{doc_id}: text must be a string and meta must hold 'source'")
        return problems
    boilerplate = [(b["start"], b["end"]) for b in record["boilerplate"]]
    for start, end in boilerplate:
        line_start = start == 0 or text[start - 1] in "\r\n"
        line_end = end == len(text) or text[end] in "\r\n"
        if not (0 <= start < end <= len(text) and line_start and line_end):
            problems.append(f"{doc_id}: boilerplate [{start}:{end}] is not a whole line")
    tokens = record["tokens"]
    if tokens:
        rebuilt = "".join(t["text"] + (" " if t["ws"] else "") for t in tokens)
        if rebuilt != text:
            problems.append(f"{doc_id}: tokens do not tile the text")
        for i, token in enumerate(tokens):
            if token["id"] != i or text[token["start"]:token["end"]] != token["text"]:
                problems.append(f"{doc_id}: token {i} {token['text']!r} has wrong id or offsets")
                break
    token_starts = {t["start"]: t["id"] for t in tokens}
    token_ends = {t["end"]: t["id"] for t in tokens}
    items = record["work_items"]
    previous_end = -1
    for span in sorted(record["spans"], key=lambda s: s["start"]):
        where = f"{doc_id}: span [{span.get('start')}:{span.get('end')}] {span.get('text')!r}"
        if any(key not in span for key in SPAN_KEYS):
            problems.append(f"{where}: missing keys")
            continue
        start, end = span["start"], span["end"]
        if not (0 <= start < end <= len(text)) or text[start:end] != span["text"]:
            problems.append(f"{where}: offsets do not match the text")
            continue
        if span["label"] not in LABELS:
            problems.append(f"{where}: unknown label {span['label']}")
        if start < previous_end:
            problems.append(f"{where}: overlaps the previous span")
        previous_end = max(previous_end, end)
        if _overlaps(start, end, boilerplate):
            problems.append(f"{where}: inside boilerplate")
        if span["text"] != span["text"].strip():
            problems.append(f"{where}: starts or ends with white space")
        problems.extend(f"{where}: {p}" for p in _value_problems(span))
        if tokens:
            if token_starts.get(start) != span["token_start"] or token_ends.get(end) != span["token_end"]:
                problems.append(f"{where}: not on token boundaries or wrong token indices")
        elif span["token_start"] is not None or span["token_end"] is not None:
            problems.append(f"{where}: token indices without tokens")
        if span["work_item"] != deepest_item(items, start):
            problems.append(f"{where}: work_item {span['work_item']!r}, expected {deepest_item(items, start)!r}")
    problems.extend(_work_item_problems(doc_id, text, items, boilerplate))
    return problems


def _value_problems(span: Dict) -> List[str]:
    value = span["value"]
    if span["label"] not in NUMBER_LABELS:
        return [] if value is None else ["ORG/PROJECT spans carry no value"]
    keys = MONEY_KEYS if span["label"] == "MONEY" else COUNT_KEYS
    if not isinstance(value, dict) or tuple(sorted(value)) != tuple(sorted(keys)):
        return [f"value must have exactly the keys {keys}"]
    low = value["amount" if span["label"] == "MONEY" else "count"]
    high = value["amount_max" if span["label"] == "MONEY" else "count_max"]
    problems = []
    if not isinstance(low, (int, float)) or low < 0 or low != low:
        problems.append("value is not a finite non-negative number")
    if high is not None and (not isinstance(high, (int, float)) or high < low):
        problems.append("range maximum below its minimum")
    if not isinstance(value["approx"], bool):
        problems.append("approx must be a boolean")
    if span["label"] == "PERSON_COUNT":
        if value["per_visit"] != ("人次" in re.sub(r"\s", "", span["text"])):
            problems.append("per_visit must be true exactly for 人次")
        if not isinstance(low, int):
            problems.append("count must be an integer")
    elif not re.fullmatch(r"[A-Z]{3}", str(value["currency"])):
        problems.append("currency must be an ISO code")
    digits_in_text = re.findall(r"[0-9０-９]", span["text"])
    if span["label"] == "MONEY" and not digits_in_text and not re.search(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]", span["text"]):
        problems.append("a number span holds no numeral")
    return problems


def _work_item_problems(doc_id: str, text: str, items: Sequence[Dict],
                        boilerplate: Sequence[Tuple[int, int]]) -> List[str]:
    problems = []
    markers = []
    for item in items:
        if any(key not in item for key in ITEM_KEYS):
            return [f"{doc_id}: work item {item.get('id')} misses keys"]
        end = item["start"] + len(item["marker"])
        if text[item["start"]:end] != item["marker"]:
            problems.append(f"{doc_id}: work item {item['id']} marker does not match the text")
            continue
        try:
            kind, number = parse_marker(item["marker"])
        except ValueError:
            problems.append(f"{doc_id}: work item {item['id']} has an unknown marker {item['marker']!r}")
            continue
        if _overlaps(item["start"], end, boilerplate):
            problems.append(f"{doc_id}: work item {item['id']} inside boilerplate")
        markers.append(Marker(item["start"], end, kind, number))
    if not problems:
        expected = build_work_items(text, markers, boilerplate)
        if expected != list(items):
            for want, got in zip(expected, items):
                if want != got:
                    problems.append(f"{doc_id}: work item {got['id']} should be {want}")
                    break
            else:
                problems.append(f"{doc_id}: work item list length differs from its markers")
    return problems


def value_disagreements(record: Dict) -> List[str]:
    """Spans whose gold value differs from what the numbers parser reads: each
    is a gold error or a parser bug, to be decided by hand."""
    try:
        from .numbers import parse_value
    except ImportError:
        return []
    found = []
    text = record["text"]
    for span in record["spans"]:
        if span["label"] not in NUMBER_LABELS:
            continue
        try:
            parsed = parse_value(span["label"], span["text"], text[max(0, span["start"] - 6):span["start"]],
                                 text[span["end"]:span["end"] + 6])
        except Exception as err:  # the parser's failure is what is reported here
            parsed = f"error: {err}"
        if parsed != span["value"]:
            found.append(f"{span['text']!r}: gold {span['value']} parser {parsed}")
    return found


def validate_corpus(paths: Dict[str, Path]) -> List[str]:
    """Validate split files: every record, and no document in two splits.

    paths (Dict[str, Path]): Split name → JSONL path.
    RETURNS (List[str]): Problems found.
    """
    problems: List[str] = []
    seen: Dict[str, str] = {}
    texts: Dict[str, str] = {}
    for split, path in paths.items():
        for record in read_jsonl(path):
            problems.extend(f"{split}: {p}" for p in validate_record(record))
            doc_id = record.get("id")
            if doc_id in seen:
                problems.append(f"{split}: document {doc_id} is also in {seen[doc_id]}")
            seen[doc_id] = split
            digest = hashlib.sha1(record.get("text", "").encode("utf-8")).hexdigest()
            if digest in texts:
                problems.append(f"{split}: document {doc_id} has the same text as {texts[digest]}")
            texts[digest] = doc_id
    return problems


# Building and statistics


def assign_splits(records: Sequence[Dict], fixed: Optional[Dict[str, Sequence[str]]] = None) -> Dict[str, List[Dict]]:
    """Split documents about 70/15/15, stratified by genre, deterministically.

    Documents named in `fixed` stay in their split, so that adding documents
    never moves one that was already placed and figures stay comparable. The
    others are placed one by one, within each genre in the order of a hash of
    their id: into test while test is below its share of the genre's documents
    so far, else into dev while dev is, else into train; the seed always goes
    to train. Without `fixed` every document is placed that way.

    records (Sequence[Dict]): Corpus records (id, meta.genre).
    fixed (Optional[Dict[str, Sequence[str]]]): Ids per split already placed.
    RETURNS (Dict[str, List[Dict]]): Records per split, sorted by id.
    """
    placed = {doc_id: split for split, ids in (fixed or {}).items() for doc_id in ids}
    by_genre: Dict[str, List[Dict]] = {}
    for record in records:
        by_genre.setdefault(record["meta"]["genre"], []).append(record)
    splits: Dict[str, List[Dict]] = {split: [] for split in SPLITS}
    for genre in sorted(by_genre):
        group = sorted(by_genre[genre], key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        counts = Counter(placed[r["id"]] for r in group if r["id"] in placed)
        for record in (r for r in group if r["id"] not in placed):
            if record["id"] == SEED_ID:
                split = "train"
            else:
                total = sum(counts.values()) + 1  # this document included
                split = next((s for s in ("test", "dev") if counts[s] < round(total * SPLIT_SHARES[s])), "train")
            counts[split] += 1
            placed[record["id"]] = split
        for record in group:
            splits[placed[record["id"]]].append(record)
    for split in SPLITS:
        splits[split].sort(key=lambda r: r["id"])
    return splits


def read_split_ids(path: Path) -> Optional[Dict[str, List[str]]]:
    """The committed assignment of documents to splits, or None if there is none.

    path (Path): The split file ({"train": [ids], "dev": [...], "test": [...]}).
    RETURNS (Optional[Dict[str, List[str]]]): Ids per split.
    """
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise ValueError(Errors.E309.format(path=path, problem=err))
    if not isinstance(data, dict) or set(data) - set(SPLITS) or not all(
        isinstance(ids, list) and all(isinstance(doc_id, str) for doc_id in ids) for ids in data.values()
    ):
        expected = f"expected an object of id lists under {', '.join(SPLITS)}"
        raise ValueError(Errors.E309.format(path=path, problem=expected))
    seen: Dict[str, str] = {}
    for split, ids in data.items():
        for doc_id in ids:
            if doc_id in seen:
                raise ValueError(Errors.E309.format(path=path, problem=f"{doc_id} is in {seen[doc_id]} and {split}"))
            seen[doc_id] = split
    return data


def build_corpus(source_dir: Path = SOURCE_DIR, out_dir: Path = CORPUS_DIR, resplit: bool = False) -> Dict[str, int]:
    """Compile all sources into train/dev/test JSONL files. The assignment of
    documents to splits is kept in out_dir/splits.json: documents listed there
    keep their split, new ones are placed by `assign_splits`, and the file is
    rewritten with them.

    source_dir (Path): Directory of `*.txt` markup sources.
    out_dir (Path): Where the split files and splits.json go.
    resplit (bool): Ignore splits.json and place every document afresh.
    RETURNS (Dict[str, int]): Documents per split.
    """
    from .markup import read_source

    records, problems = [], []
    for path in sorted(Path(source_dir).glob("*.txt")):
        try:
            record = read_source(path)
        except ValueError as err:
            problems.append(str(err))
            continue
        problems.extend(validate_record(record))
        records.append(record)
    if problems:
        raise ValueError(Errors.E308.format(n=len(problems), problems="\n".join(problems)))
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    splits_file = Path(out_dir) / SPLITS_FILE_NAME
    splits = assign_splits(records, None if resplit else read_split_ids(splits_file))
    for split, split_records in splits.items():
        write_jsonl(split_path(split, out_dir), split_records)
    ids = {split: [r["id"] for r in split_records] for split, split_records in splits.items()}
    splits_file.write_text(json.dumps(ids, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {split: len(split_records) for split, split_records in splits.items()}


def _marker_kind(marker: str) -> str:
    try:
        return parse_marker(marker)[0]
    except ValueError:
        return "unknown"


def corpus_stats(records: Iterable[Dict]) -> Dict:
    """Figures for one set of records: documents, characters, spans per
    label, work items per depth and marker kind, genres, departments, levels,
    messy share, gold-token characters."""
    stats: Dict = {"documents": 0, "characters": 0, "spans": Counter(), "work_items": 0,
                   "depths": Counter(), "marker_kinds": Counter(), "genres": Counter(),
                   "departments": Counter(), "levels": Counter(), "messy": 0,
                   "gold_token_characters": 0, "boilerplate_lines": 0}
    for record in records:
        meta = record["meta"]
        stats["documents"] += 1
        stats["characters"] += len(record["text"])
        stats["spans"].update(span["label"] for span in record["spans"])
        stats["work_items"] += len(record["work_items"])
        stats["depths"].update(item["depth"] for item in record["work_items"])
        stats["marker_kinds"].update(_marker_kind(item["marker"]) for item in record["work_items"])
        stats["genres"][meta.get("genre", "?")] += 1
        stats["departments"][meta.get("department", "?")] += 1
        stats["levels"][meta.get("level", "?")] += 1
        stats["messy"] += bool(meta.get("messy"))
        stats["boilerplate_lines"] += len(record["boilerplate"])
        if record["tokens"]:
            stats["gold_token_characters"] += len(record["text"])
    stats["messy_share"] = stats["messy"] / stats["documents"] if stats["documents"] else 0.0
    for key in ("spans", "depths", "marker_kinds", "genres", "departments", "levels"):
        stats[key] = dict(sorted(stats[key].items()))
    stats["span_total"] = sum(stats["spans"].values())
    return stats


_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")


def sentences(text: str, min_chars: int = 15) -> List[str]:
    """Sentences of at least min_chars characters, white space removed."""
    found = []
    for sentence in _SENTENCE_END.split(text):
        sentence = re.sub(r"\s", "", sentence)
        if len(sentence) >= min_chars:
            found.append(sentence)
    return found


def diversity_report(records: Sequence[Dict], min_chars: int = 15) -> Dict:
    """How much text documents share: sentences of min_chars characters or
    more occurring in more than one document, and the most similar pair.
    Boilerplate lines are left out."""
    doc_sentences: Dict[str, set] = {}
    for record in records:
        text = list(record["text"])
        for b in record["boilerplate"]:
            text[b["start"]:b["end"]] = [" "] * (b["end"] - b["start"])
        doc_sentences[record["id"]] = set(sentences("".join(text), min_chars))
    owners: Dict[str, List[str]] = {}
    for doc_id, sents in doc_sentences.items():
        for sentence in sents:
            owners.setdefault(sentence, []).append(doc_id)
    total = len(owners)
    shared = {s: ids for s, ids in owners.items() if len(ids) > 1}
    pair_counts: Counter = Counter()
    for ids in shared.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pair_counts[tuple(sorted((a, b)))] += 1
    worst: Optional[Tuple[str, str]] = None
    worst_share = 0.0
    for (a, b), count in pair_counts.items():
        share = count / max(1, min(len(doc_sentences[a]), len(doc_sentences[b])))
        if share > worst_share:
            worst, worst_share = (a, b), share
    ngram_pair, ngram_share = _most_similar_by_ngrams(records)
    return {"sentences": total, "shared_sentences": len(shared),
            "shared_share": len(shared) / total if total else 0.0,
            "most_similar_pair": list(worst) if worst else ngram_pair,
            "most_similar_share": worst_share,
            "most_similar_ngram_pair": ngram_pair,
            "most_similar_ngram_share": ngram_share,
            "examples": [{"sentence": s, "documents": ids} for s, ids in list(shared.items())[:10]]}


def _most_similar_by_ngrams(records: Sequence[Dict], n: int = 8) -> Tuple[Optional[List[str]], float]:
    """The pair of documents sharing the largest share of character n-grams
    (relative to the smaller document): template-made text shows up here even
    when no whole sentence repeats."""
    grams = {}
    for record in records:
        text = re.sub(r"\s", "", record["text"])
        grams[record["id"]] = {text[i:i + n] for i in range(max(0, len(text) - n + 1))}
    ids = sorted(grams)
    best: Optional[List[str]] = None
    best_share = 0.0
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            smaller = min(len(grams[a]), len(grams[b]))
            if smaller == 0:
                continue
            share = len(grams[a] & grams[b]) / smaller
            if share > best_share:
                best, best_share = [a, b], share
    return best, best_share
