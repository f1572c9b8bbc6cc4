from pathlib import Path

import pytest

from pipeline.convert import convert_export
from pipeline.corpus import validate_record

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


@pytest.mark.parametrize("name,fmt", [("doccano.jsonl", "doccano"), ("labelstudio.json", "labelstudio")])
def test_exports_convert_to_valid_records(name, fmt):
    records, errors = convert_export(EXPORTS / name, fmt)
    assert errors == []
    assert len(records) == 2
    first, second = records
    spans = {s["text"]: s for s in first["spans"]}
    assert set(spans) == {"县财政局", "1.2亿元", "300余人次", "县审计局", "城乡供水一体化工程"}
    # values and links are filled by the rules
    assert spans["1.2亿元"]["value"] == {"amount": 120000000, "amount_max": None, "currency": "CNY", "approx": False}
    assert spans["300余人次"]["value"] == {"count": 300, "count_max": None, "approx": True, "per_visit": True}
    assert spans["县财政局"]["work_item"] is None and spans["县审计局"]["work_item"] == "2"
    assert [i["id"] for i in first["work_items"]] == ["1", "2"]
    # the PC alias of doccano's second task is renamed
    assert [(s["text"], s["label"]) for s in second["spans"]] == [
        ("镇政府", "ORG"), ("120名", "PERSON_COUNT"), ("35万元", "MONEY")]
    for record in records:
        assert validate_record(record) == []


def test_bad_tasks_are_reported_not_dropped():
    records, errors = convert_export(EXPORTS / "doccano_bad.jsonl", "doccano")
    assert len(records) == 1
    assert errors == [
        "[E602] " + str(EXPORTS / "doccano_bad.jsonl") + ": task 1: unknown label 'AGENCY'. Expected one of: "
        "ORG, PROJECT, MONEY, PERSON_COUNT (rename with --label-map OLD=NEW).",
        "[E603] " + str(EXPORTS / "doccano_bad.jsonl") + ": task 2: the span [0:99] does not fit the text "
        "(export says None, text has '镇政府组织志愿者120名参与河道清理，投入资金35万元。').",
        "[E600] " + str(EXPORTS / "doccano_bad.jsonl") + ": task 4: cannot read it "
        "(Expecting property name enclosed in double quotes).",
    ]


def test_label_map_and_unknown_format():
    records, errors = convert_export(EXPORTS / "doccano_bad.jsonl", "doccano", {"AGENCY": "ORG"})
    assert len(records) == 2 and records[0]["spans"][0]["label"] == "ORG"
    with pytest.raises(ValueError, match="E606"):
        convert_export(EXPORTS / "doccano.jsonl", "brat")
