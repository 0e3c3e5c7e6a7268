"""What the verification tests share: a fake connection for the fetcher, the page's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import pytest

from microcred.vc.errors import DocumentLoadError
from microcred.vc.fetcher import SafeFetcher


@dataclass
class FakeResponse:
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    body: bytes = b'{"id": "x"}'
    stall: bool = False

    def getheader(self, name: str, /) -> str | None:
        return self.headers.get(name)

    def read(self, amount: int, /) -> bytes:
        if self.stall:
            raise TimeoutError("timed out")
        chunk, self.body = self.body[:amount], self.body[amount:]
        return chunk


@dataclass
class FakeConnection:
    response: FakeResponse
    asked: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    closed: bool = False

    def request(self, method: str, url: str, *, headers: dict[str, str]) -> None:
        self.asked.append((method, url, headers))

    def getresponse(self) -> FakeResponse:
        return self.response

    def set_timeout(self, seconds: float) -> None:
        assert 0 < seconds <= 5

    def close(self) -> None:
        self.closed = True


def refusal(fetch: SafeFetcher, url: str) -> str:
    with pytest.raises(DocumentLoadError) as caught:
        fetch(url)
    return caught.value.code


def text_of(response: Any) -> str:
    return unescape(response.content.decode("utf-8"))


def verdict_of(response: Any) -> str:
    match = re.search(r'<h2 id="verdict">(.*?)</h2>', text_of(response), re.DOTALL)
    assert match is not None, "the page shows no verdict"
    return match.group(1).strip()
