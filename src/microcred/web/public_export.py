"""Every public document as a static tree, so credentials outlive the platform.

A credential names its issuer's DID document, its status lists, the extension context, its
achievement and its issuer's profile, all under the deployment's public URL. Written to a
folder that mirrors those URL paths, they can be served by any web server at the same host
name: an institution that leaves the platform (or a platform that closes) keeps every
credential it issued verifiable. Only public documents are written; nothing personal,
nothing secret.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import StatusList
from microcred.organizations import deployment
from microcred.organizations.keys import did_document, list_keys
from microcred.organizations.models import Organization
from microcred.registry import documents
from microcred.vc import pinned_bytes
from microcred.vc.elements import ELEMENTS_CONTEXT_URL

__all__ = ["Exported", "export_public_documents"]

SERVER_NOTES = """Public documents of a Microcred deployment, as static files.

Serve this folder at the root of {base} (the same host name, over https) with:
  - every response: Access-Control-Allow-Origin: *
  - orgs/*/did.json: Content-Type application/did+json
  - status/*: Content-Type application/vc
  - contexts/*.jsonld, catalog/achievements/*, orgs/*/profile: Content-Type application/ld+json

nginx, for example:
  location / {{ add_header Access-Control-Allow-Origin * always; }}
  location ~ ^/status/ {{ default_type application/vc; }}
  location ~ ^/(catalog/achievements/|orgs/[^/]+/profile$) {{ default_type application/ld+json; }}
  types {{ application/did+json json; application/ld+json jsonld; }}
"""


@dataclass
class Exported:
    """What was written, by kind (counts for the operator, paths for tests)."""

    root: Path
    files: dict[str, list[Path]] = field(default_factory=dict)

    def add(self, kind: str, path: Path) -> None:
        self.files.setdefault(kind, []).append(path)


def export_public_documents(root: Path, *, organization: str | None = None) -> Exported:
    """Write the tree under ``root`` (made if missing); ``organization`` limits it to one."""
    base = deployment.public_base_url()
    out = Exported(root)
    orgs = Organization.objects.order_by("slug")
    if organization is not None:
        orgs = orgs.filter(slug=organization)
    _write(out, "context", "contexts/elements/v1.jsonld", pinned_bytes(ELEMENTS_CONTEXT_URL))
    for org in orgs:
        if list_keys(org):
            _write_json(out, "did", f"orgs/{org.slug}/did.json", did_document(org))
        _write_json(out, "profile", f"orgs/{org.slug}/profile", documents.profile_document(org))
        for status_list in _lists_under(org, base):
            assert status_list.signed_credential is not None
            path = f"status/{status_list.public_id}"
            _write_json(out, "status", path, status_list.signed_credential)
        for version in _public_versions(org):
            path = f"catalog/achievements/{version.public_id}"
            _write_json(out, "achievement", path, documents.achievement_document(version))
    _write(out, "notes", "README.txt", SERVER_NOTES.format(base=base).encode("utf-8"))
    return out


def _lists_under(org: Organization, base: str) -> Iterator[StatusList]:
    """Signed lists whose URL is under this deployment's public URL (the tree's host)."""
    prefix = f"{base}/status/"
    for status_list in StatusList.objects.filter(organization=org, signed_credential__isnull=False):
        url = status_list.url or prefix + status_list.public_id
        if url.startswith(prefix):
            yield status_list


def _public_versions(org: Organization) -> Iterator[SpecificationVersion]:
    for version in SpecificationVersion.objects.filter(specification__organization=org):
        if documents.is_public(version):
            yield version


def _make_public_dirs(root: Path, folder: Path) -> None:
    """Folders readable by the web server, whatever the process umask (0077 for manage.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in (folder, *folder.parents):
        part.chmod(0o755)
        if part == root:
            break


def _write_json(out: Exported, kind: str, relative: str, document: Any) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _write(out, kind, relative, text.encode("utf-8"))


def _write(out: Exported, kind: str, relative: str, data: bytes) -> None:
    path = out.root / relative
    _make_public_dirs(out.root, path.parent)
    temporary = path.with_name(path.name + ".partial")
    temporary.write_bytes(data)
    temporary.chmod(0o644)  # public documents, meant to be served
    os.replace(temporary, path)
    out.add(kind, path)
