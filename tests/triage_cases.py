"""The project's own labelled triage cases (``eval/data/triage_cases.jsonl``): development data, used to train and
validate the disposition model (``eval.triage_train``) and as realistic messages in tests of other parts, never as
proof of a disposition."""

from eval.triage_cases import load_cases

VIGNETTES, CHATS = load_cases()
