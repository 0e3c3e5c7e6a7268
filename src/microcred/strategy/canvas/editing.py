"""Changing a canvas: every change is validated, applied to the locked row, and recorded.

Changes are item-level operations on the freshly locked document (``select_for_update``), so
two team members editing different items at the same time never overwrite each other, and a
change that does not validate leaves the canvas and its history untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from pydantic import ValidationError

from microcred.accounts.models import User
from microcred.strategy.canvas.amounts import SYMBOLS, AmountError, parse_amount
from microcred.strategy.canvas.document import (
    BLOCKS,
    KINDS,
    Canvas,
    KindSpec,
    item_title,
    new_item_id,
)
from microcred.strategy.errors import InvalidInput, NotFound
from microcred.strategy.models import Revision, Strategy

Change = Callable[[dict[str, Any]], tuple[str, str, str] | None]
"""Mutates the document; returns (action, subject, label) or None when nothing changed."""

REFS = {"target_group": "target_groups", "funding_source": "revenue_sources"}


def _error_text(error_type: str) -> str:
    if error_type in {"missing", "string_too_short"}:
        return _("This field is required.")
    if error_type.startswith("decimal") or error_type in {"greater_than_equal"}:
        return _("Enter a number of zero or more.")
    if error_type.startswith("date"):
        return _("Enter a date (YYYY-MM-DD).")
    if error_type == "string_too_long":
        return _("This text is too long.")
    return _("Choose one of the offered values.")


def _field_label(spec: KindSpec, name: str) -> str:
    for field in spec.fields:
        if field.name == name:
            return str(field.label)
    return name


def _refused(spec: KindSpec, fields: dict[str, str]) -> InvalidInput:
    """One message per bad field, keyed by the field (shown beside it) and labelled (listed)."""
    listed = [f"{_field_label(spec, name)}: {message}" for name, message in fields.items()]
    return InvalidInput(listed, fields)


def _amount(text: str, currency: str, language: str) -> str:
    """The amount as stored (``"1000000.50"``); the currency written with it must agree."""
    value, written = parse_amount(text, language)
    if written and written != currency:
        raise AmountError(
            _("The amount is written in %(written)s but the currency chosen is %(chosen)s.")
            % {"written": SYMBOLS[written], "chosen": SYMBOLS.get(currency, currency)}
        )
    return str(value)


def form_values(kind: str, data: Mapping[str, str], language: str) -> dict[str, Any]:
    """The editable fields of ``kind`` from a submitted form; blanks become None where optional.

    Amounts are read in ``language`` (the page's); an unreadable one is refused here, with
    the field it belongs to, before anything is validated or stored.
    """
    spec = KINDS[kind]
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in spec.fields:
        if field.widget == "readonly":
            continue
        text = str(data.get(field.name) or "").strip()
        if field.name == "currency" and not text:
            continue  # not sent: the item keeps its currency (a new one takes the default)
        optional = spec.model.model_fields[field.name].default is None
        values[field.name] = None if optional and not text else text
        if field.widget == "amount" and text:
            currency = str(data.get("currency") or "TRY")
            try:
                values[field.name] = _amount(text, currency, language)
            except AmountError as error:
                errors[field.name] = str(error)
    if errors:
        raise _refused(spec, errors)
    return values


def validate_item(kind: str, raw: dict[str, Any], canvas: dict[str, Any]) -> dict[str, Any]:
    """The item as stored JSON, or InvalidInput naming each bad field in the user's language."""
    spec = KINDS[kind]
    try:
        item = spec.model.model_validate(raw).model_dump(mode="json")
    except ValidationError as error:
        fields: dict[str, str] = {}
        for detail in error.errors():
            name = str(detail["loc"][0]) if detail["loc"] else ""
            fields.setdefault(name, _error_text(detail["type"]))
        raise _refused(spec, fields) from error
    for name, target_kind in REFS.items():
        ref = item.get(name)
        if ref and ref not in {i["id"] for i in canvas.get(target_kind, [])}:
            raise _refused(spec, {name: _("It no longer exists.")})
    return item


def apply(strategy: Strategy, author: User | None, change: Change) -> Strategy:
    """Run ``change`` on the locked canvas, validate the whole document, record a revision."""
    with transaction.atomic():
        locked = Strategy.objects.select_for_update().get(pk=strategy.pk)
        document = copy.deepcopy(locked.canvas)
        outcome = change(document)
        if outcome is not None:
            locked.canvas = Canvas.model_validate(document).model_dump(mode="json")
            locked.save(update_fields=["canvas", "updated"])
            record(locked, author, *outcome)
    strategy.canvas = locked.canvas
    return locked


def record(strategy: Strategy, author: User | None, action: str, subject: str, label: str) -> None:
    last = strategy.revisions.aggregate(n=Max("number"))["n"] or 0
    Revision.objects.create(
        strategy=strategy,
        number=last + 1,
        author=author,
        snapshot=strategy.canvas,
        action=action,
        subject=subject,
        label=label[:300],
    )


def _find(document: dict[str, Any], kind: str, item_id: str) -> dict[str, Any]:
    for item in document.get(kind, []):
        if item["id"] == item_id:
            return dict(item)
    raise NotFound(f"{kind}/{item_id}")


def add_item(strategy: Strategy, author: User | None, kind: str, values: dict[str, Any]) -> str:
    """Append a new item of ``kind``; returns its id."""
    item_id = new_item_id()

    def change(document: dict[str, Any]) -> tuple[str, str, str]:
        item = validate_item(kind, {**values, "id": item_id}, document)
        document.setdefault(kind, []).append(item)
        return Revision.Action.ADDED, kind, item_title(kind, item)

    apply(strategy, author, change)
    return item_id


def update_item(
    strategy: Strategy, author: User | None, kind: str, item_id: str, values: dict[str, Any]
) -> None:
    """Replace the editable fields of one item (read-only links such as a STEEP factor stay)."""

    def change(document: dict[str, Any]) -> tuple[str, str, str] | None:
        old = _find(document, kind, item_id)
        item = validate_item(kind, {**old, **values, "id": item_id}, document)
        if item == old:
            return None
        document[kind] = [item if i["id"] == item_id else i for i in document[kind]]
        return Revision.Action.CHANGED, kind, item_title(kind, item)

    apply(strategy, author, change)


def delete_item(strategy: Strategy, author: User | None, kind: str, item_id: str) -> None:
    def change(document: dict[str, Any]) -> tuple[str, str, str]:
        old = _find(document, kind, item_id)
        document[kind] = [i for i in document[kind] if i["id"] != item_id]
        return Revision.Action.REMOVED, kind, item_title(kind, old)

    apply(strategy, author, change)


def set_notes(strategy: Strategy, author: User | None, block: str, text: str) -> None:
    if block not in BLOCKS:
        raise NotFound(block)
    cleaned = text.strip()
    if len(cleaned) > 4000:
        raise InvalidInput([_("This text is too long.")])

    def change(document: dict[str, Any]) -> tuple[str, str, str] | None:
        notes = document.setdefault("notes", {})
        if notes.get(block, "") == cleaned:
            return None
        notes[block] = cleaned
        return Revision.Action.NOTES, block, ""

    apply(strategy, author, change)
