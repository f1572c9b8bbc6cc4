"""`zhgov train`: from gold records to a saved, complete pipeline.

Steps: train the pkuseg segmenter on the gold tokens of the training records,
convert the records to DocBin (reference tokens: gold where the record has
them, else the new segmenter's split at every entity boundary), run spaCy's
training with the committed config, and save the best pipeline with a meta
that records the corpus hashes, the config and the dev scores.
"""
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Union
import hashlib
import random
import shutil
import tempfile

import srsly
from spacy.tokens import DocBin
from spacy.util import load_config

from .corpus import file_hash, read_jsonl
from .errors import Errors
from .record import record_to_doc
from .tokenizer import split_at, train_pkuseg, words_and_spaces

def default_config(package_dir: Path = Path(__file__).parent) -> Path:
    """The committed config: configs/zhgov.cfg beside the package (a checkout
    or an editable install), else the one of the repository in the working
    directory (an installed package has no configs/ beside it); the config's
    own paths (configs/org_lexicon.jsonl, configs/user_dict.txt) are relative
    to that directory too.

    package_dir (Path): The package's directory.
    RETURNS (Path): The config's path.
    """
    beside = package_dir.parent / "configs" / "zhgov.cfg"
    return beside if beside.exists() else Path("configs") / "zhgov.cfg"


DEFAULT_CONFIG = default_config()
PKUSEG_ITERATIONS = 20
# pkuseg keeps the features seen more than once: half the features of keeping
# them all, and 70 MB less memory once loaded, for 0.03 points of dev
# segmentation F (462-document corpus).
PKUSEG_MIN_FEATURE_COUNT = 1


def segmentation_lines(records: Iterable[Dict]) -> List[str]:
    """Lines of space-separated gold words, for pkuseg training: one per text
    line of every record that has gold tokens."""
    lines: List[str] = []
    for record in records:
        if not record["tokens"]:
            continue
        current: List[str] = []
        for token in record["tokens"]:
            if token["text"].isspace():
                if "\n" in token["text"] or "\r" in token["text"]:
                    if current:
                        lines.append(" ".join(current))
                    current = []
                continue
            current.append(token["text"])
        if current:
            lines.append(" ".join(current))
    return lines


def records_to_docbin(records: Sequence[Dict], nlp) -> DocBin:
    """Reference Docs for training: gold tokens where present, else the
    pipeline's own segmentation split at the entity boundaries.

    records (Sequence[Dict]): Gold records.
    nlp (Language): A pipeline whose tokenizer is initialized.
    RETURNS (DocBin): The docs, with entities, values and work items.
    """
    docbin = DocBin(store_user_data=True)
    for record in records:
        if record["tokens"]:
            doc = record_to_doc(record, nlp.vocab)
        else:
            offsets = nlp.tokenizer.word_offsets(record["text"])
            cuts = sorted({s["start"] for s in record["spans"]} | {s["end"] for s in record["spans"]})
            words, spaces = words_and_spaces(record["text"], split_at(offsets, cuts))
            doc = record_to_doc(record, nlp.vocab, words=words, spaces=spaces)
        docbin.add(doc)
    return docbin


def _config_hash(config_path: Path) -> str:
    return hashlib.sha256(Path(config_path).read_bytes()).hexdigest()


# The files a config names in [paths] that go into the trained pipeline.
CONFIG_FILES = ("pkuseg_user_dict", "lexicon", "company_names")


def config_files(config) -> Dict[str, Dict[str, str]]:
    """The lexicons and the user dictionary a config names, with their hashes,
    for the meta: the pipeline is what the config and these files produce.

    config (Config): The config, not interpolated.
    RETURNS (Dict[str, Dict[str, str]]): Path key → {"path", "sha256"}.
    """
    files = {}
    for key in CONFIG_FILES:
        value = config["paths"].get(key)
        if value and Path(value).exists():
            files[key] = {"path": _display_path(Path(value)), "sha256": file_hash(Path(value))}
    return files


def train_pipeline(
    train_path: Union[str, Path],
    dev_path: Union[str, Path],
    output_dir: Union[str, Path],
    *,
    config_path: Union[str, Path] = DEFAULT_CONFIG,
    overrides: Optional[Dict] = None,
    seed: int = 0,
    log: Optional[Callable[[str], None]] = None,
) -> Dict:
    """Train the full pipeline and save it to output_dir.

    train_path (Union[str, Path]): Training records (JSONL).
    dev_path (Union[str, Path]): Development records (JSONL).
    output_dir (Union[str, Path]): Where the pipeline is saved.
    config_path (Union[str, Path]): The spaCy config.
    overrides (Optional[Dict]): Config overrides, e.g. {"training.max_steps": 10}.
    seed (int): Random seed for pkuseg and spaCy.
    log (Optional[Callable[[str], None]]): Receives progress lines.
    RETURNS (Dict): The saved pipeline's meta.
    """
    import numpy
    import spacy
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop
    from spacy.util import fix_random_seed

    log = log or (lambda message: None)
    train_path, dev_path, output_dir = Path(train_path), Path(dev_path), Path(output_dir)
    config_path = Path(config_path)
    for path in (train_path, dev_path):
        if not path.exists():
            raise ValueError(Errors.E500.format(path=path))
    if not config_path.exists():
        raise ValueError(Errors.E504.format(path=config_path))
    train_records = list(read_jsonl(train_path))
    dev_records = list(read_jsonl(dev_path))
    if not train_records:
        raise ValueError(Errors.E502.format(path=train_path))
    lines = segmentation_lines(train_records)
    overrides = dict(overrides or {})
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        random.seed(seed)
        numpy.random.seed(seed)
        if lines:
            log(f"Training the pkuseg segmenter on {len(lines)} lines of gold segmentation")
            pkuseg_dir = train_pkuseg(lines, tmp_dir / "pkuseg", dev_lines=segmentation_lines(dev_records) or None,
                                      n_iter=PKUSEG_ITERATIONS, min_feature_count=PKUSEG_MIN_FEATURE_COUNT)
        else:
            log("No gold tokens in the training records: reusing the shipped pipeline's segmenter")
            pkuseg_dir = export_pkuseg(tmp_dir / "pkuseg")
        overrides.setdefault("paths.pkuseg_model", str(pkuseg_dir))
        overrides.setdefault("system.seed", seed)
        base_config = load_config(config_path, overrides=overrides, interpolate=False)
        tokenizer_nlp = spacy.blank("zh", config={"nlp": {"tokenizer": base_config["nlp"]["tokenizer"]}})
        tokenizer_nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_dir),
                                           pkuseg_user_dict=_resolve_user_dict(base_config, overrides))
        log(f"Converting {len(train_records)} training and {len(dev_records)} dev records to DocBin")
        records_to_docbin(train_records, tokenizer_nlp).to_disk(tmp_dir / "train.spacy")
        records_to_docbin(dev_records, tokenizer_nlp).to_disk(tmp_dir / "dev.spacy")
        overrides["paths.train"] = str(tmp_dir / "train.spacy")
        overrides["paths.dev"] = str(tmp_dir / "dev.spacy")
        config = load_config(config_path, overrides=overrides, interpolate=False)
        fix_random_seed(seed)
        log("Initializing the pipeline")
        nlp = init_nlp(config)
        log("Training the NER (spaCy's table follows)")
        (tmp_dir / "model").mkdir()
        train_loop(nlp, tmp_dir / "model", stdout=_LogWriter(log))
        best = tmp_dir / "model" / "model-best"
        nlp = spacy.load(best)
        # The saved config must not point into this temporary directory: the
        # pkuseg model travels inside the tokenizer's own files.
        for key in ("train", "dev", "pkuseg_model"):
            nlp._config["paths"][key] = None
        scores = nlp.meta.get("performance", {})
        meta = dict(nlp.meta)
        meta["name"] = "zhgov_default"
        meta["zhgov"] = {
            "train": {"path": _display_path(train_path), "sha256": file_hash(train_path), "documents": len(train_records)},
            "dev": {"path": _display_path(dev_path), "sha256": file_hash(dev_path), "documents": len(dev_records)},
            "config": {"path": _display_path(config_path), "sha256": _config_hash(config_path)},
            "config_files": config_files(base_config),
            "overrides": {k: v for k, v in overrides.items() if k not in ("paths.train", "paths.dev", "paths.pkuseg_model")},
            "seed": seed,
            "dev_scores": scores,
        }
        nlp.meta = meta
        if output_dir.exists():
            shutil.rmtree(output_dir)
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(output_dir)
    return meta


def export_pkuseg(output_dir: Path, model: Optional[Path] = None) -> Path:
    """Write the pkuseg model of a saved pipeline's tokenizer (the shipped
    default when model is None) to a directory pkuseg can load.

    output_dir (Path): Where the model files go.
    model (Optional[Path]): A saved pipeline.
    RETURNS (Path): output_dir.
    """
    import spacy

    from . import DEFAULT_MODEL

    model = Path(model) if model is not None else DEFAULT_MODEL
    if not (model / "config.cfg").exists():
        raise ValueError(Errors.E503.format(path=model))
    nlp = spacy.load(model, exclude=["boilerplate", "work_items", "numbers", "entity_ruler", "tok2vec", "ner", "linker"])
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.tokenizer.pkuseg_seg.feature_extractor.save(str(output_dir))
    nlp.tokenizer.pkuseg_seg.model.save(str(output_dir))
    return output_dir


def _display_path(path: Path) -> str:
    """A path relative to the working directory where possible, so that the
    meta does not depend on where the repository was cloned."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _resolve_user_dict(config, overrides: Dict) -> Optional[str]:
    value = overrides.get("paths.pkuseg_user_dict", config["paths"].get("pkuseg_user_dict"))
    return str(value) if value else "default"


class _LogWriter:
    """File-like adapter that hands spaCy's training table to a log callable."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log
        self.buffer = ""

    def write(self, text: str) -> int:
        self.buffer += text
        while "\n" in self.buffer:
            line, self.buffer = self.buffer.split("\n", 1)
            self.log(line)
        return len(text)

    def flush(self) -> None:
        pass


def model_meta(model_dir: Union[str, Path]) -> Dict:
    """Read a saved pipeline's meta.json."""
    return srsly.read_json(Path(model_dir) / "meta.json")
