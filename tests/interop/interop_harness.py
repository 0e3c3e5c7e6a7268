"""Drive the two implementations as separate processes and read their verdicts.

Microcred is run through its installed command (``.venv/bin/microcred``), the independent
side through ``node dbverify.mjs`` / ``node dbsign.mjs`` (Digital Bazaar's stack). Neither
side sees the other's code: they meet only in files, which is what interoperability means.
Node start-up costs a few hundred milliseconds, so every call takes a batch of jobs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

INTEROP = Path(__file__).resolve().parent
REPO = INTEROP.parents[1]
NODE_MODULES = INTEROP / "node_modules"
VECTORS = REPO / "tests" / "vectors"
TIMEOUT = 120


def _fail_unless_node_side_installed() -> str:
    """The Node path, or a test failure saying how to install the independent side.

    Failing (not skipping) is deliberate: a suite that silently skips its interop tests
    proves nothing, and ``scripts/test`` always runs ``scripts/interop-setup`` first.
    """
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: run scripts/setup, then scripts/interop-setup")
    for package in ("@digitalbazaar/vc", "@digitalbazaar/vc-bitstring-status-list", "jose"):
        if not (NODE_MODULES / package / "package.json").is_file():
            pytest.fail(f"{NODE_MODULES / package} is missing: run scripts/interop-setup")
    return node


@dataclass(frozen=True, slots=True)
class NodeVerdict:
    """What Digital Bazaar's verifier said about one file."""

    file: str
    verified: bool
    error: str | None
    format: str


@dataclass(frozen=True, slots=True)
class MicrocredVerdict:
    """What ``microcred verify --json`` said about one file."""

    file: str
    verified: bool
    checks: tuple[Mapping[str, Any], ...]

    @property
    def failed(self) -> set[tuple[str, str]]:
        """(check, code) of every failed check."""
        return {(c["check"], c["code"]) for c in self.checks if c.get("status") == "failed"}


def _completed(result: subprocess.CompletedProcess[str], what: str) -> str:
    return f"{what} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


def _json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class NodeSide:
    """``dbsign.mjs`` and ``dbverify.mjs``, each run once per batch."""

    def __init__(self, node: str, workdir: Path) -> None:
        self.node = node
        self.workdir = workdir
        self._batches = 0

    def _run(
        self, script: str, jobs: Sequence[Mapping[str, Any]]
    ) -> subprocess.CompletedProcess[str]:
        self._batches += 1
        jobs_file = self.workdir / f"{Path(script).stem}-jobs-{self._batches}.json"
        jobs_file.write_text(json.dumps(list(jobs), indent=1), "utf-8")
        return subprocess.run(
            [self.node, str(INTEROP / script), "--jobs", str(jobs_file)],
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def sign(self, jobs: Sequence[Mapping[str, str]]) -> list[dict[str, Any]]:
        """Sign credentials (see dbsign.mjs for the job keys); fails the test on error."""
        result = self._run("dbsign.mjs", jobs)
        assert result.returncode == 0, _completed(result, "dbsign.mjs")
        return _json_lines(result.stdout)

    def present(self, jobs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Make presentations as a holder (see dbpresent.mjs); fails the test on error."""
        result = self._run("dbpresent.mjs", jobs)
        assert result.returncode == 0, _completed(result, "dbpresent.mjs")
        return _json_lines(result.stdout)

    def verify(self, jobs: Sequence[Mapping[str, Any]]) -> list[NodeVerdict]:
        """One verdict per job, in order; the exit status must agree with them."""
        result = self._run("dbverify.mjs", jobs)
        assert result.returncode in (0, 1), _completed(result, "dbverify.mjs")
        verdicts = [
            NodeVerdict(line["file"], line["verified"], line["error"], line["format"])
            for line in _json_lines(result.stdout)
        ]
        assert [v.file for v in verdicts] == [j["file"] for j in jobs], result.stdout
        assert (result.returncode == 0) == all(v.verified for v in verdicts)
        return verdicts

    def verify_files(
        self, files: Iterable[Path], *, documents: Path | None = None, now: str | None = None
    ) -> dict[str, NodeVerdict]:
        """Verdicts keyed by file name (not path)."""
        jobs: list[dict[str, Any]] = []
        for file in files:
            job: dict[str, Any] = {"file": str(file)}
            if documents is not None:
                job["documents"] = str(documents)
            if now is not None:
                job["now"] = now
            jobs.append(job)
        return {Path(v.file).name: v for v in self.verify(jobs)}


class Microcred:
    """The installed ``microcred`` command."""

    def __init__(self, workdir: Path) -> None:
        self.command = Path(sys.executable).parent / "microcred"
        self.workdir = workdir
        if not self.command.is_file():
            pytest.fail(f"{self.command} is missing: run scripts/setup")

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.command), *map(str, args)],
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def ok(self, *args: str | Path) -> str:
        """Run a command that must succeed; return its standard output."""
        result = self.run(*args)
        assert result.returncode == 0, _completed(result, f"microcred {' '.join(map(str, args))}")
        return result.stdout

    def ok_all(self, commands: Sequence[Sequence[str | Path]]) -> None:
        """Run independent commands concurrently (each is a separate Python start-up)."""
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
            list(pool.map(lambda args: self.ok(*args), commands))

    def verify(
        self, files: Iterable[Path], *, documents: Path | None = None, now: str | None = None
    ) -> dict[str, MicrocredVerdict]:
        """Verdicts keyed by file name; the exit status must agree with them (0 iff all)."""
        args: list[str | Path] = ["verify", "--json", *files]
        if documents is not None:
            args += ["--documents", documents]
        if now is not None:
            args += ["--now", now]
        result = self.run(*args)
        assert result.returncode in (0, 1), _completed(result, "microcred verify")
        verdicts = {
            Path(line["file"]).name: MicrocredVerdict(
                line["file"], line["verified"], tuple(line["checks"])
            )
            for line in _json_lines(result.stdout)
        }
        assert (result.returncode == 0) == all(v.verified for v in verdicts.values())
        return verdicts


def node_side(workdir: Path) -> NodeSide:
    return NodeSide(_fail_unless_node_side_installed(), workdir)


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return path


def read_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))
