"""Triage on the Avey and AgentClinic vignettes: the loaders and the urgency labels."""

import argparse
import json
from collections import Counter

import pytest

from core.errors import UserInputError
from eval.triage_data import avey_case, load_triage, osce_case, urgency_labels
from tests.conftest import SHARED_DATA

AVEY = SHARED_DATA / "benchmarks" / "avey_vignettes.jsonl"
OSCE = SHARED_DATA / "benchmarks" / "agentclinic_medqa_extended.jsonl"


def test_every_labelled_diagnosis_is_in_its_dataset():
    avey = {json.loads(line)["correct_diagnosis"].lower() for line in AVEY.read_text().splitlines() if line}
    osce = {json.loads(line)["OSCE_Examination"]["Correct_Diagnosis"].lower()
            for line in OSCE.read_text().splitlines() if line}
    for labels, diagnoses in ((urgency_labels("avey"), avey), (urgency_labels("agentclinic"), osce)):
        assert set(labels) <= diagnoses, sorted(set(labels) - diagnoses)
    assert set(urgency_labels("avey").values()) == {"em", "ne", "sc"}
    assert set(urgency_labels("agentclinic").values()) == {"em", "ne"}


def test_load_triage_labels_avey_rows_and_counts_the_unlabelled():
    rows, skipped = load_triage(AVEY)
    assert (len(rows), skipped) == (297, 103)
    assert Counter(r["urgency_level"] for r in rows) == {"em": 50, "ne": 211, "sc": 36}
    assert all(r["case_description"].endswith(".") for r in rows)


def test_avey_case_puts_each_absent_finding_in_its_own_sentence():
    row = {"demographics": "40 year old Female", "chief_complaints": "Cough", "presentation": "Dry cough for 2 days.",
           "absent_findings": "No fever, No chest pain or dyspnea, Not a smoker", "physical_history": "-",
           "family_history": "Father had asthma.", "social_history": ""}
    text = avey_case(row)
    assert text == ("40 year old Female. Complaints: Cough. Dry cough for 2 days. No fever. No chest pain or dyspnea. "
                    "Not a smoker. Family history: Father had asthma.")


def test_osce_case_is_the_story_and_examination_without_test_results():
    row = {
        "OSCE_Examination": {
            "Patient_Actor": {
                "Demographics": "30-year-old male",
                "History": "Cough for 2 days.",
                "Symptoms": {"Primary_Symptom": "Cough", "Secondary_Symptoms": ["Sore throat"]},
                "Past_Medical_History": "None",
                "Review_of_Systems": "No fever.",
            },
            "Physical_Examination_Findings": {"Vital_Signs": {"Heart_Rate": "80 bpm"}},
            "Test_Results": {"CBC": "WBC 20,000"},
            "Correct_Diagnosis": "Common cold",
        }
    }
    assert osce_case(row) == ("30-year-old male. Cough for 2 days. Primary Symptom: Cough. Secondary Symptoms: Sore "
                              "throat. "
                              "Past medical history: None. Review of systems: No fever. Heart Rate: 80 bpm.")


def test_load_triage_labels_agentclinic_cases():
    rows, skipped = load_triage(OSCE)
    assert (len(rows), skipped) == (133, 81)
    assert Counter(r["urgency_level"] for r in rows) == {"em": 32, "ne": 101}
    myasthenia = [r["case_description"] for r in rows if r["correct_diagnosis"] == "Myasthenia gravis"]
    assert "ptosis" in myasthenia[0] and not any("Acetylcholine" in c for c in myasthenia)


def test_semigran_rows_pass_through_and_unknown_rows_are_skipped(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_text(json.dumps({"urgency_level": "sc", "case_description": "A mild cold."}) + "\n"
                 + json.dumps({"question": "not a vignette"}) + "\n"
                 + json.dumps({"presentation": "Itchy rash.", "correct_diagnosis": "Something Unlabelled"}) + "\n")
    rows, skipped = load_triage(f)
    assert [r["case_description"] for r in rows] == ["A mild cold."] and skipped == 2


def test_eval_triage_refuses_a_file_without_vignettes(tmp_path):
    from eval.run_triage import run

    f = tmp_path / "none.jsonl"
    f.write_text(json.dumps({"question": "q"}) + "\n")
    with pytest.raises(UserInputError, match="no triage cases"):
        run(argparse.Namespace(data=str(f), out=None, loso=False), argparse.Namespace(llm_backend="llamacpp"))
