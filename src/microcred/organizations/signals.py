"""Signals other apps listen to, so that organisations never import what sits above them."""

from __future__ import annotations

from django.dispatch import Signal

#: Sent (after the transaction commits) when a key is withdrawn: whatever it signed that
#: must stay valid (status lists) is re-signed by the listeners. ``organization`` is sent.
key_retired = Signal()
