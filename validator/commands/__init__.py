"""One module per command. COMMANDS_BY_NAME maps each command's name to where it lives
("module:attribute"), so the CLI group imports a command's module only when that command
runs (or `lkjip --help` lists them all): `lkjip check` never pays for the others."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click

COMMANDS_BY_NAME: dict[str, str] = {
    "check": "validator.commands.check:check",
    "rules": "validator.commands.rules:rules_command",
    "diff": "validator.commands.diff:diff",
    "reviu": "validator.commands.reviu:reviu",
    "convert": "validator.commands.convert:convert",
    "import": "validator.commands.import_:import_command",
    "template": "validator.commands.template:template",
    "generate": "validator.commands.generate:generate",
    "gx": "validator.commands.gx:gx_group",
    "schema": "validator.commands.schema:schema_group",
    "cache": "validator.commands.cache:cache_group",
    "register": "validator.commands.register:register_group",
    "serve": "validator.commands.serve:serve",
}


def load_command(name: str) -> click.Command:
    """Import the module of command `name` and return its click command."""
    module, _, attribute = COMMANDS_BY_NAME[name].partition(":")
    command: click.Command = getattr(importlib.import_module(module), attribute)
    return command


def __getattr__(name: str) -> list[click.Command]:
    # COMMANDS (every command object) is kept for callers that want them all; building
    # it imports every command module.
    if name == "COMMANDS":
        return [load_command(command) for command in COMMANDS_BY_NAME]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
