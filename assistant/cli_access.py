"""CLI sub-commands for who may see what: ``medassist users ...`` and ``medassist audit``."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from assistant.cli import command, emit_json
from core.errors import UserInputError
from core.settings import Settings


def add_parsers(sub: Any) -> None:
    users = sub.add_parser("users", help="local accounts and which patients each clinician may see")
    u = users.add_subparsers(dest="users_cmd", required=True)
    add = u.add_parser("add", help="create an account (the password is read from stdin or asked for)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=["clinician", "patient", "evaluator", "admin"])
    add.add_argument("--patient", help="a patient account's own record (FHIR Patient.id)")
    add.add_argument("--practitioner", help="a clinician's practitioner identifier (NPI) as the records name it")
    add.add_argument("--sso", action="store_true", help="single sign-on only: no local password")
    add.add_argument("--json", action="store_true")
    u.add_parser("list", help="every account").add_argument("--json", action="store_true")
    for name, text in (("disable", "disable an account"), ("passwd", "set a new password (stdin or asked)")):
        u.add_parser(name, help=text).add_argument("username")
    assign = u.add_parser("assign", help="let a clinician see patients (or every patient their records name)")
    assign.add_argument("username")
    assign.add_argument("patients", nargs="*", help="FHIR Patient.ids")
    assign.add_argument("--from-records", action="store_true",
                        help="the patients whose FHIR records name this clinician's practitioner identifier")
    assign.add_argument("--json", action="store_true")
    u.add_parser("demo", help="create the demo accounts (a clinician, a patient, an admin) and print their logins")
    un = u.add_parser("unassign", help="take a patient off a clinician's list")
    un.add_argument("username")
    un.add_argument("patient")

    a = sub.add_parser("audit", help="who accessed which record (the hash-chained access log)")
    a.add_argument("--patient", help="accesses to this FHIR Patient.id")
    a.add_argument("--user", help="accesses by this user")
    a.add_argument("--verify", action="store_true", help="check the hash chain of the whole log")
    a.add_argument("--json", action="store_true")


def _password(prompt: str = "password: ") -> str:
    """The password from stdin when piped, else asked for without echo."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("again: ") != first:
        raise UserInputError("the passwords differ")
    return first


def stores(settings: Settings) -> tuple[Any, Any, Any]:
    from guards.access.access_log import AccessLog
    from guards.access.accounts import AccountStore
    from guards.access.assignments import Assignments

    return (AccountStore(settings.accounts_db), Assignments(settings.accounts_db), AccessLog(settings.access_log_db))


def record_patients(settings: Settings, practitioner: str) -> list[str]:
    """Patients whose Synthea FHIR bundles name this practitioner identifier."""
    from retrieval.sources.synthea import bundle_files, practitioner_patients

    return sorted(practitioner_patients(bundle_files(settings.data_mirror, settings.cache_dir)).get(practitioner, ()))


@command("users")
def cmd_users(args: argparse.Namespace, settings: Settings) -> int:
    from guards.access.accounts import AccountError

    accounts, assignments, _ = stores(settings)
    try:
        if args.users_cmd == "add":
            password = None if args.sso else _password()
            who = accounts.add(args.username, password, args.role, args.patient, args.practitioner)
            out: Any = {"username": who.username, "role": who.role, "patient_id": who.patient_id}
        elif args.users_cmd == "list":
            out = accounts.list()
        elif args.users_cmd == "disable":
            accounts.disable(args.username)
            out = {"username": args.username, "disabled": True}
        elif args.users_cmd == "passwd":
            accounts.set_password(args.username, _password("new password: "))
            out = {"username": args.username, "password": "changed"}
        elif args.users_cmd == "demo":
            print(demo_accounts(settings, accounts, assignments))
            return 0
        elif args.users_cmd == "unassign":
            out = {"removed": assignments.unassign(args.username, args.patient)}
        else:
            out = _assign(args, settings, accounts, assignments)
    except AccountError as exc:
        raise UserInputError(str(exc)) from None
    if getattr(args, "json", False) or args.users_cmd == "list":
        emit_json(out)
    else:
        print(out)
    return 0


def _assign(args: argparse.Namespace, settings: Settings, accounts: Any, assignments: Any) -> dict[str, Any]:
    who = accounts.get(args.username)
    if who is None or who.role != "clinician":
        raise UserInputError(f"{args.username} is not an enabled clinician account")
    added = assignments.assign(args.username, args.patients, "cli") if args.patients else 0
    if args.from_records:
        npi = accounts.practitioner(args.username)
        if not npi:
            raise UserInputError(f"{args.username} has no practitioner identifier: add one with --practitioner")
        added += assignments.assign(args.username, record_patients(settings, npi), "records")
    if not args.patients and not args.from_records:
        raise UserInputError("name patients, or use --from-records")
    return {"username": args.username, "added": added, "patients": assignments.patients(args.username)}


@command("audit")
def cmd_audit(args: argparse.Namespace, settings: Settings) -> int:
    if not (args.patient or args.user or args.verify):
        raise UserInputError("say whose accesses: --patient ID, --user NAME, or --verify")
    _, _, log = stores(settings)
    chain = log.verify()
    entries = log.entries(patient_id=args.patient, username=args.user) if (args.patient or args.user) else []
    head = log.entries()[-1]["hash"] if chain["entries"] else None
    doc = {"chain": {**chain, "head": head}, "entries": entries}
    if args.json:
        emit_json(doc)
    else:
        for e in entries:
            flag = " BREAK-THE-GLASS: " + (e["reason"] or "") if e["break_glass"] else ""
            print(f"{e['ts']:.0f} {e['username']} ({e['role']}) {e['action']} {e['patient_id']} {e['outcome']}"
                  f"{flag} {len(e['resources'])} resources")
        print(f"chain {'intact' if chain['ok'] else 'BROKEN at entry ' + str(chain['first_bad'])}, "
              f"{chain['entries']} entries, head {head}")
    return 0 if chain["ok"] else 1


#: The demo clinician is the practitioner (NPI) that most Synthea patients of the shared data see; the demo patient
#: is one of theirs, so the clinician's list holds them and the patient's record is theirs alone.
DEMO_PRACTITIONER = "9999999619"


def demo_accounts(settings: Settings, accounts: Any, assignments: Any) -> str:
    """Create the demo accounts once (random passwords kept owner-only in the state dir); the login lines."""
    import secrets

    path = settings.state_dir / "demo-logins.txt"
    if path.is_file() and accounts.get("demo.clinician") is not None:
        return path.read_text().rstrip()
    patients = record_patients(settings, DEMO_PRACTITIONER)
    if not patients:
        raise UserInputError("no Synthea records found for the demo accounts: set MEDASSIST_DATA_MIRROR")
    lines = ["Demo logins for http://127.0.0.1:7860 (decision support, not a diagnosis):"]
    for name, role, patient in (("demo.clinician", "clinician", None), ("demo.patient", "patient", patients[0]),
                                ("demo.admin", "admin", None)):
        password = secrets.token_urlsafe(12)
        if accounts.get(name) is None:
            accounts.add(name, password, role, patient,
                         practitioner=DEMO_PRACTITIONER if role == "clinician" else None)
        else:
            accounts.set_password(name, password)
        lines.append(f"  {role:<9} {name:<15} {password}")
    assignments.assign("demo.clinician", patients, "records")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return "\n".join(lines)
