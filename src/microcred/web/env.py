"""Reading the deployment's environment into settings values.

Kept apart from ``settings.py`` so the rules (what counts as "true", where the development
key lives, which database an operator asked for) are plain functions that tests can call
with a dictionary instead of mutating ``os.environ`` and re-importing settings.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})
DEV_KEY_FILE = "dev-secret-key"


def env_bool(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    """A yes/no variable; anything unrecognised is an error, not silently ``False``."""
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value (use 1 or 0).")


def env_list(environ: Mapping[str, str], name: str, *, default: list[str]) -> list[str]:
    """A comma-separated list; blanks are dropped so ``"a, b,"`` means ``["a", "b"]``."""
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(environ: Mapping[str, str], name: str, *, default: str) -> str:
    """A plain string variable; an empty value means the default."""
    return environ.get(name, "").strip() or default


class KeySource(StrEnum):
    """Where ``SECRET_KEY`` came from; the start-up check refuses the last two in production."""

    ENVIRONMENT = "environment"
    #: Generated once and kept under the var directory so sessions survive restarts.
    DEVELOPMENT_FILE = "development-file"
    #: Random per process and never written down; only good enough to fail the check.
    EPHEMERAL = "ephemeral"


@dataclass(frozen=True, slots=True)
class SecretKey:
    value: str
    source: KeySource


def secret_key(environ: Mapping[str, str], *, debug: bool, var_dir: Path) -> SecretKey:
    """The key from ``MICROCRED_SECRET_KEY``; without it, a development stand-in.

    Outside development no key is ever written to disk: the process gets a random key that
    the ``microcred.web.E001`` check then refuses, so a forgotten variable stops the start-up
    with a clear message instead of silently signing with a key nobody configured.
    """
    given = environ.get("MICROCRED_SECRET_KEY", "").strip()
    if given:
        return SecretKey(given, KeySource.ENVIRONMENT)
    if not debug:
        return SecretKey(secrets.token_urlsafe(50), KeySource.EPHEMERAL)
    return SecretKey(_development_key(var_dir), KeySource.DEVELOPMENT_FILE)


def _development_key(var_dir: Path) -> str:
    path = var_dir / DEV_KEY_FILE
    try:
        return path.read_text("utf-8").strip()
    except FileNotFoundError:
        pass
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key + "\n", "utf-8")
    path.chmod(0o600)
    return key


def databases(environ: Mapping[str, str], *, var_dir: Path) -> dict[str, dict[str, Any]]:
    """SQLite under ``var_dir`` by default; PostgreSQL when ``MICROCRED_DATABASE=postgres``.

    PostgreSQL is addressed with libpq's own variables (``PGHOST``, ``PGPORT``,
    ``PGDATABASE``, ``PGUSER``, ``PGPASSWORD``) so the same environment works for ``psql``;
    libpq also reads the ones not mapped here (``PGSSLMODE``, ``PGAPPNAME``…) by itself.
    """
    kind = environ.get("MICROCRED_DATABASE", "sqlite").strip().lower()
    if kind == "sqlite":
        return {"default": _sqlite(var_dir, environ)}
    if kind in ("postgres", "postgresql"):
        return {"default": _postgres(environ)}
    raise ImproperlyConfigured(
        f"MICROCRED_DATABASE={kind!r} is not supported; use 'sqlite' (default) or 'postgres'."
    )


#: How long a SQLite writer waits for another one before "database is locked" (seconds).
SQLITE_BUSY_TIMEOUT = 20
#: Default for ``CONN_MAX_AGE`` on PostgreSQL: reuse a connection for a minute.
POSTGRES_CONN_MAX_AGE = 60
#: The same for SQLite (a file: nothing to pool, but the PRAGMAs run on every connect).
SQLITE_CONN_MAX_AGE = 600


def _sqlite(var_dir: Path, environ: Mapping[str, str]) -> dict[str, Any]:
    """The web server and the task worker write to the same file from different processes.

    Write-ahead logging lets pages read while the worker writes; ``IMMEDIATE`` takes the
    write lock when a transaction starts, so two writers queue (up to the busy timeout)
    instead of one failing half-way through with "database is locked". Connections are kept
    between requests: opening one (and its PRAGMAs) cost more than a whole verification.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(var_dir / "microcred.sqlite3"),
        "CONN_MAX_AGE": env_seconds(
            environ, "MICROCRED_DB_CONN_MAX_AGE", default=SQLITE_CONN_MAX_AGE
        ),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "timeout": SQLITE_BUSY_TIMEOUT,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        },
    }


def _postgres(environ: Mapping[str, str]) -> dict[str, Any]:
    name = env_str(environ, "PGDATABASE", default="microcred")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": environ.get("PGUSER", ""),
        "PASSWORD": environ.get("PGPASSWORD", ""),
        "HOST": environ.get("PGHOST", ""),
        "PORT": environ.get("PGPORT", ""),
        # 0 closes the connection after each request: what a transaction-pooling
        # PgBouncer in front of the database needs.
        "CONN_MAX_AGE": env_seconds(
            environ, "MICROCRED_DB_CONN_MAX_AGE", default=POSTGRES_CONN_MAX_AGE
        ),
        "CONN_HEALTH_CHECKS": True,
        # Named after the real database so that tests on a shared server are recognisable.
        "TEST": {"NAME": env_str(environ, "MICROCRED_TEST_DATABASE", default=f"test_{name}")},
    }


def smtp(environ: Mapping[str, str]) -> tuple[str, int, str, str, bool]:
    """Django's own SMTP settings, under their own names: ``EMAIL_HOST``, ``EMAIL_PORT``,
    ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS`` (Django's defaults)."""
    return (
        env_str(environ, "EMAIL_HOST", default="localhost"),
        env_count(environ, "EMAIL_PORT", default=25),
        environ.get("EMAIL_HOST_USER", ""),
        environ.get("EMAIL_HOST_PASSWORD", ""),
        env_bool(environ, "EMAIL_USE_TLS", default=False),
    )


def env_seconds(environ: Mapping[str, str], name: str, *, default: int) -> int:
    """A whole number of seconds, zero or more; anything else is an error, not the default."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number of seconds (e.g. 60).")
    return int(raw)


def env_count(environ: Mapping[str, str], name: str, *, default: int, minimum: int = 1) -> int:
    """A whole number no smaller than ``minimum``; anything else is an error, not the default."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number ≥ {minimum}.")
    return int(raw)


#: Where a development server answers, and the did:web host its organisations get there:
#: a two-label name (the trust core refuses bare ``localhost``) that resolves to this
#: machine (RFC 6761).
DEV_PUBLIC_URL = "http://localhost:8000"
DEV_DID_WEB_HOST = "microcred.localhost%3A8000"


@dataclass(frozen=True, slots=True)
class PublicIdentity:
    """Who this deployment is to the outside world, as every credential it signs names it.

    ``url`` is the origin (``https://host[:port]``, no path) that prefixes status lists,
    achievements, issuer profiles and the extension context; ``did_web_host`` is the
    ``host`` or ``host%3Aport`` part of every organisation's ``did:web``. ``given`` says
    whether the operator set the URL (outside development it must be set).
    """

    url: str
    did_web_host: str
    given: bool

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def did_host_name(self) -> str:
        """The did:web host without its port (what a request's ``Host`` must name)."""
        return unquote(self.did_web_host).partition(":")[0]


def public_identity(environ: Mapping[str, str]) -> PublicIdentity:
    """``MICROCRED_PUBLIC_URL`` and ``MICROCRED_DID_WEB_HOST``, the second derived from the
    first when unset (``https://uni.example`` → ``uni.example``), so one variable is enough.

    Nothing is validated here (settings must always import); ``identity_problems`` does it
    for the start-up check.
    """
    given = environ.get("MICROCRED_PUBLIC_URL", "").strip()
    url = given.rstrip("/") or DEV_PUBLIC_URL
    did_host = environ.get("MICROCRED_DID_WEB_HOST", "").strip() or did_host_of(url)
    return PublicIdentity(url=url, did_web_host=did_host, given=bool(given))


def did_host_of(url: str) -> str:
    """The did:web host for a public URL; a local one maps to the development host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or _is_local_host(host):
        return DEV_DID_WEB_HOST
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}%3A{port}" if port and port != 443 else host


def _is_local_host(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return not address.is_global


def identity_problems(identity: PublicIdentity, *, debug: bool) -> list[str]:
    """What is wrong with the deployment's public identity (empty when fine).

    Outside development a credential must name a URL that verifiers anywhere can reach:
    an https origin on a public name. In development anything goes.
    """
    parts = urlsplit(identity.url)
    problems: list[str] = []
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        problems.append(f"MICROCRED_PUBLIC_URL={identity.url!r} has an invalid port")
        return problems
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problems.append(f"MICROCRED_PUBLIC_URL={identity.url!r} is not an http(s) URL with a host")
    elif parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        problems.append(
            f"MICROCRED_PUBLIC_URL={identity.url!r} must be an origin only "
            "(scheme://host[:port]), without a path, query or user name"
        )
    if debug or problems:
        return problems
    if not identity.given:
        return ["MICROCRED_PUBLIC_URL is not set"]
    if parts.scheme != "https":
        problems.append(f"MICROCRED_PUBLIC_URL={identity.url!r} is plain http; use https")
    elif _is_local_host(identity.host):
        problems.append(f"MICROCRED_PUBLIC_URL={identity.url!r} names a local host")
    if _is_local_host(identity.did_host_name.lower()):
        problems.append(f"MICROCRED_DID_WEB_HOST={identity.did_web_host!r} names a local host")
    return problems
