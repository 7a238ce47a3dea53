"""Start and stop ``medassist ui`` on a free loopback port, and open Debian's chromium through Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SHARED_DATA, free_port, stop_group

PASSWORD = "a long test password"
#: Test accounts: a clinician assigned the first two of these Synthea patients, a patient bound to the third, an
#: admin. All three are in the tests' small index (its first 300 Synthea documents).
PATIENTS = ["2275f98d-b576-92c4-30df-929ba80f67cc", "6d3b2311-bf18-6ca6-3956-d2c76b671eaf",
            "83ac91e5-10eb-f82e-3218-3d93ce449aae"]


def make_accounts(state_dir: Path) -> dict[str, str]:
    """The test accounts in ``state_dir`` (through the real stores); returns username -> role."""
    from guards.access.accounts import AccountStore
    from guards.access.assignments import Assignments

    db = Path(state_dir) / "accounts.sqlite"
    accounts, assignments = AccountStore(db), Assignments(db)
    users = {"dr.test": "clinician", "pat.test": "patient", "admin.test": "admin"}
    for name, role in users.items():
        if accounts.get(name) is None:
            accounts.add(name, PASSWORD, role, PATIENTS[2] if role == "patient" else None)
    assignments.assign("dr.test", PATIENTS[:2])
    return users


def login(page: Any, url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{url}/login", timeout=60000)
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login")


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


@contextmanager
def ui_server(env: dict[str, str], timeout: float = 240):
    port = free_port()
    full = {**os.environ, "MEDASSIST_DATA_MIRROR": str(SHARED_DATA), **env}
    # the server writes to it for its whole life
    log = open(Path(env.get("MEDASSIST_STATE_DIR", "/tmp")) / f"ui-{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen([str(Path(sys.executable).parent / "medassist"), "ui", "--port", str(port)], env=full,
                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the UI exited with {proc.returncode}; see {log.name}")
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the UI did not listen in time")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_group(proc)
        log.close()


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def send(page, text: str) -> float:
    """Type into the chat box and press Enter; returns the time it was sent."""
    box = page.get_by_role("textbox").first
    box.fill(text)
    sent = time.perf_counter()
    box.press("Enter")
    return sent


BOT_TEXT = "() => Array.from(document.querySelectorAll('[data-testid=\"bot\"]')).map(e => e.innerText).join('\\n')"


def wait_for_bot_text(page: Any, needle: str, timeout: int) -> str:
    """The bot text once it contains ``needle``, read inside the wait (the chatbot may re-render before a later
    read)."""
    seen = page.wait_for_function(f"() => {{ const t = ({BOT_TEXT})(); return t.includes({needle!r}) ? t : false; }}",
                                  timeout=timeout)
    return seen.json_value()
