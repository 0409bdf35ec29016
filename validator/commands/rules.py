"""`lkjip rules [CODE]`: list the rules, or print one rule's documentation."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from validator.config import find_config, load_config
from validator.errors import InputError, Problem, closest
from validator.model import Location
from validator.ruledocs import rule_markdown
from validator.selection import rule_book


@click.command("rules")
@click.argument("code", required=False)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", help="Bahasa pesan.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="lkjip.toml yang menambah berkas aturan.")
def rules_command(code: str | None, lang: str, config_path: Path | None) -> None:
    """Daftar aturan, atau dokumentasi satu aturan (mis. lkjip rules FRM006)."""
    config = load_config(config_path or find_config(Path.cwd()))
    rules, _ = rule_book(config.rule_paths)
    console = Console(highlight=False)
    if code is None:
        table = Table(show_header=True, header_style="bold")
        headings = ("kode", "nama", "jenis", "tingkat", "pesan") if lang == "id" else (
            "code", "name", "kind", "severity", "message")
        for column in headings:
            table.add_column(column)
        for rule in rules:
            table.add_row(rule.code, rule.name, rule.kind, rule.severity,
                          rule.messages.get(lang, rule.messages["id"]))
        console.print(table)
        return
    wanted = code.upper()
    match = next((r for r in rules if r.code == wanted), None)
    if match is None:
        hint = closest(wanted, [r.code for r in rules])
        raise InputError([Problem("unknown_rule_code", Location(""), {"code": code, "suggestion": hint})])
    console.print(Markdown(rule_markdown(match, "#", lang)))
