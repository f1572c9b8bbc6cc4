"""List the lexicons' names that can go into the segmenter's user dictionary.

pkuseg splits a user-dictionary word off wherever it occurs, before its model
reads the rest, so a well-known name keeps one token in any context (服务好|
中海油|装备, not 好中|海油) and the company-name lexicon, which matches tokens,
finds it. A name qualifies when it has three or more Chinese characters, opens
no longer word the gold segmentation keeps whole, and no gold word crosses its
edges anywhere in the corpus (新华社 fails on 新华|社区; 建设银行 fails because
the gold splits it). A ministry's name ending in 部 never qualifies: 部门
follows it too often (教育|部门). Prints the names, one per line, for configs/user_dict.txt.

    python scripts/lexicon_words.py corpus/train.jsonl corpus/dev.jsonl
"""
import re
from pathlib import Path
from typing import List

import srsly
import typer

from pipeline.corpus import read_jsonl

CONFIGS = Path(__file__).parent.parent / "configs"
LEXICONS = ("company_names.jsonl", "org_lexicon.jsonl")
_CHINESE = re.compile("[\u4e00-\u9fff]{3,}")


def main(
    corpus: List[Path] = typer.Argument(..., help="Gold JSONL files with tokens"),
    user_dict: Path = typer.Option(CONFIGS / "user_dict.txt", help="The user dictionary; its words are not printed again"),
):
    names = [pattern["pattern"] for lexicon in LEXICONS for pattern in srsly.read_jsonl(CONFIGS / lexicon)]
    names = [name for name in dict.fromkeys(names) if isinstance(name, str) and _CHINESE.fullmatch(name)]
    known = set(user_dict.read_text(encoding="utf-8").split())
    texts, edges = [], []
    for path in corpus:
        for record in read_jsonl(path):
            tokens = record.get("tokens") or []
            texts.append(record["text"])
            edges.append({edge for token in tokens for edge in (token["start"], token["end"])})
    for name in names:
        if name in known or name.endswith("部"):
            continue
        if all(start in bounds and start + len(name) in bounds and not _splits_inside(bounds, start, len(name))
               for text, bounds in zip(texts, edges) for start in _occurrences(text, name)):
            print(name)


def _occurrences(text: str, name: str):
    start = text.find(name)
    while start >= 0:
        yield start
        start = text.find(name, start + 1)


def _splits_inside(bounds, start: int, length: int) -> bool:
    """Whether the gold splits the name itself (建设|银行)."""
    return any(start + i in bounds for i in range(1, length))


if __name__ == "__main__":
    typer.run(main)
