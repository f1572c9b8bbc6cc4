import spacy
from spacy.tokens import Doc

from pipeline.record import doc_to_record, record_to_doc


def test_record_tokens_are_the_doc_tokens():
    vocab = spacy.blank("zh").vocab
    doc = Doc(vocab, words=["县", "财政局", "  ", "投入", "5万", "元"], spaces=[False, True, False, True, False, False])
    record = doc_to_record(doc, "r1")
    assert record["text"] == "县财政局   投入 5万元"
    assert record["tokens"] == [
        {"text": "县", "start": 0, "end": 1, "id": 0, "ws": False},
        {"text": "财政局", "start": 1, "end": 4, "id": 1, "ws": True},
        {"text": "  ", "start": 5, "end": 7, "id": 2, "ws": False},
        {"text": "投入", "start": 7, "end": 9, "id": 3, "ws": True},
        {"text": "5万", "start": 10, "end": 12, "id": 4, "ws": False},
        {"text": "元", "start": 12, "end": 13, "id": 5, "ws": False},
    ]
    rebuilt = record_to_doc(record, vocab)
    assert [t.text for t in rebuilt] == [t.text for t in doc] and rebuilt.text == doc.text


def test_record_of_an_empty_doc():
    record = doc_to_record(Doc(spacy.blank("zh").vocab, words=[]), "empty")
    assert record["text"] == "" and record["tokens"] == [] and record["spans"] == []
