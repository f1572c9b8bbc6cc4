"""A user's exports convert, train and evaluate; training is deterministic."""
from pathlib import Path

import pytest

import pipeline
from pipeline.convert import convert_export
from pipeline.corpus import write_jsonl
from pipeline.evaluation import evaluate_model
from pipeline.training import train_pipeline

pytestmark = pytest.mark.slow
EXPORTS = Path(__file__).parent / "fixtures" / "exports"
QUICK = {"training.max_steps": 6, "training.eval_frequency": 3}


@pytest.fixture(scope="module")
def user_corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("user")
    doccano, errors = convert_export(EXPORTS / "doccano.jsonl", "doccano")
    labelstudio, more_errors = convert_export(EXPORTS / "labelstudio.json", "labelstudio")
    assert errors == more_errors == []
    for record in labelstudio:
        record["id"] += "-ls"
    write_jsonl(path / "train.jsonl", doccano + labelstudio)
    write_jsonl(path / "dev.jsonl", doccano)
    return path


@pytest.fixture(scope="module")
def trained(user_corpus, tmp_path_factory):
    # the output directory and its parent do not exist yet
    out = tmp_path_factory.mktemp("model") / "nested" / "model"
    meta = train_pipeline(user_corpus / "train.jsonl", user_corpus / "dev.jsonl", out, overrides=dict(QUICK))
    return out, meta


def test_exports_train_and_evaluate(trained, user_corpus):
    out, meta = trained
    assert meta["zhgov"]["train"]["documents"] == 4
    nlp = pipeline.load(out)
    assert nlp.pipe_names == ["boilerplate", "work_items", "numbers", "entity_ruler", "sentencizer", "tok2vec", "ner",
                              "org_rules", "project_rules", "company_rules", "institution_rules", "company_names", "linker"]
    # the committed lexicons go into the pipeline; the meta names them with their hashes
    assert len(nlp.get_pipe("company_names").patterns) == len((Path(__file__).parent.parent / "configs" / "company_names.jsonl").read_text(encoding="utf-8").splitlines())
    assert set(meta["zhgov"]["config_files"]) == {"pkuseg_user_dict", "lexicon", "company_names"}
    from pipeline.corpus import read_jsonl

    scores = evaluate_model(nlp, list(read_jsonl(user_corpus / "dev.jsonl")))
    # the number rules do not depend on training
    assert scores["spans"]["MONEY"]["f"] == 1.0 and scores["spans"]["PERSON_COUNT"]["f"] == 1.0
    assert scores["values_all"] == 1.0


def test_training_is_deterministic(trained, user_corpus, tmp_path):
    out, meta = trained
    again = train_pipeline(user_corpus / "train.jsonl", user_corpus / "dev.jsonl", tmp_path / "again",
                           overrides=dict(QUICK))
    assert again["zhgov"]["dev_scores"] == meta["zhgov"]["dev_scores"]
    for part in ("ner", "tok2vec", "tokenizer"):
        files = sorted(p.relative_to(out) for p in (out / part).rglob("*") if p.is_file())
        assert files
        for name in files:
            assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


def test_saved_config_holds_no_temporary_paths(trained):
    out, _ = trained
    config = (out / "config.cfg").read_text(encoding="utf-8")
    assert "/tmp" not in config


def test_missing_config_says_where_to_run(user_corpus, tmp_path):
    with pytest.raises(ValueError, match=r"No such config: .*nowhere\.cfg\. Run `zhgov train` from the repository root"):
        train_pipeline(user_corpus / "train.jsonl", user_corpus / "dev.jsonl", tmp_path / "out",
                       config_path=tmp_path / "nowhere.cfg")


def test_default_config_beside_the_package_or_in_the_working_directory(tmp_path):
    from pipeline.training import default_config

    checkout = tmp_path / "repo"
    (checkout / "configs").mkdir(parents=True)
    (checkout / "configs" / "zhgov.cfg").write_text("[nlp]\n", encoding="utf-8")
    assert default_config(checkout / "pipeline") == checkout / "configs" / "zhgov.cfg"
    # an installed package (site-packages/pipeline) has no configs/ beside it
    assert default_config(tmp_path / "site-packages" / "pipeline") == Path("configs") / "zhgov.cfg"
