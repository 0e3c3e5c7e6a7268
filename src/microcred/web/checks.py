"""Start-up checks: a misconfigured deployment stops before it serves a single request.

``manage.py`` runs these before every command (``migrate`` in ``scripts/server`` first of
all); the WSGI and ASGI entry points call :func:`refuse_to_start_if_misconfigured`, so a
server started directly under gunicorn is held to the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from microcred.web.env import KeySource, PublicIdentity, identity_problems

E001 = "microcred.web.E001"
E002 = "microcred.web.E002"
E003 = "microcred.web.E003"
W001 = "microcred.web.W001"
#: Backends that write messages where the operator can read them, invitation and claim
#: links included: right for a laptop, a leak of every secret link in production.
LOCAL_EMAIL_BACKENDS = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    }
)


@checks.register(checks.Tags.security)
def check_secret_key(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Outside development the signing key must be the operator's, never a stand-in."""
    source = getattr(settings, "MICROCRED_SECRET_KEY_SOURCE", KeySource.ENVIRONMENT)
    if settings.DEBUG or source == KeySource.ENVIRONMENT:
        return []
    return [
        checks.Error(
            "MICROCRED_SECRET_KEY is not set and development mode (MICROCRED_DEBUG) is off.",
            hint=(
                "Set MICROCRED_SECRET_KEY to a long random value, for example the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`; or set "
                "MICROCRED_DEBUG=1 on a development machine."
            ),
            id=E001,
        )
    ]


@checks.register()
def check_public_identity(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Credentials name the public URL forever: a wrong one strands every one of them."""
    identity = PublicIdentity(
        url=settings.MICROCRED_PUBLIC_URL,
        did_web_host=settings.MICROCRED_DID_WEB_HOST,
        given=getattr(settings, "MICROCRED_PUBLIC_URL_GIVEN", True),
    )
    problems = identity_problems(identity, debug=settings.DEBUG)
    if problems:
        return [
            checks.Error(
                "; ".join(problems) + ".",
                hint=(
                    "Set MICROCRED_PUBLIC_URL to the https origin verifiers reach this site "
                    "at, e.g. https://credentials.example.edu (MICROCRED_DID_WEB_HOST then "
                    "defaults to its host); or set MICROCRED_DEBUG=1 on a development machine."
                ),
                id=E003,
            )
        ]
    if not settings.DEBUG and identity.did_host_name.lower() != identity.host.lower():
        return [
            checks.Warning(
                f"did:web documents are named under {identity.did_web_host!r}, "
                f"not under the public URL's host {identity.host!r}.",
                hint="Make sure that name reaches this server over https as well.",
                id=W001,
            )
        ]
    return []


@checks.register(checks.Tags.security)
def check_email_backend(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Production mail must leave the machine: the console backend would print every
    invitation and claim link into the logs, where anyone with log access could use them."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in LOCAL_EMAIL_BACKENDS:
        return []
    if getattr(settings, "MICROCRED_EMAIL_ALLOW_CONSOLE", False):
        return []
    return [
        checks.Error(
            f"E-mail goes to {settings.EMAIL_BACKEND.rsplit('.', 2)[-2]} output in production "
            "mode: invitation and claim links would end up in the logs.",
            hint=(
                "Set MICROCRED_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with "
                "EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and "
                "EMAIL_USE_TLS; or, knowing that the links are then in the logs, "
                "MICROCRED_EMAIL_ALLOW_CONSOLE=1."
            ),
            id=E002,
        )
    ]


def refuse_to_start_if_misconfigured() -> None:
    """Run the checks ``manage.py`` would run and raise on any error."""
    errors = [m for m in checks.run_checks() if m.is_serious()]
    if errors:
        raise ImproperlyConfigured("\n".join(str(m) for m in errors))
