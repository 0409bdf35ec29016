"""The per-program chart: capaian kinerja beside capaian anggaran, as hand-written SVG.

Auditors read efficiency faster from a picture than from a table. The SVG is inline,
has no script and no external reference, and every text in it is escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from validator.model import Figure, Report, Row, Table
from validator.numbers import format_en, format_id
from validator.reviu.words import words

KINERJA, ANGGARAN = "capaian_kinerja", "capaian_anggaran"
COLOURS = {KINERJA: "#1f4e79", ANGGARAN: "#d9a441"}
"""Dark blue and light ochre: distinct in colour and in grayscale print."""


@dataclass(frozen=True)
class ProgramBar:
    kode: str
    label: str
    kinerja: Decimal | None
    anggaran: Decimal | None
    kinerja_text: str
    anggaran_text: str


@dataclass(frozen=True)
class Chart:
    table_label: str
    bars: tuple[ProgramBar, ...]


def chart_data(report: Report, lang: str) -> Chart | None:
    """Program rows of the first table stating both capaian columns (Tabel 3.9 in the seed)."""
    table = next((t for t in report.tabel if _has_both(t)), None)
    if table is None:
        return None
    bars = tuple(_bar(row, lang) for row in table.rows if row.level == "program")
    return Chart(table.label, bars) if bars else None


def _has_both(table: Table) -> bool:
    return any(KINERJA in row.cells and ANGGARAN in row.cells for row in table.rows)


def _bar(row: Row, lang: str) -> ProgramBar:
    kinerja, anggaran = row.figure(KINERJA), row.figure(ANGGARAN)
    return ProgramBar(
        row.kode, row.uraian or row.kode, _value(kinerja), _value(anggaran),
        figure_text(kinerja, lang), figure_text(anggaran, lang),
    )


def _value(figure: Figure | None) -> Decimal | None:
    return figure.value if figure is not None and figure.readable else None


def figure_text(figure: Figure | None, lang: str) -> str:
    """The value in the output language's style, or why there is none."""
    if figure is None:
        return "-"
    if figure.value is None:
        state = "not_measured" if figure.not_measured else "unreadable_value"
        return f"{words(lang)[state]} ({figure.raw})"
    decimals = max(figure.decimals, 0)
    text = format_en(figure.value, decimals) if lang == "en" else format_id(figure.value, decimals)
    return text + ("%" if figure.percent else "")


# -- SVG -------------------------------------------------------------------------------------

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 48, 64


def render_svg(chart: Chart, lang: str) -> str:
    w = words(lang)
    top = _axis_top(chart)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(w["chart_title"])}">',
        f"<title>{escape(w['chart_title'])}</title>",
        *_grid(top, lang),
        *_groups(chart, top),
        *_axes(w),
        *_legend(w),
        "</svg>",
    ]
    return "\n".join(parts)


def _axis_top(chart: Chart) -> int:
    """Room above the highest bar for its label, in steps of 20, capped so one outlier
    cannot flatten the rest (a clipped bar still shows its value)."""
    values = [v for b in chart.bars for v in (b.kinerja, b.anggaran) if v is not None]
    highest = float(max(values, default=Decimal(100)))
    return min(max(120, math.ceil((highest + 10) / 20) * 20), 220)


def _y(value: float, top: int) -> float:
    plot = HEIGHT - TOP - BOTTOM
    clamped = min(max(value, 0.0), float(top))
    return round(HEIGHT - BOTTOM - plot * clamped / top, 1)


def _grid(top: int, lang: str) -> list[str]:
    lines = []
    for tick in range(0, top + 1, 20):
        y = _y(tick, top)
        style = ' stroke-dasharray="4 3" stroke="#888"' if tick == 100 else ' stroke="#ddd"'
        label = format_en(Decimal(tick), 0) if lang == "en" else format_id(Decimal(tick), 0)
        lines.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"{style}/>')
        lines.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" class="tick">{label}</text>')
    return lines


def _groups(chart: Chart, top: int) -> list[str]:
    slot = (WIDTH - LEFT - RIGHT) / max(len(chart.bars), 1)
    bar = min(slot * 0.32, 40.0)
    parts = []
    for i, item in enumerate(chart.bars):
        middle = LEFT + slot * (i + 0.5)
        parts.append(f'<g><title>{escape(item.kode)} {escape(item.label)}</title>')
        parts += _bar_svg(middle - bar, bar, item.kinerja, item.kinerja_text, COLOURS[KINERJA], top)
        parts += _bar_svg(middle, bar, item.anggaran, item.anggaran_text, COLOURS[ANGGARAN], top)
        parts.append(f'<text x="{round(middle, 1)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                     f'class="kode">{escape(item.kode)}</text></g>')
    return parts


def _bar_svg(x: float, width: float, value: Decimal | None, text: str, colour: str, top: int) -> list[str]:
    x, width = round(x, 1), round(width, 1)
    centre = round(x + width / 2, 1)
    if value is None:
        # An unreadable figure gets no bar, only a mark, so it is not mistaken for zero.
        return [f'<text x="{centre}" y="{_y(0, top) - 4}" text-anchor="middle" class="value">?</text>']
    y = _y(float(value), top)
    height = round(_y(0, top) - y, 1)
    label = escape(text.removesuffix("%"))
    return [
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{colour}"/>',
        f'<text x="{centre}" y="{round(y - 4, 1)}" text-anchor="middle" class="value">{label}</text>',
    ]


def _axes(w: dict[str, str]) -> list[str]:
    base, middle = HEIGHT - BOTTOM, TOP + (HEIGHT - TOP - BOTTOM) / 2
    return [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#333"/>',
        f'<text x="16" y="{middle}" text-anchor="middle" class="axis" '
        f'transform="rotate(-90 16 {middle})">{escape(w["axis_y"])}</text>',
        f'<text x="{LEFT + (WIDTH - LEFT - RIGHT) / 2}" y="{HEIGHT - 18}" text-anchor="middle" '
        f'class="axis">{escape(w["axis_x"])}</text>',
    ]


def _legend(w: dict[str, str]) -> list[str]:
    parts = []
    x = LEFT
    for key, label in ((KINERJA, w["kinerja"]), (ANGGARAN, w["anggaran"])):
        parts.append(f'<rect x="{x}" y="14" width="14" height="14" fill="{COLOURS[key]}"/>')
        parts.append(f'<text x="{x + 20}" y="26" class="legend">{escape(label)}</text>')
        x += 40 + 8 * len(label)
    return parts
