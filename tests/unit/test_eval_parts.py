"""Answer parsing, metrics and their intervals, the PhysioNet utility, and report/compare on scripted runs."""

import json

import numpy as np
import pytest

from core.metrics import auprc, auroc, ece, mcnemar, wilson
from eval.answers import parse_choice
from risk.utility import normalized_utility

OPTS = {"A": "Aspirin", "B": "Heparin", "C": "Warfarin", "D": "None of the above"}
YN = {"A": "yes", "B": "no", "C": "maybe"}


@pytest.mark.parametrize("text, want", [
    ("B", "B"), ("(C)", "C"), ("Answer: D", "D"), ("The answer is B.", "B"), ("B. Heparin", "B"),
    ("I think the correct option is (A) because", "A"), ("Warfarin", "C"), ("heparin is used here", "B"),
    ("", None), ("I am not sure", None),
])
def test_parse_letters_and_option_text(text, want):
    assert parse_choice(text, OPTS) == want


@pytest.mark.parametrize("text, want", [("yes", "A"), ("No.", "B"), ("Maybe, the evidence is mixed", "C"), ("A", "A")])
def test_parse_yes_no_maybe(text, want):
    assert parse_choice(text, YN) == want


def test_wilson_interval_behaves_at_edges():
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == pytest.approx(1.0)
    lo, hi = wilson(45, 100)
    assert lo < 0.45 < hi and hi - lo == pytest.approx(0.19, abs=0.01)


def test_auroc_auprc_ece():
    y = np.array([0, 0, 1, 1])
    assert auroc([0.1, 0.4, 0.35, 0.8], y) == 0.75
    assert auroc([0.1, 0.2, 0.3, 0.4], y) == 1.0
    assert auprc([0.1, 0.2, 0.3, 0.4], y) == 1.0
    assert ece([0.0, 0.0, 1.0, 1.0], y) == 0.0


def test_mcnemar_exact():
    out = mcnemar([True] * 10 + [False] * 0, [False] * 10)
    assert out["only_a_correct"] == 10 and out["p_value"] < 0.01
    assert mcnemar([True, False], [True, False])["p_value"] == 1.0


def test_utility_perfect_inaction_and_late():
    pids = np.array(["a"] * 30 + ["b"] * 20)
    labels = np.zeros(50, int)
    labels[20:30] = 1  # patient a: label (onset - 6 h) from hour 20
    t_sepsis = 20 + 6
    ideal = np.zeros(50, bool)
    ideal[t_sepsis - 12:t_sepsis + 4] = True
    assert normalized_utility(pids, labels, ideal) == pytest.approx(1.0)
    assert normalized_utility(pids, labels, np.zeros(50, bool)) == pytest.approx(0.0)
    always = np.ones(50, bool)
    assert normalized_utility(pids, labels, always) < 1.0


def test_report_and_compare(tmp_path):
    from eval.report import compare, write_report

    for name, pattern in (("a", [True, True, False, True]), ("b", [False, True, False, False])):
        d = tmp_path / name
        d.mkdir()
        recs = [{"qid": str(i), "correct": c, "parsed": "A", "gold": "A"} for i, c in enumerate(pattern)]
        (d / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs) + '{"qid": "half')
        acc = sum(pattern) / 4
        (d / "summary.json").write_text(json.dumps({"dataset": "medmcqa", "n": 4, "accuracy": acc,
                                                    "ci95": list(wilson(sum(pattern), 4)), "unparsed_rate": 0.0,
                                                    "rag": name == "b"}))
    cmp = compare(tmp_path / "a", tmp_path / "b")
    assert cmp["paired_items"] == 4 and cmp["only_a_correct"] == 2 and cmp["only_b_correct"] == 0
    write_report([tmp_path / "a", tmp_path / "b"], tmp_path / "rep")
    text = (tmp_path / "rep" / "report.md").read_text()
    assert "| a | medmcqa" in text and "McNemar" in text and (tmp_path / "rep" / "accuracy.png").stat().st_size > 1000


def test_patient_auroc_takes_each_patients_highest_score():
    from core.metrics import patient_auroc

    # patient a: septic, peak 0.9; b: never, peak 0.8; c: never, peak 0.95 -> one of two pairs ranked right
    scores = [0.1, 0.9, 0.8, 0.2, 0.95]
    labels = [0, 1, 0, 0, 0]
    groups = ["a", "a", "b", "b", "c"]
    assert patient_auroc(scores, labels, groups) == 0.5
    assert patient_auroc([0.1, 0.9, 0.8, 0.2, 0.5], labels, groups) == 1.0


@pytest.mark.parametrize("rows, message", [
    ("p1,80,1\n", "no SepsisLabel column"),
    ("p1,80,1,0\np1,82,2,0\n", "every one of the 2 rows has SepsisLabel 0"),
    ("p1,80,1,0\np1,82,2,\np1,83,3,yes\n", "2 of 3 rows are empty or something else (first: nan)"),
    ("p1,80,1,0\np1,82,2,2\n", "(first: 2"),
])
def test_eval_risk_refuses_labels_it_cannot_score_against(tmp_path, rows, message):
    from tests.conftest import run_cli

    header = "patient_id,HR,ICULOS" + ("" if message.startswith("no SepsisLabel") else ",SepsisLabel")
    path = tmp_path / "labels.csv"
    path.write_text(header + "\n" + rows)
    p = run_cli("eval", "risk", "--csv", str(path), "--out", str(tmp_path / "ev"), "--json")
    assert p.returncode == 2 and message in p.stderr and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1


def test_scores_of_the_baselines_treat_absent_vitals_columns_as_unmeasured():
    import pandas as pd

    from eval.run_risk import _news2_rows, _qsofa_rows

    df = pd.DataFrame({"patient_id": ["a", "a", "b"], "HR": [80, 135, None], "Resp": [None, 25, 12]})
    # HR 135 scores 3, RR 25 scores 3; missing SpO2, SBP and temperature count as normal (0)
    assert list(_news2_rows(df)) == [0, 6, 0]
    assert list(_qsofa_rows(df)) == [0, 1, 0]


def test_phi_cases_are_checked_before_scoring():
    from eval.run_phi import _case_problem
    from tests.conftest import SHARED_DATA

    lines = (SHARED_DATA / "phi" / "phi_dev.jsonl").read_text().splitlines()
    dev = [json.loads(line) for line in lines if line.strip()]
    assert [_case_problem(c) for c in dev] == [None] * len(dev)
    assert "needs a \"text\"" in _case_problem([1, 2])
    assert "needs a \"spans\" list" in _case_problem({"text": "x"})
    assert "needs start, end and label" in _case_problem({"text": "John", "spans": [[0, 4, "NAME"]]})
    assert "0-99 are not a span of the 4-character text" in _case_problem(
        {"text": "John", "spans": [{"start": 0, "end": 99, "label": "NAME"}]})
    assert "keep_spans offsets 3-3" in _case_problem(
        {"text": "John", "spans": [], "keep_spans": [{"start": 3, "end": 3, "label": "DX"}]})


def test_mcq_items_that_cannot_be_asked_are_left_out_and_named(tmp_path):
    from eval.datasets import load_mcq
    from tests.conftest import run_cli

    data = {"medmcqa": {"ok": {"question": "Q?", "options": {"A": "x", "B": "y"}, "answer": "B"},
                        "no_answer": {"question": "Q?", "options": {"A": "x"}},
                        "list_options": {"question": "Q?", "options": ["x", "y"], "answer": "A"},
                        "answer_not_an_option": {"question": "Q?", "options": {"A": "x", "B": "y"}, "answer": "E"}}}
    path = tmp_path / "mirage.json"
    path.write_text(json.dumps(data))
    skipped = []
    items = load_mcq(path, "medmcqa", skipped)
    assert [i.qid for i in items] == ["ok"]
    assert skipped == ["no_answer: lacks question, options or answer",
                       "list_options: options are not a letter-to-text object",
                       "answer_not_an_option: answer 'E' is not one of its options"]
    data["medmcqa"].pop("ok")
    path.write_text(json.dumps(data))
    p = run_cli("eval", "mcq", "--data", str(path), "--dataset", "medmcqa", "--no-rag", "--out", str(tmp_path / "r"),
                "--json")
    assert p.returncode == 2 and "no items in medmcqa: 3 could not be asked (first: no_answer" in p.stderr


def test_phi_split_sets_a_stable_quarter_aside():
    from eval.run_phi import split_of

    cases = [{"id": f"case-{i}", "text": "x"} for i in range(2000)]
    parts = [split_of(c) for c in cases]
    assert parts == [split_of(c) for c in cases]  # the same every run: a hash, not a random draw
    assert 0.22 < parts.count("test") / len(parts) < 0.28
    assert split_of({"text": "no id: the text decides"}) in ("dev", "test")
