"""Benchmark zhgov against what a user would otherwise use.

Systems, all scored by pipeline.evaluation.score_records on the test split:
(a) zhgov: pipeline.load(MODEL) -> pipeline.doc_to_record.
(b) jieba + regex: the quick script a user would write instead (jieba POS
    tags for ORG, regexes for amounts, counts, project names and work items,
    values computed with float).
(c) spaCy char NER: spacy.blank("zh") (character segmenter), tok2vec + ner
    from spaCy's default efficiency config for zh, trained in-process on the
    train split (dev for model selection) for configs/zhgov.cfg's max_steps.
    Cached under training/peers/ by corpus and config hash.

With --peoples-daily: ORG P/R/F of (a) and (b) on the People's Daily NER test
set. With --sighan: word segmentation P/R/F of the project's tokenizer and of
jieba on the SIGHAN 2005 PKU test gold. Both sets are read, never trained on.

    python scripts/benchmark_peers.py \\
        --peoples-daily ../shared/external/peoples-daily-ner/test.bio \\
        --sighan ../shared/external/sighan2005-pku --markdown --json peers.json
"""
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
import warnings

import typer

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.corpus import LABELS, NUMBER_LABELS, file_hash, read_jsonl, split_path  # noqa: E402
from pipeline.evaluation import prf, score_records  # noqa: E402

DEFAULT_MODEL = ROOT / "pipeline" / "models" / "zhgov_default"
ZHGOV_CONFIG = ROOT / "configs" / "zhgov.cfg"
PEERS_DIR = ROOT / "training" / "peers"
SYSTEMS = {"zhgov": "(a) zhgov", "jieba_regex": "(b) jieba + regex", "spacy_char_ner": "(c) spaCy char NER"}


def log(message: str) -> None:
    print(f"[benchmark_peers] {message}", file=sys.stderr, flush=True)


# (b) The quick script a user would write: jieba POS tags + regexes ----------

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
MONEY_RE = re.compile(rf"(?<![\d.])({NUM})(余|多)?(亿|万|千)?(余|多)?元")
COUNT_RE = re.compile(rf"(?<![\d.第])({NUM})(余|多)?(万)?(余|多)?(人次|人|名|位)")
PROJECT_RE = re.compile(r"(?:^|[，。；、：,;:\s（(])(?:[一二三四五六七八九十]是)?(?:深入|扎实|加快|全力|积极|大力|全面|继续)?"
                        r"(?:实施|推进|开展|启动|组织|落实|争取|申报|完成|建成|举办|推动|谋划|确保)?(?:实施|开展)?"
                        r"((?:“[^”\n]{1,15}”)?[\u4e00-\u9fff\dA-Za-z“”]{1,25}?"
                        r"(?:专项行动|工程|项目|计划|行动|试点|专项|课题))", re.M)
GENERIC_PROJECT = re.compile(r"^(?:全|各|该|本|其他|其中|在建|已|重点|相关|年度|\d)")
ITEM_RE = re.compile(r"^[ \t\u3000]*(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[）)]|(\d{1,2})[.．、](?!\d))", re.M)
MAGNITUDE = {None: 1, "千": 1e3, "万": 1e4, "亿": 1e8}
ORG_SUFFIXES = ("局", "厅", "委", "委员会", "政府", "党委", "党组", "党支部", "办公室", "部", "银行", "分行", "支行",
                "公司", "集团", "学校", "学院", "大学", "中学", "小学", "医院", "卫生院", "中心", "院", "所", "专班",
                "合作社", "日报社", "电视台")
LEVELS = {"省", "市", "县", "区", "镇", "乡", "村", "团"}
NOUN_FLAGS = {"n", "nz", "vn", "l", "b", "j"}
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}


def _cn_int(numeral: str) -> int:
    if "十" not in numeral:
        return CN_DIGITS[numeral]
    tens, _, ones = numeral.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def _org_spans(text: str) -> List[Tuple[int, int]]:
    import jieba.posseg

    words, pos = [], 0
    for pair in jieba.posseg.cut(text):
        words.append((pos, pos + len(pair.word), pair.word, pair.flag))
        pos += len(pair.word)
    heads = [flag == "nt" or ((flag.startswith("n") or flag == "j") and word.endswith(ORG_SUFFIXES))
             for _, _, word, flag in words]
    spans = []
    for i, (start, end, word, flag) in enumerate(words):
        if not heads[i]:
            continue
        if spans and spans[-1][1] == start:  # 县委 + 组织部 → one ORG
            spans[-1] = (spans[-1][0], end)
            continue
        first = i  # extend left to the nearest place over plain nouns: 德州市 农业 农村 局
        for j in range(i - 1, max(i - 5, -1), -1):
            if heads[j]:
                break
            if words[j][3] in ("ns", "nt") or words[j][2] in LEVELS:
                first = j
            elif words[j][3] not in NOUN_FLAGS:
                break
        if first == i and flag != "nt" and (word in ORG_SUFFIXES or word[0] in "全开本各该"):
            continue  # a bare 银行 or 学校 is generic; 全部 and 全局 are not bodies
        spans.append((words[first][0], end))
    return spans


def _work_items(text: str) -> List[Dict]:
    items: List[Dict] = []
    open_items: Dict[int, Dict] = {}  # rank -> item: 一、 = 1, （一） = 2, 1. = 3
    for match in ITEM_RE.finditer(text):
        rank = next(i for i in (1, 2, 3) if match.group(i))
        number = int(match.group(3)) if rank == 3 else _cn_int(match.group(rank))
        start = match.start(rank) - (rank == 2)  # the bracket of （一）
        for deeper in [r for r in open_items if r >= rank]:
            open_items.pop(deeper)["end"] = start
        parents = [open_items[r] for r in sorted(open_items)]
        line_end = text.find("\n", start)
        title = re.split(r"[。！？；]", text[match.end():line_end if line_end >= 0 else len(text)])[0].strip()
        item = {"id": ".".join([p["id"].split(".")[-1] for p in parents] + [str(number)]),
                "marker": text[start:match.end()], "start": start, "end": len(text.rstrip()),
                "depth": len(parents) + 1, "parent": parents[-1]["id"] if parents else None, "title": title}
        items.append(item)
        open_items[rank] = item
    return items


def jieba_regex_record(text: str, doc_id: str = "-", meta: Optional[Dict] = None) -> Dict:
    """Peer (b): jieba POS tags and regexes, as a user would write them.

    text (str): The document text.
    doc_id (str): The record id.
    meta (Optional[Dict]): Record meta ({"source": "-"} when None).
    RETURNS (Dict): A record (ANNOTATION.md §5) without tokens or boilerplate.
    """
    found = []
    for match in MONEY_RE.finditer(text):
        number, more1, magnitude, more2 = match.groups()
        value = {"amount": float(number.replace(",", "")) * MAGNITUDE[magnitude], "amount_max": None,
                 "currency": "CNY", "approx": bool(more1 or more2)}
        found.append((match.start(), match.end(), "MONEY", value))
    for match in COUNT_RE.finditer(text):
        number, more1, magnitude, more2, unit = match.groups()
        value = {"count": int(float(number.replace(",", "")) * MAGNITUDE[magnitude]), "count_max": None,
                 "approx": bool(more1 or more2), "per_visit": unit == "人次"}
        found.append((match.start(), match.end(), "PERSON_COUNT", value))
    found += [(m.start(1), m.end(1), "PROJECT", None) for m in PROJECT_RE.finditer(text)
              if not GENERIC_PROJECT.match(m.group(1)) and len(m.group(1)) >= 4]
    found += [(start, end, "ORG", None) for start, end in _org_spans(text)]
    spans, taken = [], set()
    for start, end, label, value in sorted(found, key=lambda f: f[0] - f[1]):  # longest first
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            spans.append((start, end, label, value))
    items = _work_items(text)
    record_spans = []
    for start, end, label, value in sorted(spans):
        inside = [item for item in items if item["start"] <= start < item["end"]]
        record_spans.append({"start": start, "end": end, "label": label, "text": text[start:end],
                             "token_start": None, "token_end": None,
                             "work_item": inside[-1]["id"] if inside else None, "value": value})
    return {"id": doc_id, "text": text, "meta": dict(meta or {"source": "-"}), "tokens": [],
            "spans": record_spans, "work_items": items, "boilerplate": []}


# (c) Plain spaCy NER with the character segmenter ---------------------------


def _zhgov_max_steps() -> int:
    from spacy.util import load_config

    return int(load_config(ZHGOV_CONFIG, interpolate=False)["training"]["max_steps"])


def _char_docbin(nlp, records: Sequence[Dict]):
    from spacy.tokens import DocBin

    docbin = DocBin()
    dropped = 0
    for record in records:
        doc = nlp.make_doc(record["text"])
        ents = [doc.char_span(s["start"], s["end"], label=s["label"]) for s in record["spans"]]
        dropped += sum(ent is None for ent in ents)
        doc.ents = [ent for ent in ents if ent is not None]
        docbin.add(doc)
    if dropped:
        warnings.warn(f"{dropped} gold spans are not on character token boundaries and were left out")
    return docbin


def char_ner_model(train_path: Path, dev_path: Path, max_steps: int, retrain: bool = False,
                   cache_dir: Path = PEERS_DIR):
    """Peer (c): train (or load from the cache) the plain spaCy char NER.

    train_path (Path): Training records.
    dev_path (Path): Development records (model selection).
    max_steps (int): Training steps.
    retrain (bool): Train even when a cached model exists.
    cache_dir (Path): Where trained peers are kept.
    RETURNS (Tuple[Language, Path]): The pipeline and its directory.
    """
    import spacy
    from spacy.cli.init_config import init_config
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop
    from spacy.util import fix_random_seed

    config = init_config(lang="zh", pipeline=["ner"], optimize="efficiency")
    config["training"]["max_steps"] = max_steps
    key = hashlib.sha256("\n".join([file_hash(train_path), file_hash(dev_path), config.to_str(),
                                    spacy.__version__]).encode("utf-8")).hexdigest()[:16]
    model_dir = cache_dir / f"spacy_char_ner-{key}"
    if (model_dir / "config.cfg").exists() and not retrain:
        log(f"(c) loading the cached char NER from {model_dir}")
        return spacy.load(model_dir), model_dir
    log(f"(c) training the char NER for {max_steps} steps (cache key {key})")
    blank = spacy.blank("zh")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        _char_docbin(blank, list(read_jsonl(train_path))).to_disk(tmp_dir / "train.spacy")
        _char_docbin(blank, list(read_jsonl(dev_path))).to_disk(tmp_dir / "dev.spacy")
        config["paths"]["train"] = str(tmp_dir / "train.spacy")
        config["paths"]["dev"] = str(tmp_dir / "dev.spacy")
        fix_random_seed(config["system"]["seed"])
        nlp = init_nlp(config)
        (tmp_dir / "model").mkdir()
        train_loop(nlp, tmp_dir / "model", stdout=sys.stderr)
        if model_dir.exists():
            shutil.rmtree(model_dir)
        model_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(tmp_dir / "model" / "model-best", model_dir)
    return spacy.load(model_dir), model_dir


def char_ner_record(doc, gold: Dict) -> Dict:
    """A record from the char NER's entities: no values, items or tokens."""
    spans = [{"start": e.start_char, "end": e.end_char, "label": e.label_, "text": e.text,
              "token_start": None, "token_end": None, "work_item": None, "value": None} for e in doc.ents]
    return {"id": gold["id"], "text": doc.text, "meta": {"source": gold["meta"]["source"]}, "tokens": [],
            "spans": spans, "work_items": [], "boilerplate": []}


# External sets ---------------------------------------------------------------


def read_bio(path: Path) -> List[Tuple[str, List[Tuple[int, int, str]]]]:
    """Sentences of a BIO file (a char and its tag per line, blank lines
    between sentences) as (text, [(start, end, label)])."""
    sentences, chars, tags = [], [], []

    def flush() -> None:
        spans, current = [], None
        for i, tag in enumerate(tags + ["O"]):
            if current and not (tag.startswith("I-") and tag[2:] == current[2]):
                spans.append((current[0], i, current[2]))
                current = None
            if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                current = (i, i + 1, tag[2:])
        if chars:
            sentences.append(("".join(chars), spans))
        chars.clear()
        tags.clear()

    with Path(path).open(encoding="utf-8") as file_:
        for line in file_:
            parts = line.split()
            if len(parts) != 2:
                flush()
                continue
            chars.append(parts[0])
            tags.append(parts[1])
    flush()
    return sentences


def org_prf(gold: Sequence[Iterable[Tuple[int, int]]], predicted: Sequence[Iterable[Tuple[int, int]]]) -> Dict:
    """Strict P/R/F of predicted against gold (start, end) spans, per sentence."""
    tp = n_pred = n_gold = 0
    for gold_spans, pred_spans in zip(gold, predicted):
        gold_set, pred_set = set(gold_spans), set(pred_spans)
        tp += len(gold_set & pred_set)
        n_pred += len(pred_set)
        n_gold += len(gold_set)
    return {**prf(tp, n_pred, n_gold), "tp": tp, "pred": n_pred, "gold": n_gold}


def peoples_daily_org(path: Path, systems: Dict[str, Callable[[List[str]], List[List[Tuple[int, int]]]]]) -> Dict:
    """ORG P/R/F on a People's Daily BIO file.

    path (Path): The BIO file.
    systems (Dict[str, Callable]): Name -> function from sentence texts to
        the (start, end) ORG spans found in each.
    RETURNS (Dict): "sentences" and P/R/F with counts per system.
    """
    sentences = read_bio(path)
    texts = [text for text, _ in sentences]
    gold = [[(s, e) for s, e, label in spans if label == "ORG"] for _, spans in sentences]
    scores: Dict = {"sentences": len(sentences)}
    for name, find_orgs in systems.items():
        log(f"People's Daily: {SYSTEMS[name]} on {len(texts)} sentences")
        scores[name] = org_prf(gold, find_orgs(texts))
    return scores


def _word_spans(words: Iterable[str]) -> set:
    """(start, end) of the non-white-space words of a segmentation."""
    spans, pos = set(), 0
    for word in words:
        if word.strip():
            spans.add((pos, pos + len(word)))
        pos += len(word)
    return spans


def sighan_segmentation(folder: Path, segmenters: Dict[str, Callable[[str], List[str]]]) -> Dict:
    """Word segmentation P/R/F on the SIGHAN 2005 PKU test gold.

    folder (Path): The folder holding pku_test_gold.utf8 (words split by two
        spaces); each line's text is its words joined.
    segmenters (Dict[str, Callable[[str], List[str]]]): Name -> function from
        a text to its words (which must tile the text).
    RETURNS (Dict): "lines", "words" and P/R/F with counts per segmenter.
    """
    with (Path(folder) / "pku_test_gold.utf8").open(encoding="utf-8") as file_:
        gold_lines = [line.split() for line in file_ if line.strip()]
    scores: Dict = {"lines": len(gold_lines), "words": sum(len(words) for words in gold_lines)}
    for name, segment in segmenters.items():
        log(f"SIGHAN PKU: {name} on {len(gold_lines)} lines")
        tp = n_pred = n_gold = 0
        for words in gold_lines:
            gold_set = _word_spans(words)
            pred_words = segment("".join(words))
            if "".join(pred_words) != "".join(words):
                raise ValueError(f"{name} changed the text of a SIGHAN line")
            pred_set = _word_spans(pred_words)
            tp += len(gold_set & pred_set)
            n_pred += len(pred_set)
            n_gold += len(gold_set)
        scores[name] = {**prf(tp, n_pred, n_gold), "tp": tp, "pred": n_pred, "gold": n_gold}
    return scores


# Running and reporting ---------------------------------------------------------


def _not_produced(scores: Dict, *, values: bool, work_items: bool) -> Dict:
    """Blank out what a system does not produce, so that it reads n/a rather
    than 0 (a missing value would otherwise count as a wrong one)."""
    none = {"p": None, "r": None, "f": None}
    if not values:
        scores["values"] = {label: None for label in scores["values"]}
        scores["values_all"] = None
    if not work_items:
        scores["work_items"] = dict(none)
        scores["linking"] = None
    scores["boilerplate"] = dict(none)
    return scores


def _display_path(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def run_benchmark(test_path: Path, model: Optional[Path], train_path: Path, dev_path: Path, *,
                  peoples_daily: Optional[Path] = None, sighan: Optional[Path] = None,
                  retrain: bool = False, max_steps: Optional[int] = None) -> Dict:
    """Score the three systems and, where given, the external sets.

    RETURNS (Dict): "test" (corpus info), "systems" (score_records output per
        system), "peoples_daily", "sighan", "seconds".
    """
    import jieba

    jieba.setLogLevel(60)
    gold = list(read_jsonl(test_path))
    texts = [record["text"] for record in gold]
    results: Dict = {"test": {"path": _display_path(test_path), "sha256": file_hash(test_path), "documents": len(gold)},
                     "systems": {}, "seconds": {}}
    nlp = None
    if model is not None and (Path(model) / "config.cfg").exists():
        import pipeline

        log(f"(a) zhgov: {model} on {len(gold)} test documents")
        start = time.time()
        nlp = pipeline.load(model)
        predicted = [pipeline.doc_to_record(doc, g["id"], {"source": g["meta"]["source"]})
                     for doc, g in zip(nlp.pipe(texts, batch_size=16), gold)]
        results["systems"]["zhgov"] = score_records(zip(predicted, gold))
        results["systems"]["zhgov"]["model"] = str(model)
        results["seconds"]["zhgov"] = time.time() - start
    else:
        log(f"(a) zhgov: no pipeline at {model}, skipped")

    log(f"(b) jieba + regex on {len(gold)} test documents")
    start = time.time()
    predicted = [jieba_regex_record(g["text"], g["id"], {"source": g["meta"]["source"]}) for g in gold]
    results["systems"]["jieba_regex"] = _not_produced(score_records(zip(predicted, gold)), values=True, work_items=True)
    results["seconds"]["jieba_regex"] = time.time() - start

    start = time.time()
    steps = max_steps if max_steps is not None else _zhgov_max_steps()
    char_nlp, char_dir = char_ner_model(train_path, dev_path, steps, retrain=retrain)
    log(f"(c) spaCy char NER on {len(gold)} test documents")
    predicted = [char_ner_record(doc, g) for doc, g in zip(char_nlp.pipe(texts), gold)]
    results["systems"]["spacy_char_ner"] = _not_produced(score_records(zip(predicted, gold)), values=False,
                                                         work_items=False)
    results["systems"]["spacy_char_ner"].update({"model": str(char_dir), "max_steps": steps})
    results["seconds"]["spacy_char_ner"] = time.time() - start

    if peoples_daily is not None:
        start = time.time()
        finders = {"jieba_regex": lambda sents: [[(s["start"], s["end"]) for s in jieba_regex_record(t)["spans"]
                                                  if s["label"] == "ORG"] for t in sents]}
        if nlp is not None:
            finders = {"zhgov": lambda sents: [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"]
                                               for doc in nlp.pipe(sents, batch_size=256)], **finders}
        results["peoples_daily"] = {"path": str(peoples_daily), **peoples_daily_org(peoples_daily, finders)}
        results["seconds"]["peoples_daily"] = time.time() - start
    if sighan is not None:
        start = time.time()
        segmenters = {"jieba": lambda text: list(jieba.cut(text))}
        if nlp is not None:
            segmenters = {"zhgov": lambda text: [t.text_with_ws for t in nlp.tokenizer(text)], **segmenters}
        results["sighan"] = {"path": str(sighan), **sighan_segmentation(sighan, segmenters)}
        results["seconds"]["sighan"] = time.time() - start
    return results


def _pct(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def _rows(results: Dict) -> Tuple[List[str], List[Tuple[str, List[str]]]]:
    """Column names and (row name, cells) of the main table."""
    names = list(results["systems"])
    systems = [results["systems"][name] for name in names]
    rows = []
    for label in list(LABELS) + ["micro"]:
        rows.append((f"{label} P / R / F" if label != "micro" else "micro P / R / F",
                     [" / ".join(_pct(s["spans"][label][k]) for k in "prf") for s in systems]))
    for label in NUMBER_LABELS:
        rows.append((f"{label} value acc", [_pct(s["values"].get(label)) for s in systems]))
    rows.append(("value acc (all)", [_pct(s["values_all"]) for s in systems]))
    rows.append(("work-item P / R / F", [" / ".join(_pct(s["work_items"][k]) for k in "prf") for s in systems]))
    rows.append(("linking acc", [_pct(s["linking"]) for s in systems]))
    return [SYSTEMS[name] for name in names], rows


def _external_rows(results: Dict) -> List[Tuple[str, str]]:
    rows = []
    pd_scores = results.get("peoples_daily")
    if pd_scores:
        for name in ("zhgov", "jieba_regex"):
            if name in pd_scores:
                s = pd_scores[name]
                rows.append((f"People's Daily NER test, ORG ({pd_scores['sentences']} sentences, {s['gold']} ORG)",
                             f"{SYSTEMS[name]}: P {_pct(s['p'])}  R {_pct(s['r'])}  F {_pct(s['f'])}"))
    sg = results.get("sighan")
    if sg:
        for name, title in (("zhgov", "zhgov tokenizer"), ("jieba", "jieba.cut")):
            if name in sg:
                s = sg[name]
                rows.append((f"SIGHAN 2005 PKU test, segmentation ({sg['words']} words)",
                             f"{title}: P {_pct(s['p'])}  R {_pct(s['r'])}  F {_pct(s['f'])}"))
    return rows


def format_table(results: Dict) -> List[str]:
    """The terminal table, one line per row."""
    columns, rows = _rows(results)
    test = results["test"]
    lines = [f"Test split {test['path']}: {test['documents']} documents (sha256 {test['sha256'][:12]})", ""]
    width = max(22, *(len(c) + 2 for c in columns))
    lines.append(f"{'':22}" + "".join(f"{c:>{width}}" for c in columns))
    for name, cells in rows:
        lines.append(f"{name:22}" + "".join(f"{c:>{width}}" for c in cells))
    external = _external_rows(results)
    if external:
        lines.append("")
        for title, cell in external:
            lines.append(f"{title}: {cell}")
    return lines


def format_markdown(results: Dict) -> List[str]:
    """Markdown tables for the README, one line per row."""
    columns, rows = _rows(results)
    lines = ["| test split, strict | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    lines += [f"| {name} | " + " | ".join(cells) + " |" for name, cells in rows]
    external = _external_rows(results)
    if external:
        lines += ["", "| external set | system: P / R / F |", "|---|---|"]
        lines += [f"| {title} | {cell} |" for title, cell in external]
    return lines


def main(
    test: Path = typer.Option(split_path("test"), "--test", help="Gold test records (JSONL)"),
    model: Path = typer.Option(DEFAULT_MODEL, "--model", help="The zhgov pipeline for (a)"),
    train: Path = typer.Option(split_path("train"), "--train", help="Training records for peer (c)"),
    dev: Path = typer.Option(split_path("dev"), "--dev", help="Dev records for peer (c) model selection"),
    peoples_daily: Optional[Path] = typer.Option(None, "--peoples-daily", help="People's Daily NER test.bio"),
    sighan: Optional[Path] = typer.Option(None, "--sighan", help="SIGHAN 2005 PKU folder (pku_test_gold.utf8)"),
    json_path: Optional[Path] = typer.Option(None, "--json", help="Write all figures to this JSON file"),
    markdown: bool = typer.Option(False, "--markdown", help="Also print a Markdown table for the README"),
    retrain: bool = typer.Option(False, "--retrain", help="Retrain peer (c) even when cached"),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", help="Peer (c) steps (default: zhgov.cfg's)"),
) -> None:
    """Benchmark zhgov against jieba + regex and a plain spaCy char NER."""
    results = run_benchmark(test, model, train, dev, peoples_daily=peoples_daily, sighan=sighan,
                            retrain=retrain, max_steps=max_steps)
    print("\n".join(format_table(results)))
    if markdown:
        print()
        print("\n".join(format_markdown(results)))
    if json_path is not None:
        json_path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        log(f"figures written to {json_path}")


if __name__ == "__main__":
    typer.run(main)
