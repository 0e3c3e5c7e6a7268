"""One error root for the platform: every exception class under ``src/microcred`` outside
the trust core derives from ``MicrocredError``, and every code is dotted, ``area.reason``.

The walk imports every module, so a new module with a new error is checked without being
listed here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import microcred
from microcred.infra.errors import MicrocredError

SRC = Path(microcred.__file__).parent
#: The trust core stands alone with its own root, ``VcError`` (it is installed without the
#: platform).
TRUST_CORE = "microcred.vc"
#: Modules that build the WSGI/ASGI application when imported: they define no classes.
APPLICATIONS = ("microcred.web.wsgi", "microcred.web.asgi", "microcred.cli.__main__")
DOTTED = re.compile(r"^[a-z]+\.[a-z0-9_]+$")


def _platform_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(SRC)], "microcred."):
        name = info.name
        if name.startswith((TRUST_CORE, *APPLICATIONS)) or ".migrations" in name:
            continue
        names.append(name)
    return names


def _exception_classes() -> list[type[BaseException]]:
    found = []
    for name in _platform_modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == name
            ):
                found.append(value)
    return found


def test_the_walk_finds_the_families() -> None:
    names = {kind.__name__ for kind in _exception_classes()}
    assert {"IssuingError", "OrganizationError", "KeyStoreError", "ApiError"} <= names


def test_every_platform_exception_derives_from_microcred_error() -> None:
    strays = [
        f"{kind.__module__}.{kind.__qualname__}"
        for kind in _exception_classes()
        if not issubclass(kind, MicrocredError)
    ]
    assert strays == []


def test_no_platform_error_is_a_trust_core_error() -> None:
    from microcred.vc.errors import VcError

    assert [kind for kind in _exception_classes() if issubclass(kind, VcError)] == []


def test_every_default_code_is_dotted() -> None:
    kinds = [kind for kind in _exception_classes() if issubclass(kind, MicrocredError)]
    assert [kind.code for kind in kinds if not DOTTED.match(kind.code)] == []


def _codes_given_at_raise_sites(path: Path, errors: set[str]) -> list[str]:
    """Literal ``code="…"`` passed to a platform error's constructor in one file."""
    codes = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name not in errors:
            continue
        given = [k.value for k in node.keywords if k.arg == "code"]
        if name == "ApiError" and len(node.args) > 1:
            given.append(node.args[1])
        codes += [str(v.value) for v in given if isinstance(v, ast.Constant)]
    return codes


def test_every_code_given_at_a_raise_site_is_dotted() -> None:
    errors = {k.__name__ for k in _exception_classes() if issubclass(k, MicrocredError)}
    files = [path for path in SRC.rglob("*.py") if path.relative_to(SRC).parts[0] != "vc"]
    codes = [code for path in files for code in _codes_given_at_raise_sites(path, errors)]
    assert len(codes) > 100  # the walk sees the raise sites
    assert [code for code in codes if not DOTTED.match(code)] == []
