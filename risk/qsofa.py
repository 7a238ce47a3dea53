"""qSOFA (Sepsis-3): respiratory rate >= 22, altered mentation, systolic BP <= 100; one point each."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from risk.validation import check


@dataclass
class QSofa:
    score: int
    criteria: dict[str, bool | None]
    missing: list[str]
    positive: bool

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def qsofa(rr: float | None = None, sbp: float | None = None, consciousness: str | None = None,
          altered_mentation: bool | None = None) -> QSofa:
    """qSOFA; missing inputs score 0 and are listed in ``missing`` so the caller can say so."""
    rr_v = check("rr", rr, required=False)
    sbp_v = check("sbp", sbp, required=False)
    if altered_mentation is None and consciousness is not None:
        altered_mentation = str(consciousness).upper()[:1] != "A"
    crit = {"respiratory_rate_ge_22": None if rr_v is None else rr_v >= 22,
            "altered_mentation": altered_mentation,
            "systolic_bp_le_100": None if sbp_v is None else sbp_v <= 100}
    score = sum(1 for v in crit.values() if v)
    return QSofa(score, crit, [k for k, v in crit.items() if v is None], score >= 2)
