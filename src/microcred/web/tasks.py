"""Background tasks of the web project itself.

Only a ping so far: the apps define their own tasks (bulk issuance, e-mail) next to their
services. The ping exists so that an operator, a health check or a test can prove that a
worker is taking work from this deployment's queue, whichever backend the queue uses.
"""

from __future__ import annotations

from django_tasks import task


@task()
def ping(value: str) -> str:
    """Echo ``value``: the caller compares the echo with what it sent, so an answer from a
    stale result or another deployment's queue cannot pass for a live worker."""
    return value
