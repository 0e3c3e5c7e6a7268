"""Reading settings from the environment: the rules, called with plain dictionaries."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from microcred.web import env
from microcred.web.env import KeySource


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("Yes", True), (" on ", True), ("0", False), ("false", False), ("", False)],
)
def test_env_bool_reads_common_spellings(raw: str, expected: bool) -> None:
    assert env.env_bool({"X": raw}, "X", default=not expected) is expected


def test_env_bool_refuses_what_it_cannot_read() -> None:
    with pytest.raises(ImproperlyConfigured, match="X='maybe'"):
        env.env_bool({"X": "maybe"}, "X", default=False)


def test_env_bool_default_when_unset() -> None:
    assert env.env_bool({}, "X", default=True) is True


def test_env_list_drops_blanks() -> None:
    assert env.env_list({"H": " a.example, b.example ,"}, "H", default=[]) == [
        "a.example",
        "b.example",
    ]
    assert env.env_list({}, "H", default=["localhost"]) == ["localhost"]


def test_secret_key_from_environment_wins(tmp_path: Path) -> None:
    key = env.secret_key({"MICROCRED_SECRET_KEY": "k" * 60}, debug=True, var_dir=tmp_path)
    assert (key.value, key.source) == ("k" * 60, KeySource.ENVIRONMENT)
    assert not (tmp_path / env.DEV_KEY_FILE).exists()


def test_development_key_is_persisted_privately_and_reused(tmp_path: Path) -> None:
    var = tmp_path / "var"
    first = env.secret_key({}, debug=True, var_dir=var)
    second = env.secret_key({}, debug=True, var_dir=var)
    assert first.source is KeySource.DEVELOPMENT_FILE
    assert first.value == second.value
    assert len(first.value) >= 50
    mode = stat.S_IMODE((var / env.DEV_KEY_FILE).stat().st_mode)
    assert mode == 0o600


def test_outside_development_no_key_is_written(tmp_path: Path) -> None:
    first = env.secret_key({}, debug=False, var_dir=tmp_path)
    second = env.secret_key({}, debug=False, var_dir=tmp_path)
    assert first.source is KeySource.EPHEMERAL
    assert first.value != second.value
    assert list(tmp_path.iterdir()) == []


def test_sqlite_under_var_by_default(tmp_path: Path) -> None:
    db = env.databases({}, var_dir=tmp_path)["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "microcred.sqlite3")


def test_postgres_from_libpq_variables(tmp_path: Path) -> None:
    environ = {
        "MICROCRED_DATABASE": "postgres",
        "PGHOST": "db.internal",
        "PGPORT": "6543",
        "PGDATABASE": "mc",
        "PGUSER": "mc_app",
        "PGPASSWORD": "s3cret",
    }
    db = env.databases(environ, var_dir=tmp_path)["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"], db["PASSWORD"]) == (
        "db.internal",
        "6543",
        "mc",
        "mc_app",
        "s3cret",
    )


def test_unknown_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="MICROCRED_DATABASE='oracle'"):
        env.databases({"MICROCRED_DATABASE": "oracle"}, var_dir=tmp_path)


def test_smtp_settings_under_djangos_own_names() -> None:
    given = {
        "EMAIL_HOST": "smtp.example",
        "EMAIL_PORT": "587",
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": "1",
    }
    assert env.smtp(given) == ("smtp.example", 587, "mailer", "s3cret", True)
    assert env.smtp({}) == ("localhost", 25, "", "", False)
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env.smtp({"EMAIL_PORT": "smtp"})
