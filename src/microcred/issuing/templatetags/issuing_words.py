"""Audit actions in words: the log stores stable codes (the CSV export keeps them), the
page shows what happened in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTIONS = {
    "issued": _("Issued to a learner"),
    "vc_api_issued": _("Issued through the VC API"),
    "revoke": _("Revoked"),
    "suspend": _("Suspended"),
    "reinstate": _("Reinstated"),
    "batch_prepared": _("CSV file checked"),
    "batch_started": _("Batch started"),
}


@register.filter
def audit_action(code: str) -> str:
    """The action's words; an action without words yet shows its code rather than nothing."""
    words = ACTIONS.get(code)
    return str(words) if words is not None else code
