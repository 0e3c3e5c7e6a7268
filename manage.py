#!/usr/bin/env python
"""Django's command-line utility for Microcred (``scripts/server`` uses it to migrate)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.web.settings")
    os.umask(0o077)  # the database, keys and demo accounts under var/ are private
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
