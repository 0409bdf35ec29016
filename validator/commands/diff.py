"""`lkjip diff REPORT [--from V] [--to V]` and `lkjip diff A B`: what changed between versions."""

from __future__ import annotations

import io
import json
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from validator.errors import InputError, Problem, closest
from validator.formatters.common import decimal_text
from validator.load import load_report
from validator.model import Location, Report, Version
from validator.numbers import format_en, format_id
from validator.revisions import Change, diff_reports, diff_versions, ordered_versions
from validator.write.atomic import write_atomic

HEADERS = {
    "id": ("kode", "tingkat", "uraian", "perubahan", "kolom", "sebelum", "sesudah", "selisih"),
    "en": ("kode", "level", "name", "change", "column", "before", "after", "delta"),
}
KINDS_ID = {"added": "ditambah", "removed": "dihapus", "renamed": "ganti nama", "changed": "berubah"}


@click.command("diff")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--from", "from_id", help="Versi awal (bawaan: tiap versi dengan berikutnya).")
@click.option("--to", "to_id", help="Versi akhir.")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", type=click.Choice(["id", "en"]), default="id")
def diff(reports: tuple[Path, ...], from_id: str | None, to_id: str | None, fmt: str,
         output: Path | None, lang: str) -> None:
    """Perubahan antar versi (PK awal, perubahan, DPA-P), atau antara dua laporan."""
    if len(reports) > 2:
        raise click.UsageError("satu laporan, atau dua laporan untuk dibandingkan")
    sections = _sections(reports, from_id, to_id)
    if fmt == "json":
        text = json.dumps({"comparisons": [_section_json(*s) for s in sections]}, ensure_ascii=False,
                          indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text.encode("utf-8"))
        return
    # Wide enough for names and both figures side by side, even in a pipe.
    width = 160 if output is not None else max(140, Console().width)
    buffer = io.StringIO()
    console = Console(highlight=False, width=width, file=None if output is None else buffer,
                      no_color=output is not None)
    for title, changes in sections:
        _show(console, title, changes, lang)
    if output is not None:
        write_atomic(output, buffer.getvalue().encode("utf-8"))


Section = tuple[str, list[Change]]


def _sections(paths: tuple[Path, ...], from_id: str | None, to_id: str | None) -> list[Section]:
    first = load_report(paths[0])
    if len(paths) == 2:
        second = load_report(paths[1])
        old = _version(first, from_id, final=True)
        new = _version(second, to_id, final=True)
        title = f"{paths[0]} [{old.id}] -> {paths[1]} [{new.id}]"
        return [(title, diff_reports(first, old, second, new))]
    versions = ordered_versions(first)
    if from_id or to_id:
        old = _version(first, from_id or versions[0].id)
        new = _version(first, to_id or versions[-1].id)
        pairs = [(old, new, versions[: versions.index(old) + 1])]
    else:
        pairs = [(versions[i - 1], versions[i], versions[:i]) for i in range(1, len(versions))]
    sections: list[Section] = []
    for old, new, history in pairs:
        sections.append((f"{old.id} -> {new.id}", diff_versions(first, old, new, "anggaran", history)))
        targets = diff_versions(first, old, new, "kinerja", history)
        if targets:  # strategic targets: shown only when one changed
            sections.append((f"{old.id} -> {new.id} (kinerja)", targets))
    return sections


def _version(report: Report, wanted: str | None, final: bool = False) -> Version:
    if wanted is None and final:
        ordered = ordered_versions(report)
        chosen = report.final_version() or (ordered[-1] if ordered else None)
        if chosen is not None:
            return chosen
    match = next((v for v in report.versi if v.id == wanted), None)
    if match is None:
        ids = [v.id for v in report.versi]
        raise InputError([Problem("unknown_version", Location(report.source),
                                  {"id": wanted or "", "suggestion": closest(wanted or "", ids)})])
    return match


def program_subtotals(changes: list[Change]) -> dict[str, dict[str, Decimal]]:
    """Per program: its own budget delta and the sum of the deltas of its kegiatan and
    of its sub kegiatan (they agree when every level was revised consistently)."""
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for change in changes:
        if change.field != "anggaran" and change.kind not in ("added", "removed"):
            continue
        delta = _budget_delta(change)
        if delta is not None:  # an unreadable figure has no delta: it is left out
            program = ".".join(change.kode.split(".")[:3])
            totals[program][change.level] += delta
    return {k: dict(v) for k, v in sorted(totals.items())}


def _budget_delta(change: Change) -> Decimal | None:
    if change.kind == "changed":
        return change.delta
    item = change.after or change.before
    figure = item.row.figure("anggaran") if item else None
    if figure is None or figure.value is None:
        return None
    return figure.value if change.kind == "added" else -figure.value


def _show(console: Console, title: str, changes: list[Change], lang: str) -> None:
    console.print(f"[bold]{escape(title)}[/bold]")
    table = RichTable(show_header=True, header_style="bold", show_lines=False)
    for header in HEADERS[lang]:
        table.add_column(header, overflow="fold")
    for change in changes:
        item = change.after or change.before
        name = item.row.uraian or "" if item else ""
        kind = KINDS_ID.get(change.kind, change.kind) if lang == "id" else change.kind
        table.add_row(change.kode, change.level, escape(_short(name)), kind, change.field or "",
                      escape(change.old or ""), escape(change.new or ""), _number(change.delta, lang))
    console.print(table)
    totals = program_subtotals(changes)
    if totals:
        sub = RichTable(show_header=True, header_style="bold")
        for header in ("program", "Δ program", "Σ Δ kegiatan", "Σ Δ sub kegiatan"):
            sub.add_column(header, justify="right")
        for program, levels in totals.items():
            sub.add_row(program, *(_number(levels.get(level), lang) for level in
                                   ("program", "kegiatan", "sub_kegiatan")))
        console.print(sub)
    for level, version in sorted(_borrowed_levels(title, changes).items()):
        note = (f"Tingkat {level} dibandingkan dengan versi {version} (versi awal tidak memuat tingkat ini)."
                if lang == "id" else f"Level {level} is compared with version {version} "
                "(the earlier version does not list this level).")
        console.print(f"[dim]{escape(note)}[/dim]")


def _borrowed_levels(title: str, changes: list[Change]) -> dict[str, str]:
    """Levels compared with an older version than the section's own `before` version."""
    before_id = title.split(" -> ")[0].strip()  # titles are "old -> new[ (kinerja)]"
    borrowed: dict[str, str] = {}
    for change in changes:
        version = change.before.table.version if change.before else None
        if version and version != before_id and "[" not in title:
            borrowed[change.level] = version
    return borrowed


def _short(name: str, limit: int = 48) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _number(value: Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    return format_id(value, 0) if lang == "id" else format_en(value, 0)


def _name(change: Change) -> str | None:
    item = change.after or change.before
    return item.row.uraian if item is not None else None


def _section_json(title: str, changes: list[Change]) -> dict[str, Any]:
    return {
        "title": title,
        "changes": [
            {
                "kode": c.kode, "level": c.level, "change": c.kind, "field": c.field,
                "name": _name(c),
                "before": c.old, "after": c.new, "delta": decimal_text(c.delta),
                "before_table": c.before.table.id if c.before else None,
                "after_table": c.after.table.id if c.after else None,
            }
            for c in changes
        ],
        "program_subtotals": {
            program: {level: decimal_text(value) for level, value in levels.items()}
            for program, levels in program_subtotals(changes).items()
        },
    }
