from pathlib import Path
import importlib.util

import pytest

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "000_aa3260a085e08b5a.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    with SEED.open(encoding="utf-8", newline="") as file_:
        return file_.read()


@pytest.fixture(scope="session")
def nlp():
    """The shipped default pipeline (expensive: loaded once per session)."""
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def seed_record(nlp, seed_text):
    from pipeline import doc_to_record

    return doc_to_record(nlp(seed_text), "seed", {"source": str(SEED)})


@pytest.fixture(scope="session")
def load_script():
    """Import a script of scripts/ (not a package) as a module, by name."""
    def load(name: str):
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    return load
