"""Feedback on a long reviu: a progress bar while documents are rendered, every
unreadable report named on stderr, and one summary line at the end.

The bar is drawn only when a person watches stderr (a TTY): CI logs and pipes get the
named reports and the summary line only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from validator.runner import RunResult

T = TypeVar("T")

SUMMARY = {
    "id": ("{count} laporan", "{count} laporan, {bad} tidak terbaca: {names}"),
    "en": ("{count} reports", "{count} reports, {bad} unreadable: {names}"),
}
UNREADABLE = {"id": "tidak terbaca: {error}", "en": "unreadable: {error}"}
RENDERING = {"id": "Menyusun dokumen", "en": "Writing documents"}


def tracked(items: Iterable[T], total: int, lang: str, min_total: int = 2) -> Iterator[T]:
    """`items`, with a transient progress bar on a terminal's stderr (never in a pipe)."""
    if total < min_total or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, total=total, description=RENDERING["en" if lang == "en" else "id"],
                     transient=True, console=Console(stderr=True))


def unreadable_lines(result: RunResult, lang: str) -> list[str]:
    """One message per report that could not be read, with its place."""
    lines = []
    for item in result.reports:
        if item.report is None and item.error is not None:
            lines.append(UNREADABLE["en" if lang == "en" else "id"].format(error=item.error.describe(lang)))
    return lines


def summary_line(result: RunResult, lang: str) -> str:
    """`48 laporan, 3 tidak terbaca: a.yaml, b.xlsx, c.yaml`."""
    plain, with_bad = SUMMARY["en" if lang == "en" else "id"]
    bad = [str(item.path) for item in result.reports if item.report is None]
    count = len(result.reports)
    if lang == "en" and count == 1:
        plain, with_bad = plain.replace("reports", "report"), with_bad.replace("reports", "report")
    if not bad:
        return plain.format(count=count)
    return with_bad.format(count=count, bad=len(bad), names=", ".join(bad))
