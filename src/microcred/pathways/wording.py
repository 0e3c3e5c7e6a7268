"""Rules, refusals and reasons in words, in the active language (never a code)."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred.pathways import progress as p
from microcred.pathways.progress import Resolved, RuleOutcome

__all__ = ["describe_rule", "not_counted_reason", "outcome_detail", "rule_error_message"]

_FRAMEWORKS = {"eqf": "EQF", "tqf": "TQF"}


def _names(resolved: Resolved) -> str:
    return "; ".join(c.label for c in resolved.components)


def describe_rule(resolved: Resolved) -> str:
    rule = resolved.rule
    if rule.kind == "all_of":
        return _("All of: %(components)s") % {"components": _names(resolved)}
    if rule.kind == "n_of":
        return _("At least %(n)d of: %(components)s") % {
            "n": rule.n,
            "components": _names(resolved),
        }
    if rule.kind == "min_ects":
        return _("At least %(ects)s ECTS credits from the counted micro-credentials") % {
            "ects": rule.ects
        }
    if rule.kind == "min_level":
        return _("Only micro-credentials at %(framework)s level %(level)d or above count") % {
            "framework": _FRAMEWORKS[rule.framework],
            "level": rule.level,
        }
    return _window_text(rule.months, rule.after)


def _window_text(months: int, after: date | None) -> str:
    if after is None:
        return ngettext(
            "Counted micro-credentials were issued within %(months)d month of each other",
            "Counted micro-credentials were issued within %(months)d months of each other",
            months,
        ) % {"months": months}
    when = date_format(after)
    if not months:
        return _("Counted micro-credentials were issued on or after %(date)s") % {"date": when}
    return ngettext(
        "Counted micro-credentials were issued on or after %(date)s, within %(months)d month "
        "of each other",
        "Counted micro-credentials were issued on or after %(date)s, within %(months)d months "
        "of each other",
        months,
    ) % {"date": when, "months": months}


def outcome_detail(outcome: RuleOutcome) -> str:
    """What the learner has, or still needs, for one rule."""
    rule = outcome.rule
    if rule.kind in ("all_of", "n_of"):
        if outcome.met:
            return ""
        needed = len(outcome.matched) + len(outcome.missing) if rule.kind == "all_of" else rule.n
        return _("%(have)d of %(need)d so far. Still missing: %(missing)s") % {
            "have": len(outcome.matched),
            "need": needed,
            "missing": "; ".join(c.label for c in outcome.missing),
        }
    if rule.kind == "min_ects":
        return _("%(have)s of %(need)s ECTS credits counted.") % {
            "have": outcome.ects,
            "need": rule.ects,
        }
    if rule.kind == "window" and rule.months:
        return ngettext(
            "Your counted micro-credentials span %(span)d month.",
            "Your counted micro-credentials span %(span)d months.",
            outcome.span_months,
        ) % {"span": outcome.span_months}
    return "" if outcome.met else _("Nothing counted yet.")


def not_counted_reason(reason: str) -> str:
    return {
        p.NOT_VERIFIED: _("does not verify now (revoked, suspended, expired or not authentic)"),
        p.BELOW_LEVEL: _("below the level the pathway requires"),
        p.TOO_EARLY: _("issued before the date the pathway requires"),
        p.NO_ID: _("has no identifier, so a stacked credential could not name it"),
    }.get(reason, _("does not count"))


def rule_error_message(code: str) -> str:
    """The precise message for a refused rule (``rules.RuleError`` codes)."""
    messages = {
        "rule_invalid": _("Choose a kind of rule."),
        "components_missing": _("Choose at least one micro-credential for this rule."),
        "components_too_many": _("A rule lists at most 50 micro-credentials."),
        "component_invalid": _(
            "A micro-credential of this rule cannot be read: choose your organisation's "
            "specifications, and write other issuers' achievements as “achievement id | "
            "issuer id | name”."
        ),
        "component_issuer_missing": _(
            "Each achievement of another issuer needs the issuer's id (a DID or URL) after a “|”."
        ),
        "component_repeated": _("The same micro-credential is listed twice in this rule."),
        "n_invalid": _(
            "“N” must be a whole number from 1 to the number of micro-credentials listed."
        ),
        "ects_invalid": _("Give the ECTS credits as a number above 0 and at most 600."),
        "framework_invalid": _("Choose EQF or TQF."),
        "level_invalid": _("Choose a level from 1 to 8."),
        "months_invalid": _("Give the months as a whole number from 1 to 240."),
        "date_invalid": _("Give the date as YYYY-MM-DD."),
        "window_empty": _("Give a number of months, a date, or both."),
        "rules_invalid": _("The pathway's rules cannot be read."),
    }
    return messages.get(code, messages["rules_invalid"])
