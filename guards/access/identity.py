"""The identity the server gives a request: never taken from what the client sends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["clinician", "patient", "evaluator", "admin"]
ROLES: tuple[Role, ...] = ("clinician", "patient", "evaluator", "admin")


class AccessDenied(Exception):
    """The identity may not do this; the message is safe to show and names nothing of the patient."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Identity:
    """A signed-in user: ``patient_id`` binds a patient account to its own record (FHIR ``Patient.id``)."""

    username: str
    role: Role
    patient_id: str | None = None
    source: str = "local"  # "local" accounts, "oidc" single sign-on, or "cli" for the server's own operator

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}: expected one of {', '.join(ROLES)}")
        if self.role == "patient" and not self.patient_id:
            raise ValueError("a patient account needs the FHIR Patient.id of its own record")


#: Before any account exists (a fresh install), the web app lets visitors in as this identity: an evaluator, who
#: reads the literature and no patient's record. The first account created ends it.
GUEST = Identity("guest", "evaluator", source="guest")
