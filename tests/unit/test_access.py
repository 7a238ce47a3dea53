"""Accounts, lock-out, assignments, the access decision and the hash-chained access log."""

import sqlite3

import pytest

from guards.access.access_log import AccessLog
from guards.access.accounts import LOCK_SECONDS, MAX_FAILURES, AccountError, AccountStore
from guards.access.assignments import Assignments
from guards.access.identity import AccessDenied, Identity
from guards.access.policy import AccessPolicy

PW = "correct horse battery"


@pytest.fixture
def accounts(tmp_path):
    return AccountStore(tmp_path / "accounts.db")


def test_passwords_are_stored_as_argon2_hashes_and_checked(accounts):
    accounts.add("dr.ada", PW, "clinician")
    raw = sqlite3.connect(accounts.path).execute("SELECT pw_hash FROM users").fetchone()[0]
    assert raw.startswith("$argon2id$") and PW not in raw
    assert accounts.verify("dr.ada", PW) == Identity("dr.ada", "clinician")
    with pytest.raises(AccountError, match="wrong username or password"):
        accounts.verify("dr.ada", PW + "x")
    with pytest.raises(AccountError, match="wrong username or password"):
        accounts.verify("nobody", PW)


@pytest.mark.parametrize("args, msg", [
    (("Bad Name", PW, "clinician"), "usernames"),
    (("ok.name", "short", "clinician"), "at least"),
    (("ok.name", PW, "superuser"), "unknown role"),
    (("ok.name", PW, "patient"), "needs --patient"),
])
def test_bad_account_input_is_refused_with_a_reason(accounts, args, msg):
    with pytest.raises(AccountError, match=msg):
        accounts.add(*args)


def test_repeated_failures_lock_the_account_then_it_unlocks(accounts):
    accounts.add("nurse.bo", PW, "clinician")
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccountError, match="wrong"):
            accounts.verify("nurse.bo", "guess-guess-guess")
    with pytest.raises(AccountError, match="too many failed logins"):
        accounts.verify("nurse.bo", PW)  # even the right password while locked
    import time

    assert accounts.verify("nurse.bo", PW, now=time.time() + LOCK_SECONDS + 1).username == "nurse.bo"


def test_disabled_accounts_cannot_log_in_and_passwords_change(accounts):
    accounts.add("pat.1", PW, "patient", patient_id="p-1")
    accounts.set_password("pat.1", "another long password")
    with pytest.raises(AccountError):
        accounts.verify("pat.1", PW)
    assert accounts.verify("pat.1", "another long password").patient_id == "p-1"
    accounts.disable("pat.1")
    with pytest.raises(AccountError, match="disabled"):
        accounts.verify("pat.1", "another long password")
    assert accounts.get("pat.1") is None
    assert [a["disabled"] for a in accounts.list()] == [True]


@pytest.fixture
def policy(tmp_path):
    assignments = Assignments(tmp_path / "access.db")
    assignments.assign("dr.ada", ["p-1", "p-2"])
    return AccessPolicy(assignments, AccessLog(tmp_path / "access_log.db"))


def test_a_patient_sees_only_their_own_record(policy):
    me = Identity("pat.1", "patient", "p-1")
    assert policy.patients_for(me) == ["p-1"]
    assert policy.decide(me, "p-1").patient_id == "p-1"
    with pytest.raises(AccessDenied):
        policy.decide(me, "p-2", break_glass_reason="I want to see my neighbour's record")
    assert [e["outcome"] for e in policy.log.entries(username="pat.1")] == ["allowed", "denied"]


def test_a_clinician_sees_assigned_patients_and_breaks_the_glass_for_others(policy):
    dr = Identity("dr.ada", "clinician")
    assert policy.patients_for(dr) == ["p-1", "p-2"]
    with pytest.raises(AccessDenied, match="not assigned"):
        policy.decide(dr, "p-9")
    with pytest.raises(AccessDenied, match="say why"):
        policy.decide(dr, "p-9", break_glass_reason="need")
    decision = policy.decide(dr, "p-9", break_glass_reason="patient arrived unconscious in ED, no GP records")
    assert decision.break_glass
    log = policy.log.entries(patient_id="p-9")
    assert [(e["outcome"], e["break_glass"]) for e in log] == [("denied", False), ("denied", True), ("allowed", True)]
    assert log[-1]["reason"].startswith("patient arrived")


@pytest.mark.parametrize("role", ["evaluator", "admin"])
def test_evaluators_and_admins_see_no_record_without_breaking_the_glass(policy, role):
    who = Identity("x", role)
    assert policy.patients_for(who) == []
    with pytest.raises(AccessDenied):
        policy.decide(who, "p-1")
    assert policy.decide(who, None).patient_id is None  # literature only needs no record


def _log_with_entries(tmp_path, n=4):
    log = AccessLog(tmp_path / "chain.db")
    for i in range(n):
        log.append(f"user{i}", "clinician", f"p-{i}", "chat", "allowed", resources=[f"Condition/{i}"])
    return log


def test_the_chain_verifies_when_untouched(tmp_path):
    assert _log_with_entries(tmp_path).verify() == {"ok": True, "entries": 4, "first_bad": None}


def test_the_log_refuses_updates_and_deletes_through_sqlite(tmp_path):
    log = _log_with_entries(tmp_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        log.conn.execute("UPDATE access SET username = 'someone' WHERE id = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        log.conn.execute("DELETE FROM access WHERE id = 2")


@pytest.mark.parametrize("tamper", [
    "UPDATE access SET username = 'someone else' WHERE id = 2",
    "UPDATE access SET resources = '[]' WHERE id = 3",
    "DELETE FROM access WHERE id = 2",
])
def test_an_edited_or_deleted_entry_breaks_the_chain(tmp_path, tamper):
    log = _log_with_entries(tmp_path)
    raw = sqlite3.connect(log.path)
    raw.executescript("DROP TRIGGER access_no_update; DROP TRIGGER access_no_delete;")
    raw.execute(tamper)
    raw.commit()
    result = AccessLog(log.path).verify()
    assert not result["ok"] and result["first_bad"] in (2, 3)


def test_deleting_the_last_entry_is_seen_against_a_kept_head(tmp_path):
    log = _log_with_entries(tmp_path)
    head = log.entries()[-1]["hash"]
    raw = sqlite3.connect(log.path)
    raw.executescript("DROP TRIGGER access_no_delete; DELETE FROM access WHERE id = 4;")
    raw.commit()
    assert AccessLog(log.path).verify()["ok"]  # a truncated chain is still a chain ...
    assert AccessLog(log.path).entries()[-1]["hash"] != head  # ... which is why `medassist audit` prints the head


def test_break_the_glass_reasons_are_redacted_before_they_are_written(tmp_path):
    log = AccessLog(tmp_path / "r.db", redact=lambda text: text.replace("Jane Roe", "[PATIENT]"))
    log.append("dr", "clinician", "p-1", "chat", "allowed", reason="Jane Roe collapsed in clinic", break_glass=True)
    assert log.entries()[0]["reason"] == "[PATIENT] collapsed in clinic"


def test_sessions_expire_and_follow_the_account(accounts):
    import time
    from types import SimpleNamespace

    from ui.auth import Sessions

    accounts.add("dr.eve", PW, "clinician")
    sessions = Sessions(accounts, hours=1)
    request = SimpleNamespace(session={}, scope={})
    sessions.login(request, accounts.verify("dr.eve", PW))
    assert sessions.username(request) == "dr.eve"
    request.session["at"] = time.time() - 3601
    assert sessions.identity(request) is None  # expired
    sessions.login(request, accounts.verify("dr.eve", PW))
    accounts.disable("dr.eve")
    assert sessions.identity(request) is None  # a disabled account loses its session at once


def test_one_address_cannot_keep_guessing():
    from ui.auth import LoginThrottle

    throttle = LoginThrottle(limit=3, window=60)
    for _ in range(3):
        assert not throttle.blocked("10.0.0.9", now=100)
        throttle.failed("10.0.0.9", now=100)
    assert throttle.blocked("10.0.0.9", now=110) and not throttle.blocked("10.0.0.8", now=110)
    assert not throttle.blocked("10.0.0.9", now=161)


def test_identity_from_single_sign_on_claims():
    from ui.auth import identity_from_claims

    who = identity_from_claims({"sub": "123", "preferred_username": "Pat.Q", "medassist_role": "patient",
                                "fhir_patient_id": "p-7"}, "medassist_role", "fhir_patient_id")
    assert (who.username, who.role, who.patient_id, who.source) == ("pat.q", "patient", "p-7", "oidc")
    assert identity_from_claims({"sub": "9", "medassist_role": ["staff", "clinician"]}, "medassist_role",
                                "x").role == "clinician"
    for claims in ({"sub": "1"}, {"sub": "1", "medassist_role": "superuser"}):
        with pytest.raises(ValueError, match="medassist_role"):
            identity_from_claims(claims, "medassist_role", "fhir_patient_id")


def test_a_fresh_install_lets_a_literature_only_guest_in_until_the_first_account(accounts, tmp_path):
    from types import SimpleNamespace

    from guards.access.identity import GUEST
    from ui.auth import Sessions

    sessions = Sessions(accounts, hours=1)
    anonymous = SimpleNamespace(session={}, scope={})
    assert sessions.identity(anonymous) == GUEST and GUEST.role == "evaluator"
    policy = AccessPolicy(Assignments(tmp_path / "a.db"), AccessLog(tmp_path / "l.db"))
    for reason in (None, "I am a doctor, honestly, let me in"):
        with pytest.raises(AccessDenied, match="literature only"):
            policy.decide(GUEST, "p-1", break_glass_reason=reason)  # no record, not even by breaking the glass
    accounts.add("first.admin", PW, "admin")
    assert sessions.identity(anonymous) is None  # from the first account on, a login is needed
