"""Bounded load test: N concurrent chat sessions against a running ``medassist ui`` on loopback.

  python -m tests.bench.ui_load http://127.0.0.1:7860 --sessions 20
Each session sends one message through Gradio's client API and must get a non-empty answer; the run stops by
itself (one request per session, a timeout per request).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlparse

QUESTIONS = ["What are the symptoms of pneumonia?", "How is asthma treated?", "What causes anemia?",
             "What is hypertension?", "How is type 2 diabetes managed?"]


def _text(content: Any) -> str:
    """Message content as text (Gradio sends a string or a list of typed parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def session_cookie(url: str, username: str, password: str) -> str:
    """Sign in through the login form; the session cookie as a Cookie header."""
    import httpx

    r = httpx.post(f"{url}/login", data={"username": username, "password": password}, follow_redirects=False,
                   timeout=60)
    if r.status_code != 303:
        raise RuntimeError(f"login refused ({r.status_code})")
    return "; ".join(f"{k}={v}" for k, v in r.cookies.items())


def one_session(url: str, i: int, timeout: float, cookie: str) -> dict[str, Any]:
    from gradio_client import Client

    started = time.perf_counter()
    try:
        client = Client(f"{url}/chat/", verbose=False, headers={"Cookie": cookie})
        job = client.submit({"text": QUESTIONS[i % len(QUESTIONS)], "files": []}, [], "clinician", "", "", "", "",
                            None, None, None, None, None, "air", "A", api_name="/chat")
        out = job.result(timeout=timeout)
        history = out[0]
        text = _text(history[-1]["content"]) if history else ""
        ok = len(text.strip()) > 20 and "Error" not in text
        return {"session": i, "ok": ok, "seconds": round(time.perf_counter() - started, 2)}
    except Exception as exc:  # noqa: BLE001 - a failed session is a result of the load test, reported, not raised
        return {"session": i, "ok": False, "error": f"{type(exc).__name__}: {exc}"[:200],
                "seconds": round(time.perf_counter() - started, 2)}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument("--user", default="dr.test", help="an account of the server (the tests' clinician by default)")
    p.add_argument("--password", default="a long test password")
    a = p.parse_args()
    host = urlparse(a.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("refusing: load tests only target loopback", file=sys.stderr)
        return 2
    cookie = session_cookie(a.url, a.user, a.password)
    started = time.perf_counter()
    with ThreadPoolExecutor(a.sessions) as pool:
        results = list(pool.map(lambda i: one_session(a.url, i, a.timeout, cookie), range(a.sessions)))
    ok = sum(r["ok"] for r in results)
    summary = {"sessions": a.sessions, "ok": ok, "failed": a.sessions - ok,
               "wall_s": round(time.perf_counter() - started, 1),
               "max_session_s": max(r["seconds"] for r in results), "errors": [r for r in results if not r["ok"]][:5]}
    print(json.dumps(summary))
    return 0 if ok == a.sessions else 1


if __name__ == "__main__":
    sys.exit(main())
