"""One module per command; COMMANDS lists them for the CLI group."""

from __future__ import annotations

import click

from validator.commands.check import check

COMMANDS: list[click.Command] = [check]
