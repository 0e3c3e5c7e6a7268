"""Compare two canvas documents: per block, which items were added, removed or changed.

Items are matched by their stable ids, so renaming an item reads as "changed", not as one
removal plus one addition. Pure: works on the plain dicts stored in revisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from microcred.strategy.canvas.amounts import format_number
from microcred.strategy.canvas.document import BLOCKS, KINDS, item_title
from microcred.strategy.content import current_language


@dataclass(frozen=True)
class FieldChange:
    label: str | Promise
    old: str
    new: str


@dataclass(frozen=True)
class ItemChange:
    kind: str
    item: str
    title: str
    change: str  # "added" | "removed" | "changed"
    fields: tuple[FieldChange, ...] = ()

    @property
    def kind_label(self) -> str | Promise:
        return KINDS[self.kind].label


@dataclass(frozen=True)
class BlockDiff:
    block: str
    notes: tuple[str, str] | None
    items: tuple[ItemChange, ...]

    @property
    def changed(self) -> bool:
        return self.notes is not None or bool(self.items)


def _shown(value: Any, widget: str) -> str:
    """Amounts as the reader writes them (the active language); anything else as stored."""
    if widget == "amount" and value not in (None, ""):
        return format_number(str(value), current_language())
    return "" if value is None else str(value)


def _field_changes(kind: str, old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(
            spec.label,
            _shown(old.get(spec.name), spec.widget),
            _shown(new.get(spec.name), spec.widget),
        )
        for spec in KINDS[kind].fields
        if old.get(spec.name) != new.get(spec.name)
    )


def _kind_changes(kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[ItemChange]:
    before = {item["id"]: item for item in old.get(kind, [])}
    after = {item["id"]: item for item in new.get(kind, [])}
    changes = [
        ItemChange(kind, i, item_title(kind, item), "removed")
        for i, item in before.items()
        if i not in after
    ]
    for i, item in after.items():
        if i not in before:
            changes.append(ItemChange(kind, i, item_title(kind, item), "added"))
        elif fields := _field_changes(kind, before[i], item):
            changes.append(ItemChange(kind, i, item_title(kind, item), "changed", fields))
    return changes


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[BlockDiff]:
    """Block-by-block differences from ``old`` to ``new`` (all eight blocks, in order)."""
    diffs = []
    for block in BLOCKS:
        old_note = (old.get("notes") or {}).get(block, "")
        new_note = (new.get("notes") or {}).get(block, "")
        notes = (old_note, new_note) if old_note != new_note else None
        items = [
            change
            for kind, spec in KINDS.items()
            if spec.block == block
            for change in _kind_changes(kind, old, new)
        ]
        diffs.append(BlockDiff(block, notes, tuple(items)))
    return diffs
