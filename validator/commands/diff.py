"""`lkjip diff REPORT [--from V] [--to V]` and `lkjip diff A B`: what changed between versions.

REPORT is whatever `lkjip check` accepts (validator/load.py `find_reports`): a report, a
CSV folder, or a folder of reports, each diffed between its own versions. A and B must
each be (or hold) one report."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from validator.diffs import (
    HEADERS,
    SUBTOTAL_HEADERS,
    SUBTOTAL_LEVELS,
    Comparison,
    borrowed_levels,
    borrowed_note,
    change_name,
    consecutive_pairs,
    delta_text,
    kind_label,
    program_subtotals,
    report_comparison,
    version_comparisons,
)
from validator.errors import InputError, Problem, closest
from validator.formatters.common import decimal_text
from validator.load import find_reports, load_report
from validator.model import Location, Report, Version
from validator.revisions import ordered_versions
from validator.write.output import refuse_input_as_output, write_bytes_output


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
    found = [list(find_reports([path])) if path.exists() else [path] for path in reports]
    if output is not None:
        refuse_input_as_output(output, [*reports, *(p for paths in found for p in paths)])
    if len(reports) == 2:
        comparisons = _comparisons((_one(reports[0], found[0]), _one(reports[1], found[1])), from_id, to_id)
    else:
        many = len(found[0]) > 1  # then each comparison names its report
        comparisons = [replace(c, title=f"{path}: {c.title}") if many else c
                       for path in found[0] for c in _comparisons((path,), from_id, to_id)]
    if fmt == "json":
        text = json.dumps({"comparisons": [_comparison_json(c) for c in comparisons]}, ensure_ascii=False,
                          indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            write_bytes_output(output, text.encode("utf-8"))
        return
    # Wide enough for names and both figures side by side, even in a pipe.
    width = 160 if output is not None else max(140, Console().width)
    buffer = io.StringIO()
    console = Console(highlight=False, width=width, file=None if output is None else buffer,
                      no_color=output is not None)
    for comparison in comparisons:
        _show(console, comparison, lang)
    if output is not None:
        write_bytes_output(output, buffer.getvalue().encode("utf-8"))


def _one(given: Path, found: list[Path]) -> Path:
    """The one report a path of `lkjip diff A B` holds."""
    if len(found) != 1:
        raise InputError.at(Location(str(given)), "one_report_expected", count=len(found))
    return found[0]


def _comparisons(paths: tuple[Path, ...], from_id: str | None, to_id: str | None) -> list[Comparison]:
    first = load_report(paths[0])
    if len(paths) == 2:
        second = load_report(paths[1])
        old = _version(first, from_id, final=True)
        new = _version(second, to_id, final=True)
        title = f"{paths[0]} [{old.id}] -> {paths[1]} [{new.id}]"
        return [report_comparison(title, first, old, second, new)]
    versions = ordered_versions(first)
    if from_id or to_id:
        old = _version(first, from_id or versions[0].id)
        new = _version(first, to_id or versions[-1].id)
        return version_comparisons(first, [(old, new, versions[: versions.index(old) + 1])])
    return version_comparisons(first, consecutive_pairs(versions))


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


def _show(console: Console, comparison: Comparison, lang: str) -> None:
    console.print(f"[bold]{escape(comparison.title)}[/bold]")
    table = RichTable(show_header=True, header_style="bold", show_lines=False)
    for header in HEADERS[lang]:
        table.add_column(header, overflow="fold")
    for change in comparison.changes:
        table.add_row(change.kode, change.level, escape(_short(change_name(change) or "")),
                      kind_label(change.kind, lang), change.field or "", escape(change.old or ""),
                      escape(change.new or ""), delta_text(change.delta, lang))
    console.print(table)
    totals = program_subtotals(comparison.changes)
    if totals:
        sub = RichTable(show_header=True, header_style="bold")
        for header in SUBTOTAL_HEADERS:
            sub.add_column(header, justify="right")
        for program, levels in totals.items():
            sub.add_row(program, *(delta_text(levels.get(level), lang) for level in SUBTOTAL_LEVELS))
        console.print(sub)
    for level, version in sorted(borrowed_levels(comparison).items()):
        console.print(f"[dim]{escape(borrowed_note(level, version, lang))}[/dim]")


def _short(name: str, limit: int = 48) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _comparison_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "title": comparison.title,
        "changes": [
            {
                "kode": c.kode, "level": c.level, "change": c.kind, "field": c.field,
                "name": change_name(c),
                "before": c.old, "after": c.new, "delta": decimal_text(c.delta),
                "before_table": c.before.table.id if c.before else None,
                "after_table": c.after.table.id if c.after else None,
            }
            for c in comparison.changes
        ],
        "program_subtotals": {
            program: {level: decimal_text(value) for level, value in levels.items()}
            for program, levels in program_subtotals(comparison.changes).items()
        },
    }
