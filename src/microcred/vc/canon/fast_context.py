"""Active contexts for the fast JSON-LD → RDF path: JSON-LD 1.1 context processing.

This mirrors pyld 3.3's context processing (``_process_context``,
``_create_term_definition``, ``_expand_iri``) for the subset our credentials use,
including its checks: where pyld would raise (a protected term redefined, a cycle, an
invalid definition) we raise :class:`Unsupported`, so the reference path raises the
proper error. Term definitions with features the walk does not reproduce (``@json``,
``@none``, index/language/id/type maps, ``@nest``, ``@direction``, ``@index``) are kept,
because other terms and the protection check depend on them, but marked unsupported:
using one makes the document fall back. ``@reverse``, ``@import``, ``@base``,
``@propagate``, ``@direction`` on a context, and remote (string) scoped contexts are
declined outright.

An active context is immutable once built and memoises what the walk derives from it
(scoped-context transitions, per-key plans), so processing a credential's contexts is
paid once per process, not once per document. Memos are bounded: their keys come from
documents, which may be hostile.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from microcred.vc.canon.fast_terms import Unsupported, is_pyld_absolute, is_strict_iri

__all__ = ["ABSENT", "Ctx", "TermDef", "expand_vocab", "process"]


class _Absent:
    """Marks a term-definition entry that is not there (distinct from JSON null)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent()

KEYWORDS: Final = frozenset(
    {
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit",
        "@first", "@graph", "@id", "@import", "@included", "@index", "@json", "@language",
        "@list", "@nest", "@none", "@omitDefault", "@propagate", "@protected", "@preserve",
        "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    }
)  # fmt: skip
_KEYWORD_LIKE = re.compile(r"@[a-zA-Z]+\n?")  # pyld ignores these (with a warning)
_TERM_DEF_KEYS = frozenset(
    {"@container", "@id", "@language", "@reverse", "@type", "@context", "@direction",
     "@index", "@nest", "@prefix", "@protected"}
)  # fmt: skip
_CONTAINERS = frozenset({"@list", "@set", "@index", "@language", "@graph", "@id", "@type"})
_GEN_DELIMS = frozenset(":/?#[]@")
_UNSAFE_TERM = re.compile(r"[\s\x00-\x20\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class TermDef:
    """A term definition; equality is pyld's (used by the protected-term check)."""

    iri: str | None
    protected: bool
    prefix: bool
    type: object = ABSENT
    container: object = ABSENT
    index: object = ABSENT
    context: object = ABSENT  # the raw scoped context; False for JSON null
    language: object = ABSENT  # None (explicitly no language) or the tag as written
    direction: object = ABSENT
    nest: object = ABSENT

    @property
    def supported(self) -> bool:
        """False when using the term needs something the walk does not reproduce."""
        container = self.container
        return (
            self.index is ABSENT
            and self.direction is ABSENT
            and self.nest is ABSENT
            and self.type not in ("@json", "@none")
            and (container is ABSENT or _supported_container(container))
        )


def _supported_container(container: object) -> bool:
    return isinstance(container, tuple) and set(container) <= {"@set", "@list", "@graph"}


class Ctx:
    """An active context (immutable once returned by :func:`process`) and its memos.

    Memos that make new contexts (``scoped``, ``entered``, ``typed``, ``embedded``) are
    keyed by what the contexts themselves define (terms with scoped contexts, context
    URLs); the cheap ones (``plans``, ``keysets``, ``shapes``, ``vocab_values``) may be
    keyed by anything a document holds.
    """

    __slots__ = (
        "_type_keys",
        "embedded",
        "entered",
        "keysets",
        "language",
        "plans",
        "previous",
        "scoped",
        "shapes",
        "terms",
        "typed",
        "vocab",
        "vocab_values",
    )

    def __init__(
        self,
        terms: dict[str, TermDef] | None = None,
        vocab: str | None = None,
        language: str | None = None,
        previous: Ctx | None = None,
    ) -> None:
        self.terms: dict[str, TermDef] = terms if terms is not None else {}
        self.vocab = vocab
        self.language = language
        self.previous = previous
        self.scoped: dict[str, Ctx] = {}
        self.entered: dict[tuple[str, bool], Ctx] = {}
        self.typed: dict[tuple[str, ...], Ctx] = {}
        self.embedded: dict[tuple[str, ...], tuple[object, Ctx]] = {}
        self.plans: dict[str, Any] = {}
        self.keysets: dict[tuple[str, tuple[str, ...]], tuple[Ctx, str | None]] = {}
        self.shapes: dict[tuple[str, ...], Any] = {}
        self.vocab_values: dict[str, str] = {}
        self._type_keys: frozenset[str] | None = None

    def type_keys(self) -> frozenset[str]:
        """The keys that expand to ``@type`` here: ``@type`` and the terms aliasing it."""
        keys = self._type_keys
        if keys is None:
            aliases = [term for term, d in self.terms.items() if d.iri == "@type"]
            keys = self._type_keys = frozenset(["@type", *aliases])
        return keys

    def clone(self) -> Ctx:
        return Ctx(dict(self.terms), self.vocab, self.language, self.previous)

    def has_protected(self) -> bool:
        return any(term.protected for term in self.terms.values())


# --- memo budget -----------------------------------------------------------------------

MEMO_LIMIT = 2048
"""Entries per memo, whatever they hold."""
MEMO_BUDGET = 500_000
"""Weight of all memo entries together before the caller should start afresh."""
CONTEXT_WEIGHT = 100
"""A memoised new context (a copy of ~100 term definitions) against one small entry."""

_memo_weight = 0


def remember(memo: dict[Any, Any], key: Any, value: Any, *, makes_context: bool = False) -> None:
    """Store in a memo unless it is full; count the weight for :func:`memo_weight`."""
    global _memo_weight
    if len(memo) < MEMO_LIMIT:
        memo[key] = value
        _memo_weight += CONTEXT_WEIGHT if makes_context else 1


def memo_weight() -> int:
    """How much the memos of all contexts hold (documents can grow them, so it's bounded
    by throwing every context away past ``MEMO_BUDGET``; see ``fast.clear_cache``)."""
    return _memo_weight


def reset_memo_weight() -> None:
    global _memo_weight
    _memo_weight = 0


# --- IRI expansion ------------------------------------------------------------------


def expand_vocab(ctx: Ctx, value: str) -> str | None:
    """Vocabulary-relative IRI expansion (keys, ``@type`` values, ``@vocab`` values).

    Returns a keyword, an IRI, a relative string (pyld's base is None: left as is), or
    None for a term defined as null or a keyword-like string.
    """
    if value in KEYWORDS:
        return value
    if _KEYWORD_LIKE.fullmatch(value):
        return None
    term = ctx.terms.get(value)
    if term is not None:
        return term.iri
    return _expand_tail(ctx, value, vocab=True)


def expand_document(ctx: Ctx, value: str) -> str | None:
    """Document-relative IRI expansion (``@id`` values, ``@type: @id`` values)."""
    if value in KEYWORDS:
        return value
    if _KEYWORD_LIKE.fullmatch(value):
        return None
    return _expand_tail(ctx, value, vocab=False)


def _expand_tail(ctx: Ctx, value: str, *, vocab: bool) -> str:
    colon = value.find(":")
    if colon > 0:
        prefix = value[:colon]
        suffix = value[colon + 1 :]
        if prefix == "_" or suffix.startswith("//"):
            return value
        term = ctx.terms.get(prefix)
        if term is not None and term.prefix:
            return str(term.iri) + suffix
        if is_pyld_absolute(value):
            return value
    if vocab and ctx.vocab is not None:
        return ctx.vocab + value
    return value


class _Definer:
    """One local context being turned into term definitions.

    ``defined`` is pyld's map of terms being defined (False) and defined (True); it is
    passed along explicitly because pyld checks a term in IRI form against a *copy*.
    """

    def __init__(self, ctx: Ctx, local: dict[str, Any]) -> None:
        self.ctx = ctx
        self.local = local

    def expand(self, value: str, defined: dict[str, bool]) -> str | None:
        """IRI expansion during context processing (vocab-relative, no base)."""
        if value in KEYWORDS:
            return value
        if _KEYWORD_LIKE.fullmatch(value):
            return None
        local = self.local
        if value in local and defined.get(value) is not True:
            self.define(value, defined, override_protected=False)
        term = self.ctx.terms.get(value)
        if term is not None:
            return term.iri
        colon = value.find(":")
        if colon > 0:
            prefix = value[:colon]
            if (
                prefix != "_"
                and not value[colon + 1 :].startswith("//")
                and prefix in local
                and not defined.get(prefix)
            ):
                self.define(prefix, defined, override_protected=False)
        return _expand_tail(self.ctx, value, vocab=True)

    def define(self, term: str, defined: dict[str, bool], *, override_protected: bool) -> None:
        """pyld's Create Term Definition, declining what it would reject or warn about."""
        if term in defined:
            if defined[term]:
                return
            raise Unsupported(f"cyclic definition of {term!r}")
        defined[term] = False
        if not term or term.startswith("@") or _UNSAFE_TERM.search(term):
            raise Unsupported(f"unsupported term {term!r}")
        terms = self.ctx.terms
        previous = terms.pop(term, None)
        value = self.local[term]
        simple = value is None or isinstance(value, str)
        if simple:
            value = {"@id": value}
        if not isinstance(value, dict) or not _TERM_DEF_KEYS.issuperset(value):
            raise Unsupported(f"invalid or unsupported definition of {term!r}")
        if "@reverse" in value:
            raise Unsupported("@reverse terms")
        definition = self._definition(term, value, simple, defined)
        if previous is not None and previous.protected and not override_protected:
            definition = dataclasses.replace(definition, protected=True)
            if definition != previous:
                raise Unsupported(f"protected term {term!r} redefined")
        terms[term] = definition
        defined[term] = True

    def _definition(
        self, term: str, value: dict[str, Any], simple: bool, defined: dict[str, bool]
    ) -> TermDef:
        iri, prefix = self._iri_mapping(term, value, simple, defined)
        protected = value.get("@protected", ABSENT)
        if protected is ABSENT:
            protected = bool(defined.get("@protected"))
        elif not isinstance(protected, bool):
            raise Unsupported("non-boolean @protected")
        fields: dict[str, Any] = {}
        if "@type" in value:
            fields["type"] = self._type_mapping(value["@type"], defined)
        if "@container" in value:
            fields["container"] = _container(value["@container"], fields)
        if "@index" in value:
            index = value["@index"]
            container = fields.get("container", ())
            if "@index" not in container or not isinstance(index, str) or index[:1] == "@":
                raise Unsupported("invalid @index")
            fields["index"] = index
        if "@context" in value:
            fields["context"] = False if value["@context"] is None else value["@context"]
        if "@language" in value and "@type" not in value:
            language = value["@language"]
            if language is not None and not isinstance(language, str):
                raise Unsupported("invalid @language mapping")
            fields["language"] = language  # pyld lower-cases; we decline tags that need it
        if "@prefix" in value:
            flag = value["@prefix"]
            if ":" in term or "/" in term or iri in KEYWORDS or not isinstance(flag, bool):
                raise Unsupported("invalid @prefix")
            prefix = flag
        if "@direction" in value:
            direction = value["@direction"]
            if direction and direction not in ("ltr", "rtl"):
                raise Unsupported("invalid @direction")
            fields["direction"] = direction
        if "@nest" in value:
            nest = value["@nest"]
            if not isinstance(nest, str) or not nest or (nest != "@nest" and nest[0] == "@"):
                raise Unsupported("invalid @nest")
            fields["nest"] = nest
        if iri in ("@context", "@preserve"):
            raise Unsupported("@context and @preserve cannot be aliased")
        return TermDef(iri, protected, prefix, **fields)

    def _iri_mapping(
        self, term: str, value: dict[str, Any], simple: bool, defined: dict[str, bool]
    ) -> tuple[str | None, bool]:
        """The term's IRI and whether it may serve as a prefix in compact IRIs."""
        colon = term.find(":")
        if "@id" in value and value["@id"] != term:
            raw = value["@id"]
            if raw is None:
                return None, False
            if not isinstance(raw, str) or (raw not in KEYWORDS and _KEYWORD_LIKE.fullmatch(raw)):
                raise Unsupported(f"invalid @id for {term!r}")
            iri = self.expand(raw, defined)
            if iri is None or not (iri in KEYWORDS or is_strict_iri(iri)):
                raise Unsupported(f"{term!r} does not map to an absolute IRI or a keyword")
            if _looks_like_iri(term):
                probe = dict(defined)
                probe[term] = True
                if self.expand(term, probe) != iri:
                    raise Unsupported(f"term {term!r} in IRI form maps to another IRI")
            return iri, simple and colon <= 0 and iri[-1:] in _GEN_DELIMS
        if colon > 0:
            head = term[:colon]
            if head in self.local:
                self.define(head, defined, override_protected=False)
            parent = self.ctx.terms.get(head)
            if parent is None:
                iri = term
            elif parent.iri is None:
                raise Unsupported(f"prefix {head!r} is defined as null")
            else:
                iri = parent.iri + term[colon + 1 :]
        elif self.ctx.vocab is None:
            raise Unsupported(f"{term!r} has no @id and there is no @vocab")
        else:
            iri = self.ctx.vocab + term
        if not (iri in KEYWORDS or is_strict_iri(iri)):
            raise Unsupported(f"{term!r} does not map to an absolute IRI")
        return iri, False

    def _type_mapping(self, raw: object, defined: dict[str, bool]) -> str:
        if not isinstance(raw, str):
            raise Unsupported("invalid @type mapping")
        if raw in ("@id", "@vocab", "@json", "@none"):
            return raw
        datatype = self.expand(raw, defined)
        if datatype is None or not is_strict_iri(datatype):
            raise Unsupported(f"datatype {raw!r} is not an absolute IRI")
        return datatype


def _looks_like_iri(term: str) -> bool:
    """pyld: a term with ``/`` or a ``:`` not followed by ``:`` must expand to itself."""
    if "/" in term:
        return True
    colon = term.find(":")
    while colon != -1:
        if colon + 1 < len(term) and term[colon + 1] != ":":
            return True
        colon = term.find(":", colon + 1)
    return False


def _container(raw: object, fields: dict[str, Any]) -> tuple[Any, ...]:
    """Validate ``@container`` as pyld does (JSON-LD 1.1 mode)."""
    container = tuple(raw) if isinstance(raw, list) else (raw,)
    if not all(isinstance(item, str) and item in _CONTAINERS for item in container):
        raise Unsupported("invalid @container")
    has_set = "@set" in container
    if "@list" in container:
        valid = len(container) == 1
    elif "@graph" in container:
        valid = set(container) <= {"@graph", "@id", "@index", "@set"}
    else:
        valid = len(container) <= (2 if has_set else 1)
    if not valid:
        raise Unsupported("invalid @container")
    if "@type" in container:
        if not fields.get("type"):
            fields["type"] = "@id"
        if fields["type"] not in ("@id", "@vocab"):
            raise Unsupported("@container @type needs @type @id or @vocab")
    return container


# --- context processing ---------------------------------------------------------------


def resolve_inline(local: object) -> list[dict[str, Any] | None]:
    """A scoped (inline) context as a list of context objects; None stands for null."""
    items = local if isinstance(local, list) else [local]
    resolved: list[dict[str, Any] | None] = []
    for item in items:
        if item is None or item is False:
            resolved.append(None)
        elif isinstance(item, dict) and "@context" not in item:
            resolved.append(item)
        else:
            raise Unsupported("remote or nested scoped context")
    return resolved


def process(
    active: Ctx,
    contexts: Iterable[dict[str, Any] | None],
    *,
    override_protected: bool,
    propagate: bool = True,
) -> Ctx:
    """The active context after processing ``contexts`` in order (pyld's semantics)."""
    contexts = list(contexts)
    if not contexts:
        return active
    result = active
    if not propagate and result.previous is None:
        result = result.clone()
        result.previous = active
    for local in contexts:
        if local is None:
            if not override_protected and result.has_protected():
                raise Unsupported("null context would clear protected terms")
            result = Ctx()
            continue
        result = _process_one(result, local, override_protected)
    return result


def _process_one(active: Ctx, local: dict[str, Any], override_protected: bool) -> Ctx:
    result = active.clone()
    for key in ("@import", "@base", "@direction", "@propagate", "_uuid"):
        if key in local:
            raise Unsupported(f"{key} in a context")
    definer = _Definer(result, local)
    defined: dict[str, bool] = {}
    if "@version" in local:
        if local["@version"] != 1.1 or isinstance(local["@version"], bool):
            raise Unsupported("unsupported @version")
        defined["@version"] = True
    if "@vocab" in local:
        _set_vocab(result, local["@vocab"])
        defined["@vocab"] = True
    if "@language" in local:
        _set_language(result, local["@language"])
        defined["@language"] = True
    protected = local.get("@protected", False)
    if not isinstance(protected, bool):
        raise Unsupported("non-boolean @protected")
    defined["@protected"] = protected
    for term, value in local.items():
        definer.define(term, defined, override_protected=override_protected)
        if isinstance(value, dict) and "@context" in value:
            # pyld validates every scoped context when its term is defined, against
            # the context built so far; an invalid one fails the whole context.
            process(result, resolve_inline(value["@context"]), override_protected=True)
    return result


def _set_vocab(ctx: Ctx, value: object) -> None:
    if value is None:
        if ctx.vocab is None:
            raise Unsupported("@vocab: null without a @vocab")  # a KeyError in pyld
        ctx.vocab = None
        return
    if not isinstance(value, str):
        raise Unsupported("invalid @vocab")
    vocab = expand_vocab(ctx, value)
    if vocab is None or not is_strict_iri(vocab):
        raise Unsupported("@vocab is not an absolute IRI")
    ctx.vocab = vocab


def _set_language(ctx: Ctx, value: object) -> None:
    if value is None:
        if ctx.language is None:
            raise Unsupported("@language: null without a @language")  # a KeyError in pyld
        ctx.language = None
        return
    if not isinstance(value, str):
        raise Unsupported("invalid @language")
    ctx.language = value  # pyld lower-cases; strings with a tag that needs it decline
