"""One module per command; COMMANDS lists them for the CLI group."""

from __future__ import annotations

import click

from validator.commands.check import check
from validator.commands.convert import convert
from validator.commands.rules import rules_command
from validator.commands.template import template

COMMANDS: list[click.Command] = [check, rules_command, convert, template]
