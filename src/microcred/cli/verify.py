"""``microcred verify``: one report per file, offline unless told otherwise.

``--online`` lets it resolve what a credential names (did:web documents, status lists)
over HTTPS through the trust core's SSRF-safe fetcher, after the ``--documents`` map; it
never fetches a JSON-LD context (decision 0003) and never fetches without the flag.
A file holding a Verifiable Presentation is verified as one (the holder's proof, with
``--challenge``/``--domain`` if given, then every credential in it). ``--component FILE``
gives a stacked credential's component credentials: each must be one it binds by id and
digest (decision 0010).

Exit status: 0 when every file verified, 1 when any did not, 2 on misuse (bad flags,
unreadable maps). A file that cannot be read is reported as not verified, not as misuse:
it is the credential that is bad, not the command line.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from microcred.cli.common import fail, read_json_object
from microcred.vc import (
    PRESENTATION_TYPE,
    JsonInputError,
    PresentationReport,
    SafeFetcher,
    VcError,
    parse_datetime,
    read_json,
    verify_presentation,
)
from microcred.vc.verify import Check, CheckStatus, TrustList, VerificationReport, verify_credential

# Identifiers are printed verbatim: no emoji shortcodes ("did:key:" is not "did🔑").
out = Console(highlight=False, emoji=False, soft_wrap=True)  # a path or a DID is never cut in two
_MARK = {
    CheckStatus.PASSED: "[green]✓[/]",
    CheckStatus.FAILED: "[red]✗[/]",
    CheckStatus.SKIPPED: "[dim]–[/]",
    CheckStatus.WARNING: "[yellow]![/]",
}


def _documents(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    return read_json_object(path, "documents map")


def _trust(
    source: str | None,
    issuer: str | None,
    documents: dict[str, Any],
    now: datetime,
    fetcher: SafeFetcher | None,
) -> TrustList | None:
    """A plain list (an operator's own file), or a signed one (a file, or with ``--online``
    an https URL): verified with the same documents, fetcher and clock as the credentials,
    and issued by ``--trust-list-issuer``."""
    if source is None:
        if issuer is not None:
            fail("--trust-list-issuer needs --trust-list")
        return None
    data = _trust_document(source, fetcher)
    if "proof" not in data:
        try:
            return TrustList.from_json(data)
        except ValueError as exc:
            fail(f"trust list {source}: {exc}")
    if issuer is None:
        fail("a signed trust list needs --trust-list-issuer DID (the body expected to sign it)")
    try:
        return TrustList.from_signed(
            data, expected_issuer=issuer, now=now, documents=documents, fetcher=fetcher
        )
    except VcError as exc:
        fail(f"trust list {source} refused ({exc.code}): {exc}")


def _trust_document(source: str, fetcher: SafeFetcher | None) -> dict[str, Any]:
    if not source.startswith("https://"):
        return read_json_object(Path(source), "trust list")
    if fetcher is None:
        fail("a trust list URL needs --online")
    try:
        found = fetcher(source)
    except VcError as exc:
        fail(f"trust list {source} could not be fetched ({exc.code}): {exc}")
    if not isinstance(found, dict):
        fail(f"trust list {source} is not a JSON object")
    return found


def _now(text: str | None) -> datetime:
    if text is None:
        return datetime.now(UTC)
    try:
        return parse_datetime(text)
    except ValueError as exc:
        fail(f"--now: {exc}")


def _read(path: Path) -> bytes | VerificationReport:
    try:
        return path.read_bytes()
    except OSError as exc:
        check = Check(
            "structure",
            "json_malformed",
            CheckStatus.FAILED,
            {"detail": f"cannot read {path}: {exc.strerror}"},
        )
        return VerificationReport(checks=(check,))


def _components(paths: list[Path]) -> list[bytes] | None:
    """The component files' bytes (None when none is given: then nothing is checked).

    An unreadable component file is misuse (exit 2): the command line named it."""
    if not paths:
        return None
    found = []
    for path in paths:
        try:
            found.append(path.read_bytes())
        except OSError as exc:
            fail(f"--component {path}: cannot read it ({exc.strerror})")
    return found


def _print_human(path: Path, report: VerificationReport, lang: str) -> None:
    verdict = "[bold green]VERIFIED[/]" if report.verified else "[bold red]NOT VERIFIED[/]"
    out.print(f"{escape(str(path))}: {verdict}")
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")  # a DID or URL is folded whole, never cut with "…"
    for check in report.checks:
        table.add_row(_MARK[check.status], escape(check.code), escape(check.message(lang)))
    out.print(table)


def as_presentation(data: bytes) -> dict[str, Any] | None:
    """The file's presentation, if it is one (anything else goes to the credential path)."""
    try:
        value = read_json(data)
    except JsonInputError:
        return None
    if isinstance(value, dict) and PRESENTATION_TYPE in _types(value.get("type")):
        return value
    return None


def _types(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _print_presentation(path: Path, report: PresentationReport, lang: str, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"file": str(path), **report.to_json(lang)}, ensure_ascii=False))
        return
    verdict = "[bold green]VERIFIED[/]" if report.verified else "[bold red]NOT VERIFIED[/]"
    out.print(f"{path} (presentation): {verdict}")
    table = Table(show_header=False, box=None, padding=(0, 1))
    for check in report.checks:
        table.add_row(_MARK[check.status], check.code, check.message(lang))
    out.print(table)
    for index, credential in enumerate(report.credentials, start=1):
        _print_human(Path(f"{path}#{index}"), credential, lang)


def verify(
    files: Annotated[list[Path], typer.Argument(help="Credential files (JSON or vc+jwt).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    documents: Annotated[
        Path | None, typer.Option("--documents", help="URL/DID → doc map.")
    ] = None,
    now: Annotated[str | None, typer.Option("--now", help="Verification time, ISO 8601.")] = None,
    trust_list: Annotated[
        str | None,
        typer.Option("--trust-list", help="Trust list file (plain or signed), or URL (--online)."),
    ] = None,
    trust_list_issuer: Annotated[
        str | None,
        typer.Option("--trust-list-issuer", help="DID that must have signed the trust list."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="en | tr")] = "en",
    proof_only: Annotated[bool, typer.Option("--proof-only", help="Check proofs only.")] = False,
    online: Annotated[
        bool, typer.Option("--online", help="Fetch DID documents and status lists over HTTPS.")
    ] = False,
    challenge: Annotated[
        str | None, typer.Option("--challenge", help="A presentation's expected challenge.")
    ] = None,
    domain: Annotated[
        str | None, typer.Option("--domain", help="A presentation's expected domain.")
    ] = None,
    component: Annotated[
        list[Path] | None,
        typer.Option("--component", help="A credential a stacked one binds (repeatable)."),
    ] = None,
) -> None:
    """Verify credentials and presentations; exit 0 only if every one verified."""
    if lang not in ("en", "tr"):
        fail("--lang must be en or tr")
    docs, moment = _documents(documents), _now(now)
    fetcher = SafeFetcher() if online else None
    trust = _trust(trust_list, trust_list_issuer, docs, moment, fetcher)
    cache: dict[str, Any] = {}
    components = _components(component or [])
    all_ok = True
    for path in files:
        data = _read(path)
        presentation = None if isinstance(data, VerificationReport) else as_presentation(data)
        if presentation is not None:
            found = verify_presentation(
                presentation,
                now=moment,
                documents=docs,
                fetcher=fetcher,
                challenge=challenge,
                domain=domain,
                trust_list=trust,
                status_cache=cache,
            )
            all_ok &= found.verified
            _print_presentation(path, found, lang, as_json)
            continue
        report = (
            data
            if isinstance(data, VerificationReport)
            else verify_credential(
                data,
                now=moment,
                documents=docs,
                fetcher=fetcher,
                trust_list=trust,
                status_cache=cache,
                scope="proof" if proof_only else "credential",
                components=components,
            )
        )
        all_ok &= report.verified
        if as_json:
            typer.echo(json.dumps({"file": str(path), **report.to_json(lang)}, ensure_ascii=False))
        else:
            _print_human(path, report, lang)
    raise typer.Exit(0 if all_ok else 1)
