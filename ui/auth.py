"""Logins for the web app: local accounts and OpenID Connect single sign-on, kept in a signed session cookie.

The server decides who the user is; every Gradio handler and HTTP route resolves the session to an identity
from the account store on each request, so a disabled account loses access at once and nothing the browser
sends can choose a role or a patient.
"""

from __future__ import annotations

import html
import secrets
import time
from pathlib import Path
from typing import Any

from guards.access.accounts import AccountError, AccountStore
from guards.access.identity import GUEST, ROLES, Identity

SESSION_COOKIE = "medassist_session"


def session_secret(settings: Any) -> str:
    """The configured secret, or a random one kept (owner-only) in the state dir so logins survive restarts."""
    if settings.session_secret:
        return str(settings.session_secret)
    path = Path(settings.state_dir) / "session.key"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


class Sessions:
    """Reads and writes the identity in a request's session, with an expiry checked at the server."""

    def __init__(self, accounts: AccountStore, hours: float) -> None:
        self.accounts = accounts
        self.max_age = hours * 3600

    def login(self, request: Any, who: Identity) -> None:
        request.session.clear()
        request.session.update({"user": who.username, "at": time.time()})

    def identity(self, request: Any) -> Identity | None:
        """The session's account; the literature-only guest while no account exists at all; else None."""
        session = getattr(request, "session", None) or request.scope.get("session") or {}
        user, at = session.get("user"), session.get("at", 0)
        if user and time.time() - float(at) <= self.max_age:
            return self.accounts.get(user)
        return GUEST if self.accounts.empty() else None

    def username(self, request: Any) -> str | None:
        """Gradio's ``auth_dependency``: None refuses every page and API call with 401."""
        who = self.identity(request)
        return who.username if who else None


class LoginThrottle:
    """At most ``limit`` failed logins per client address in ``window`` seconds (then 429), on top of the account
    lock-out, so one address cannot try many usernames."""

    def __init__(self, limit: int = 20, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, list[float]] = {}

    def blocked(self, client: str, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        recent = [t for t in self._failures.get(client, []) if now - t < self.window]
        self._failures[client] = recent
        return len(recent) >= self.limit

    def failed(self, client: str, now: float | None = None) -> None:
        self._failures.setdefault(client, []).append(time.time() if now is None else now)


def verify_login(accounts: AccountStore, username: str, password: str) -> tuple[Identity | None, str | None]:
    try:
        return accounts.verify(username.strip().lower(), password), None
    except AccountError as exc:
        return None, str(exc)


def identity_from_claims(claims: dict[str, Any], role_claim: str, patient_claim: str) -> Identity:
    """The identity an ID token's claims give; ValueError (shown as 403) when the role claim is missing or unknown."""
    role = claims.get(role_claim)
    if isinstance(role, list):
        role = next((r for r in role if r in ROLES), None)
    if role not in ROLES:
        raise ValueError(f"the identity provider sent no usable '{role_claim}' claim (one of {', '.join(ROLES)})")
    username = str(claims.get("preferred_username") or claims.get("email") or claims["sub"]).lower()
    return Identity(username, role, claims.get(patient_claim) if role == "patient" else None, source="oidc")


def login_page(error: str | None = None, sso: bool = False, status_note: str = "") -> str:
    """A plain login form (no script), with the single sign-on link when a provider is configured."""
    err = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    sso_link = '<p><a id="sso" href="/oidc/login">Sign in with your organisation (SSO)</a></p>' if sso else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>medassist: sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}}
label,input,button{{display:block;width:100%;margin:.3rem 0}}input{{padding:.4rem}}button{{padding:.5rem}}
.error{{color:#a00}}.note{{color:#555;font-size:.85em}}</style></head><body>
<h1>medassist</h1><p class="note">Decision support, not a diagnosis. {html.escape(status_note)}</p>{err}
<form method="post" action="/login"><label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="login" type="submit">Sign in</button></form>{sso_link}</body></html>"""
