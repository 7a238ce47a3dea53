"""OpenID Connect single sign-on: the provider's ID token checked here (signature by its published keys, issuer,
audience, expiry) before any claim is believed; the role then comes from a configured claim."""

from __future__ import annotations

import time
from typing import Any


class OidcError(ValueError):
    """The ID token cannot be trusted; the message says why and is safe to show."""


def verify_id_token(id_token: str, jwks: dict[str, Any], issuer: str, audience: str, now: float | None = None,
                    leeway: int = 60) -> dict[str, Any]:
    """The claims of a verified ID token (joserfc, which authlib itself uses); OidcError otherwise."""
    from joserfc import jwt
    from joserfc.errors import ExpiredTokenError, InvalidClaimError, JoseError, MissingClaimError
    from joserfc.jwk import KeySet

    try:
        token = jwt.decode(id_token, KeySet.import_key_set(jwks))
    except (JoseError, ValueError) as exc:
        raise OidcError(f"the ID token does not verify against the provider's keys ({type(exc).__name__})") from None
    registry = jwt.JWTClaimsRegistry(now=int(now if now is not None else time.time()), leeway=leeway,
                                     iss={"essential": True, "value": issuer.rstrip("/")},
                                     aud={"essential": True, "value": audience},
                                     exp={"essential": True}, sub={"essential": True})
    try:
        registry.validate(token.claims)
    except ExpiredTokenError:
        raise OidcError("the ID token has expired: sign in again") from None
    except InvalidClaimError as exc:
        what = {"aud": "was issued to another application (wrong audience)",
                "iss": "comes from another issuer"}.get(exc.claim, f"has an invalid '{exc.claim}' claim")
        raise OidcError(f"the ID token {what}") from None
    except MissingClaimError as exc:
        raise OidcError(f"the ID token lacks the '{exc.claim}' claim") from None
    except JoseError as exc:
        raise OidcError(f"the ID token is not valid ({type(exc).__name__})") from None
    return dict(token.claims)
