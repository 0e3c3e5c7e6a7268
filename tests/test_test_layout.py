"""Test modules never import each other: what several share lives in ``conftest.py``
(fixtures) or in a helper module (``tests/helpers.py``, ``tests/<dir>/helpers.py``).

A test module that imports another runs the other's module-level code and autouse
fixtures where nobody expects them, and couples two files that change for different
reasons. This test reads every module under ``tests/`` and names the offenders.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _is_test_module(module: str) -> bool:
    return module.rsplit(".", 1)[-1].startswith("test_")


def _imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports, relative imports resolved against its package."""
    package = path.relative_to(TESTS.parent).with_suffix("").parts[:-1]
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            found.append(module)
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def test_no_test_module_imports_another() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        relative = path.relative_to(TESTS).as_posix()
        for module in _imported_modules(path):
            if module.startswith("tests.") and _is_test_module(module):
                offenders.append(f"{relative} imports {module}")
    assert offenders == []


def test_the_rule_sees_relative_and_absolute_imports() -> None:
    """The scanner itself: both spellings of importing a sibling test module are caught."""
    sample = TESTS / "issuing" / "test_pages.py"
    assert "tests.issuing.helpers" in _imported_modules(sample)
    assert _is_test_module("tests.issuing.test_pages")
    assert not _is_test_module("tests.issuing.helpers")
