"""Who may see what, straight against the running app's HTTP API (``medassist ui``), with a real OpenID Connect
provider started locally (oidc-provider-mock): refusals, the access log, and single sign-on."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from tests.conftest import run_cli
from tests.ui_server import PASSWORD, PATIENTS, make_accounts, ui_server

pytestmark = pytest.mark.slow
CLIENT_ID, CLIENT_SECRET = "medassist", "test-secret"


@pytest.fixture(scope="module")
def provider():
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread() as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def app(small_index, tmp_path_factory, provider):
    settings, _ = small_index
    state = tmp_path_factory.mktemp("access-state")
    make_accounts(state)
    env = {"MEDASSIST_INDEX_DIR": str(settings.index_dir), "MEDASSIST_STATE_DIR": str(state),
           "MEDASSIST_LLM_MAX_TOKENS": "48", "MEDASSIST_OIDC_DISCOVERY_URL":
           f"{provider}/.well-known/openid-configuration", "MEDASSIST_OIDC_CLIENT_ID": CLIENT_ID,
           "MEDASSIST_OIDC_CLIENT_SECRET": CLIENT_SECRET}
    with ui_server(env) as url:
        yield url, state


def _client(url: str, user: str | None = None) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=300)
    if user:
        r = client.post("/login", data={"username": user, "password": PASSWORD})
        assert r.status_code == 303, r.text
    return client


def _audit(state, **who) -> dict:
    flag, value = next(iter(who.items()))
    p = run_cli("audit", f"--{flag}", value, "--json", env={"MEDASSIST_STATE_DIR": str(state)})
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def _gradio_chat(client: httpx.Client, patient: str, message: str = "what is in my record?") -> str:
    """One chat turn through Gradio's own HTTP API; the final answer text."""
    data = [{"text": message, "files": []}, [], "clinician", patient, "", "", "", None, None, None, None, None,
            "air", "A"]
    r = client.post("/chat/gradio_api/call/chat", json={"data": data})
    if r.status_code != 200:
        return f"HTTP {r.status_code}"
    stream = client.get(f"/chat/gradio_api/call/chat/{r.json()['event_id']}").text
    last = [line for line in stream.splitlines() if line.startswith("data:")][-1]
    history = json.loads(last[5:])[0]
    return " ".join(part.get("text", "") for part in history[-1]["content"])


def test_without_a_session_every_path_is_refused(app):
    url, _ = app
    client = _client(url)
    assert client.get("/").headers["location"].endswith("/login")
    for method, path in (("GET", "/chat/"), ("GET", "/chat/config"), ("GET", "/api/me"),
                         ("POST", "/chat/gradio_api/call/chat"), ("POST", "/api/chat")):
        r = client.request(method, path, json={"data": [], "message": "hi"})
        assert r.status_code == 401, (method, path, r.status_code)
    assert client.post("/login", data={"username": "dr.test", "password": "wrong password"}).status_code == 401


def test_a_patient_asking_for_another_record_is_refused_with_nothing_of_it(app):
    url, state = app
    client = _client(url, "pat.test")
    other = PATIENTS[0]
    r = client.post("/api/chat", json={"message": "show me this record", "patient_id": other})
    assert r.status_code == 403 and set(r.json()) == {"error"} and other not in r.text
    answer = _gradio_chat(client, other)
    assert "own record only" in answer and "Condition" not in answer
    entries = _audit(state, patient=other)["entries"]
    assert [(e["username"], e["outcome"]) for e in entries].count(("pat.test", "denied")) == 2


def test_a_clinician_reads_assigned_patients_and_breaks_the_glass_for_others(app):
    url, state = app
    client = _client(url, "dr.test")
    assert client.get("/api/me").json()["patients"] == sorted(PATIENTS[:2])
    ok = client.post("/api/chat", json={"message": "What are the active problems?", "patient_id": PATIENTS[0]})
    assert ok.status_code == 200 and "answer" in ok.json()
    refused = client.post("/api/chat", json={"message": "active problems?", "patient_id": PATIENTS[2]})
    assert refused.status_code == 403 and "break the glass" in refused.json()["error"]
    glass = client.post("/api/chat", json={"message": "active problems?", "patient_id": PATIENTS[2],
                                           "break_glass_reason": "covering the ward tonight, patient deteriorating"})
    assert glass.status_code == 200
    mine = _audit(state, patient=PATIENTS[0])["entries"]
    assert any(e["username"] == "dr.test" and e["resources"] for e in mine), "returned resources are logged"
    other = [e for e in _audit(state, patient=PATIENTS[2])["entries"] if e["username"] == "dr.test"]
    assert [(e["outcome"], e["break_glass"]) for e in other][:2] == [("denied", False), ("allowed", True)]
    assert other[1]["reason"].startswith("covering the ward")


def test_logout_ends_the_session(app):
    url, _ = app
    client = _client(url, "dr.test")
    assert client.get("/api/me").status_code == 200
    assert client.get("/logout").headers["location"].endswith("/login")
    assert client.get("/api/me").status_code == 401 and client.get("/chat/").status_code == 401


def test_an_admin_sees_no_record_and_the_chain_stays_intact(app):
    url, state = app
    client = _client(url, "admin.test")
    assert client.post("/api/chat", json={"message": "x", "patient_id": PATIENTS[0]}).status_code == 403
    doc = _audit(state, user="admin.test")
    assert doc["chain"]["ok"] and doc["entries"][-1]["outcome"] == "denied"


def _sso(provider: str, url: str, sub: str, claims: dict) -> httpx.Response:
    """Single sign-on as a browser would: our login redirect, the provider's form, the callback."""
    assert httpx.put(f"{provider}/users/{sub}", json=claims).status_code == 204
    client = _client(url)
    to_provider = client.get("/oidc/login")
    assert to_provider.status_code in (302, 303, 307)
    back = httpx.post(to_provider.headers["location"], data={"sub": sub})
    assert back.status_code in (302, 303), back.text
    return client.get(back.headers["location"])


def test_single_sign_on_takes_the_role_from_the_claim(app, provider):
    url, _ = app
    r = _sso(provider, url, "sso-doctor", {"medassist_role": "clinician", "preferred_username": "sso.doctor"})
    assert r.status_code == 303 and r.headers["location"].endswith("/chat/")
    client = _client(url)
    client.cookies = r.cookies
    me = client.get("/api/me").json()
    assert me["username"] == "sso.doctor" and me["role"] == "clinician" and me["patients"] == []


def test_single_sign_on_without_a_role_claim_is_refused(app, provider):
    url, _ = app
    r = _sso(provider, url, "sso-norole", {"preferred_username": "sso.norole"})
    assert r.status_code == 403 and "medassist_role" in r.text


def _provider_token(provider: str, client_id: str) -> str:
    """A real ID token from the provider, issued to ``client_id`` (the authorization-code flow, by hand)."""
    httpx.put(f"{provider}/users/tok-user", json={"medassist_role": "clinician"})
    redirect = "http://127.0.0.1:9/callback"
    r = httpx.post(f"{provider}/oauth2/authorize", params={"client_id": client_id, "redirect_uri": redirect,
                                                           "response_type": "code", "scope": "openid", "state": "s"},
                   data={"sub": "tok-user"})
    code = parse_qs(urlparse(r.headers["location"]).query)["code"][0]
    token = httpx.post(f"{provider}/oauth2/token", data={"grant_type": "authorization_code", "code": code,
                                                        "redirect_uri": redirect, "client_id": client_id,
                                                        "client_secret": "x"})
    return token.json()["id_token"]


def test_id_tokens_for_another_audience_or_expired_are_refused(provider):
    from joserfc import jwt

    from ui.oidc import OidcError, verify_id_token

    jwks = httpx.get(f"{provider}/jwks").json()
    mine = _provider_token(provider, CLIENT_ID)
    claims = verify_id_token(mine, jwks, provider, CLIENT_ID)
    assert claims["medassist_role"] == "clinician"
    with pytest.raises(OidcError, match="wrong audience"):
        verify_id_token(_provider_token(provider, "another-app"), jwks, provider, CLIENT_ID)
    exp = jwt.decode(mine, __import__("joserfc").jwk.KeySet.import_key_set(jwks)).claims["exp"]
    with pytest.raises(OidcError, match="expired"):
        verify_id_token(mine, jwks, provider, CLIENT_ID, now=exp + 3600)
    with pytest.raises(OidcError, match="another issuer"):
        verify_id_token(mine, jwks, "http://127.0.0.1:1", CLIENT_ID)
    forged = re.sub(r"\.[^.]+$", ".AAAA", mine)
    with pytest.raises(OidcError, match="does not verify"):
        verify_id_token(forged, jwks, provider, CLIENT_ID)


def test_a_record_citation_opens_its_fhir_resource_for_those_allowed_only(app):
    url, state = app
    client = _client(url, "dr.test")
    answer = client.post("/api/chat", json={"message": "Summarise the record", "patient_id": PATIENTS[0]}).json()
    assert answer["answer"].startswith("**Record summary**")
    record = [c for c in answer["citations"] if c["url"].startswith("fhir://")]
    assert record and all(c["patient_id"] == PATIENTS[0] for c in record)
    ref = record[0]["url"].removeprefix("fhir://")
    link = f"/record/{ref}?patient={PATIENTS[0]}"
    opened = client.get(link)
    assert opened.status_code == 200 and f"{opened.json()['resourceType']}/{opened.json()['id']}" == ref
    assert client.get(f"/record/Condition/not-there?patient={PATIENTS[0]}").status_code == 404
    assert client.get(f"/record/{ref}").status_code == 400
    assert _client(url).get(link).status_code == 401
    assert _client(url, "pat.test").get(link).status_code == 403  # another patient's record
    reads = [e for e in _audit(state, patient=PATIENTS[0])["entries"] if e["username"] == "dr.test"]
    assert any(ref in (e.get("resources") or []) for e in reads)
