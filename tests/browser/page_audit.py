"""What every main page must pass on a phone and a desktop: no sideways scrolling and no
serious or critical accessibility violation found by axe-core.

axe-core comes from the npm registry, pinned in ``tests/browser/axe/package-lock.json``
and installed by ``scripts/browser-setup``; it is injected from that file, never fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
#: The impacts that fail a page; "minor" and "moderate" findings are reported, not failed.
FAILING = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    impact: str
    targets: tuple[str, ...]
    help: str

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help} at {', '.join(self.targets[:4])}"


def axe_findings(page: Page) -> list[Finding]:
    """Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page as shown."""
    if not AXE.is_file():
        raise RuntimeError(f"{AXE} is missing: run scripts/browser-setup (scripts/test does)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        """() => axe.run(document, {resultTypes: ['violations']})"""
    )
    return [
        Finding(
            rule=violation["id"],
            impact=str(violation.get("impact") or ""),
            targets=tuple(str(node["target"]) for node in violation["nodes"]),
            help=violation["help"],
        )
        for violation in result["violations"]
    ]


def failing(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.impact in FAILING]


def overflow(page: Page) -> str:
    """Empty when the page fits its viewport's width; else what sticks out, widest first."""
    return str(
        page.evaluate(
            """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return '';
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !el.closest('.table-scroll, [data-scroll]'))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
      + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
  return `scrollWidth ${document.documentElement.scrollWidth} > ${width}: ` + wide.join('; ');
}"""
        )
    )
