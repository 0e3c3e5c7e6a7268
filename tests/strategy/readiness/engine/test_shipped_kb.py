"""The shipped knowledge base meets the issue's acceptance rules."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from microcred.strategy.readiness.engine import default_kb, questionnaire
from microcred.strategy.readiness.engine.context import CANVAS_FACTS
from microcred.strategy.readiness.engine.loader import check_kb, find_cycle
from microcred.strategy.readiness.engine.models import Text


def _texts(model: BaseModel) -> list[Text]:
    found: list[Text] = []
    for value in model.__dict__.values():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, Text):
                found.append(item)
            elif isinstance(item, BaseModel):
                found += _texts(item)
    return found


def test_loads_clean() -> None:
    kb = default_kb()
    assert check_kb(kb) == []
    assert kb.kb_version


def test_54_practices_in_four_dimensions() -> None:
    kb = default_kb()
    counts = Counter(p.dimension for p in kb.practices)
    assert counts == {
        "policy_strategy": 14,
        "instructional_design": 14,
        "assessment_certification": 12,
        "sustainability_engagement": 14,
    }
    assert {d.id for d in kb.dimensions} == set(counts)


def test_every_practice_has_a_source_and_a_signal() -> None:
    kb = default_kb()
    keys = {s.key for s in kb.sources}
    for p in kb.practices:
        assert p.sources, p.id
        assert set(p.sources) <= keys, p.id
        assert kb.signals_of(p.id), p.id


def test_every_source_is_cited_and_external_ones_have_a_url() -> None:
    kb = default_kb()
    used = {k for p in kb.practices for k in p.sources}
    assert used == {s.key for s in kb.sources}
    seeds = {"S000", "S001", "S002", "OST"}
    assert all(s.url and s.url.startswith("https://") for s in kb.sources if s.key not in seeds)


def test_rules_refer_to_existing_things() -> None:
    kb = default_kb()
    signals = {s.id for s in kb.signals}
    practices = {p.id for p in kb.practices}
    for rule in kb.rules:
        for c in rule.when:
            assert c.signal is None or c.signal in signals, rule.id
            assert c.canvas is None or c.canvas in CANVAS_FACTS, rule.id
        assert all(e.practice in practices for e in rule.raise_), rule.id


def test_dependencies_exist_and_have_no_cycle() -> None:
    kb = default_kb()
    practices = {p.id for p in kb.practices}
    assert all(set(p.depends_on) <= practices for p in kb.practices)
    assert find_cycle(kb) == []


def test_both_languages_complete() -> None:
    kb = default_kb()
    texts = _texts(kb)
    assert len(texts) > 54 * 4 + 100
    for t in texts:
        assert t.en.strip()
        assert t.tr.strip()


def test_turkish_never_says_mikro_kredi() -> None:
    kb = default_kb()
    for t in _texts(kb):
        assert "mikro-kredi" not in t.tr.casefold()
        assert "mikrokredi" not in t.tr.casefold()


def test_questionnaire_asks_every_signal_once_per_language() -> None:
    kb = default_kb()
    for lang in ("en", "tr"):
        sections = questionnaire(kb, lang)
        asked = [q.signal for s in sections for q in s.questions]
        assert sorted(asked) == sorted(s.id for s in kb.signals)
        assert [s.dimension for s in sections] == [d.id for d in kb.dimensions]
    tr = questionnaire(kb, "tr")[0]
    assert tr.title == "Politika ve strateji"
    assert {o.label for o in tr.questions[0].options} == {"Evet", "Kısmen", "Hayır"}
