"""``scripts/server`` as an operator runs it: a real process, real HTTP, a real SIGTERM,
and the task worker it runs beside gunicorn taking real tasks from the database queue.

Under ``scripts/test --postgres`` each server gets a fresh PostgreSQL database of its own.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from stat import S_IMODE
from typing import NamedTuple

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


POSTGRES = os.environ.get("MICROCRED_DATABASE") == "postgres"


def server_env(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCRED_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if POSTGRES:
        env["MICROCRED_DATABASE"] = "postgres"
    env.update(
        HOST="127.0.0.1",
        PORT=str(port),
        MICROCRED_VAR_DIR=str(tmp_path / "var"),
        MICROCRED_WORKERS="1",
        MICROCRED_TASK_WORKERS="1",
    )
    env.update(extra)
    return env


def create_postgres_database() -> str:
    """A database of its own for one server, made with libpq's tools and PG* variables."""
    name = f"server_{secrets.token_hex(6)}"
    subprocess.run(["createdb", name], check=True, timeout=30)
    return name


def drop_postgres_database(name: str) -> None:
    subprocess.run(["dropdb", "--force", "--if-exists", name], check=True, timeout=30)


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid`` (Linux ``/proc``), nearest first."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError):
            # "pid (comm) state ppid …"; comm may hold spaces, so split after its ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(stat.parent.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""  # gone


def alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie nobody has reaped yet."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


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


class Server(NamedTuple):
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    env: dict[str, str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def running_server(tmp_path: Path, **extra: str) -> Iterator[Server]:
    port = free_port()
    log = tmp_path / "server.log"
    env = server_env(tmp_path, port, **extra)
    if POSTGRES:
        env["PGDATABASE"] = create_postgres_database()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(SERVER)], cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        yield Server(process, port, log, env)
    finally:
        leftovers = descendants(process.pid)
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in leftovers:  # only after a failed test: the server stops its children
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if POSTGRES:
            drop_postgres_database(env["PGDATABASE"])


def production(**extra: str) -> dict[str, str]:
    """What production needs: a secret key, and the key-encryption key for signing keys."""
    kek = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    return {
        "MICROCRED_DEBUG": "0",
        "MICROCRED_SECRET_KEY": secrets.token_urlsafe(50),
        "MICROCRED_KEK": kek,
        "MICROCRED_PUBLIC_URL": "https://credentials.example.edu",
        # Production refuses mail printed to the log; nothing here reads the mail.
        "MICROCRED_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


@pytest.fixture
def production_server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path, **production()) as server:
        yield server


def test_serves_pages_and_static_files_then_stops_on_sigterm(
    production_server: Server, tmp_path: Path
) -> None:
    process, _, log, _ = production_server
    base = production_server.base
    home = wait_until_serving(process, f"{base}/", log)  # redirected to /en/
    assert "Micro-credentials you can trust" in home
    # collectstatic ran and WhiteNoise serves the hashed stylesheet.
    match = re.search(r'href="(/static/web/site\.[0-9a-f]{12}\.css)"', home)
    assert match, "the page does not link a hashed stylesheet"
    status, content_type, css = get(base + match.group(1))
    assert (status, content_type.split(";")[0]) == (200, "text/css")
    assert ".verdict" in css
    # The database the environment named, and no other.
    assert (tmp_path / "var" / "microcred.sqlite3").exists() is not POSTGRES
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


def test_refuses_to_print_mail_in_production(tmp_path: Path) -> None:
    console = "django.core.mail.backends.console.EmailBackend"
    env = server_env(tmp_path, free_port(), **production(MICROCRED_EMAIL_BACKEND=console))
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
    assert "microcred.web.E002" in result.stderr
    assert "MICROCRED_EMAIL_ALLOW_CONSOLE=1" in result.stderr
    assert "serving on" not in result.stderr


def test_development_mode_when_nothing_is_configured(tmp_path: Path) -> None:
    with running_server(tmp_path) as (process, port, log, _):
        home = wait_until_serving(process, f"http://127.0.0.1:{port}/tr/", log)
        assert "Güvenebileceğiniz mikro-yeterlilikler" in home
        assert (tmp_path / "var" / "dev-secret-key").exists()
        # A first run loads the demo: its organisation publishes its DID document.
        demo = wait_until_serving(
            process, f"http://127.0.0.1:{port}/orgs/demo-universitesi/did.json", log
        )
        assert "did:web:" in demo
        var = tmp_path / "var"
        assert (var / "demo-accounts.txt").exists()
        # The var directory and its secrets are the service user's only.
        assert S_IMODE(var.stat().st_mode) == 0o700
        private = ["demo-accounts.txt", "dev-secret-key", "dev-kek"]
        private += [] if POSTGRES else ["microcred.sqlite3"]  # the database, when it is a file
        for name in private:
            assert S_IMODE((var / name).stat().st_mode) == 0o600, name
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=STOP_TIMEOUT) == 0
    assert "running in development mode" in log.read_text()
    assert "demo: Demo Üniversitesi" in log.read_text()


# --- the task worker ---------------------------------------------------------------------


def manage(server: Server, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """``manage.py`` against the server's database, as an operator on that machine would."""
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def enqueue_pause(server: Server, folder: Path, seconds: float) -> str:
    code = (
        "from tests.web.slow_task import pause; "
        f"print(pause.enqueue({str(folder)!r}, {seconds}).id)"
    )
    result = manage(server, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def task_status(server: Server, result_id: str) -> str:
    code = f"from tests.web.slow_task import pause; print(pause.get_result({result_id!r}).status)"
    result = manage(server, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def wait_for_file(path: Path, server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"{path.name} did not appear:\n{server.log.read_text()}")
        time.sleep(0.1)


def children_by_role(server: Server) -> tuple[int, list[int]]:
    """The gunicorn master and the task workers started by the script."""
    children = [
        pid for pid in descendants(server.process.pid) if pid_parent(pid) == server.process.pid
    ]
    web = [pid for pid in children if "gunicorn" in command_line(pid)]
    workers = [pid for pid in children if "task_worker" in command_line(pid)]
    assert len(web) == 1, children
    return web[0], workers


def pid_parent(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def stop(server: Server, *, within: float = STOP_TIMEOUT) -> int:
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    code = server.process.wait(timeout=within)
    assert time.monotonic() - started < within
    return code


def test_the_worker_runs_tasks_and_stops_with_the_server(production_server: Server) -> None:
    wait_until_serving(
        production_server.process, production_server.base + "/en/", production_server.log
    )
    web, workers = children_by_role(production_server)
    assert len(workers) == 1, "scripts/server started no task worker"
    everything = descendants(production_server.process.pid)  # gunicorn's workers too
    assert len(everything) >= 3

    ping = manage(production_server, "ping_worker", "--timeout", "60")
    assert ping.returncode == 0, ping.stderr + production_server.log.read_text()
    # The worker that scripts/server started, named after the script's process.
    assert "Worker server@" in ping.stdout
    assert f":{production_server.process.pid}:1 answered" in ping.stdout

    assert stop(production_server) == 0, production_server.log.read_text()
    assert not alive(web)
    assert not any(alive(worker) for worker in workers)
    # Nothing left behind: orphans would have been re-parented, so look them up by pid.
    assert [pid for pid in everything if alive(pid)] == []


def test_the_worker_finishes_its_task_before_stopping(
    production_server: Server, tmp_path: Path
) -> None:
    wait_until_serving(
        production_server.process, production_server.base + "/en/", production_server.log
    )
    result_id = enqueue_pause(production_server, tmp_path, 3)
    wait_for_file(tmp_path / "started", production_server)

    assert stop(production_server, within=20) == 0, production_server.log.read_text()
    assert (tmp_path / "finished").exists()
    assert task_status(production_server, result_id) == "SUCCESSFUL"


def test_a_task_still_running_after_the_stop_timeout_is_abandoned(tmp_path: Path) -> None:
    with running_server(tmp_path, **production(MICROCRED_WORKER_STOP_TIMEOUT="1")) as server:
        wait_until_serving(server.process, server.base + "/en/", server.log)
        _, workers = children_by_role(server)
        result_id = enqueue_pause(server, tmp_path, 300)
        wait_for_file(tmp_path / "started", server)

        assert stop(server) == 0, server.log.read_text()
        assert len(workers) == 1
        assert not alive(workers[0])
        assert not (tmp_path / "finished").exists()
        # Recorded as failed, not left "running" for ever.
        assert task_status(server, result_id) == "FAILED"
        assert "abandoning their tasks" in server.log.read_text()


def test_a_dying_worker_is_restarted_while_gunicorn_serves_on(production_server: Server) -> None:
    server = production_server
    wait_until_serving(server.process, server.base + "/en/", server.log)
    web, [worker] = children_by_role(server)

    os.kill(worker, signal.SIGKILL)
    replacement = wait_for_new_worker(server, worker)
    assert server.process.poll() is None  # the server did not stop
    assert children_by_role(server)[0] == web  # the same gunicorn, serving all along
    assert get(server.base + "/en/")[0] == 200
    log = server.log.read_text()
    assert "task worker 1 (pid" in log
    assert "restarting it in 1s" in log
    # The new worker takes tasks, under the same id as the one it replaces.
    ping = manage(server, "ping_worker", "--timeout", "60")
    assert ping.returncode == 0, ping.stderr + server.log.read_text()
    assert f":{server.process.pid}:1 answered" in ping.stdout
    assert stop(server) == 0, server.log.read_text()
    assert not alive(replacement)


def wait_for_new_worker(server: Server, old: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = [pid for pid in children_by_role(server)[1] if pid != old]
        if workers:
            return workers[0]
        time.sleep(0.1)
    pytest.fail(f"no new task worker:\n{server.log.read_text()}")


def test_two_task_workers_by_default_both_stopped_with_the_server(tmp_path: Path) -> None:
    # Empty means unset to the script (the other tests run one worker to save time).
    with running_server(tmp_path, **production(MICROCRED_TASK_WORKERS="")) as server:
        wait_until_serving(server.process, server.base + "/en/", server.log)
        _, workers = children_by_role(server)
        assert len(workers) == 2, server.log.read_text()
        assert stop(server) == 0, server.log.read_text()
        assert not any(alive(worker) for worker in workers)


def test_no_worker_when_workers_run_elsewhere(tmp_path: Path) -> None:
    with running_server(tmp_path, **production(MICROCRED_WORKER="0")) as server:
        wait_until_serving(server.process, server.base + "/en/", server.log)
        assert children_by_role(server)[1] == []
        ping = manage(server, "ping_worker", "--timeout", "2")
        assert ping.returncode == 1
        assert "No worker ran the ping task" in ping.stderr
        assert stop(server) == 0
    assert "no task worker here" in server.log.read_text()


# --- a bulk batch survives its worker ----------------------------------------------------

BATCH_ROWS = 2000
SEED_BATCH = f"""
import io
from microcred.catalog import services as catalog
from microcred.issuing.batches import prepare_batch, start_batch
from microcred.organizations.models import Organization
from tests.vc.elements.conftest import full_elements

org = Organization.objects.create(slug="crash-uni", name="Crash University", country="TR")
version = catalog.publish(
    catalog.create_specification(org, None, full_elements(), hours_per_ects=28)
)
lines = ["name,email,date"] + [
    f"Learner {{i}},learner{{i}}@uni.example,2026-05-01" for i in range({BATCH_ROWS})
]
upload = io.BytesIO(("\\n".join(lines) + "\\n").encode())
preview = prepare_batch(org, version, upload, filename="crash.csv", by=None)
start_batch(preview.batch, by=None)
print(preview.batch.public_id)
"""


def sql(server: Server, query: str) -> list[tuple[str, ...]]:
    """Rows of a query against the server's database, read as an operator would."""
    if POSTGRES:
        done = subprocess.run(
            ["psql", "-At", "-F", "\t", "-c", query],
            env=server.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return [tuple(line.split("\t")) for line in done.stdout.splitlines()]
    with closing(
        sqlite3.connect(Path(server.env["MICROCRED_VAR_DIR"]) / "microcred.sqlite3")
    ) as db:
        return [tuple(str(v) for v in row) for row in db.execute(query).fetchall()]


def batch_state(server: Server, public_id: str) -> tuple[str, int]:
    [(state, issued)] = sql(
        server, f"SELECT state, issued FROM issuing_batch WHERE public_id = '{public_id}'"
    )
    return state, int(issued)


def test_a_batch_whose_worker_is_killed_finishes_by_itself(tmp_path: Path) -> None:
    extra = production(MICROCRED_BATCH_RUNS="1")  # one run: killing its worker stalls it
    with running_server(tmp_path, **extra) as server:
        wait_until_serving(server.process, server.base + "/en/", server.log)
        seeded = manage(server, "shell", "-c", SEED_BATCH, timeout=120)
        assert seeded.returncode == 0, seeded.stderr
        public_id = seeded.stdout.strip().splitlines()[-1]
        _, [worker] = children_by_role(server)

        deadline = time.monotonic() + 120
        while batch_state(server, public_id)[1] < BATCH_ROWS // 10:
            assert time.monotonic() < deadline, server.log.read_text()
            time.sleep(0.05)
        os.kill(worker, signal.SIGKILL)
        state, issued = batch_state(server, public_id)
        assert state == "running"
        assert issued < BATCH_ROWS, "the batch finished before its worker was killed"

        # No command, no operator: the restarted worker takes the batch over.
        wait_for_new_worker(server, worker)
        deadline = time.monotonic() + 180
        while batch_state(server, public_id)[0] != "done":
            assert time.monotonic() < deadline, server.log.read_text()
            time.sleep(0.5)
        assert get(server.base + "/en/")[0] == 200

        assert batch_state(server, public_id) == ("done", BATCH_ROWS)
        [(awards, keys)] = sql(
            server, "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM issuing_award"
        )
        assert (int(awards), int(keys)) == (BATCH_ROWS, BATCH_ROWS)
        runs = sql(
            server,
            "SELECT status, exception_class_path FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE '%.issue_batch' ORDER BY enqueued_at",
        )
        # The killed run is recorded as failed (its worker was gone), not left running.
        assert runs == [
            ("FAILED", "microcred.infra.task_recovery.WorkerGoneError"),
            ("SUCCESSFUL", ""),
        ], runs
        assert stop(server, within=30) == 0, server.log.read_text()
