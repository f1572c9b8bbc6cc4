"""Matrix products on the CPU through numpy's BLAS instead of thinc's BLIS.

thinc's NumpyOps multiplies matrices with the BLIS build that ships with
thinc. The OpenBLAS that ships with numpy picks its kernels for the CPU it
runs on and is several times faster on current x86 CPUs: tok2vec, which is
most of the annotate time, runs about twice as fast. thinc supports this
itself (`NumpyOps(use_blis=False)`); `use_numpy_gemm` hands such ops to the
models of a loaded pipeline, without touching thinc's global ops, so that
nothing else in the process changes.

    [nlp]
    after_pipeline_creation = {"@callbacks": "zhgov.numpy_gemm.v1"}
"""
from typing import Callable, Optional
import ctypes
import os

from spacy.language import Language
from spacy.util import registry
from thinc.api import NumpyOps

# Symbols that set the thread count of the OpenBLAS builds numpy ships or
# links: scipy-openblas (numpy >= 2, 64-bit ints), then a system OpenBLAS.
_OPENBLAS_SET_THREADS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def use_numpy_gemm(nlp: Language) -> Language:
    """Make the models of a pipeline multiply matrices with numpy's BLAS.
    Models on other ops (a GPU, thinc-apple-ops) are left as they are.

    nlp (Language): The pipeline.
    RETURNS (Language): The same pipeline.
    """
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops
    return nlp


@registry.callbacks("zhgov.numpy_gemm.v1")
def make_numpy_gemm() -> Callable[[Language], Language]:
    """Registered callback for [nlp] after_pipeline_creation.

    RETURNS (Callable[[Language], Language]): `use_numpy_gemm`.
    """
    return use_numpy_gemm


def limit_blas_threads(n_threads: int = 1) -> bool:
    """Limit the threads of numpy's OpenBLAS in this process, e.g. in each of
    several worker processes, which would otherwise each start one thread
    per core. Best effort: nothing happens where no OpenBLAS is loaded.

    n_threads (int): Threads per process.
    RETURNS (bool): Whether a limit was set.
    """
    import numpy  # noqa: F401 (loads the library whose threads are limited)

    for path in _loaded_libraries("openblas"):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in _OPENBLAS_SET_THREADS:
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(ctypes.c_int(n_threads))
                return True
    return False


def _loaded_libraries(fragment: str) -> list:
    """Paths of the shared libraries loaded in this process whose file name
    holds fragment (Linux: from /proc/self/maps)."""
    maps: Optional[str] = None
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as file_:
            maps = file_.read()
    except OSError:
        return []
    paths = []
    for line in maps.splitlines():
        path = line.split(maxsplit=5)[-1] if line.count(" ") >= 5 else ""
        if fragment in os.path.basename(path) and path not in paths and os.path.exists(path):
            paths.append(path)
    return paths


__all__ = ["use_numpy_gemm", "limit_blas_threads"]
