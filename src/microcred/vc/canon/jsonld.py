"""JSON-LD → RDF quads, the reference path (pyld), in "safe mode".

What a Data Integrity proof signs is the RDF a document *means*, not its JSON. Plain
JSON-LD silently drops what it cannot map: a misspelt property, a ``type`` with no
definition, an ``id`` that is not an absolute IRI. The signature would then not cover
that data, and a verifier would show unsigned claims as signed. So here, as in the
``safe`` mode of the JavaScript libraries, anything that would be dropped is an error:

* a property or ``@type`` that does not expand to an absolute IRI → ``jsonld_undefined_term``;
* an ``@id`` (or ``@type: @id`` value) that is not an absolute IRI → ``jsonld_relative_iri``;
* an IRI or language tag that cannot be written in N-Quads (a space, ``>``…) →
  ``jsonld_invalid_iri`` / ``jsonld_invalid_language`` (it could forge quad structure).

Contexts come only from the ``document_loader`` the caller passes; pyld's own loader
(which goes to the network) is never reachable. pyld's errors become our
``JsonLdError`` with a stable code (see ``_code_for``); a ``DocumentLoadError`` raised
by the loader keeps its code (e.g. ``document_not_available``).

Resolved contexts are cached per loader object, and only for documents the loader marks
``"tag": "static"`` (pyld's convention for documents that never change): processing the
VC and OB contexts again on every call costs ~8 ms, a cache hit almost nothing, and
a cache keyed by URL alone would let one loader's answer leak into another's.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import threading
import weakref
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Protocol

from pyld import jsonld as pyld_jsonld
from pyld.context_resolver import ContextResolver

from microcred.vc.canon.memo import memoised
from microcred.vc.canon.nquads import format_literal
from microcred.vc.canon.quads import Quad
from microcred.vc.canon.rdfc import canonicalize
from microcred.vc.errors import JsonLdError, VcError

__all__ = [
    "DocumentLoader",
    "canonicalize_jsonld",
    "to_quads",
    "to_quads_reference",
]

DocumentLoader = Callable[[str, dict[str, Any]], dict[str, Any]]
"""pyld's loader contract: ``loader(url, options) -> {"contextUrl": None,
"documentUrl": url, "document": <parsed JSON>}``; raise ``DocumentLoadError`` to refuse."""

FAST_PATH_MODULE = "microcred.vc.canon.fast"
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"

_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:[^\x00-\x20<>\"{}|^`\\]*\Z")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:")
_BAD_IRI_CHAR = re.compile(r"[\x00-\x20<>\"{}|^`\\]")
_LANGTAG = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*\Z")
_KEYWORD_CONTAINERS = ("@graph", "@included")


# --- public API -----------------------------------------------------------------------


def to_quads_reference(
    document: Mapping[str, Any], *, document_loader: DocumentLoader
) -> list[Quad]:
    """Deserialise a JSON-LD document to quads (JSON-LD 1.1 toRdf) with pyld, safely."""
    if not callable(document_loader):
        raise TypeError("document_loader is required: pass the pinned context loader")
    if not isinstance(document, Mapping):
        raise TypeError(f"a JSON-LD document is a JSON object, not {type(document).__name__}")
    resolver, lock = _resolver_for(document_loader)
    options = {
        "documentLoader": resolver.document_loader,
        "contextResolver": resolver,
        "produceGeneralizedRdf": False,
        # No base: pyld would otherwise resolve relative IRIs against its made-up
        # "http://example.org/base/", hiding exactly the mistakes safe mode refuses.
        "base": None,
    }
    try:
        with lock:
            dataset = _SafeProcessor(document).to_rdf(dict(document), options)
    except pyld_jsonld.JsonLdError as exc:
        translated, cause = _translate(exc)
        raise translated from cause
    except KeyError as exc:
        raise _key_error(exc) from exc
    except (TypeError, ValueError, AttributeError, IndexError) as exc:
        raise JsonLdError(
            f"JSON-LD processing failed: {type(exc).__name__}: {exc}",
            code="jsonld_processing_failed",
        ) from exc
    except RecursionError as exc:
        raise JsonLdError("JSON-LD document nested too deeply", code="jsonld_too_deep") from exc
    return _dataset_to_quads(dataset)


def _key_error(exc: KeyError) -> JsonLdError:
    """pyld deletes ``@vocab``/``@language`` on ``null`` without asking whether they were
    set; JSON-LD 1.1 allows resetting an unset one, but we refuse it with words, not a
    ``KeyError``, and other internal lookups failing are a refusal of the input too."""
    key = exc.args[0] if exc.args else None
    if key in ("@vocab", "@language"):
        return JsonLdError(
            f"the context resets {key} to null where none was set; this is not supported",
            code="jsonld_invalid_context",
        )
    return JsonLdError(
        "JSON-LD processing failed on a term it could not look up",
        code="jsonld_processing_failed",
    )


def to_quads(document: Mapping[str, Any], *, document_loader: DocumentLoader) -> list[Quad]:
    """JSON-LD → quads: the fast path if one is installed and takes the document, else pyld.

    The fast path (``microcred.vc.canon.fast.to_quads_fast``) returns ``None`` for any
    document it does not handle exactly like the reference; it must never disagree.
    """
    fast = _fast_path()
    if fast is not None:
        quads = fast(document, document_loader=document_loader)
        if quads is not None:
            return quads
    return to_quads_reference(document, document_loader=document_loader)


def canonicalize_jsonld(document: Mapping[str, Any], *, document_loader: DocumentLoader) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document (what eddsa-rdfc-2022 hashes)."""
    return memoised(
        document,
        document_loader,
        lambda: canonicalize(to_quads(document, document_loader=document_loader)).nquads,
    )


# --- the fast-path hook ---------------------------------------------------------------


class _FastPath(Protocol):
    def __call__(
        self, document: Mapping[str, Any], *, document_loader: DocumentLoader
    ) -> list[Quad] | None: ...


@cache
def _fast_path() -> _FastPath | None:
    """Found on first use, not at import, so ``fast`` may import this module freely."""
    if importlib.util.find_spec(FAST_PATH_MODULE) is None:
        return None
    fast: _FastPath = importlib.import_module(FAST_PATH_MODULE).to_quads_fast
    return fast


# --- safe mode ------------------------------------------------------------------------


class _SafeProcessor(pyld_jsonld.JsonLdProcessor):  # type: ignore[misc]
    """pyld, refusing to drop anything (pyld calls ``expand`` from ``to_rdf``)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        super().__init__(on_property_dropped=lambda iri: _refuse_dropped(iri, document))

    def expand(self, input_: Any, options: dict[str, Any]) -> Any:
        expanded = super().expand(input_, options)
        _check_expanded(expanded)
        return expanded

    def _object_to_rdf(
        self, item: Any, issuer: Any, triples: list[Any], options: dict[str, Any]
    ) -> Any:
        """JSON-LD 1.1 toRdf §8.6 steps 10-11 turn *numbers* into xsd:double form; pyld
        3.3 also rewrites strings typed xsd:double ("1.5" → "1.5E0"), unlike the spec and
        jsonld.js, which would make our signatures disagree with theirs."""
        if (
            isinstance(item, dict)
            and item.get("@type") == XSD_DOUBLE
            and isinstance(item.get("@value"), str)
        ):
            return {"type": "literal", "value": item["@value"], "datatype": XSD_DOUBLE}
        return super()._object_to_rdf(item, issuer, triples, options)


def _refuse_dropped(expanded: str | None, document: Mapping[str, Any]) -> None:
    """pyld's ``on_property_dropped`` hook: name the term and where it is used."""
    if expanded is None:
        raise JsonLdError(
            "a property's term is defined as null (explicitly undefined) by the @context",
            code="jsonld_undefined_term",
        )
    path = _find_key(document, expanded, "$")
    raise JsonLdError(
        f"term {expanded!r} is not defined by the @context (it does not expand to an IRI)"
        + (f" (at {path})" if path else ""),
        code="jsonld_undefined_term",
    )


def _check_expanded(element: Any) -> None:
    """Walk expanded JSON-LD: every key, ``@type`` and ``@id`` must be an absolute IRI."""
    if isinstance(element, list):
        for item in element:
            _check_expanded(item)
        return
    if not isinstance(element, dict):
        return
    if "@value" in element:
        datatype = element.get("@type")
        if datatype is not None and datatype != "@json" and not _is_absolute(datatype):
            raise JsonLdError(
                f"datatype {datatype!r} does not expand to an absolute IRI",
                code="jsonld_undefined_term",
            )
        return
    if "@list" in element:
        _check_expanded(element["@list"])
        return
    _check_node(element)


def _check_node(node: dict[str, Any]) -> None:
    node_id = node.get("@id")
    if isinstance(node_id, str) and not _is_node_id(node_id):
        if _SCHEME.match(node_id) is None:
            raise JsonLdError(
                f"@id {node_id!r} is not an absolute IRI or a blank node",
                code="jsonld_relative_iri",
            )
        raise JsonLdError(
            f"@id {node_id!r} contains a character an IRI may not hold", code="jsonld_invalid_iri"
        )
    for node_type in node.get("@type", ()):
        if not _is_node_id(node_type):
            raise JsonLdError(
                f"type {node_type!r} is not defined by the @context (not an absolute IRI)",
                code="jsonld_undefined_term",
            )
    for key, value in node.items():
        if key == "@reverse":
            for prop, values in value.items():
                _check_property(prop)
                _check_expanded(values)
        elif key in _KEYWORD_CONTAINERS:
            _check_expanded(value)
        elif not key.startswith("@"):
            _check_property(key)
            _check_expanded(value)


def _check_property(prop: str) -> None:
    if not _is_absolute(prop):
        raise JsonLdError(
            f"property {prop!r} does not expand to an absolute IRI",
            code="jsonld_undefined_term",
        )


def _is_absolute(iri: str) -> bool:
    return _ABSOLUTE_IRI.match(iri) is not None


def _is_node_id(value: str) -> bool:
    return value.startswith("_:") or _is_absolute(value)


def _find_key(value: Any, key: str, path: str) -> str | None:
    if isinstance(value, Mapping):
        for name, item in value.items():
            if name == "@context":
                continue
            if name == key:
                return f"{path}.{name}"
            found = _find_key(item, key, f"{path}.{name}")
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _find_key(item, key, f"{path}[{index}]")
            if found:
                return found
    return None


# --- pyld errors → ours ---------------------------------------------------------------

_CONTEXT_ERRORS = frozenset(
    {
        "context overflow",
        "cyclic IRI mapping",
        "invalid @import value",
        "invalid @nest value",
        "invalid @prefix value",
        "invalid @propagate value",
        "invalid @protected value",
        "invalid @version value",
        "invalid base direction",
        "invalid base IRI",
        "invalid container mapping",
        "invalid context entry",
        "invalid context nullification",
        "invalid default language",
        "invalid IRI mapping",
        "invalid keyword alias",
        "invalid language mapping",
        "invalid local context",
        "invalid remote context",
        "invalid reverse property",
        "invalid scoped context",
        "invalid term definition",
        "invalid type mapping",
        "invalid vocab mapping",
        "keyword redefinition",
        "processing mode conflict",
        "recursive context inclusion",
    }
)
_LOADING_ERRORS = frozenset({"loading remote context failed", "loading document failed"})


def _translate(error: pyld_jsonld.JsonLdError) -> tuple[JsonLdError, BaseException]:
    """Our error and its cause: the innermost pyld error says what went wrong; a VcError
    under it (raised by the loader) says why, and keeps its code."""
    innermost = error
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, VcError):
            return JsonLdError(f"could not load a @context: {cause}", code=cause.code), cause
        if isinstance(cause, pyld_jsonld.JsonLdError) and cause.code:
            innermost = cause
        cause = cause.__cause__
    return JsonLdError(_describe(innermost), code=_code_for(innermost.code)), innermost


def _code_for(pyld_code: str | None) -> str:
    if pyld_code is None:
        return "jsonld_invalid"
    if pyld_code == "protected term redefinition":
        return "jsonld_protected_term_redefinition"
    if pyld_code in _LOADING_ERRORS:
        return "jsonld_loading_failed"
    if pyld_code in _CONTEXT_ERRORS:
        return "jsonld_invalid_context"
    return "jsonld_" + re.sub(r"[^a-z0-9]+", "_", pyld_code.lower()).strip("_")


def _describe(error: pyld_jsonld.JsonLdError) -> str:
    message = f"{error.args[0] if error.args else 'JSON-LD error'} ({error.code or error.type})"
    details = error.details if isinstance(error.details, dict) else {}
    if "url" in details:
        message += f"; url: {details['url']}"
    context = details.get("context")
    if isinstance(context, dict):
        terms = ", ".join(sorted(k for k in context if not k.startswith("@"))[:12])
        message += f"; in a @context defining: {terms}" if terms else ""
    return message


# --- context cache and loader guard ---------------------------------------------------


class _BoundedCache(dict[str, Any]):
    """The "shared cache" pyld's ContextResolver wants (``get`` and ``[]=``), bounded."""

    def __init__(self, maxsize: int) -> None:
        super().__init__()
        self.maxsize = maxsize

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self and len(self) >= self.maxsize:
            del self[next(iter(self))]
        super().__setitem__(key, value)


_Entry = tuple[_BoundedCache, threading.RLock]
_RESOLVERS: weakref.WeakKeyDictionary[DocumentLoader, _Entry] = weakref.WeakKeyDictionary()
_RESOLVERS_LOCK = threading.Lock()
_ResolverAndLock = tuple[ContextResolver, threading.RLock]
_CACHE_SIZE = 64


def _resolver_for(loader: DocumentLoader) -> _ResolverAndLock:
    """A ContextResolver whose shared cache belongs to this loader alone."""
    try:
        with _RESOLVERS_LOCK:
            entry = _RESOLVERS.get(loader)
            if entry is None:
                entry = _RESOLVERS[loader] = (_BoundedCache(_CACHE_SIZE), threading.RLock())
    except TypeError:  # not weak-referenceable: no cache across calls
        entry = (_BoundedCache(_CACHE_SIZE), threading.RLock())
    return ContextResolver(entry[0], _guard(loader)), entry[1]


def _guard(loader: DocumentLoader) -> DocumentLoader:
    """Check the loader's answer has the shape pyld relies on."""

    def load(url: str, options: dict[str, Any]) -> dict[str, Any]:
        remote = loader(url, options)
        if not isinstance(remote, dict) or "document" not in remote:
            raise TypeError(f"document loader returned {type(remote).__name__} for {url}")
        remote.setdefault("contextUrl", None)
        remote.setdefault("documentUrl", url)
        return remote

    return load


# --- pyld dataset → quads -------------------------------------------------------------


def _dataset_to_quads(dataset: dict[str, list[dict[str, Any]]]) -> list[Quad]:
    quads: list[Quad] = []
    terms: dict[str, str] = {}  # IRI → checked term; predicates and types repeat a lot
    for graph_name, triples in dataset.items():
        if graph_name == "@default":
            graph = ""
        elif graph_name.startswith("_:"):
            graph = graph_name
        else:
            graph = _iri_term(graph_name, terms)
        for triple in triples:
            subject = triple["subject"]
            obj = triple["object"]
            quads.append(
                (
                    _iri_term(subject["value"], terms)
                    if subject["type"] == "IRI"
                    else subject["value"],
                    _iri_term(triple["predicate"]["value"], terms),
                    _object_term(obj, terms),
                    graph,
                )
            )
    return quads


def _object_term(obj: dict[str, Any], terms: dict[str, str]) -> str:
    kind = obj["type"]
    if kind == "IRI":
        return _iri_term(obj["value"], terms)
    if kind == "blank node":
        return str(obj["value"])
    language = obj.get("language")
    if language is not None:
        if _LANGTAG.match(language) is None:
            raise JsonLdError(
                f"language tag {language!r} is not well-formed", code="jsonld_invalid_language"
            )
        return format_literal(obj["value"], None, language)
    return format_literal(obj["value"], _iri_term(obj["datatype"], terms)[1:-1])


def _iri_term(iri: str, terms: dict[str, str]) -> str:
    term = terms.get(iri)
    if term is None:
        if _BAD_IRI_CHAR.search(iri) is not None:
            raise JsonLdError(
                f"IRI {iri!r} contains a character N-Quads cannot carry",
                code="jsonld_invalid_iri",
            )
        term = terms[iri] = "<" + iri + ">"
    return term
