"""The background task that issues stacked credentials automatically.

Queued when a credential lands in the passport of a learner who follows a pathway that
issues automatically (``wallet.pathways.queue_auto_issue``); it verifies everything the
learner holds now and issues the stack of every such pathway that is complete.
"""

from __future__ import annotations

import logging

from django_tasks import task

from microcred.accounts.models import User
from microcred.pathways import services as pathways
from microcred.pathways.errors import PathwayError
from microcred.wallet.errors import WalletError
from microcred.wallet.pathways import receive_stack

logger = logging.getLogger(__name__)


@task()
def issue_completed_stacks(user_id: int) -> list[str]:
    """The public ids of the stacked awards issued (complete pathways only)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:  # the account was deleted meanwhile
        return []
    issued: list[str] = []
    for pathway in pathways.auto_issue_candidates(user):
        try:
            item = receive_stack(user, pathway, automatic=True)
        except PathwayError as error:
            if error.code != "not_complete":
                logger.warning(
                    "automatic stack refused",
                    extra={"pathway": pathway.public_id, "code": error.code},
                )
            continue
        except WalletError as error:
            logger.warning("automatic stack not kept", extra={"code": error.code})
            continue
        issued.append(item.award_public_id)
    return issued
