"""One module per command; COMMANDS lists them for the CLI group."""

from __future__ import annotations

import click

from validator.commands.check import check
from validator.commands.convert import convert
from validator.commands.diff import diff
from validator.commands.generate import generate
from validator.commands.gx import gx_group
from validator.commands.reviu import reviu
from validator.commands.rules import rules_command
from validator.commands.schema import schema_group
from validator.commands.template import template

COMMANDS: list[click.Command] = [
    check, rules_command, diff, reviu, convert, template, generate, gx_group, schema_group,
]
