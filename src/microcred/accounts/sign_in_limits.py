"""The budgets of failed attempts at a secret: passwords and second-factor codes alike.

Per account, so that guessing one person's secret from many addresses is slow; per
client, so that trying one common password against many accounts is slow too. Only
failures count, and a success clears the account's count. ``kind`` keeps the password
and the code budgets apart, so that knowing the password does not buy more code guesses.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import ngettext

from microcred.accounts import throttle
from microcred.infra.client_address import client_key

#: Defaults for ``MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT``, ``…_PER_CLIENT`` and
#: ``MICROCRED_SIGN_IN_WINDOW_SECONDS``: 10 failures for one account, 50 from one client,
#: per 15 minutes.
PER_ACCOUNT, PER_CLIENT, WINDOW_SECONDS = 10, 50, 15 * 60
PASSWORD, CODE = "sign-in", "sign-in-code"


def limits(
    request: HttpRequest, account: str, kind: str = PASSWORD
) -> list[tuple[str, throttle.Limit]]:
    window = timedelta(
        seconds=int(getattr(settings, "MICROCRED_SIGN_IN_WINDOW_SECONDS", WINDOW_SECONDS))
    )
    per_account = int(getattr(settings, "MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT", PER_ACCOUNT))
    per_client = int(getattr(settings, "MICROCRED_SIGN_IN_FAILURES_PER_CLIENT", PER_CLIENT))
    name = account.strip().lower()[:254]
    return [
        (f"{kind}:account:{name}", throttle.Limit(per_account, window)),
        (f"{kind}:client:{client_key(request)}", throttle.Limit(per_client, window)),
    ]


def wait(request: HttpRequest, account: str, kind: str = PASSWORD) -> int:
    """Seconds before another attempt may be checked (0: now)."""
    return max(throttle.wait_seconds(key, limit) for key, limit in limits(request, account, kind))


def failed(request: HttpRequest, account: str, kind: str = PASSWORD) -> None:
    for key, limit in limits(request, account, kind):
        throttle.record(key, limit)


def succeeded(request: HttpRequest, account: str, kind: str = PASSWORD) -> None:
    throttle.clear(limits(request, account, kind)[0][0])


def message(seconds: int) -> str:
    minutes = throttle.minutes(seconds)
    return ngettext(
        "Too many failed sign-ins. Try again in %(minutes)d minute.",
        "Too many failed sign-ins. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
