"""Verification under load: ``POST /api/verify`` served by gunicorn, driven by ``wrk``.

One credential issued by this platform, with revocation and suspension entries, is the
body of every request; each request verifies its signature and checks both status
entries against lists read from the database (verified once per list version and then
cached, as a busy verifier would). ``wrk`` runs in its own process on loopback with 32
connections; the rate limit is off (``MICROCRED_VERIFY_RATE=off``).

``python -m bench.bench_verify [--duration 20] [--configs sync:2,sync:3,gthread:2x4]`` from
the repository root; on PostgreSQL run it under ``scripts/pg-throwaway``. ``--profile N``
instead profiles N in-process calls of the WSGI application (cProfile, top functions).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bench.fresh_site import configure

ROOT = Path(__file__).resolve().parents[1]
CONNECTIONS = 32
VERIFY = "verify, 2 status entries"
#: The same endpoint, answered before any signature, DID or status work: Django, ninja
#: and gunicorn alone, the ceiling any optimisation of verification itself can reach.
FLOOR = "floor: unreadable input"
DEFAULT_CONFIGS = "sync:2,sync:3,sync:4,gthread:2x4"
#: The wrk script: every request POSTs the body file as JSON.
LUA = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("{body}", "rb"))
wrk.body = f:read("*a")
f:close()
"""


def _configure(var_dir: Path) -> dict[str, str]:
    """The environment this process and gunicorn share; migrates the fresh database."""
    return configure(var_dir, MICROCRED_VERIFY_RATE="off")


def issue_one() -> dict[str, object]:
    """A credential of this platform with its status entries (lists signed on issue)."""
    from tests.vc.elements.conftest import full_elements

    from microcred.catalog import services as catalog
    from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
    from microcred.organizations.keys import signer_for
    from microcred.organizations.models import Organization
    from microcred.vc import Learner

    org = Organization.objects.create(slug="bench-uni", name="Bench University", country="TR")
    spec = catalog.create_specification(org, None, full_elements(), hours_per_ects=28)
    version = catalog.publish(spec)
    learner = Learner("ayse@uni.example", "Ayşe Yılmaz", "AA", date(2026, 5, 1))
    request = AwardRequest(learner, idempotency_key("bench-verify", learner.email))
    with signer_for(org) as signer:
        (issued,) = issue_awards(version, [request], signer=signer, include_name=True)
    credential = issued.award.credential
    assert isinstance(credential, dict), credential
    assert credential.get("credentialStatus"), "the benchmark needs status entries"
    return credential


@dataclass(frozen=True, slots=True)
class Config:
    """A gunicorn worker class and count (threads per worker for gthread)."""

    worker_class: str
    workers: int
    threads: int = 1

    @classmethod
    def parse(cls, text: str) -> Config:
        kind, _, size = text.partition(":")
        workers, _, threads = size.partition("x")
        return cls(kind, int(workers), int(threads or 1))

    def __str__(self) -> str:
        threads = f" × {self.threads} threads" if self.threads > 1 else ""
        return f"{self.worker_class}, {self.workers} workers{threads}"


@dataclass(frozen=True, slots=True)
class Result:
    config: Config
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: A gunicorn config whose hook keeps each worker's database connection open between
#: requests (``CONN_MAX_AGE``), for SQLite whose settings close it after every request.
HOOK = """def post_worker_init(worker):
    from django.db import connections
    connections["default"].settings_dict["CONN_MAX_AGE"] = {seconds}
"""


def _start_gunicorn(
    config: Config, env: dict[str, str], port: int, hook: Path | None
) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "microcred.web.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={config.workers}",
        f"--worker-class={config.worker_class}",
        f"--threads={config.threads}",
        "--backlog=512",
        "--log-level=warning",
        *([f"--config={hook}"] if hook is not None else []),
    ]
    log = Path(env["MICROCRED_VAR_DIR"]) / "gunicorn.log"
    with log.open("ab") as errors:  # the workers' stderr: read it if one fails
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )


def _post(url: str, body: bytes) -> dict[str, object]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, object] = json.loads(response.read())
        return answer


def _wait_until_answered(
    url: str, body: bytes, server: subprocess.Popen[bytes], *, verified: bool
) -> None:
    """Until the server answers, and answers ``verified`` as expected for ``body``."""
    deadline = time.monotonic() + 60
    while True:
        if server.poll() is not None:
            raise SystemExit(f"bench_verify: gunicorn exited with {server.returncode}")
        try:
            report = _post(url, body)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("bench_verify: gunicorn did not answer within 60 s") from None
            time.sleep(0.2)
    assert report.get("verified") is verified, json.dumps(report, indent=1)[:2000]


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> tuple[float, float, float, int, int]:
    """requests/s, p50 ms, p99 ms, requests, non-2xx/3xx responses from ``wrk --latency``."""
    p50 = re.search(r"^\s*50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    if not (p50 and p99 and rate and total):
        raise SystemExit(f"bench_verify: cannot read wrk's output:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    if errors:
        raise SystemExit(f"bench_verify: wrk saw socket errors: {errors.group(0)}")
    non_2xx = int(bad.group(1)) if bad else 0
    return float(rate.group(1)), _ms(p50.group(1)), _ms(p99.group(1)), int(total.group(1)), non_2xx


def measure(
    config: Config,
    env: dict[str, str],
    body: Path,
    duration: int,
    hook: Path | None,
    *,
    verified: bool = True,
) -> Result:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api/verify"
    server = _start_gunicorn(config, env, port, hook)
    try:
        _wait_until_answered(url, body.read_bytes(), server, verified=verified)
        lua = body.with_name(f"{body.stem}.lua")
        lua.write_text(LUA.format(body=body), "utf-8")
        warm = ["wrk", "-t2", f"-c{CONNECTIONS}", "-d3s", "-s", str(lua), url]
        subprocess.run(warm, check=True, capture_output=True)  # every worker's caches filled
        command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "-s", str(lua)]
        run = subprocess.run([*command, url], check=True, capture_output=True, text=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    rate, p50, p99, total, non_2xx = parse_wrk(run.stdout)
    assert non_2xx == 0, f"{non_2xx} of {total} requests were not answered 2xx:\n{run.stdout}"
    return Result(config, rate, p50, p99, total, non_2xx)


def _database(env: dict[str, str]) -> str:
    return "PostgreSQL" if env["MICROCRED_DATABASE"].startswith("postgres") else "SQLite"


def row(result: Result, database: str, what: str) -> str:
    target = result.requests_per_s >= 500 and result.p99_ms < 100
    return (
        f"| {what} | {database} | {result.config} | **{result.requests_per_s:,.0f}** "
        f"| {result.p50_ms:.1f} | {result.p99_ms:.1f} | {result.requests:,} "
        f"| {result.non_2xx} | {'yes' if target else 'no'} | {os.getloadavg()[0]:.1f} |"
    )


def machine() -> str:
    model = platform.processor() or platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return (
        f"nproc {os.cpu_count()}, {model}, Python {sys.version.split()[0]}, "
        f"{date.today().isoformat()}, wrk -t2 -c{CONNECTIONS}"
    )


def _wsgi_post(app: Any, body: bytes) -> bytes:
    """One POST /api/verify through the WSGI application, as gunicorn would call it."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/verify",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    statuses: list[str] = []
    chunks = app(environ, lambda status, headers, *_: statuses.append(status))
    answer = b"".join(chunks)
    assert statuses[0].startswith("200"), (statuses, answer[:500])
    return answer


def profile(body: bytes, calls: int) -> None:
    """cProfile of ``calls`` verifications through the WSGI application, as one worker."""
    import cProfile
    import pstats

    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    for _ in range(5):
        assert json.loads(_wsgi_post(app, body))["verified"] is True
    started = time.perf_counter()
    for _ in range(calls):
        _wsgi_post(app, body)
    plain = (time.perf_counter() - started) / calls
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        _wsgi_post(app, body)
    profiler.disable()
    print(f"{calls} WSGI calls: {plain * 1000:.2f} ms per call ({1 / plain:,.0f}/s on one core)")
    order = os.environ.get("BENCH_SORT", "cumulative")
    pstats.Stats(profiler).sort_stats(order).print_stats(os.environ.get("BENCH_FILTER", ""), 45)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per config")
    parser.add_argument("--configs", default=DEFAULT_CONFIGS, help="e.g. sync:2,gthread:2x4")
    parser.add_argument("--profile", type=int, default=0, help="profile N calls instead")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also measure the framework's floor: the same endpoint with unreadable input",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="keep each worker's database connection open this long (SQLite closes it "
        "after every request by default)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="microcred-bench-") as var_dir:
        env = _configure(Path(var_dir))
        body = Path(var_dir) / "body.json"
        body.write_text(json.dumps({"verifiableCredential": issue_one()}), "utf-8")
        if args.profile:
            profile(body.read_bytes(), args.profile)
            return
        database = _database(env)
        hook = None
        if args.conn_max_age is not None:
            hook = Path(var_dir) / "gunicorn_hook.py"
            hook.write_text(HOOK.format(seconds=args.conn_max_age), "utf-8")
            database += f", connections kept {args.conn_max_age} s"
        print(f"Verification under load ({machine()})\n")
        print("| request | database | gunicorn | requests/s | p50 ms | p99 ms | requests "
              "| non-2xx | target met | load after |")  # fmt: skip
        print("|---|---|---|---:|---:|---:|---:|---:|---|---:|")
        configs = [Config.parse(text) for text in args.configs.split(",")]
        for config in configs:
            result = measure(config, env, body, args.duration, hook)
            print(row(result, database, VERIFY), flush=True)
        if args.floor:
            floor = Path(var_dir) / "floor.json"
            floor.write_text(json.dumps({"verifiableCredential": "not a credential"}), "utf-8")
            result = measure(configs[0], env, floor, args.duration, hook, verified=False)
            print(row(result, database, FLOOR), flush=True)


if __name__ == "__main__":
    main()
