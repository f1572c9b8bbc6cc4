"""zhgov: a spaCy pipeline for Chinese government reports.

    import pipeline
    nlp = pipeline.load()
    doc = nlp(text)
    record = pipeline.doc_to_record(doc, doc_id="report-1")
"""
from pathlib import Path
from typing import Optional, Union

from .record import doc_to_record

__version__ = "0.1.0"
DEFAULT_MODEL = Path(__file__).parent / "models" / "zhgov_default"


def load(path: Optional[Union[str, Path]] = None, **kwargs):
    """Load a trained zhgov pipeline: the shipped default when path is None.

    path (Optional[Union[str, Path]]): A directory saved by `zhgov train`.
    **kwargs: Passed on to spacy.load (e.g. disable=[...]).
    RETURNS (Language): The pipeline.
    """
    import spacy

    from .errors import Errors

    model = Path(path) if path is not None else DEFAULT_MODEL
    if not (model / "config.cfg").exists():
        if path is None:
            raise ValueError(Errors.E002.format(path=model))
        raise ValueError(Errors.E001.format(path=model))
    return spacy.load(model, **kwargs)


__all__ = ["load", "doc_to_record", "DEFAULT_MODEL", "__version__"]
