"""The walk: a compacted JSON-LD document straight to quads, without expanding it first.

JSON-LD toRdf is expansion, then a node map, then one triple per node property value.
For a tree-shaped document the node map only de-duplicates and merges nodes that share
an ``@id``, which a set of quads does by itself; so emitting each node's triples as the
walk meets them gives the same dataset. What must match pyld exactly is which active
context applies where, and the walk follows pyld's expansion step by step for that:

* a nested node object drops the type-scoped context it was met in (``previous``),
  unless it is a value object or a lone ``@id`` reference;
* the active property's scoped context then applies (again, as in pyld);
* then the node's own types' scoped contexts, looked up and applied in sorted order,
  with ``@type`` values themselves expanded in the context from before that step.

Anything outside the supported subset raises ``Unsupported``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microcred.vc.canon.fast_context import (
    ABSENT,
    Ctx,
    expand_document,
    expand_vocab,
    process,
    remember,
    resolve_inline,
)
from microcred.vc.canon.fast_terms import (
    RDF_FIRST,
    RDF_NIL,
    RDF_REST,
    RDF_TYPE,
    Unsupported,
    iri_term,
    literal,
    valid_language,
)
from microcred.vc.canon.quads import Quad

__all__ = ["Walk"]

# What a key of a JSON object is, in its active context.
PROPERTY, ID, TYPE, VALUE, LANGUAGE, INDEX, CONTEXT = range(7)
_KEYWORD_KINDS = {
    "@id": ID,
    "@type": TYPE,
    "@value": VALUE,
    "@language": LANGUAGE,
    "@index": INDEX,
}
# How a property coerces string values.
PLAIN, AS_ID, AS_VOCAB = range(3)


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do with one key of an object in one active context (memoised)."""

    kind: int
    predicate: str = ""
    key: str = ""
    term_ctx: Ctx | None = None
    coerce: int = PLAIN
    datatype: str | None = None
    language: str | None = None
    is_list: bool = False
    is_graph: bool = False


def plan_for(ctx: Ctx, key: str) -> Plan:
    plan = ctx.plans.get(key)
    if plan is None:
        plan = _make_plan(ctx, key)
        remember(ctx.plans, key, plan)
    return plan


def _make_plan(ctx: Ctx, key: object) -> Plan:
    if not isinstance(key, str):
        raise Unsupported("non-string key")
    if key == "@context":
        return Plan(CONTEXT)
    expanded = expand_vocab(ctx, key)
    if expanded is None:
        raise Unsupported(f"key {key!r} is defined as null")  # safe mode refuses it
    kind = _KEYWORD_KINDS.get(expanded)
    if kind is not None:
        return Plan(kind)
    predicate = iri_term(expanded)  # keywords we do not walk, relative IRIs, bnodes: out
    term = ctx.terms.get(key)
    if term is None:
        return Plan(PROPERTY, predicate, key, ctx, language=_language(ctx.language))
    if not term.supported:
        raise Unsupported(f"term {key!r} uses a feature the fast path does not reproduce")
    term_ctx = ctx
    if term.context is not ABSENT:
        term_ctx = process(ctx, resolve_inline(term.context), override_protected=True)
        if term_ctx.terms.get(key) != term:
            raise Unsupported(f"{key!r} is redefined by its own scoped context")
    container = term.container if isinstance(term.container, tuple) else ()
    coerce, datatype, language = PLAIN, None, None
    if term.type == "@id":
        coerce = AS_ID
    elif term.type == "@vocab":
        coerce = AS_VOCAB
    elif isinstance(term.type, str):
        datatype = term.type
    else:
        language = _language(term_ctx.language if term.language is ABSENT else term.language)
    return Plan(
        PROPERTY,
        predicate,
        key,
        term_ctx,
        coerce,
        datatype,
        language,
        "@list" in container,
        "@graph" in container,
    )


def _language(tag: object) -> str | None:
    return None if tag is None else valid_language(tag)


def _items(value: Any) -> list[Any]:
    """An array value flattened (pyld flattens nested arrays outside lists), nulls out."""
    if not isinstance(value, list):
        return [] if value is None else [value]
    items: list[Any] = []
    for item in value:
        if isinstance(item, list):
            items.extend(_items(item))
        elif item is not None:
            items.append(item)
    return items


class Walk:
    """One document's walk: the quads so far and the blank node counter."""

    __slots__ = ("counter", "quads")

    def __init__(self) -> None:
        self.quads: list[Quad] = []
        self.counter = 0

    def blank(self) -> str:
        label = f"_:b{self.counter}"
        self.counter += 1
        return label

    # --- objects --------------------------------------------------------------------

    def top(self, ctx: Ctx, document: dict[str, Any]) -> None:
        """The document itself: its @context is already in ``ctx``."""
        node_ctx, type_ctx = self._types(ctx, document)
        plans = self._plans(node_ctx, document, top=True)
        if any(plan.kind == VALUE for plan, _ in plans):
            raise Unsupported("top-level value object")
        self._node(node_ctx, type_ctx, plans, "")

    def object(self, ctx: Ctx, key: str, element: dict[str, Any], graph: str) -> str | None:
        """A JSON object met as a value of ``key``: its node or literal term, if any."""
        if "@context" in element:
            raise Unsupported("embedded @context")
        node_ctx, type_ctx = self._types(self._enter(ctx, key, element), element)
        plans = self._plans(node_ctx, element, top=False)
        for plan, _ in plans:
            if plan.kind == VALUE:
                return _value_object(type_ctx, plans)
        return self._node(node_ctx, type_ctx, plans, graph)

    def _enter(self, ctx: Ctx, key: str, element: dict[str, Any]) -> Ctx:
        """Revert a type-scoped context and apply ``key``'s scoped context (pyld order)."""
        previous = ctx.previous
        revert = True
        if previous is not None and len(element) <= 2:
            keys = list(element)
            if not all(isinstance(k, str) for k in keys):
                raise Unsupported("non-string key")
            for k in sorted(keys):
                expanded = expand_vocab(ctx, k)
                if expanded == "@value" or (expanded == "@id" and len(keys) == 1):
                    revert = False
                    break
        entered = ctx.enters.get((key, revert))
        if entered is None:
            entered = previous if revert and previous is not None else ctx
            term = ctx.terms.get(key)
            if term is not None and term.context is not ABSENT:
                scoped = resolve_inline(term.context)
                entered = process(entered, scoped, override_protected=True)
            remember(ctx.enters, (key, revert), entered)
        return entered

    def _types(self, ctx: Ctx, element: dict[str, Any]) -> tuple[Ctx, Ctx]:
        """Apply the type-scoped contexts of the element's types; also return ``ctx``."""
        type_keys = ctx.type_keys()
        found = [k for k in element if k in type_keys]
        if not found:
            return ctx, ctx
        if len(found) > 1:
            raise Unsupported("several keys for @type")
        value = element[found[0]]
        names = tuple(sorted(t for t in (value if isinstance(value, list) else [value]) if isinstance(t, str)))
        typed = ctx.typed.get(names)
        if typed is None:
            typed = ctx
            for name in names:
                term = ctx.terms.get(name)
                if term is not None and term.context is not ABSENT and term.context is not False:
                    scoped = resolve_inline(term.context)
                    typed = process(typed, scoped, override_protected=False, propagate=False)
            remember(ctx.typed, names, typed)
        if typed is not ctx and found[0] not in typed.type_keys():
            raise Unsupported("a type-scoped context redefines the @type key")
        return typed, ctx

    def _plans(self, ctx: Ctx, element: dict[str, Any], *, top: bool) -> list[tuple[Plan, Any]]:
        plans = [(plan_for(ctx, key), value) for key, value in element.items()]
        seen: set[int] = set()
        for plan, _ in plans:
            kind = plan.kind
            if kind == PROPERTY:
                continue
            if kind == CONTEXT and not top:
                raise Unsupported("embedded @context")
            if kind in seen:
                raise Unsupported("colliding keywords")
            seen.add(kind)
        return plans

    def _node(self, ctx: Ctx, type_ctx: Ctx, plans: list[tuple[Plan, Any]], graph: str) -> str:
        subject = None
        for plan, value in plans:
            if plan.kind == ID:
                if not isinstance(value, str):
                    raise Unsupported("@id is not a string")
                subject = iri_term(expand_document(ctx, value))
        if subject is None:
            subject = self.blank()
        quads = self.quads
        for plan, value in plans:
            kind = plan.kind
            if kind == PROPERTY:
                self._property(subject, plan, value, graph)
            elif kind == TYPE:
                for name in value if isinstance(value, list) else [value]:
                    if not isinstance(name, str):
                        raise Unsupported("@type value is not a string")
                    quads.append((subject, RDF_TYPE, _vocab_term(type_ctx, name), graph))
            elif kind not in (ID, CONTEXT):
                raise Unsupported("keyword not supported in a node object")
        return subject

    # --- property values ------------------------------------------------------------

    def _property(self, subject: str, plan: Plan, value: Any, graph: str) -> None:
        if value is None:
            return
        predicate = plan.predicate
        quads = self.quads
        if plan.is_graph:
            for item in _items(value):
                if not isinstance(item, dict):
                    raise Unsupported("a graph container value that is not a node object")
                name = self.blank()
                node = self.object(plan.term_ctx, plan.key, item, name)  # type: ignore[arg-type]
                if node is None or not node.startswith(("<", "_:")):
                    raise Unsupported("a graph container value that is not a node object")
                quads.append((subject, predicate, name, graph))
        elif plan.is_list:
            members = []
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, list):
                        raise Unsupported("list of lists")
                    term = None if item is None else self._value(plan, item, graph)
                    if term is not None:
                        members.append(term)
            else:  # a single value that expands to nothing gives no list at all
                term = self._value(plan, value, graph)
                if term is None:
                    return
                members.append(term)
            quads.append((subject, predicate, self._list(members, graph), graph))
        elif isinstance(value, list):
            for item in _items(value):
                term = self._value(plan, item, graph)
                if term is not None:
                    quads.append((subject, predicate, term, graph))
        else:
            term = self._value(plan, value, graph)
            if term is not None:
                quads.append((subject, predicate, term, graph))

    def _value(self, plan: Plan, value: Any, graph: str) -> str | None:
        if isinstance(value, dict):
            return self.object(plan.term_ctx, plan.key, value, graph)  # type: ignore[arg-type]
        if isinstance(value, str):
            if plan.coerce == AS_ID:
                return iri_term(expand_document(plan.term_ctx, value))  # type: ignore[arg-type]
            if plan.coerce == AS_VOCAB:
                return _vocab_term(plan.term_ctx, value)  # type: ignore[arg-type]
            return literal(value, plan.datatype, plan.language)
        return literal(value, plan.datatype)

    def _list(self, members: list[str], graph: str) -> str:
        if not members:
            return RDF_NIL
        head = node = self.blank()
        quads = self.quads
        last = len(members) - 1
        for index, member in enumerate(members):
            quads.append((node, RDF_FIRST, member, graph))
            rest = RDF_NIL if index == last else self.blank()
            quads.append((node, RDF_REST, rest, graph))
            node = rest
        return head


def _vocab_term(ctx: Ctx, value: str) -> str:
    """A vocabulary-relative IRI (``@type`` values, ``@type: @vocab`` values), memoised."""
    term = ctx.vocab_values.get(value)
    if term is None:
        term = iri_term(expand_vocab(ctx, value))
        remember(ctx.vocab_values, value, term)
    return term


def _value_object(type_ctx: Ctx, plans: list[tuple[Plan, Any]]) -> str | None:
    """``{"@value": …, "@type"|"@language": …}``: its literal, or None for a null value."""
    value: Any = None
    datatype = language = None
    for plan, item in plans:
        kind = plan.kind
        if kind == VALUE:
            value = item
        elif kind == TYPE:
            if not isinstance(item, str):
                raise Unsupported("value object @type is not a string")
            datatype = _vocab_term(type_ctx, item)[1:-1]
        elif kind == LANGUAGE:
            if item is not None:
                language = valid_language(item)
        elif kind != INDEX or not isinstance(item, str):
            raise Unsupported("unsupported entry in a value object")
    if datatype is not None and language is not None:
        raise Unsupported("value object with both @type and @language")
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise Unsupported("value object whose @value is not a scalar")
    return literal(value, datatype, language)
