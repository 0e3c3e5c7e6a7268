"""An isolated network for tests: a Linux network namespace with host names of our own.

Inside it, only loopback exists; the addresses we give it (public-looking ones, so the
SSRF-safe fetcher treats the hosts as the open internet, as it would in the field) are on
loopback, and ``/etc/hosts`` (bind-mounted by ``ip netns exec`` from
``/etc/netns/<name>/hosts``) names them. Nothing inside can reach the real network, and
nothing outside sees it. Needs root and iproute2 (``scripts/setup`` installs it).
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Globally routable on the internet, so the fetcher's address filter lets them through;
#: inside the namespace they lead only to our own servers.
PUBLIC_LOOKING = ("45.33.32.156", "45.33.32.157", "45.33.32.158")


@dataclass(frozen=True, slots=True)
class Namespace:
    name: str

    def command(self, argv: Sequence[str]) -> list[str]:
        return ["ip", "netns", "exec", self.name, *argv]

    def run(self, argv: Sequence[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # type: ignore[call-overload,no-any-return]
            self.command(argv), capture_output=True, text=True, timeout=120, check=False, **kwargs
        )

    def start(self, argv: Sequence[str], log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as sink:
            return subprocess.Popen(self.command(argv), stdout=sink, stderr=subprocess.STDOUT)


@contextmanager
def isolated_network(hosts: Mapping[str, str]) -> Iterator[Namespace]:
    """A namespace where each host name resolves to its address (on loopback)."""
    if shutil.which("ip") is None:
        pytest.fail("iproute2's ip is missing: run scripts/setup")
    name = f"mc-{secrets.token_hex(4)}"
    config = Path("/etc/netns") / name
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
        for address in sorted(set(hosts.values())):
            subprocess.run(
                ["ip", "-n", name, "addr", "add", f"{address}/32", "dev", "lo"], check=True
            )
        config.mkdir(parents=True, exist_ok=True)
        lines = ["127.0.0.1 localhost", *(f"{a} {h}" for h, a in hosts.items())]
        (config / "hosts").write_text("\n".join(lines) + "\n")
        yield Namespace(name)
    finally:
        subprocess.run(["ip", "netns", "delete", name], check=False)
        shutil.rmtree(config, ignore_errors=True)
