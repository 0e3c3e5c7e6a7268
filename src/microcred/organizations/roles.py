"""Roles a member can hold in an organisation (the platform admin is ``User.is_superuser``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Organisation admin")
    DESIGNER = "designer", _("Programme designer")
    ISSUER = "issuer", _("Issuer officer")
    QA_REVIEWER = "qa_reviewer", _("Quality-assurance reviewer")
    #: Decides learners' requests for recognition of prior learning (``microcred.recognition``).
    RPL_REVIEWER = "rpl_reviewer", _("Recognition reviewer")
