"""Load the knowledge base from its JSON files and check every cross-reference.

Pydantic checks each record's shape; this module checks what no single record can:
that ids are unique, references resolve, dependencies have no cycle, and every practice
is both sourced and measurable. A reviewer gets every problem in one error.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from microcred.strategy.readiness.engine.context import CANVAS_FACTS
from microcred.strategy.readiness.engine.errors import KnowledgeBaseError
from microcred.strategy.readiness.engine.models import KnowledgeBase

DATA_DIR = Path(__file__).parent / "data"


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnowledgeBaseError([f"{path.name}: {exc}"]) from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError([f"{path.name}: top level must be an object"])
    return data


def load_kb(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """Merge ``kb.json`` with every ``practices_*.json`` (practices and signals), then check."""
    raw = _read(data_dir / "kb.json")
    raw.setdefault("practices", [])
    raw.setdefault("signals", [])
    for part in sorted(data_dir.glob("practices_*.json")):
        data = _read(part)
        raw["practices"].extend(data.get("practices", []))
        raw["signals"].extend(data.get("signals", []))
    try:
        kb = KnowledgeBase.model_validate(raw)
    except ValidationError as exc:
        raise KnowledgeBaseError([str(exc)]) from exc
    problems = check_kb(kb)
    if problems:
        raise KnowledgeBaseError(problems)
    return kb


@cache
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load_kb()


def _duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def check_kb(kb: KnowledgeBase) -> list[str]:
    problems: list[str] = []
    for kind, ids in (
        ("dimension", [d.id for d in kb.dimensions]),
        ("practice", [p.id for p in kb.practices]),
        ("signal", [s.id for s in kb.signals]),
        ("rule", [r.id for r in kb.rules]),
        ("source", [s.key for s in kb.sources]),
    ):
        problems += [f"duplicate {kind} id {d}" for d in _duplicates(ids)]
    problems += _practice_problems(kb)
    problems += _signal_and_rule_problems(kb)
    problems += [f"dependency cycle through {p}" for p in find_cycle(kb)]
    if not any(s.min_score == 0 for s in kb.stages):
        problems.append("no stage starts at 0")
    return problems


def _practice_problems(kb: KnowledgeBase) -> list[str]:
    dims = {d.id for d in kb.dimensions}
    practices = {p.id for p in kb.practices}
    sources = {s.key for s in kb.sources}
    evidenced = {e.practice for s in kb.signals for e in s.evidences}
    problems = []
    for p in kb.practices:
        if p.dimension not in dims:
            problems.append(f"{p.id}: unknown dimension {p.dimension}")
        problems += [
            f"{p.id}: unknown prerequisite {d}" for d in p.depends_on if d not in practices
        ]
        problems += [f"{p.id}: unknown source {s}" for s in p.sources if s not in sources]
        if p.id not in evidenced:
            problems.append(f"{p.id}: no signal evidences it")
    return problems


def _signal_and_rule_problems(kb: KnowledgeBase) -> list[str]:
    practices = {p.id for p in kb.practices}
    signals = {s.id for s in kb.signals}
    problems = [
        f"{s.id}: unknown practice {e.practice}"
        for s in kb.signals
        for e in s.evidences
        if e.practice not in practices
    ]
    for rule in kb.rules:
        for c in rule.when:
            if c.signal is not None and c.signal not in signals:
                problems.append(f"{rule.id}: unknown signal {c.signal}")
            if c.canvas is not None and c.canvas not in CANVAS_FACTS:
                problems.append(f"{rule.id}: unknown canvas fact {c.canvas}")
        problems += [
            f"{rule.id}: unknown practice {e.practice}"
            for e in rule.raise_
            if e.practice not in practices
        ]
    return problems


def find_cycle(kb: KnowledgeBase) -> list[str]:
    """Practices on a dependency cycle (empty when the graph is acyclic)."""
    deps = {p.id: [d for d in p.depends_on if d != p.id] for p in kb.practices}
    self_loops = [p.id for p in kb.practices if p.id in p.depends_on]
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> list[str]:
        if state.get(node) == 1:
            return path[path.index(node) :]
        if state.get(node) == 2 or node not in deps:
            return []
        state[node] = 1
        for nxt in deps[node]:
            cycle = visit(nxt, [*path, node])
            if cycle:
                return cycle
        state[node] = 2
        return []

    for start in sorted(deps):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return self_loops


def topological_order(kb: KnowledgeBase) -> list[str]:
    """Practice ids with every prerequisite before its dependents (file order otherwise)."""
    done: list[str] = []
    seen: set[str] = set()
    by_id = {p.id: p for p in kb.practices}

    def place(pid: str) -> None:
        if pid in seen:
            return
        seen.add(pid)
        for dep in by_id[pid].depends_on:
            place(dep)
        done.append(pid)

    for p in kb.practices:
        place(p.id)
    return done
