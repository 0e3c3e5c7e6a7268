"""The strategy app's errors (views turn them into a message next to the form).

StrategyError
├── InvalidInput  (code "strategy.invalid_input": bad field; ``messages`` says which)
└── NotFound      (code "strategy.not_found": an item or factor id that is not in this strategy)
"""

from __future__ import annotations


class StrategyError(Exception):
    code = "strategy.error"


class InvalidInput(StrategyError):  # noqa: N818
    code = "strategy.invalid_input"

    def __init__(self, messages: list[str], fields: dict[str, str] | None = None) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages
        self.fields = fields or {}


class NotFound(StrategyError):  # noqa: N818
    code = "strategy.not_found"
