"""Fetching another issuer's documents without becoming a proxy into our own network.

Anyone can hand the verifier a credential naming any URL, so the fetch is the classic
server-side request forgery risk. The fetcher therefore: accepts ``https`` only; resolves
the host once (in a worker thread, under the same deadline as the rest of the fetch, so a
slow resolver cannot hold a request), refuses the request if *any* address is not global
unicast (``ipaddress``'s ``is_global`` plus the ranges it misses, :data:`EXTRA_REFUSED`) and
answers a name that does not resolve exactly as one that resolves to a private address (an
anonymous visitor must not be able to map our internal DNS); connects to the address it
checked (so a second DNS answer cannot swap it: no time-of-check/time-of-use gap) while TLS
still verifies the certificate for the host name; follows no redirects; reads at most
``max_bytes``; gives up after a connect and a total deadline; and accepts JSON only.

Every refusal is a :class:`DocumentLoadError` with a precise ``code``.

It lives in the trust core, unused by default (nothing here fetches unless a caller passes
a fetcher), so that the platform's verifier, the CLI's ``verify --online`` and the check of
an organisation's own domain share one fetcher and one set of refusals.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Any, Protocol
from urllib.parse import urlsplit

from microcred.vc.errors import DocumentLoadError, JsonInputError
from microcred.vc.jsontext import read_json

logger = logging.getLogger(__name__)
CONNECT_TIMEOUT = 3.0
TOTAL_TIMEOUT = 5.0
MAX_BYTES = 256 * 1024
CHUNK = 16 * 1024
JSON_TYPES = frozenset(
    {
        "application/json",
        "application/ld+json",
        "application/did+json",
        "application/did+ld+json",
        "application/vc",
        "application/vc+ld+json",
    }
)
#: Ranges ``is_global`` (Python 3.11) calls global that must never be contacted.
EXTRA_REFUSED = tuple(
    ipaddress.ip_network(net)
    for net in (
        "192.0.0.0/24",  # IETF protocol assignments (192.0.0.8: IPv4 dummy address)
        "192.88.99.0/24",  # deprecated 6to4 relay anycast
        "fec0::/10",  # deprecated site-local
        "3fff::/20",  # documentation (RFC 9637)
        "64:ff9b:1::/48",  # local-use NAT64 (RFC 8215)
        "5f00::/16",  # SRv6 segment identifiers (RFC 9602)
    )
)
#: The well-known NAT64 prefix: the IPv4 address in its last 32 bits is what is reached.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: Lookups run here so that each can be abandoned at the deadline; a few threads suffice.
_RESOLVERS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="microcred-dns")
ACCEPT = "application/did+json, application/vc, application/ld+json, application/json"


class Response(Protocol):
    status: int

    def getheader(self, name: str, /) -> str | None: ...
    def read(self, amount: int, /) -> bytes: ...


class Connection(Protocol):
    def request(self, method: str, url: str, *, headers: dict[str, str]) -> None: ...
    def getresponse(self) -> Response: ...
    def set_timeout(self, seconds: float) -> None: ...
    def close(self) -> None: ...


#: ``(host, port) -> [ip, …]``: every address the name resolves to.
Resolve = Callable[[str, int], Sequence[str]]
#: ``(host, ip, port, connect_timeout) -> Connection`` connected to ``ip``, TLS for ``host``.
Connect = Callable[[str, str, int, float], Connection]


def refused(code: str, message: str) -> DocumentLoadError:
    return DocumentLoadError(f"[{code}] {message}", code=code)


def not_public() -> DocumentLoadError:
    """The one answer for "does not resolve" and "resolves to an address we refuse"."""
    return refused("fetch_address_refused", "the host has no public address we may contact")


def system_resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise not_public() from exc
    return sorted({str(info[4][0]) for info in infos})


class _DeadlineSocket(ssl.SSLSocket):
    """A TLS socket whose every receive ends by one deadline.

    A per-call timeout is not enough: ``http.client`` reads through a buffered file that
    loops over ``recv`` until it has the bytes asked for, so a server sending one byte just
    inside each timeout could hold a worker for hours. Here each ``recv`` may wait only for
    what is left of the total, and none starts once it is spent.
    """

    deadline: float | None = None

    def _arm(self) -> None:
        if self.deadline is None:
            return
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the total deadline has passed")
        self.settimeout(left)

    def recv(self, *args: Any, **kwargs: Any) -> bytes:
        self._arm()
        return super().recv(*args, **kwargs)

    def recv_into(self, *args: Any, **kwargs: Any) -> int:
        self._arm()
        return super().recv_into(*args, **kwargs)


class _PinnedHttps(http.client.HTTPSConnection):
    """HTTPS to ``ip`` with the certificate and SNI checked for ``host``."""

    def __init__(
        self, host: str, ip: str, port: int, timeout: float, context: ssl.SSLContext | None = None
    ) -> None:
        context = context or ssl.create_default_context()
        context.sslsocket_class = _DeadlineSocket
        super().__init__(host, port, timeout=timeout, context=context)
        self._ip = ip
        self._pinned: _DeadlineSocket | None = None

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        context: ssl.SSLContext = self._context  # type: ignore[attr-defined]
        pinned = context.wrap_socket(sock, server_hostname=self.host)
        assert isinstance(pinned, _DeadlineSocket)
        self.sock = self._pinned = pinned

    def set_timeout(self, seconds: float) -> None:
        """Every later read must end within ``seconds`` from now, however it is split."""
        if self._pinned is not None:
            self._pinned.deadline = time.monotonic() + max(seconds, 0.001)


def system_connect(
    host: str, ip: str, port: int, timeout: float, *, context: ssl.SSLContext | None = None
) -> Connection:
    """``context`` replaces the system's trust store (tests: a throwaway CA)."""
    return _PinnedHttps(host, ip, port, timeout, context)


def check_address(ip: str) -> None:
    """Only globally routable unicast addresses may be contacted.

    The refusal does not repeat the address: it reaches anonymous visitors of the verify
    page, who must not learn what our internal names resolve to.
    """
    try:
        address = ipaddress.ip_address(ip.split("%")[0])
    except ValueError as exc:
        raise not_public() from exc
    if isinstance(address, ipaddress.IPv6Address):
        # ::ffff:a.b.c.d, 6to4 (2002:aabb:ccdd::/48) and NAT64 (64:ff9b::a.b.c.d) carry an
        # IPv4 address that a relay would reach for us: judge that one.
        embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in NAT64 else None
        address = address.ipv4_mapped or address.sixtofour or embedded or address
    if (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
        or any(address in net for net in EXTRA_REFUSED)
    ):
        raise not_public()


class SafeFetcher:
    """A :class:`microcred.vc.did.Fetcher` for the open internet (see the module docstring)."""

    def __init__(
        self,
        *,
        resolve: Resolve = system_resolve,
        connect: Connect = system_connect,
        clock: Callable[[], float] = time.monotonic,
        connect_timeout: float = CONNECT_TIMEOUT,
        total_timeout: float = TOTAL_TIMEOUT,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self._resolve, self._connect, self._clock = resolve, connect, clock
        self.connect_timeout, self.total_timeout = connect_timeout, total_timeout
        self.max_bytes = max_bytes

    def __call__(self, url: str, *, deadline: float | None = None) -> Any:
        """The JSON at ``url``; all of it (DNS included) done by ``deadline`` (a
        ``clock()`` value, e.g. the end of the whole verification) or the total timeout."""
        with _logged_refusals(url):
            body = self._fetch_bytes(url, deadline)
            try:
                return read_json(body, max_bytes=self.max_bytes)
            except JsonInputError as exc:
                raise refused(
                    "fetch_not_json", f"{url} did not return acceptable JSON: {exc}"
                ) from exc

    def fetch_bytes(self, url: str, *, deadline: float | None = None) -> bytes:
        """The exact bytes at ``url`` (a related resource whose digest is checked), under
        the same rules as :meth:`__call__`."""
        with _logged_refusals(url):
            return self._fetch_bytes(url, deadline)

    def _fetch_bytes(self, url: str, deadline: float | None) -> bytes:
        host, port, target = _split(url)
        end = self._clock() + self.total_timeout
        end = end if deadline is None else min(end, deadline)
        for ip in (addresses := self._addresses(host, port, url, end)):
            check_address(ip)
        try:
            body = self._get(host, addresses[0], port, target, url, end)
        except TimeoutError as exc:
            raise refused("fetch_timeout", f"{url} did not answer in time") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise refused("fetch_failed", f"{url} could not be fetched: {exc}") from exc
        return body

    def _addresses(self, host: str, port: int, url: str, end: float) -> list[str]:
        """Resolve in a worker thread, abandoned (not waited for) at the deadline."""
        left = self._left(end, url)
        lookup = _RESOLVERS.submit(self._resolve, host, port)
        try:
            addresses = list(lookup.result(timeout=left))
        except FutureTimeout as exc:
            lookup.cancel()
            raise refused("fetch_timeout", f"{url} did not answer in time") from exc
        if not addresses:
            raise not_public()
        return addresses

    def _get(self, host: str, ip: str, port: int, target: str, url: str, deadline: float) -> bytes:
        connect_timeout = min(self.connect_timeout, self._left(deadline, url))
        connection = self._connect(host, ip, port, connect_timeout)
        try:
            connection.request(
                "GET", target, headers={"Accept": ACCEPT, "Host": _authority(host, port)}
            )
            connection.set_timeout(self._left(deadline, url))
            response = connection.getresponse()
            _check_response(response, url)
            return self._read(connection, response, url, deadline)
        finally:
            connection.close()

    def _left(self, deadline: float, url: str) -> float:
        left = deadline - self._clock()
        if left <= 0:
            raise refused("fetch_timeout", f"{url} took longer than {self.total_timeout} s")
        return left

    def _read(self, connection: Connection, response: Response, url: str, deadline: float) -> bytes:
        declared = response.getheader("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            raise refused("fetch_too_large", f"{url} is larger than {self.max_bytes} bytes")
        body = bytearray()
        while True:
            connection.set_timeout(self._left(deadline, url))
            chunk = response.read(CHUNK)
            if not chunk:
                return bytes(body)
            body += chunk
            if len(body) > self.max_bytes:
                raise refused("fetch_too_large", f"{url} is larger than {self.max_bytes} bytes")


@contextmanager
def _logged_refusals(url: str) -> Iterator[None]:
    """Each refusal is logged for the operator with its code and the host only: a URL's
    path and query may carry anything the credential's author chose to put there."""
    try:
        yield
    except DocumentLoadError as exc:
        host = urlsplit(url).hostname or ""
        logger.info(
            "fetch refused", extra={"event": "fetch_refused", "code": exc.code, "host": host}
        )
        raise


def _split(url: str) -> tuple[str, int, str]:
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise refused("fetch_scheme_refused", f"{url} is not an https URL")
    if not parts.hostname or parts.username or parts.password:
        raise refused("fetch_url_invalid", f"{url} has no plain host name")
    try:
        port = parts.port or 443
    except ValueError as exc:
        raise refused("fetch_url_invalid", f"{url} has an invalid port") from exc
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.hostname, port, target


def _authority(host: str, port: int) -> str:
    return host if port == 443 else f"{host}:{port}"


def _check_response(response: Response, url: str) -> None:
    if 300 <= response.status < 400:
        raise refused("fetch_redirect_refused", f"{url} redirects; redirects are not followed")
    if response.status != 200:
        raise refused("fetch_http_error", f"{url} answered HTTP {response.status}")
    kind = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    if kind not in JSON_TYPES:
        raise refused("fetch_content_type", f"{url} is {kind or 'untyped'}, not JSON")
