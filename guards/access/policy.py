"""The access decision for one patient's record, made at the server from the identity, and logged either way.

Patients see their own record only. Clinicians see the patients assigned to them; anyone else's record only by
breaking the glass with a stated reason, which is allowed, logged and flagged. Administrators see no records
(they manage accounts; they break the glass like a clinician if they must). Evaluators, and the guest of a fresh
install, see no records and cannot break the glass.
"""

from __future__ import annotations

from dataclasses import dataclass

from guards.access.access_log import AccessLog
from guards.access.assignments import Assignments
from guards.access.identity import AccessDenied, Identity

MIN_REASON = 10


@dataclass(frozen=True)
class Decision:
    patient_id: str | None
    break_glass: bool = False
    reason: str | None = None


class AccessPolicy:
    def __init__(self, assignments: Assignments, log: AccessLog) -> None:
        self.assignments = assignments
        self.log = log

    def patients_for(self, who: Identity) -> list[str]:
        """The patients this identity may pick without breaking the glass."""
        if who.role == "patient":
            return [who.patient_id] if who.patient_id else []
        if who.role == "clinician":
            return self.assignments.patients(who.username)
        return []

    def decide(self, who: Identity, patient_id: str | None, action: str = "chat",
               break_glass_reason: str | None = None) -> Decision:
        """The decision for ``patient_id`` (None: no record, literature only); AccessDenied when refused.

        Every decision about a record, allowed or refused, is appended to the access log.
        """
        if not patient_id:
            return Decision(None)
        reason = (break_glass_reason or "").strip() or None
        if patient_id in self.patients_for(who):
            self.log.append(who.username, who.role, patient_id, action, "allowed", purpose="care")
            return Decision(patient_id)
        if who.role == "patient":
            self.log.append(who.username, who.role, patient_id, action, "denied", purpose="not own record")
            raise AccessDenied("a patient account can open its own record only")
        if who.role == "evaluator":
            self.log.append(who.username, who.role, patient_id, action, "denied", purpose="no record access")
            raise AccessDenied("this account reads the literature only: sign in as a clinician to open records")
        if reason is None:
            self.log.append(who.username, who.role, patient_id, action, "denied", purpose="not assigned")
            raise AccessDenied("this patient is not assigned to you: break the glass with a reason to open the record")
        if len(reason) < MIN_REASON:
            self.log.append(who.username, who.role, patient_id, action, "denied", purpose="break-the-glass",
                            reason=reason, break_glass=True)
            raise AccessDenied(f"say why you need this record (at least {MIN_REASON} characters)")
        self.log.append(who.username, who.role, patient_id, action, "allowed", purpose="break-the-glass",
                        reason=reason, break_glass=True)
        return Decision(patient_id, break_glass=True, reason=reason)

    def record_resources(self, who: Identity, decision: Decision, resources: list[str], action: str = "read") -> None:
        """After a turn: which resources of the record were returned to this identity."""
        if decision.patient_id and resources:
            self.log.append(who.username, who.role, decision.patient_id, action, "allowed",
                            purpose="break-the-glass" if decision.break_glass else "care",
                            reason=decision.reason, break_glass=decision.break_glass, resources=resources)
