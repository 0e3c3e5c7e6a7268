"""A production-mode Microcred on a real host name, over real HTTPS, on loopback.

``scripts/server`` runs as an operator would start it for ``https://<host>``: production
settings, ``MICROCRED_PUBLIC_URL`` naming the host, gunicorn terminating TLS itself with a
certificate from the test's own CA (``GUNICORN_CMD_ARGS``). Clients reach the host name at
127.0.0.1 with SNI and ``Host`` set, as DNS would send them there.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.tls import ServerCert, TestAuthority

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180
POSTGRES = os.environ.get("MICROCRED_DATABASE") == "postgres"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class PublicServer:
    host: str
    port: int
    env: dict[str, str]
    authority: TestAuthority
    log: Path

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        """HTTPS to ``https://<host><path>``, the certificate checked for the host name."""
        connection = LoopbackHttps(self.host, self.port, self.authority)
        try:
            data = None if body is None else json.dumps(body).encode("utf-8")
            sent = {"Host": self.host, "Accept": "application/json", **(headers or {})}
            if data is not None:
                sent["Content-Type"] = "application/json"
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            return Reply(response.status, dict(response.getheaders()), response.read())
        finally:
            connection.close()

    def manage(self, *args: str) -> str:
        """``manage.py`` against the same database and settings; its standard output."""
        result = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()


class LoopbackHttps(http.client.HTTPSConnection):
    """HTTPS to ``name`` as if DNS sent it to 127.0.0.1:``port``: SNI and the certificate
    are checked for ``name`` against the test CA alone."""

    def __init__(self, name: str, port: int, authority: TestAuthority) -> None:
        super().__init__(name, port, timeout=60, context=authority.client_context())

    def connect(self) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), 30)
        context = self._context  # type: ignore[attr-defined]
        self.sock = context.wrap_socket(sock, server_hostname=self.host)


def outside_verifier(
    files: list[Path], hosts: Mapping[str, str], ca_file: Path
) -> dict[str, dict[str, Any]]:
    """Digital Bazaar's verifier with no documents map, only HTTPS to ``hosts``
    (``name -> ip:port``); verdicts keyed by file name, with the URLs it fetched."""
    arguments = [f"--host={name}={address}" for name, address in hosts.items()]
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "interop" / "dbfetchverify.mjs"), *arguments,
         f"--ca={ca_file}", *map(str, files)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    verdicts = [json.loads(line) for line in result.stdout.splitlines()]
    return {Path(v["file"]).name: v for v in verdicts}


def _production_env(tmp_path: Path, host: str, port: int, cert: ServerCert) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCRED_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    kek = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    env.update(
        HOST="127.0.0.1",
        PORT=str(port),
        GUNICORN_CMD_ARGS=f"--certfile={cert.certfile} --keyfile={cert.keyfile}",
        MICROCRED_DEBUG="0",
        MICROCRED_SECRET_KEY=secrets.token_urlsafe(50),
        MICROCRED_KEK=kek,
        MICROCRED_PUBLIC_URL=f"https://{host}",
        MICROCRED_DID_WEB_HOST=host,
        MICROCRED_VAR_DIR=str(tmp_path / "var"),
        MICROCRED_WORKERS="2",
        MICROCRED_TASK_WORKERS="1",
        MICROCRED_DEMO="1",
        MICROCRED_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        MICROCRED_EMAIL_ALLOW_CONSOLE="1",
    )
    if POSTGRES:
        env["MICROCRED_DATABASE"] = "postgres"
        env["PGDATABASE"] = f"public_{secrets.token_hex(6)}"
        subprocess.run(["createdb", env["PGDATABASE"]], check=True, timeout=30)
    return env


@contextmanager
def public_server(tmp_path: Path, host: str) -> Iterator[PublicServer]:
    """The demo deployment at ``https://<host>``, serving until the block ends."""
    authority = TestAuthority(tmp_path)
    cert = authority.issue(host)
    port = free_port()
    env = _production_env(tmp_path, host, port, cert)
    log = tmp_path / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "server")],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = PublicServer(host, port, env, authority, log)
    try:
        _wait_until_serving(server, process)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
        if POSTGRES:
            subprocess.run(
                ["dropdb", "--force", "--if-exists", env["PGDATABASE"]], check=True, timeout=30
            )


def _wait_until_serving(server: PublicServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{server.log.read_text()}")
        try:
            if server.request("GET", "/en/").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"server did not answer within {START_TIMEOUT}s:\n{server.log.read_text()}")
