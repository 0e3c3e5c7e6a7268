"""``scripts/server`` as an operator runs it: a real process, real HTTP, a real SIGTERM."""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "scripts" / "server"
START_TIMEOUT = 120  # scripts/setup, migrate and collectstatic run first
STOP_TIMEOUT = 10
# No proxy: the requests go to the server we started on the loopback interface.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_env(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCRED_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        HOST="127.0.0.1",
        PORT=str(port),
        MICROCRED_VAR_DIR=str(tmp_path / "var"),
        MICROCRED_WORKERS="1",
    )
    env.update(extra)
    return env


def get(url: str) -> tuple[int, str, str]:
    with OPENER.open(url, timeout=5) as response:
        body = response.read().decode("utf-8")
        return response.status, response.headers.get("Content-Type", ""), body


def wait_until_serving(process: subprocess.Popen[bytes], url: str, log: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            status, _, body = get(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
            continue
        assert status == 200
        return body
    pytest.fail(f"server did not answer within {START_TIMEOUT}s:\n{log.read_text()}")


@contextmanager
def running_server(
    tmp_path: Path, **extra: str
) -> Iterator[tuple[subprocess.Popen[bytes], int, Path]]:
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(SERVER)],
            cwd=ROOT,
            env=server_env(tmp_path, port, **extra),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process, port, log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture
def production_server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int, Path]]:
    key = secrets.token_urlsafe(50)
    with running_server(tmp_path, MICROCRED_DEBUG="0", MICROCRED_SECRET_KEY=key) as server:
        yield server


def test_serves_pages_and_static_files_then_stops_on_sigterm(
    production_server: tuple[subprocess.Popen[bytes], int, Path], tmp_path: Path
) -> None:
    process, port, log = production_server
    base = f"http://127.0.0.1:{port}"
    home = wait_until_serving(process, f"{base}/", log)  # redirected to /en/
    assert "Micro-credentials you can trust" in home
    # collectstatic ran and WhiteNoise serves the hashed stylesheet.
    match = re.search(r'href="(/static/web/site\.[0-9a-f]{12}\.css)"', home)
    assert match, "the page does not link a hashed stylesheet"
    status, content_type, css = get(base + match.group(1))
    assert (status, content_type.split(";")[0]) == (200, "text/css")
    assert ".verdict" in css
    assert (tmp_path / "var" / "microcred.sqlite3").exists()
    assert get(f"{base}/tr/")[0] == 200

    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=STOP_TIMEOUT) == 0, log.read_text()
    assert time.monotonic() - started < STOP_TIMEOUT
    with pytest.raises(urllib.error.URLError):
        get(f"{base}/en/")


def test_refuses_to_start_in_production_without_a_secret_key(tmp_path: Path) -> None:
    env = server_env(tmp_path, free_port(), MICROCRED_DEBUG="0")
    result = subprocess.run(
        [str(SERVER)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        check=False,
    )
    assert result.returncode != 0
    assert "microcred.web.E001" in result.stderr
    assert "MICROCRED_SECRET_KEY is not set" in result.stderr
    assert "serving on" not in result.stderr


def test_development_mode_when_nothing_is_configured(tmp_path: Path) -> None:
    with running_server(tmp_path) as (process, port, log):
        home = wait_until_serving(process, f"http://127.0.0.1:{port}/tr/", log)
        assert "Güvenebileceğiniz mikro-yeterlilikler" in home
        assert (tmp_path / "var" / "dev-secret-key").exists()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=STOP_TIMEOUT) == 0
    assert "running in development mode" in log.read_text()
