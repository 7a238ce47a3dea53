"""Train the PHI tagger (a spaCy NER) on synthetic text and the shared dev sets' development parts.

    python -m eval.phi_tagger_train [--out guards/phi/models/tagger]   # measure with `medassist eval phi`
    python -m eval.phi_tagger_train --vocabulary                       # rebuild guards/phi/data/clinical_words.txt

Training data: ``Synth`` texts (Faker values in frames, eval/phi_synth.py), the three quarters of
``phi_asq_dev.jsonl`` that are not set aside (``eval.run_phi.split_of``), and ``phi_dev.jsonl``. The set-aside
quarter is never trained on: it is where the rules alone, the tagger alone and their union are compared. MedQuAD's
first 600 answers (no patient in them) measure over-redaction; the synthetic filler uses answers after those.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from eval.phi_synth import Synth, clinical_sentences
from eval.run_phi import split_of

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
OUT = Path(__file__).resolve().parents[1] / "guards" / "phi" / "models" / "tagger"
_GROUPS = {"LOCATION": "LOCATION", "CONTACT": "CONTACT", "ID": "ID",
           "NAME": "NAME", "DATE": "DATE", "AGE": "AGE", "GEOGRAPHIC_LOCATION": "LOCATION", "ADDRESS": "LOCATION",
           "CITY": "LOCATION", "ZIP": "LOCATION", "PHONE": "CONTACT", "PHONE_NUMBER": "CONTACT", "FAX": "CONTACT",
           "FAX_NUMBER": "CONTACT", "EMAIL": "CONTACT", "EMAIL_ADDRESS": "CONTACT", "URL": "CONTACT",
           "IP": "CONTACT"}


def tagger_label(label: str) -> str:
    """The tagger's coarse label for a dataset label: NAME, DATE, AGE, LOCATION, CONTACT or ID."""
    return _GROUPS.get(label, "ID")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    from core.jsonl import read_records

    return read_records(path, lambda r: None)


VOCABULARY = Path(__file__).resolve().parents[1] / "guards" / "phi" / "data" / "clinical_words.txt"


def write_vocabulary(medquad: Path, target: Path = VOCABULARY, skip: int = 600, min_count: int = 3) -> int:
    """Words MedQuAD's answers (after the first ``skip``) write in lower case at least ``min_count`` times: the
    vocabulary of medical text, which people's names are not. Returns the number of words written."""
    import textwrap

    import regex as re

    counts: dict[str, int] = {}
    with medquad.open() as f:
        for i, line in enumerate(f):
            if i >= skip:
                for w in re.findall(r"\b[a-z][a-z'-]*[a-z]\b", json.loads(line)["answer"]):
                    counts[w] = counts.get(w, 0) + 1
    words = sorted(w for w, n in counts.items() if n >= min_count)
    head = ["# Words that medical text writes in lower case: every word MedQuAD's answers (CC BY 4.0, NIH sites; the",
            f"# answers after the first {skip}) use in lower case at least {min_count} times. Known safe for the PHI "
            "tagger and",
            "# the name recognizer: a name or place needs a word that is neither here nor ordinary English. "
            "Regenerate with", "# python -m eval.phi_tagger_train --vocabulary"]
    target.write_text("\n".join(head) + "\n" + textwrap.fill(" ".join(words), 116, break_long_words=False) + "\n")
    return len(words)


def literature(medquad: Path, skip: int = 600, n: int = 1500, size: int = 600) -> list[dict[str, Any]]:
    """Passages of MedQuAD answers after the first ``skip`` as texts without PHI: headings in title case, disease
    and drug names, numbers and stages that are not identifiers."""
    out: list[dict[str, Any]] = []
    with medquad.open() as f:
        for i, line in enumerate(f):
            if i >= skip and len(out) < n:
                answer = json.loads(line)["answer"]
                out.append({"text": answer[:size].rsplit(" ", 1)[0], "spans": []})
    return out


def training_cases(shared: Path = SHARED, synthetic: int = 6000, seed: int = 0) -> list[dict[str, Any]]:
    """Synthetic texts, passages of medical literature, and the development parts of the shared PHI sets, with
    coarse labels."""
    asq = [c for c in read_jsonl(shared / "phi" / "phi_asq_dev.jsonl") if split_of(c) == "dev"]
    real = asq + read_jsonl(shared / "phi" / "phi_dev.jsonl")
    medquad = shared / "corpora" / "medquad.jsonl"
    synth = Synth(seed, clinical_sentences(medquad))
    cases = [synth.make() for _ in range(synthetic)] + literature(medquad) + real * 2  # the real texts count twice
    out = [{"text": c["text"], "spans": [dict(s, label=tagger_label(s["label"])) for s in c["spans"]]}
           for c in cases]
    random.Random(seed).shuffle(out)
    return out


def train(cases: list[dict[str, Any]], epochs: int = 12, seed: int = 0) -> Any:
    """A blank English pipeline with one NER (spaCy's default CNN), trained with dropout 0.2 by mini-batches."""
    import spacy
    from rich.progress import Progress
    from spacy.training import Example
    from spacy.util import minibatch

    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    examples = []
    for c in cases:
        doc = nlp.make_doc(c["text"])
        ents, last = [], -1
        for s in sorted(c["spans"], key=lambda s: s["start"]):
            span = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
            if span is not None and span.start >= last:
                ents.append(span)
                last = span.end
        examples.append(Example.from_dict(doc, {"entities": [(e.start_char, e.end_char, e.label_) for e in ents]}))
        for e in ents:
            ner.add_label(e.label_)
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    with Progress() as bar:
        task = bar.add_task("training the PHI tagger", total=epochs * len(examples))
        for _ in range(epochs):
            rng.shuffle(examples)
            for batch in minibatch(examples, size=32):
                nlp.update(batch, sgd=optimizer, drop=0.2)
                bar.advance(task, len(batch))
    return nlp


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--synthetic", type=int, default=6000)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--vocabulary", action="store_true", help="write guards/phi/data/clinical_words.txt and stop")
    args = ap.parse_args(argv)
    if args.vocabulary:
        print(f"{write_vocabulary(SHARED / 'corpora' / 'medquad.jsonl')} words in {VOCABULARY}")
        return
    nlp = train(training_cases(synthetic=args.synthetic), epochs=args.epochs)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
