import copy

import pytest

from pipeline.evaluation import format_scores, prf, score_records

TEXT = "一、县财政局投入资金5万元，培训200人。\n第1页"


def _record(spans, items=None, tokens=None, boilerplate=None):
    return {"id": "d", "text": TEXT, "meta": {"source": "-"}, "tokens": tokens or [],
            "spans": spans, "work_items": items if items is not None else [
                {"id": "1", "marker": "一、", "start": 0, "end": 21, "depth": 1, "parent": None, "title": "x"}],
            "boilerplate": boilerplate if boilerplate is not None else [{"start": 22, "end": 25}]}


def _span(text, label, value=None, work_item="1"):
    start = TEXT.index(text)
    return {"start": start, "end": start + len(text), "label": label, "text": text, "token_start": None,
            "token_end": None, "work_item": work_item, "value": value}


MONEY = {"amount": 50000, "amount_max": None, "currency": "CNY", "approx": False}
COUNT = {"count": 200, "count_max": None, "approx": False, "per_visit": False}


def test_prf():
    assert prf(1, 2, 4) == {"p": 0.5, "r": 0.25, "f": pytest.approx(1 / 3)}
    assert prf(0, 0, 3) == {"p": None, "r": 0.0, "f": None}


def test_perfect_prediction_scores_one():
    gold = _record([_span("县财政局", "ORG"), _span("5万元", "MONEY", MONEY), _span("200人", "PERSON_COUNT", COUNT)])
    scores = score_records([(copy.deepcopy(gold), gold)])
    assert scores["spans"]["micro"]["f"] == 1.0
    assert scores["values_all"] == 1.0 and scores["linking"] == 1.0
    assert scores["work_items"]["f"] == 1.0 and scores["boilerplate"]["f"] == 1.0


def test_errors_are_counted_where_they_happen():
    gold = _record([_span("县财政局", "ORG"), _span("5万元", "MONEY", MONEY), _span("200人", "PERSON_COUNT", COUNT)])
    wrong_value = dict(MONEY, amount=5)
    pred = _record([_span("财政局", "ORG"), _span("5万元", "MONEY", wrong_value),
                    _span("200人", "PERSON_COUNT", COUNT, work_item=None)], items=[], boilerplate=[])
    scores = score_records([(pred, gold)])
    # ORG boundary wrong: strict miss, partial hit
    assert scores["spans"]["ORG"]["f"] == 0.0 and scores["partial"]["ORG"]["f"] == 1.0
    assert scores["values"]["MONEY"] == 0.0 and scores["values"]["PERSON_COUNT"] == 1.0
    # two matched spans, one linked wrongly
    assert scores["linking"] == 0.5
    assert scores["work_items"] == {"p": None, "r": 0.0, "f": None}
    assert scores["boilerplate"]["r"] == 0.0
    assert any(line.startswith("ORG") for line in format_scores(scores))


def test_segmentation_and_alignment():
    def tokens(cuts):
        out, pos = [], 0
        for i, cut in enumerate(cuts):
            out.append({"text": TEXT[pos:cut], "start": pos, "end": cut, "id": i, "ws": False})
            pos = cut
        return out

    # 一|、|县财政局|投入|资金|5万|元|，|培训|200|人|。|\n|第1页: 13 words and a line break
    ends = [1, 2, 6, 8, 10, 12, 13, 14, 16, 19, 20, 21, 22, 25]
    gold = _record([_span("县财政局", "ORG")], tokens=tokens(ends))
    # the prediction merges 县财政局 with 投入 (2:8): the ORG's end is off a token boundary
    pred_ends = [1, 2, 8, 10, 12, 13, 14, 16, 19, 20, 21, 22, 25]
    pred = _record([], tokens=tokens(pred_ends))
    scores = score_records([(pred, gold)])
    assert scores["alignment"] == 0.5
    assert scores["segmentation"]["p"] == pytest.approx(11 / 12)
    assert scores["segmentation"]["r"] == pytest.approx(11 / 13)


def test_different_texts_are_refused():
    gold = _record([])
    pred = dict(_record([]), text="x")
    with pytest.raises(ValueError):
        score_records([(pred, gold)])
