"""Commands of the registry family; see zjtx/cli.py."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Attach this family's commands to the top-level group."""
