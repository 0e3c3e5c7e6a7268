"""Each rule of a pathway, through the pure evaluator: all of, N of, ECTS, level, time
window, a named achievement of another issuer, any issuer the registry recognises for a
field, and credentials that do not verify (never counted)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from microcred.pathways.evidence import Evidence
from microcred.pathways.progress import (
    BELOW_LEVEL,
    NO_ID,
    NOT_VERIFIED,
    TOO_EARLY,
    Component,
    Resolved,
    evaluate,
)
from microcred.pathways.rules import ComponentRef, Rule, RuleError, parse_rule, parse_rules
from microcred.vc.verify.trust import TrustedIssuer

UNI, ACADEMY, STRANGER = "did:web:uni.example", "did:web:academy.example", "did:web:x.example"
PY, SQL, ML = (
    "https://uni.example/a/py",
    "https://uni.example/a/sql",
    "https://academy.example/a/ml",
)


def held(
    ref: str,
    achievement: str,
    issuer: str,
    *,
    on: datetime = datetime(2026, 5, 1, tzinfo=UTC),
    ects: str | None = "2.5",
    eqf: int | None = 6,
    verified: bool = True,
    with_id: bool = True,
) -> Evidence:
    ident = f"urn:uuid:{ref}"
    return Evidence(
        ref=ref,
        credential_id=ident if with_id else None,
        achievement_id=achievement,
        title=ref,
        issuer_id=issuer,
        issuer_name=issuer,
        issued=on,
        ects=None if ects is None else Decimal(ects),
        eqf=eqf,
        tqf=eqf,
        verified=verified,
        failure="" if verified else "revoked",
    )


def named(achievement: str, issuer: str) -> Component:
    ref = ComponentRef("achievement", achievement, issuer)
    return Component(ref, achievement, frozenset({achievement}), frozenset({issuer}))


def field(name: str) -> Component:
    return Component(ComponentRef("field", name), name, field=name)


def rule(kind: str, *components: Component, **values: object) -> Resolved:
    data: dict[str, object] = {"kind": kind, **values}
    if components:
        data["components"] = [c.ref.to_json() for c in components]
    return Resolved(parse_rule(data), components)


PY_C, SQL_C, ML_C = named(PY, UNI), named(SQL, UNI), named(ML, ACADEMY)


def test_all_of_is_met_only_with_every_component_and_says_what_is_missing() -> None:
    rules = [rule("all_of", PY_C, ML_C)]
    half = evaluate(rules, [held("py", PY, UNI)])
    assert not half.complete
    assert half.outcomes[0].missing == (ML_C,)
    assert [e.ref for e in half.counted] == ["py"]
    full = evaluate(rules, [held("py", PY, UNI), held("ml", ML, ACADEMY)])
    assert full.complete
    assert full.outcomes[0].missing == ()


def test_n_of_needs_n_distinct_components() -> None:
    rules = [rule("n_of", PY_C, SQL_C, ML_C, n=2)]
    assert not evaluate(rules, [held("py", PY, UNI)]).complete
    twice = evaluate(rules, [held("py", PY, UNI), held("py2", PY, UNI)])
    assert not twice.complete  # the same component twice is still one of three
    done = evaluate(rules, [held("py", PY, UNI), held("sql", SQL, UNI)])
    assert done.complete
    assert len(done.outcomes[0].matched) == 2


def test_min_ects_sums_the_counted_components_only() -> None:
    rules = [rule("n_of", PY_C, SQL_C, ML_C, n=1), rule("min_ects", ects="5")]
    one = evaluate(rules, [held("py", PY, UNI), held("other", "https://x/a", STRANGER, ects="30")])
    assert one.ects == Decimal("2.5")
    assert not one.complete
    assert one.outcomes[1].ects == Decimal("2.5")
    two = evaluate(rules, [held("py", PY, UNI), held("ml", ML, ACADEMY)])
    assert two.ects == Decimal("5.0")
    assert two.complete


def test_min_level_leaves_out_what_is_below_it() -> None:
    rules = [rule("all_of", PY_C, ML_C), rule("min_level", framework="eqf", level=6)]
    low = evaluate(rules, [held("py", PY, UNI), held("ml", ML, ACADEMY, eqf=5)])
    assert not low.complete
    assert [(e.ref, why) for e, why in low.not_counted] == [("ml", BELOW_LEVEL)]
    unlevelled = evaluate(rules, [held("py", PY, UNI), held("ml", ML, ACADEMY, eqf=None)])
    assert not unlevelled.complete  # no level stated: it cannot be shown to meet it
    assert evaluate(rules, [held("py", PY, UNI), held("ml", ML, ACADEMY, eqf=7)]).complete


def test_time_window_by_months_and_by_date() -> None:
    early, late = datetime(2024, 1, 10, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC)
    within = [rule("all_of", PY_C, ML_C), rule("window", months=12)]
    spread = evaluate(within, [held("py", PY, UNI, on=early), held("ml", ML, ACADEMY, on=late)])
    assert not spread.complete
    assert spread.outcomes[1].span_months == 28
    close = evaluate(
        within,
        [
            held("py", PY, UNI, on=datetime(2025, 9, 1, tzinfo=UTC)),
            held("ml", ML, ACADEMY, on=late),
        ],
    )
    assert close.complete
    assert close.outcomes[1].span_months == 8
    after = [rule("all_of", PY_C, ML_C), rule("window", after="2025-01-01")]
    old = evaluate(after, [held("py", PY, UNI, on=early), held("ml", ML, ACADEMY, on=late)])
    assert not old.complete
    assert [(e.ref, why) for e, why in old.not_counted] == [("py", TOO_EARLY)]


def test_a_named_achievement_counts_only_from_its_issuer() -> None:
    rules = [rule("all_of", ML_C)]
    assert not evaluate(rules, [held("fake", ML, STRANGER)]).advances
    assert evaluate(rules, [held("ml", ML, ACADEMY)]).complete


def test_any_issuer_the_registry_recognises_for_the_field_when_it_issued() -> None:
    recognised = TrustedIssuer(
        id=ACADEMY,
        name="Academy",
        valid_from=datetime(2025, 1, 1, tzinfo=UTC),
        valid_until=datetime(2027, 1, 1, tzinfo=UTC),
        fields_of_study=("Data Science", "Statistics"),
    )
    rules = [rule("all_of", PY_C, field("data science"))]
    some = held("any", "https://academy.example/a/any", ACADEMY)
    assert evaluate(rules, [held("py", PY, UNI), some], [recognised]).complete
    before = held(
        "old", "https://academy.example/a/any", ACADEMY, on=datetime(2024, 6, 1, tzinfo=UTC)
    )
    assert not evaluate(rules, [held("py", PY, UNI), before], [recognised]).complete
    other_field = [rule("all_of", PY_C, field("Law"))]
    assert not evaluate(other_field, [held("py", PY, UNI), some], [recognised]).complete
    stranger = held("s", "https://x/a", STRANGER)
    assert not evaluate(rules, [held("py", PY, UNI), stranger], [recognised]).complete


def test_a_credential_that_does_not_verify_is_never_counted() -> None:
    rules = [rule("all_of", PY_C, ML_C)]
    progress = evaluate(rules, [held("py", PY, UNI), held("ml", ML, ACADEMY, verified=False)])
    assert not progress.complete
    assert [(e.ref, why) for e, why in progress.not_counted] == [("ml", NOT_VERIFIED)]
    assert progress.outcomes[0].missing == (ML_C,)
    assert [e.ref for e in progress.counted] == ["py"]


def test_a_credential_without_an_id_cannot_be_bound_so_does_not_count() -> None:
    progress = evaluate([rule("all_of", PY_C)], [held("py", PY, UNI, with_id=False)])
    assert not progress.complete
    assert progress.not_counted[0][1] == NO_ID


def test_unrelated_credentials_are_neither_counted_nor_listed() -> None:
    progress = evaluate(
        [rule("all_of", PY_C)], [held("x", "https://x/a", STRANGER, verified=False)]
    )
    assert progress.not_counted == ()
    assert not progress.advances


def test_without_component_rules_every_verified_credential_counts() -> None:
    rules = [rule("min_ects", ects="5"), rule("min_level", framework="tqf", level=6)]
    progress = evaluate(
        rules, [held("a", PY, UNI), held("b", ML, ACADEMY), held("c", SQL, UNI, eqf=4)]
    )
    assert progress.complete
    assert progress.ects == Decimal("5.0")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"kind": "nonsense"}, "rule_invalid"),
        ({"kind": "all_of", "components": []}, "components_missing"),
        ({"kind": "n_of", "components": [{"kind": "field", "ref": "Law"}], "n": 2}, "n_invalid"),
        ({"kind": "min_ects", "ects": "-1"}, "ects_invalid"),
        ({"kind": "min_ects", "ects": "NaN"}, "ects_invalid"),
        ({"kind": "min_level", "framework": "xqf", "level": 6}, "framework_invalid"),
        ({"kind": "min_level", "framework": "eqf", "level": 9}, "level_invalid"),
        ({"kind": "window"}, "window_empty"),
        ({"kind": "window", "after": "01/02/2025"}, "date_invalid"),
        (
            {"kind": "all_of", "components": [{"kind": "achievement", "ref": PY}]},
            "component_issuer_missing",
        ),
        (
            {
                "kind": "all_of",
                "components": [{"kind": "field", "ref": "Law"}, {"kind": "field", "ref": "Law"}],
            },
            "component_repeated",
        ),
    ],
)
def test_rules_that_make_no_sense_are_refused_with_a_code(
    data: dict[str, object], code: str
) -> None:
    with pytest.raises(RuleError) as refused:
        parse_rule(data)
    assert refused.value.code == f"pathways.{code}"


def test_rules_round_trip_through_their_json() -> None:
    rules = parse_rules(
        [
            {
                "kind": "n_of",
                "components": [{"kind": "spec", "ref": "abc"}, {"kind": "field", "ref": "Law"}],
                "n": 1,
            },
            {"kind": "window", "months": 6, "after": "2025-01-01"},
            {"kind": "min_ects", "ects": "7.5"},
        ]
    )
    assert parse_rules([r.to_json() for r in rules]) == rules
    assert rules[1] == Rule("window", months=6, after=date(2025, 1, 1))
