"""Shapes plain canvas data into what the templates render (Django templates cannot index by
variable, so each form field arrives with its label, value and choices already paired)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.organizations.access import OrgContext
from microcred.organizations.models import Membership
from microcred.strategy.canvas.amounts import default_currency, format_number
from microcred.strategy.canvas.checks import check_canvas, progress
from microcred.strategy.canvas.document import (
    BLOCKS,
    KINDS,
    FieldSpec,
    KindSpec,
    item_title,
    kinds_of,
)
from microcred.strategy.content import block_texts, current_language, key_interfaces
from microcred.strategy.models import Strategy, TeamRole


def checks_context(snapshot: dict[str, Any]) -> dict[str, Any]:
    findings = check_canvas(snapshot)
    blocks = progress(findings)
    texts = block_texts()
    return {
        "findings": findings,
        "progress": [(texts[p.block], p) for p in blocks],
        "complete_blocks": sum(p.complete for p in blocks),
        "block_count": len(BLOCKS),
    }


def _choices(spec: FieldSpec, canvas: dict[str, Any]) -> list[tuple[str, str]]:
    if spec.widget == "ref":
        return [(i["id"], item_title(spec.ref_kind, i)) for i in canvas.get(spec.ref_kind, [])]
    return [(value, str(label)) for value, label in spec.choices]


@dataclass(frozen=True)
class Refused:
    """A submitted item form that was refused: what was typed stays, each error beside its field.

    ``item`` is empty for the form that adds a new item of ``kind``.
    """

    kind: str
    item: str
    typed: Mapping[str, str]
    errors: Mapping[str, str]

    @property
    def prefix(self) -> str:
        return self.item or f"new-{self.kind}"

    def summary(self) -> list[dict[str, str]]:
        """The error summary's lines, each linking to its field."""
        labels = {spec.name: str(spec.label) for spec in KINDS[self.kind].fields}
        return [
            {"href": f"#{self.prefix}-{name}", "label": labels.get(name, name), "message": text}
            for name, text in self.errors.items()
        ]


def _shown(spec: FieldSpec, value: Any, language: str) -> str:
    """A stored value as the form shows it: amounts in the page's language, a currency chosen."""
    if spec.widget == "amount" and value not in (None, ""):
        return format_number(str(value), language)
    if spec.name == "currency" and not value:
        return default_currency(language)
    return "" if value is None else str(value)


def _fields(
    kind: KindSpec,
    item: dict[str, Any],
    canvas: dict[str, Any],
    factors: dict[str, str],
    url: str,
    refused: Refused | None = None,
) -> list[dict[str, Any]]:
    language = current_language()
    rows = []
    for spec in kind.fields:
        value = item.get(spec.name)
        shown = _shown(spec, value, language)
        if refused is not None and spec.widget != "readonly":
            shown = str(refused.typed.get(spec.name, ""))
        row: dict[str, Any] = {
            "name": spec.name,
            "label": spec.label,
            "widget": spec.widget,
            "value": shown,
            "choices": _choices(spec, canvas),
            "optional": kind.model.model_fields[spec.name].default is None,
            "error": refused.errors.get(spec.name, "") if refused else "",
        }
        if kind.kind == "interfaces" and spec.name == "unit":
            row["suggestions"] = key_interfaces()
        if spec.widget == "readonly":
            if not value:
                continue
            row["value"] = factors.get(str(value), _("(removed factor)"))
            row["link"] = f"{url}#factor-{value}"
        rows.append(row)
    return rows


def _refused_for(refused: Refused | None, kind: str, item: str) -> Refused | None:
    return refused if refused and refused.kind == kind and refused.item == item else None


def _flags(snapshot: dict[str, Any]) -> dict[str, list[str]]:
    """The checks' findings per item id (shown on the item's form)."""
    flags: dict[str, list[str]] = defaultdict(list)
    for finding in check_canvas(snapshot):
        if finding.item:
            flags[finding.item].append(finding.message)
    return flags


def _items(
    kind: KindSpec,
    snapshot: dict[str, Any],
    flags: dict[str, list[str]],
    base: dict[str, str],
    refused: Refused | None,
) -> list[dict[str, Any]]:
    """The kind's items as filled forms, each with its checks' flags and its URLs."""
    canvas = snapshot["canvas"]
    factors = {f["id"]: f["title"] for f in snapshot["steep"]}
    steep_url = reverse("strategy:steep", kwargs=base)
    return [
        {
            "id": item["id"],
            "title": item_title(kind.kind, item),
            "fields": _fields(
                kind, item, canvas, factors, steep_url, _refused_for(refused, kind.kind, item["id"])
            ),
            "flags": flags.get(item["id"], []),
            "save_url": reverse(
                "strategy:item_save", kwargs={**base, "kind": kind.kind, "item": item["id"]}
            ),
            "delete_url": reverse(
                "strategy:item_delete", kwargs={**base, "kind": kind.kind, "item": item["id"]}
            ),
        }
        for item in canvas.get(kind.kind, [])
    ]


def blocks(
    snapshot: dict[str, Any], org: OrgContext, strategy: Strategy, refused: Refused | None = None
) -> list[dict[str, Any]]:
    """Each block with its texts, notes, items as filled forms, and an empty form per kind;
    a ``refused`` form shows what was typed and its errors instead of what is stored."""
    canvas = snapshot["canvas"]
    base = {"org": org.organization.slug, "sid": strategy.public_id}
    texts = block_texts()
    flags = _flags(snapshot)
    result = []
    for block in BLOCKS:
        kinds = []
        for kind in kinds_of(block):
            new = _refused_for(refused, kind.kind, "")
            blank = _fields(kind, {}, canvas, {}, "", new)
            add_url = reverse("strategy:item_add", kwargs={**base, "kind": kind.kind})
            items = _items(kind, snapshot, flags, base, refused)
            kinds.append({"spec": kind, "items": items, "blank": blank, "add_url": add_url})
        notes_url = reverse("strategy:notes", kwargs={**base, "block": block})
        result.append(
            {
                "key": block,
                "text": texts[block],
                "notes": (canvas.get("notes") or {}).get(block, ""),
                "notes_url": notes_url,
                "kinds": kinds,
            }
        )
    return result


def team(strategy: Strategy) -> list[dict[str, Any]]:
    """Every member of the organisation with the design-team role they took (if any)."""
    roles = {t.user_id: t.get_role_display() for t in TeamRole.objects.filter(strategy=strategy)}
    users = User.objects.filter(
        pk__in=Membership.objects.filter(organization=strategy.organization).values("user")
    ).order_by("email")
    return [{"email": u.email, "role": roles.get(u.pk, "")} for u in users]


def role_of(strategy: Strategy, user: User) -> str:
    found = TeamRole.objects.filter(strategy=strategy, user=user).first()
    return found.role if found else ""
