"""Every catalogue model declares its personal data."""

from __future__ import annotations

import pytest
from django.apps import apps


@pytest.mark.parametrize("model", list(apps.get_app_config("catalog").get_models()))
def test_model_docstring_declares_personal_data(model: type) -> None:
    assert "Personal data:" in (model.__doc__ or "")
