"""Review findings on the SSRF-safe fetcher, proved against a real TLS socket on loopback.

The unit tests of ``test_fetcher`` use a fake connection, which cannot show what the real
socket does when a hostile server answers one byte at a time: the total deadline must hold
for the real connection too, not only between the fake's reads.
"""

from __future__ import annotations

import datetime
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from microcred.vc.errors import DocumentLoadError
from microcred.vc.fetcher import Connection, SafeFetcher, check_address, system_connect

HOST = "issuer.test"


def _certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class DripServer:
    """Answers every request with headers, then one body byte every ``interval`` seconds."""

    def __init__(self, cert: Path, key: Path, *, interval: float, give_up_after: float) -> None:
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.interval, self.give_up_after = interval, give_up_after
        self.client_hung_up = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        raw, _address = self.listener.accept()
        try:
            with self.context.wrap_socket(raw, server_side=True) as tls:
                tls.recv(4096)
                tls.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 100000\r\n\r\n"
                )
                stop = time.monotonic() + self.give_up_after
                while time.monotonic() < stop:
                    tls.sendall(b" ")
                    time.sleep(self.interval)
        except OSError:  # the client hung up, as it should: the test asserts it did
            self.client_hung_up.set()

    def close(self) -> None:
        self.listener.close()
        self.thread.join(timeout=10)


@pytest.fixture
def drip(tmp_path: Path) -> Iterator[DripServer]:
    cert, key = _certificate(tmp_path)
    server = DripServer(cert, key, interval=0.05, give_up_after=6.0)
    yield server
    server.close()


def test_total_deadline_holds_on_the_real_socket_against_a_slow_drip(
    drip: DripServer, tmp_path: Path
) -> None:
    trusted = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))

    def connect(host: str, ip: str, port: int, timeout: float) -> Connection:
        # The server lives on loopback; the address check ran on the "public" address.
        return system_connect(host, "127.0.0.1", drip.port, timeout, context=trusted)

    fetch = SafeFetcher(
        resolve=lambda host, port: ["93.184.215.14"], connect=connect, total_timeout=1.0
    )
    started = time.monotonic()
    with pytest.raises(DocumentLoadError) as caught:
        fetch(f"https://{HOST}/did.json")
    elapsed = time.monotonic() - started
    assert caught.value.code == "fetch_timeout"
    assert elapsed < 2.5, f"a byte-a-time server held the fetcher for {elapsed:.1f} s"
    assert drip.client_hung_up.wait(timeout=3)  # the fetcher closed the connection itself


@pytest.mark.parametrize(
    "ip",
    [
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254 (cloud metadata)
        "2002:0a00:0001::1",  # 6to4 of 10.0.0.1
    ],
)
def test_6to4_addresses_embedding_a_private_ipv4_are_refused(ip: str) -> None:
    with pytest.raises(DocumentLoadError) as caught:
        check_address(ip)
    assert caught.value.code == "fetch_address_refused"


def test_6to4_of_a_public_ipv4_still_passes() -> None:
    check_address("2002:5db8:d70e::1")  # 93.184.215.14


@pytest.mark.parametrize(
    "url",
    [
        "https://2130706433/",  # 127.0.0.1 as one decimal number
        "https://0x7f.1/",  # hexadecimal, short form
        "https://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
        "https://[::ffff:7f00:1]/",
        "https://[::1]/",
        "https://[0:0:0:0:0:0:0:1]/",
        "https://[fe80::1]/",  # link-local
        "https://[2002:a9fe:a9fe::]/",  # 6to4 of the metadata service
        "https://[64:ff9b::a9fe:a9fe]/",  # NAT64 of the metadata service
        "https://localhost/",
    ],
)
def test_literal_and_encoded_internal_addresses_are_refused_before_connecting(url: str) -> None:
    def connect(host: str, ip: str, port: int, timeout: float) -> Connection:
        raise AssertionError(f"connected to {ip}")

    with pytest.raises(DocumentLoadError) as caught:
        SafeFetcher(connect=connect)(url)  # the system resolver: literals need no DNS
    assert caught.value.code == "fetch_address_refused"


@pytest.mark.django_db
def test_the_verify_page_does_not_tell_what_an_internal_name_resolves_to(client: Any) -> None:
    response = client.post("/en/verify/", {"url": "https://localhost:8443/secret.json"})
    text = response.content.decode()
    assert response.status_code == 400
    assert "no public address" in text
    assert "127.0.0.1" not in text
    assert "::1" not in text
