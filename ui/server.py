"""The web app: login and logout, single sign-on, a small JSON API, and the Gradio chat mounted behind them.

Every path asks the same question of the server's session: the Gradio page and its API (through Gradio's
``auth_dependency``, 401 without a session), the JSON routes (401, then 403 from the access decision), and the
turn loop itself, which receives the identity and decides the record with the access policy.
"""


import logging
from typing import Any

from guards.access.identity import Identity
from ui.auth import (
    SESSION_COOKIE,
    LoginThrottle,
    Sessions,
    identity_from_claims,
    login_page,
    session_secret,
    verify_login,
)

log = logging.getLogger(__name__)


def create_app(settings: Any, bot: Any, accounts: Any, access: Any) -> Any:
    """The FastAPI app serving the chat at ``/chat``; ``bot`` is the Assistant, ``access`` its AccessPolicy."""
    import gradio as gr
    from fastapi import FastAPI, Form, Request
    from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
    from starlette.middleware.sessions import SessionMiddleware

    from ui.app import CSS, build

    sessions = Sessions(accounts, settings.session_hours)
    throttle = LoginThrottle()
    app = FastAPI(title="medassist", docs_url=None, redoc_url=None, openapi_url=None)
    oauth = _oidc_client(settings)

    @app.get("/")
    def root(request: Request) -> Any:
        return RedirectResponse("/chat/" if sessions.identity(request) else "/login", status_code=303)

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> Any:
        if sessions.identity(request):
            return RedirectResponse("/chat/", status_code=303)
        return HTMLResponse(login_page(sso=oauth is not None))

    @app.post("/login")
    def login(request: Request, username: str = Form(""), password: str = Form("")) -> Any:
        client = request.client.host if request.client else "unknown"
        if throttle.blocked(client):
            return HTMLResponse(login_page("too many failed logins from here: wait a few minutes",
                                           sso=oauth is not None), status_code=429)
        who, error = verify_login(accounts, username, password)
        if who is None:
            throttle.failed(client)
            return HTMLResponse(login_page(error, sso=oauth is not None), status_code=401)
        sessions.login(request, who)
        return RedirectResponse("/chat/", status_code=303)

    @app.get("/logout")
    def logout(request: Request) -> Any:
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    if oauth is not None:
        @app.get("/oidc/login")
        async def oidc_login(request: Request) -> Any:
            return await oauth.medassist.authorize_redirect(request, str(request.url_for("oidc_callback")))

        @app.get("/oidc/callback")
        async def oidc_callback(request: Request) -> Any:
            from authlib.integrations.base_client.errors import OAuthError
            from joserfc.errors import JoseError

            from ui.oidc import verify_id_token

            try:
                token = await oauth.medassist.authorize_access_token(request)
                metadata = await oauth.medassist.load_server_metadata()
                claims = verify_id_token(token.get("id_token", ""), await oauth.medassist.fetch_jwk_set(),
                                         metadata["issuer"], settings.oidc_client_id or "")
                who = identity_from_claims(claims, settings.oidc_role_claim, settings.oidc_patient_claim)
                accounts.upsert_sso(who)
            except (OAuthError, JoseError, ValueError, KeyError) as exc:
                log.info("single sign-on refused: %s", type(exc).__name__)
                return HTMLResponse(login_page(f"single sign-on refused: {exc}", sso=True), status_code=403)
            sessions.login(request, who)
            return RedirectResponse("/chat/", status_code=303)

    @app.get("/api/me")
    def me(request: Request) -> Any:
        who = sessions.identity(request)
        if who is None:
            return JSONResponse({"error": "sign in first"}, status_code=401)
        return {"username": who.username, "role": who.role, "patients": access.patients_for(who)}

    @app.post("/api/chat")
    async def api_chat(request: Request) -> Any:
        who = sessions.identity(request)
        if who is None:
            return JSONResponse({"error": "sign in first"}, status_code=401)
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "send a JSON object with a message"}, status_code=400)
        if not isinstance(body, dict) or not isinstance(body.get("message"), str):
            return JSONResponse({"error": "send a JSON object with a message"}, status_code=400)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_chat_json, bot, who, body)

    @app.get("/record/{resource_type}/{resource_id}")
    def record_resource(request: Request, resource_type: str, resource_id: str, patient: str = "") -> Any:
        """One FHIR resource a citation names, for a user the access policy lets read the patient's record."""
        who = sessions.identity(request)
        if who is None:
            return JSONResponse({"error": "sign in first"}, status_code=401)
        if not patient:
            return JSONResponse({"error": "name the patient whose record this is (?patient=)"}, status_code=400)
        try:
            decision = access.decide(who, patient, "read")
        except Exception as exc:
            if getattr(exc, "status", None) in (401, 403):
                return JSONResponse({"error": str(exc)}, status_code=403)
            raise
        reader = getattr(bot.retriever, "resource", None)
        found = reader(patient, f"{resource_type}/{resource_id}") if callable(reader) else None
        if found is None:
            return JSONResponse({"error": f"no {resource_type}/{resource_id} in this patient's record"},
                                status_code=404)
        access.record_resources(who, decision, [f"{resource_type}/{resource_id}"])
        return JSONResponse(found)

    demo = build(bot, show_names=settings.phi_to_llm_clinician, accounts=accounts, access=access)
    demo.queue(default_concurrency_limit=4, max_size=64)
    app = gr.mount_gradio_app(app, demo, path="/chat", auth_dependency=sessions.username, show_error=False, css=CSS,
                              allowed_paths=[str(settings.vision_heatmap_dir.resolve())])
    # added last, so it wraps every route, the mounted Gradio app included
    app.add_middleware(SessionMiddleware, secret_key=session_secret(settings), session_cookie=SESSION_COOKIE,
                       max_age=int(settings.session_hours * 3600), same_site="lax", https_only=settings.cookie_secure)
    return app


def _chat_json(bot: Any, who: Identity, body: dict[str, Any]) -> Any:
    from fastapi.responses import JSONResponse

    from assistant.events import Answer, ErrorEvent
    from assistant.loop import TurnRequest

    req = TurnRequest(message=body["message"], patient_id=body.get("patient_id") or None,
                      session_id=body.get("session_id") or None, identity=who,
                      break_glass_reason=body.get("break_glass_reason") or None)
    for event in bot.turn(req):
        if isinstance(event, ErrorEvent):
            status = {"access": 403, "input": 400}.get(event.kind, 502)
            return JSONResponse({"error": event.message}, status_code=status)
        if isinstance(event, Answer):
            return event.to_dict()
    return JSONResponse({"error": "no answer"}, status_code=502)


def _oidc_client(settings: Any) -> Any:
    """An authlib client for the configured provider (by its discovery URL), or None without one."""
    if not settings.oidc_discovery_url:
        return None
    from authlib.integrations.starlette_client import OAuth

    oauth = OAuth()
    oauth.register("medassist", server_metadata_url=settings.oidc_discovery_url, client_id=settings.oidc_client_id,
                   client_secret=settings.oidc_client_secret, client_kwargs={"scope": "openid profile email"})
    return oauth


def serve(settings: Any, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Build the assistant and the app from settings and serve them (blocks until stopped)."""
    import uvicorn

    from assistant.wiring import build_access, build_assistant

    accounts, access = build_access(settings)
    bot = build_assistant(settings, access=access)
    bot.warm_up()
    app = create_app(settings, bot, accounts, access)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True, forwarded_allow_ips="127.0.0.1")
