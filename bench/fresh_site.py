"""A fresh platform for a benchmark: production-mode settings on a throwaway database."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def configure(var_dir: Path, **extra: str) -> dict[str, str]:
    """Set up Django for this process and return the environment its children need.

    Production mode, as deployed: with DEBUG on, Django keeps the last 9,000 queries (each
    with its credentials' JSON) in memory and slows every request. The database is SQLite in
    ``var_dir`` unless MICROCRED_DATABASE says otherwise (``scripts/pg-throwaway`` does);
    it is migrated here. ``extra`` adds or overrides MICROCRED_* settings.
    """
    from microcred.keystore.kek import generate_kek_text

    env = {
        "DJANGO_SETTINGS_MODULE": "microcred.web.settings",
        "MICROCRED_VAR_DIR": str(var_dir),
        "MICROCRED_DEBUG": "0",
        "MICROCRED_SECRET_KEY": secrets.token_urlsafe(50),
        "MICROCRED_DATABASE": os.environ.get("MICROCRED_DATABASE", "sqlite"),
        "MICROCRED_KEK": generate_kek_text(),
        "MICROCRED_PUBLIC_URL": "https://bench.example",
        # No benchmark reads its mail; production refuses the console backend.
        "MICROCRED_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        **extra,
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return {**os.environ, **env}
