"""Errors of the readiness engine, in the project's one error tree."""

from __future__ import annotations

from microcred.vc import SchemaError


class KnowledgeBaseError(SchemaError):
    """The knowledge-base files are inconsistent (a dangling reference, a cycle, …).

    All problems are collected into one message so a reviewer fixes them in one pass.
    """

    code = "readiness_kb_invalid"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)
