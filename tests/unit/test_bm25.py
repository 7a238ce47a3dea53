"""The lexical index through real bm25s and PyStemmer: stems match other word forms, exact words count more, and
indexes built before stemming keep their tokenizer."""

from __future__ import annotations

from pathlib import Path

from retrieval.bm25_index import TOKENIZER_FILE, BM25Index

DOCS = ["Dietitians counsel diabetic patients on carbohydrate counting",
        "Fractures of the distal radius in children",
        "Nurses and dietitians gave the same dietary message"]


def _rows(index: BM25Index, query: str) -> list[int]:
    return index.search(query, k=3)[1].tolist()


def test_stemming_matches_other_word_forms() -> None:
    stemmed = BM25Index.build(DOCS)
    plain = BM25Index.build(DOCS, stemmer=None)
    assert stemmed.stemmer == "english"
    # "dietitian" and "diabetes" appear in no document in those forms
    assert _rows(stemmed, "dietitian advice in diabetes")[0] == 0
    assert _rows(plain, "dietitian advice in diabetes") == []
    assert _rows(stemmed, "fractured radius")[0] == 1


def test_the_exact_word_outranks_another_form_of_it() -> None:
    index = BM25Index.build(["screening for colon cancer", "screened for colon cancer"])
    assert _rows(index, "screening") == [0, 1]
    assert _rows(index, "screened") == [1, 0]


def test_saved_index_keeps_its_tokenizer(tmp_path: Path) -> None:
    BM25Index.build(DOCS).save(tmp_path / "stemmed")
    loaded = BM25Index.load(tmp_path / "stemmed")
    assert loaded.stemmer == "english" and _rows(loaded, "dietitian messages")[0] == 2


def test_index_built_before_stemming_reads_queries_as_whole_words(tmp_path: Path) -> None:
    BM25Index.build(DOCS, stemmer=None).save(tmp_path / "old")
    (tmp_path / "old" / TOKENIZER_FILE).unlink()  # such indexes were saved without the file
    old = BM25Index.load(tmp_path / "old")
    assert old.stemmer is None
    # stemmed query tokens ("dietitian", "messag") would miss this index's whole-word vocabulary
    assert _rows(old, "dietitians message")[0] == 2
    assert _rows(old, "Nurses")[0] == 2
