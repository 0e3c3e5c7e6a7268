"""The STEEP factors of a strategy and the themes an organisation adds to the starter library.

Factors are rows, not part of the canvas document: they are ranked, charted and linked to
canvas items one by one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization, new_public_id
from microcred.strategy.models.strategy import Strategy


class SteepTheme(models.Model):
    """A theme an organisation added to the starter library (the library itself is data).

    Personal data: none.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="steep_themes"
    )
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    lens = models.CharField(max_length=16)
    orientation = models.CharField(max_length=16)
    title = models.CharField(max_length=300)


class SteepFactor(models.Model):
    """One STEEP factor of a strategy, and where it went on the canvas if it was sent there.

    Personal data: ``created_by`` (who recorded it).
    """

    class Lens(models.TextChoices):
        SOCIAL = "social", _("Social")
        TECHNOLOGICAL = "technological", _("Technological")
        ECONOMIC = "economic", _("Economic")
        ENVIRONMENTAL = "environmental", _("Environmental")
        POLITICAL = "political", _("Political and legal")

    class Orientation(models.TextChoices):
        OPPORTUNITY = "opportunity", _("Opportunity")
        THREAT = "threat", _("Threat")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="factors")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    lens = models.CharField(max_length=16, choices=Lens.choices)
    orientation = models.CharField(max_length=16, choices=Orientation.choices)
    title = models.CharField(max_length=300)
    theme = models.CharField(max_length=64, blank=True)
    impact = models.PositiveSmallIntegerField()
    likelihood = models.PositiveSmallIntegerField()
    evidence = models.TextField(blank=True)
    source = models.CharField(max_length=500, blank=True)
    sent_kind = models.CharField(max_length=40, blank=True)
    sent_item = models.CharField(max_length=32, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]

    @property
    def score(self) -> int:
        return self.impact * self.likelihood
