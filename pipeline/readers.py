"""Registered readers for resources named in the config."""
from pathlib import Path
from typing import Dict, List, Union

import srsly
from spacy.util import registry


@registry.readers("zhgov.read_patterns.v1")
def read_patterns(path: Union[str, Path]) -> List[Dict]:
    """Read entity-ruler patterns from a JSONL file into a list (the ruler's
    initialize wants a sequence, not a generator).

    path (Union[str, Path]): The JSONL file.
    RETURNS (List[Dict]): The patterns.
    """
    return list(srsly.read_jsonl(path))
