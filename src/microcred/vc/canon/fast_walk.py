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

Everything derived from an active context alone (the plan for a key, the plans for a
set of keys, a scoped-context transition) is memoised on that context, so the walk of
a familiar document is mostly dictionary look-ups. Anything outside the supported
subset raises ``Unsupported``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from microcred.vc.canon.fast_context import (
    ABSENT,
    KEYWORDS,
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
    literal_suffix,
    string_literal,
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
# What the node loop does with an entry (derived from the kind and the containers).
SIMPLE, CONTAINER, TYPES_, SKIP, REFUSE = range(5)


_UNUSED = Ctx()


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do with one key of an object in one active context."""

    kind: int
    predicate: str = ""
    key: str = ""
    term_ctx: Ctx = _UNUSED  # the active context for the values (properties only)
    coerce: int = PLAIN
    datatype: str | None = None
    suffix: str = ""  # after a quoted string value: "", "^^<datatype>" or "@language"
    is_list: bool = False
    is_graph: bool = False
    mode: int = REFUSE
    plain_strings: bool = False  # string values are plain literals with ``suffix``


@dataclass(frozen=True, slots=True)
class Shape:
    """The plans for an object's keys, in the object's own order, and what they make it."""

    plans: tuple[Plan, ...]
    id_at: int  # index of the @id entry, -1 if none
    is_value: bool  # a value object (has @value)


def _plan_for(ctx: Ctx, key: str) -> Plan:
    plan = ctx.plans.get(key)
    if plan is None:
        plan = _plan(ctx, key)
        remember(ctx.plans, key, plan)
    return plan


def _scoped(ctx: Ctx, key: str, context: object) -> Ctx:
    """``ctx`` with the scoped context of term ``key`` applied (memoised per term)."""
    scoped = ctx.scoped.get(key)
    if scoped is None:
        scoped = process(ctx, resolve_inline(context), override_protected=True)
        remember(ctx.scoped, key, scoped, makes_context=True)
    return scoped


def _plan(ctx: Ctx, key: object) -> Plan:
    if not isinstance(key, str):
        raise Unsupported("non-string key")
    if key == "@context":
        return Plan(CONTEXT, mode=SKIP)
    expanded = expand_vocab(ctx, key)
    if expanded is None:
        raise Unsupported(f"key {key!r} is defined as null")  # safe mode refuses it
    kind = _KEYWORD_KINDS.get(expanded)
    if kind is not None:
        return Plan(kind, mode={ID: SKIP, TYPE: TYPES_}.get(kind, REFUSE))
    predicate = iri_term(expanded)  # keywords we do not walk, relative IRIs, bnodes: out
    term = ctx.terms.get(key)
    if term is None:
        suffix = _suffix(None, ctx.language)
        plain = suffix != _DECLINE_STRINGS
        return Plan(PROPERTY, predicate, key, ctx, suffix=suffix, mode=SIMPLE, plain_strings=plain)
    if not term.supported:
        raise Unsupported(f"term {key!r} uses a feature the fast path does not reproduce")
    term_ctx = ctx if term.context is ABSENT else _scoped(ctx, key, term.context)
    # Containers come from the key's definition where it is used, but pyld expands the
    # values in the key's own scoped context: coercions (and whether array members are
    # list members) come from the key's definition *there*, if it has one.
    inner = term_ctx.terms.get(key) if term_ctx is not ctx else term
    if (
        inner is not None
        and inner is not term
        and (not inner.supported or inner.iri is None or inner.iri in KEYWORDS)
    ):
        raise Unsupported(f"{key!r} is redefined by its own scoped context")
    container = term.container if isinstance(term.container, tuple) else ()
    inner_container = inner.container if inner is not None else ()
    is_list = "@list" in container
    if is_list != ("@list" in (inner_container if isinstance(inner_container, tuple) else ())):
        raise Unsupported(f"{key!r} is a list in one context and not in the other")
    coerce, datatype, suffix = PLAIN, None, ""
    if inner is None:
        suffix = _suffix(None, term_ctx.language)
    elif inner.type == "@id":
        coerce = AS_ID
    elif inner.type == "@vocab":
        coerce = AS_VOCAB
    elif isinstance(inner.type, str):
        datatype = inner.type
        suffix = _suffix(datatype, None)
    else:
        language = term_ctx.language if inner.language is ABSENT else inner.language
        suffix = _suffix(None, language)
    is_graph = "@graph" in container
    return Plan(
        PROPERTY,
        predicate,
        key,
        term_ctx,
        coerce,
        datatype,
        suffix,
        is_list,
        is_graph,
        CONTAINER if is_list or is_graph else SIMPLE,
        coerce == PLAIN and suffix != _DECLINE_STRINGS,
    )


def _suffix(datatype: str | None, language: object) -> str:
    """The string-literal suffix, or a marker that strings must be declined."""
    try:
        return literal_suffix(datatype, None if language is None else valid_language(language))
    except Unsupported:
        return _DECLINE_STRINGS


_DECLINE_STRINGS = "\x00"  # never a real suffix: strings for this key are declined
# A string that needs neither escaping nor the lone-surrogate check.
_NEEDS_CARE = re.compile('[\x00-\x1f\x7f"\\\\\ud800-\udfff]')


def _shape(ctx: Ctx, keys: tuple[str, ...]) -> Shape:
    shape = ctx.shapes.get(keys)
    if shape is None:
        plans = tuple(_plan_for(ctx, key) for key in keys)
        seen: set[int] = set()
        for plan in plans:
            if plan.kind != PROPERTY:
                if plan.kind in seen:
                    raise Unsupported("colliding keywords")
                seen.add(plan.kind)
        id_at = next((i for i, plan in enumerate(plans) if plan.kind == ID), -1)
        shape = Shape(plans, id_at, VALUE in seen)
        remember(ctx.shapes, keys, shape)
    return shape


def _items(value: Any) -> list[Any]:
    """An array value flattened (pyld flattens nested arrays outside lists), nulls out."""
    items: list[Any] = []
    for item in value:
        if isinstance(item, list):
            items.extend(_items(item))
        elif item is not None:
            items.append(item)
    return items


def _enter(ctx: Ctx, key: str, keys: tuple[str, ...]) -> Ctx:
    """The context a nested object starts from (pyld's order): the type-scoped context
    it was met in is dropped, unless the object is a value object or a lone ``@id``
    reference; then ``key``'s scoped context applies."""
    previous = ctx.previous
    revert = previous is not None
    if revert and len(keys) <= 2 and "@context" not in keys:
        if not all(isinstance(k, str) for k in keys):
            raise Unsupported("non-string key")
        for k in sorted(keys):
            expanded = expand_vocab(ctx, k)
            if expanded == "@value" or (expanded == "@id" and len(keys) == 1):
                revert = False
                break
    entered = ctx.entered.get((key, revert))
    if entered is None:
        entered = previous if revert and previous is not None else ctx
        term = ctx.terms.get(key)
        if term is not None and term.context is not ABSENT:
            entered = process(entered, resolve_inline(term.context), override_protected=True)
        remember(ctx.entered, (key, revert), entered, makes_context=True)
    return entered


def _type_key(ctx: Ctx, keys: tuple[str, ...]) -> str | None:
    type_keys = ctx.type_keys()
    found = [k for k in keys if k in type_keys]
    if len(found) > 1:
        raise Unsupported("several keys for @type")
    return found[0] if found else None


def _typed(ctx: Ctx, type_key: str, value: Any) -> Ctx:
    """``ctx`` with the scoped contexts of these types applied, in sorted order."""
    terms = ctx.terms
    if isinstance(value, str):
        term = terms.get(value)
        if term is None or term.context is ABSENT or term.context is False:
            return ctx
        names: tuple[str, ...] = (value,)
    else:
        values = value if isinstance(value, list) else [value]
        names = tuple(
            sorted(name for name in values if isinstance(name, str) and _scopes(ctx, name))
        )
        if not names:
            return ctx
    typed = ctx.typed.get(names)
    if typed is None:
        typed = ctx
        for name in names:
            scoped = resolve_inline(terms[name].context)
            typed = process(typed, scoped, override_protected=False, propagate=False)
        if type_key not in typed.type_keys():
            raise Unsupported("a type-scoped context redefines the @type key")
        remember(ctx.typed, names, typed, makes_context=True)
    return typed


def _scopes(ctx: Ctx, name: str) -> bool:
    """Whether type ``name`` has a (non-null) type-scoped context here."""
    term = ctx.terms.get(name)
    return term is not None and term.context is not ABSENT and term.context is not False


ContextSource = Callable[[object], tuple[tuple[str, ...], object, list[dict[str, Any] | None]]]
"""Resolves an embedded ``@context`` value to (its URLs, a token standing for the
documents they were resolved to, the context objects to process)."""


class Walk:
    """One document's walk: the quads so far and the blank node counter."""

    __slots__ = ("contexts", "counter", "quads")

    def __init__(self, contexts: ContextSource) -> None:
        self.contexts = contexts
        self.quads: list[Quad] = []
        self.counter = 0

    def blank(self) -> str:
        label = f"_:b{self.counter}"
        self.counter += 1
        return label

    # --- objects --------------------------------------------------------------------

    def top(self, ctx: Ctx, document: dict[str, Any]) -> None:
        """The document itself, its @context already processed into ``ctx``."""
        keys = tuple(document)
        type_key = _type_key(ctx, keys)
        node_ctx = ctx if type_key is None else _typed(ctx, type_key, document[type_key])
        shape = _shape(node_ctx, keys)
        if shape.is_value:
            raise Unsupported("top-level value object")
        self._node(node_ctx, ctx, shape, tuple(document.values()), "")

    def nested(self, ctx: Ctx, key: str, element: dict[str, Any], graph: str) -> str | None:
        """A JSON object met as a value of ``key``: its node or literal term, if any."""
        keys = tuple(element)
        memo = ctx.keysets.get((key, keys))
        if memo is None:
            entered = _enter(ctx, key, keys)
            memo = (entered, _type_key(entered, keys))
            remember(ctx.keysets, (key, keys), memo)
        entered, type_key = memo
        if "@context" in element:
            entered = self._embedded(entered, element["@context"])
            type_key = _type_key(entered, keys)
        node_ctx = entered if type_key is None else _typed(entered, type_key, element[type_key])
        shape = node_ctx.shapes.get(keys) or _shape(node_ctx, keys)
        if shape.is_value:
            return _value_object(entered, shape, tuple(element.values()))
        return self._node(node_ctx, entered, shape, tuple(element.values()), graph)

    def _embedded(self, ctx: Ctx, value: object) -> Ctx:
        """``ctx`` with an embedded ``@context`` (URLs only) applied, as pyld would."""
        urls, token, contexts = self.contexts(value)
        hit = ctx.embedded.get(urls)
        if hit is not None and hit[0] is token:
            return hit[1]
        result = process(ctx, contexts, override_protected=False)
        remember(ctx.embedded, urls, (token, result), makes_context=True)
        return result

    def _node(
        self, ctx: Ctx, type_ctx: Ctx, shape: Shape, values: tuple[Any, ...], graph: str
    ) -> str:
        if shape.id_at >= 0:
            node_id = values[shape.id_at]
            if not isinstance(node_id, str):
                raise Unsupported("@id is not a string")
            subject = iri_term(expand_document(ctx, node_id))
        else:
            subject = self.blank()
        quads = self.quads
        for plan, value in zip(shape.plans, values, strict=True):
            mode = plan.mode
            if mode == SIMPLE:
                cls = value.__class__
                if cls is str and plan.plain_strings:  # the common case, inlined
                    if _NEEDS_CARE.search(value) is None:
                        term: str | None = '"' + value + '"' + plan.suffix
                    else:
                        term = string_literal(value, plan.suffix)
                elif value is None:
                    continue
                elif cls is list:
                    self._values(subject, plan, value, graph)
                    continue
                else:
                    term = self._value(plan, value, graph)
                if term is not None:
                    quads.append((subject, plan.predicate, term, graph))
            elif mode == CONTAINER:
                if value is not None:
                    self._values(subject, plan, value, graph)
            elif mode == TYPES_:
                for name in value if isinstance(value, list) else [value]:
                    if not isinstance(name, str):
                        raise Unsupported("@type value is not a string")
                    quads.append((subject, RDF_TYPE, _vocab_term(type_ctx, name), graph))
            elif mode != SKIP:
                raise Unsupported("keyword not supported in a node object")
        return subject

    # --- property values ------------------------------------------------------------

    def _values(self, subject: str, plan: Plan, value: Any, graph: str) -> None:
        """Arrays, lists and graph containers."""
        predicate = plan.predicate
        quads = self.quads
        if plan.is_graph:
            for item in _items(value if isinstance(value, list) else [value]):
                if not isinstance(item, dict):
                    raise Unsupported("a graph container value that is not a node object")
                name = self.blank()
                node = self.nested(plan.term_ctx, plan.key, item, name)
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
        else:
            for item in _items(value):
                term = self._value(plan, item, graph)
                if term is not None:
                    quads.append((subject, predicate, term, graph))

    def _value(self, plan: Plan, value: Any, graph: str) -> str | None:
        """One value of a property: a node, a literal or an IRI (None: nothing)."""
        if isinstance(value, dict):
            return self.nested(plan.term_ctx, plan.key, value, graph)
        if isinstance(value, str):
            if plan.coerce == AS_ID:
                return iri_term(expand_document(plan.term_ctx, value))
            if plan.coerce == AS_VOCAB:
                return _vocab_term(plan.term_ctx, value)
            if plan.suffix == _DECLINE_STRINGS:
                raise Unsupported("string value with an unsupported type or language")
            return string_literal(value, plan.suffix)
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


def _value_object(type_ctx: Ctx, shape: Shape, values: tuple[Any, ...]) -> str | None:
    """``{"@value": …, "@type"|"@language": …}``: its literal, or None for a null value."""
    value: Any = None
    datatype = language = None
    for plan, item in zip(shape.plans, values, strict=True):
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
