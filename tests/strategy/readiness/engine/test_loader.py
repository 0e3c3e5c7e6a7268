"""Broken knowledge bases are refused with every problem named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from microcred.strategy.readiness.engine import KnowledgeBaseError, load_kb
from microcred.strategy.readiness.engine.loader import DATA_DIR

from .tiny import tiny_raw


def _write(tmp_path: Path, raw: dict[str, Any]) -> Path:
    practices, signals = raw.pop("practices"), raw.pop("signals")
    (tmp_path / "kb.json").write_text(json.dumps(raw), encoding="utf-8")
    (tmp_path / "practices_all.json").write_text(
        json.dumps({"practices": practices, "signals": signals}), encoding="utf-8"
    )
    return tmp_path


def _problems(tmp_path: Path, raw: dict[str, Any]) -> tuple[str, ...]:
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(_write(tmp_path, raw))
    assert info.value.code == "readiness_kb_invalid"
    return info.value.problems


def test_tiny_kb_loads_from_files(tmp_path: Path) -> None:
    kb = load_kb(_write(tmp_path, tiny_raw()))
    assert [p.id for p in kb.practices] == ["PS-01", "PS-02", "ID-01", "ID-02"]


def test_dangling_references(tmp_path: Path) -> None:
    raw = tiny_raw()
    raw["practices"][1]["depends_on"] = ["PS-99"]
    raw["practices"][0]["sources"] = ["NOPE"]
    raw["signals"][0]["evidences"][0]["practice"] = "ID-99"
    raw["rules"][0]["raise"][0]["practice"] = "AC-01"
    raw["rules"][1]["when"][0]["canvas"] = "made_up_fact"
    raw["rules"][2]["when"][0]["signal"] = "s99"
    problems = _problems(tmp_path, raw)
    assert "PS-02: unknown prerequisite PS-99" in problems
    assert "PS-01: unknown source NOPE" in problems
    assert "s1: unknown practice ID-99" in problems
    assert "R-EMPLOYER: unknown practice AC-01" in problems
    assert "R-NO-PARTNER: unknown canvas fact made_up_fact" in problems
    assert "R-ANSWER: unknown signal s99" in problems


def test_practice_without_signal(tmp_path: Path) -> None:
    raw = tiny_raw()
    raw["signals"] = [s for s in raw["signals"] if s["id"] != "s4"]
    assert "ID-01: no signal evidences it" in _problems(tmp_path, raw)


def test_dependency_cycle(tmp_path: Path) -> None:
    raw = tiny_raw()
    raw["practices"][0]["depends_on"] = ["PS-02"]
    problems = _problems(tmp_path, raw)
    assert any(p.startswith("dependency cycle through") for p in problems)


def test_duplicate_ids(tmp_path: Path) -> None:
    raw = tiny_raw()
    raw["signals"].append(dict(raw["signals"][0]))
    assert "duplicate signal id s1" in _problems(tmp_path, raw)


def test_missing_translation_and_missing_source_are_schema_errors(tmp_path: Path) -> None:
    raw = tiny_raw()
    raw["practices"][0]["title"]["tr"] = ""
    raw["practices"][1]["sources"] = []
    (problem,) = _problems(tmp_path, raw)
    assert "practices.0.title.tr" in problem
    assert "practices.1.sources" in problem


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "kb.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"kb\.json"):
        load_kb(tmp_path)


def test_shipped_files_are_valid_json_utf8() -> None:
    files = sorted(DATA_DIR.glob("*.json"))
    assert len(files) == 5
    for f in files:
        assert isinstance(json.loads(f.read_text(encoding="utf-8")), dict)
