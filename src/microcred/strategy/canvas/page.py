"""Shapes plain canvas data into what the templates render (Django templates cannot index by
variable, so each form field arrives with its label, value and choices already paired)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.organizations.access import OrgContext
from microcred.organizations.models import Membership
from microcred.strategy.canvas.checks import check_canvas, progress
from microcred.strategy.canvas.document import (
    BLOCKS,
    FieldSpec,
    KindSpec,
    item_title,
    kinds_of,
)
from microcred.strategy.content import block_texts, key_interfaces
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


def _fields(
    kind: KindSpec, item: dict[str, Any], canvas: dict[str, Any], factors: dict[str, str], url: str
) -> list[dict[str, Any]]:
    rows = []
    for spec in kind.fields:
        value = item.get(spec.name)
        row: dict[str, Any] = {
            "name": spec.name,
            "label": spec.label,
            "widget": spec.widget,
            "value": "" if value is None else str(value),
            "choices": _choices(spec, canvas),
            "optional": kind.model.model_fields[spec.name].default is None,
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


def blocks(snapshot: dict[str, Any], org: OrgContext, strategy: Strategy) -> list[dict[str, Any]]:
    """Each block with its texts, notes, items as filled forms, and an empty form per kind."""
    canvas = snapshot["canvas"]
    factors = {f["id"]: f["title"] for f in snapshot["steep"]}
    flags: dict[str, list[str]] = defaultdict(list)
    for finding in check_canvas(snapshot):
        if finding.item:
            flags[finding.item].append(finding.message)
    base = {"org": org.organization.slug, "sid": strategy.public_id}
    steep_url = reverse("strategy:steep", kwargs=base)
    texts = block_texts()
    result = []
    for block in BLOCKS:
        kinds = []
        for kind in kinds_of(block):
            items = [
                {
                    "id": item["id"],
                    "title": item_title(kind.kind, item),
                    "fields": _fields(kind, item, canvas, factors, steep_url),
                    "flags": flags.get(item["id"], []),
                    "save_url": reverse(
                        "strategy:item_save", kwargs={**base, "kind": kind.kind, "item": item["id"]}
                    ),
                    "delete_url": reverse(
                        "strategy:item_delete",
                        kwargs={**base, "kind": kind.kind, "item": item["id"]},
                    ),
                }
                for item in canvas.get(kind.kind, [])
            ]
            blank = [f for f in _fields(kind, {}, canvas, factors, steep_url)]
            add_url = reverse("strategy:item_add", kwargs={**base, "kind": kind.kind})
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
