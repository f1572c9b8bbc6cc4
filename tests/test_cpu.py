import numpy
import spacy
from thinc.api import NumpyOps

from pipeline.cpu import limit_blas_threads, make_numpy_gemm, use_numpy_gemm


def tok2vec_pipeline():
    nlp = spacy.blank("zh")
    nlp.add_pipe("tok2vec")
    nlp.initialize()
    return nlp


def test_numpy_gemm_gives_the_same_vectors():
    nlp = tok2vec_pipeline()
    doc = nlp.make_doc("县财政局投入资金5万元，培训干部200余人次。")
    model = nlp.get_pipe("tok2vec").model
    assert model.ops.use_blis
    with_blis = model.predict([doc])[0]
    assert use_numpy_gemm(nlp) is nlp
    assert all(type(node.ops) is NumpyOps and not node.ops.use_blis for node in model.walk())
    numpy.testing.assert_allclose(model.predict([doc])[0], with_blis, rtol=1e-4, atol=1e-5)


def test_numpy_gemm_callback_in_the_config(tmp_path):
    nlp = tok2vec_pipeline()
    assert make_numpy_gemm()(nlp) is nlp
    nlp.to_disk(tmp_path / "p")
    config = {"nlp": {"after_pipeline_creation": {"@callbacks": "zhgov.numpy_gemm.v1"}}}
    loaded = spacy.load(tmp_path / "p", config=config)
    assert not loaded.get_pipe("tok2vec").model.ops.use_blis


def test_limit_blas_threads_is_best_effort():
    assert limit_blas_threads(1) in (True, False)
