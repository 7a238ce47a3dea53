"""Trains the triage disposition model (``assistant/models/triage_disposition.json``) and reports it
leave-one-source-out: each labelled source is judged by a model that never saw it.

    python -m eval.triage_train [--shared ../shared/data] [--out PATH] [--report docs/triage_loso.json]

Sources: Semigran's 9 dev vignettes, the Avey and AgentClinic vignettes (urgency of their diagnoses,
``eval/data/*_urgency.json``), the 642 KTAS dev visits, and the project's own cases (``eval/data/triage_cases.jsonl``).
The operating points are chosen on the out-of-fold predictions: the emergency point is the highest one at which the
mean of the sources' emergency sensitivities is at least ``SENSITIVITY``, with the floor and vital signs counted.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from assistant.triage_model import HEADS, MODEL_PATH, text_key
from eval.triage_labels import gold

SENSITIVITY = 0.95
#: Strong regularisation and a heavier embedding held up best out of source (C 0.5 -> 0.01 raised the out-of-source
#: AUC on Avey from 0.70 to 0.84); the trees add what is not linear (age with vital signs).
C = 0.01
EMBEDDING_WEIGHT = 3.0
COMPONENTS = 32
TREES = {"n_estimators": 200, "learning_rate": 0.03, "num_leaves": 15, "min_child_samples": 10, "subsample": 0.8,
         "subsample_freq": 1, "colsample_bytree": 0.5, "reg_lambda": 1.0, "class_weight": "balanced",
         "random_state": 0, "verbose": -1}
PROJECT = "project cases"
SOURCES = {"semigran-dev": "triage_semigran_dev.jsonl", "avey": "avey_vignettes.jsonl",
           "agentclinic": "agentclinic_medqa_extended.jsonl", "ktas-dev": "triage_ktas_dev.jsonl"}


@dataclass(frozen=True)
class Case:
    text: str
    allowed: frozenset[str]
    source: str


def labelled_cases(shared: Path) -> list[Case]:
    """Every labelled case of the shared sources and the project's own."""
    from eval.triage_cases import load_cases
    from eval.triage_data import load_triage

    cases = []
    for source, name in SOURCES.items():
        rows, _ = load_triage(shared / "benchmarks" / name)
        for r in rows:
            g = gold(r)
            if g:
                cases.append(Case(r["case_description"], g[0], source))
    vignettes, messages = load_cases()
    cases += [Case(t, gold({"urgency_level": lv})[0], PROJECT) for lv, t in vignettes]
    cases += [Case(t, frozenset(allowed), PROJECT) for t, allowed in messages]
    return cases


def targets(cases: list[Case]) -> dict[str, np.ndarray]:
    """Per head: 1, 0, or -1 where the label does not say (an urgent-or-emergency message; KTAS for self-care)."""
    em = np.array([1 if c.allowed == {"emergency"} else 0 if "emergency" not in c.allowed else -1 for c in cases])
    sc = np.array([-1 if c.source == "ktas-dev" else 1 if c.allowed == {"self_care"} else
                   0 if "self_care" not in c.allowed else -1 for c in cases])
    return {"emergency": em, "self_care": sc}


@dataclass
class Design:
    structured: np.ndarray
    vectors: np.ndarray
    floor: np.ndarray
    vital_em: np.ndarray
    vital_urgent: np.ndarray
    cant_miss: np.ndarray

    def rows(self, idx: np.ndarray) -> Design:
        return Design(self.structured[idx], self.vectors[idx], self.floor[idx], self.vital_em[idx],
                      self.vital_urgent[idx], self.cant_miss[idx])


def design(texts: list[str], embedder: Any) -> Design:
    from assistant.findings import extractor
    from assistant.triage_features import (
        add_vital_findings,
        cant_miss,
        floor,
        read_case_vitals,
        structured,
        vital_danger,
        vital_urgent,
    )
    from assistant.triage_shorthand import expand
    from guards.safety.red_flags import detect

    said, texts = texts, [expand(t) for t in texts]
    found = extractor().many(texts)
    vit = [read_case_vitals(t) for t in texts]
    for f, v in zip(found, vit, strict=True):
        add_vital_findings(f, v)
    rows = np.vstack([structured(f, v) for f, v in zip(found, vit, strict=True)])
    flagged = np.array([bool(floor(f)) or bool(detect(t)) for f, t in zip(found, texts, strict=True)])
    return Design(rows, embedder.embed(said).astype(np.float64), flagged,
                  np.array([bool(vital_danger(v)) for v in vit]),
                  np.array([vital_urgent(v) for v in vit]),
                  np.array([bool(cant_miss(f)) for f in found]))


def fit(d: Design, idx: np.ndarray, y: dict[str, np.ndarray]) -> dict[str, Any]:
    """Both heads on the cases ``idx``: a logistic regression on the scaled features and the embedding, and
    gradient-boosted trees on the features and the embedding's first principal components."""
    import lightgbm as lgb
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LogisticRegression

    mean = d.structured[idx].mean(axis=0)
    scale = d.structured[idx].std(axis=0)
    scale[scale < 1e-6] = 1.0
    pca = PCA(COMPONENTS, random_state=0).fit(d.vectors[idx])
    x = np.hstack([(d.structured - mean) / scale, EMBEDDING_WEIGHT * d.vectors])
    z = np.hstack([d.structured, pca.transform(d.vectors)])
    heads = {}
    for h in HEADS:
        keep = idx[y[h][idx] >= 0]
        clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(x[keep], y[h][keep])
        trees = lgb.LGBMClassifier(**TREES).fit(z[keep], y[h][keep])
        heads[h] = {"coef": clf.coef_[0], "intercept": float(clf.intercept_[0]), "trees": trees.booster_}
    return {"mean": mean, "scale": scale, "pca_mean": pca.mean_, "pca_components": pca.components_, "heads": heads}


def predict(model: dict[str, Any], d: Design, idx: np.ndarray) -> dict[str, np.ndarray]:
    from assistant.triage_model import blend

    x = np.hstack([(d.structured[idx] - model["mean"]) / model["scale"], EMBEDDING_WEIGHT * d.vectors[idx]])
    z = np.hstack([d.structured[idx], (d.vectors[idx] - model["pca_mean"]) @ model["pca_components"].T])
    out = {}
    for h in HEADS:
        head = model["heads"][h]
        out[h] = blend(1 / (1 + np.exp(-(x @ head["coef"] + head["intercept"]))), head["trees"].predict(z))
    return out


def held_out(d: Design, cases: list[Case], y: dict[str, np.ndarray], groups: np.ndarray) -> dict[str, np.ndarray]:
    """Each group's probabilities from a model trained on the other groups."""
    out = {h: np.zeros(len(cases)) for h in HEADS}
    for g in sorted(set(groups)):
        test, train = np.flatnonzero(groups == g), np.flatnonzero(groups != g)
        p = predict(fit(d, train, y), d, test)
        for h in HEADS:
            out[h][test] = p[h]
    return out


def by_source(cases: list[Case]) -> np.ndarray:
    """Leave-one-source-out groups."""
    return np.array([c.source for c in cases])


def by_fold(cases: list[Case], k: int = 5) -> np.ndarray:
    """K folds by a hash of each case's text, every source spread over them."""
    return np.array([int(text_key(c.text), 16) % k for c in cases])


def dispositions(d: Design, p: dict[str, np.ndarray], th: dict[str, float]) -> list[str]:
    from assistant.triage_policy import Inputs, decide

    return [decide(Inputs(float(p["emergency"][i]), float(p["self_care"][i]), bool(d.floor[i]), bool(d.vital_em[i]),
                          bool(d.vital_urgent[i]), bool(d.cant_miss[i])), th) for i in range(len(d.floor))]


def choose(cases: list[Case], d: Design, p: dict[str, np.ndarray], use: np.ndarray | None = None) -> dict[str, float]:
    """Operating points from held-out probabilities of the cases in ``use`` (all by default): the emergency point is
    the highest at which the mean of the sources' emergency sensitivities (sources with 20 or more emergencies, the
    floor and vital signs counted) is at least ``SENSITIVITY``; the urgent point best separates the cases labelled
    urgent from those labelled routine or self-care; the self-care point is the lowest that sends at most 5% of the
    cases labelled above self-care to self-care."""
    use = np.ones(len(cases), bool) if use is None else use
    em = np.array([c.allowed == {"emergency"} for c in cases]) & use
    src = np.array([c.source for c in cases])
    big = [s for s in sorted(set(src[use])) if (em & (src == s)).sum() >= 20]
    forced = d.floor | d.vital_em
    grid = np.round(np.arange(0.02, 0.99, 0.01), 2)
    best = 0.02
    for t in grid:
        said = forced | (p["emergency"] >= t)
        if np.mean([said[em & (src == s)].mean() for s in big]) >= SENSITIVITY:
            best = float(t)
    today = np.array([c.allowed == {"urgent"} for c in cases]) & use
    later = np.array([bool(c.allowed) and c.allowed <= {"routine", "self_care"} for c in cases]) & use
    urgent = max((float(t) for t in grid if t < best), default=best / 2,
                 key=lambda t: (p["emergency"][today] >= t).mean() + (p["emergency"][later] < t).mean())
    above = np.array([bool(c.allowed) and "self_care" not in c.allowed for c in cases]) & use
    sc = next((float(t) for t in grid if (p["self_care"][above] >= t).mean() <= 0.05), 0.98)
    return {"emergency": best, "urgent": urgent, "self_care": sc}


def leave_one_source_out(d: Design, cases: list[Case], y: dict[str, np.ndarray]) -> list[str]:
    """Each source's dispositions from a model and operating points chosen without it (the points on 5-fold
    held-out predictions of the other sources)."""
    src = by_source(cases)
    said = [""] * len(cases)
    for s in sorted(set(src)):
        others = np.flatnonzero(src != s)
        sub = [cases[i] for i in others]
        sub_d = d.rows(others)
        sub_y = {h: v[others] for h, v in y.items()}
        th = choose(sub, sub_d, held_out(sub_d, sub, sub_y, by_fold(sub)))
        test = np.flatnonzero(src == s)
        p = predict(fit(d, others, y), d, test)
        test_d = d.rows(test)
        for i, disposition in zip(test, dispositions(test_d, p, th), strict=True):
            said[i] = disposition
    return said


def report(cases: list[Case], said: list[str]) -> dict[str, Any]:
    """Per source: exact accuracy, emergency sensitivity, non-emergencies called emergency, under- and over-triage."""
    from core.metrics import wilson
    from eval.triage_labels import over, under

    out: dict[str, Any] = {}
    for s in sorted({c.source for c in cases}) + ["all external"]:
        rows = [(c, x) for c, x in zip(cases, said, strict=True)
                if c.source == s or (s == "all external" and c.source != PROJECT)]
        em = [(c, x) for c, x in rows if c.allowed == {"emergency"}]
        ne = [(c, x) for c, x in rows if "emergency" not in c.allowed]

        def rate(k: int, n: int) -> dict[str, Any]:
            return {"k": k, "n": n, "rate": round(k / n, 4) if n else None,
                    "ci95": [round(v, 4) for v in wilson(k, n)] if n else None}

        out[s] = {"exact": rate(sum(x in c.allowed for c, x in rows), len(rows)),
                  "emergency_sensitivity": rate(sum(x == "emergency" for _, x in em), len(em)),
                  "non_emergency_called_emergency": rate(sum(x == "emergency" for _, x in ne), len(ne)),
                  "under_triage": rate(sum(under(c.allowed, x) for c, x in rows), len(rows)),
                  "over_triage": rate(sum(over(c.allowed, x) for c, x in rows), len(rows))}
    return out


def main(argv: list[str] | None = None) -> int:
    from retrieval.embedders import SentenceTransformerEmbedder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--report", type=Path, help="write the leave-one-source-out figures here (JSON)")
    args = ap.parse_args(argv)
    cases = labelled_cases(args.shared)
    embedder = SentenceTransformerEmbedder().load()
    d = design([c.text for c in cases], embedder)
    y = targets(cases)
    folds = held_out(d, cases, y, by_fold(cases))
    th = choose(cases, d, folds)
    kfold = report(cases, dispositions(d, folds, th))
    loso = report(cases, leave_one_source_out(d, cases, y))
    model = fit(d, np.arange(len(cases)), y)
    from assistant.triage_features import feature_names

    counts: dict[str, dict[str, int]] = {}
    for c in cases:
        key = "emergency" if c.allowed == {"emergency"} else "other"
        counts.setdefault(c.source, {"emergency": 0, "other": 0})[key] += 1
    doc = {"embedder": embedder.name, "trained": date.today().isoformat(), "C": C,
           "embedding_weight": EMBEDDING_WEIGHT, "thresholds": th, "cases": counts,
           "leave_one_source_out": loso, "five_fold": kfold, "features": list(feature_names()),
           "mean": [round(float(v), 6) for v in model["mean"]], "scale": [round(float(v), 6) for v in model["scale"]],
           "pca_mean": [round(float(v), 6) for v in model["pca_mean"]],
           "pca_components": [[round(float(v), 6) for v in row] for row in model["pca_components"]],
           "heads": {h: {"coef": [round(float(w), 6) for w in model["heads"][h]["coef"]],
                         "intercept": model["heads"][h]["intercept"],
                         "trees": model["heads"][h]["trees"].model_to_string()} for h in HEADS},
           "trained_on": sorted({text_key(c.text) for c in cases})}
    args.out.write_text(json.dumps(doc, indent=0) + "\n")
    if args.report:
        args.report.write_text(json.dumps({"thresholds": th, "leave_one_source_out": loso,
                                                  "five_fold": kfold}, indent=1) + "\n")
    print(json.dumps({"thresholds": th, "cases": counts, "leave_one_source_out": loso, "five_fold": kfold}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
