"""The Pernyataan Telah Direviu: a user-editable text template and its rendering.

Templates use string.Template ($instansi, ${tahun}) with safe_substitute: no attribute
access, no indexing, no code, and an unknown $name stays literally in the text. Report
data substituted into a template is never itself treated as a template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Literal

from validator.errors import InputError
from validator.model import Location

MAX_TEMPLATE_BYTES = 256 * 1024
SEPARATOR = "---"
"""A line holding only this splits a template file: clean variant above, matters below."""

FIELDS = (
    "instansi", "INSTANSI", "pemda", "tahun", "unit", "tempat", "tanggal", "inspektur", "nip",
    "jabatan", "jumlah_temuan", "jumlah_kesalahan", "jumlah_peringatan", "jumlah_akibat", "jumlah_catatan",
    "daftar_temuan", "kesimpulan", "lingkup", "batasan",
)

_OPENING_ID = (
    "Kami telah mereviu Laporan Kinerja $INSTANSI untuk tahun anggaran $tahun sesuai Pedoman "
    "Reviu atas Laporan Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi "
    "tanggung jawab manajemen $INSTANSI.\n\n"
    "$lingkup $batasan\n\n"
    "Reviu bertujuan untuk memberikan keyakinan terbatas Laporan Kinerja telah disajikan secara "
    "akurat, andal, dan valid. Berdasarkan reviu kami, "
)
_OPENING_EN = (
    "We have reviewed the Performance Report of $INSTANSI for fiscal year $tahun in accordance "
    "with the Guidelines for the Review of Performance Reports. The substance of the "
    "information in the Performance Report is the responsibility of the management of "
    "$INSTANSI.\n\n"
    "$lingkup $batasan\n\n"
    "The review aims to provide limited assurance that the Performance Report has been "
    "presented accurately, reliably and validly. Based on our review, "
)
CONCLUSIONS = {
    "id": (
        "tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini keandalan "
        "informasi yang disajikan di dalam Laporan Kinerja ini.",
        # Wording of this variant is unconfirmed (docs/reviu.md); users can override it.
        "terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini keandalan "
        "informasi yang disajikan di dalam Laporan Kinerja ini, yaitu:",
    ),
    "en": (
        "nothing has come to our attention that causes us to doubt the reliability of the "
        "information presented in this Performance Report.",
        "the following matters cause us to doubt the reliability of the information presented "
        "in this Performance Report:",
    ),
}
_CLOSING = {
    "id": "Rincian setiap hal tercantum dalam Lampiran: Daftar Temuan Reviu.",
    "en": "Each matter is detailed in the Attachment: Review Findings.",
}


@dataclass(frozen=True)
class StatementTemplate:
    clean: str
    matters: str
    source: str | None = None
    """The user's template file, or None for the built-in wording."""


@dataclass(frozen=True)
class Block:
    """A paragraph (one text) or a numbered list (items with their numbers)."""

    kind: Literal["p", "ol"]
    items: tuple[str, ...]
    numbers: tuple[int, ...] = ()


def default_template(lang: str) -> StatementTemplate:
    opening = _OPENING_EN if lang == "en" else _OPENING_ID
    clean, matters = CONCLUSIONS["en" if lang == "en" else "id"]
    closing = _CLOSING["en" if lang == "en" else "id"]
    return StatementTemplate(opening + clean, f"{opening}{matters}\n\n$daftar_temuan\n\n{closing}")


def default_template_text(lang: str) -> str:
    """The built-in template as a file the user can copy and edit."""
    template = default_template(lang)
    return f"{template.clean}\n{SEPARATOR}\n{template.matters}\n"


def parse_template(text: str, source: str | None = None) -> StatementTemplate:
    lines = text.replace("\r\n", "\n").split("\n")
    if SEPARATOR in (line.strip() for line in lines):
        cut = next(i for i, line in enumerate(lines) if line.strip() == SEPARATOR)
        clean, matters = "\n".join(lines[:cut]), "\n".join(lines[cut + 1:])
        return StatementTemplate(clean.strip(), matters.strip(), source)
    return StatementTemplate(text.strip(), text.strip(), source)


def load_template(path: Path) -> StatementTemplate:
    """A user template file; unreadable or oversized files are input errors with the path."""
    where = Location(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise InputError.at(where, "file_too_large", size=size, limit=MAX_TEMPLATE_BYTES)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError.at(where, "file_missing") from exc
    except OSError as exc:
        raise InputError.at(where, "file_unreadable", reason=exc.strerror or str(exc)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.at(where, "not_utf8", offset=exc.start) from exc
    return parse_template(text, str(path))


def unknown_fields(template: StatementTemplate) -> list[str]:
    """Placeholders that no field fills (they are printed literally)."""
    names: set[str] = set()
    for text in (template.clean, template.matters):
        names.update(Template(text).get_identifiers())
    return sorted(names - set(FIELDS))


SCOPE_FIELDS = ("lingkup", "batasan")
"""What the review covered and its limits: stated even by a template that leaves them out."""


def render(template: StatementTemplate, fields: Mapping[str, str], has_matters: bool) -> tuple[Block, ...]:
    text = template.matters if has_matters else template.clean
    if not set(SCOPE_FIELDS) & set(Template(text).get_identifiers()):
        text += "\n\n" + " ".join(f"${name}" for name in SCOPE_FIELDS)
    return blocks(Template(text).safe_substitute(fields))


def one_line(text: str) -> str:
    """Collapse whitespace so report data cannot add paragraphs or list items."""
    return " ".join(text.split())


def matter_list(messages: list[str]) -> str:
    return "\n".join(f"{n}. {one_line(message)}" for n, message in enumerate(messages, start=1))


_ITEM = re.compile(r"^(\d{1,4})\.\s+(.*)$")


def blocks(text: str) -> tuple[Block, ...]:
    """Blank lines separate paragraphs; lines `N. text` form numbered lists."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        prose: list[str] = []
        items: list[tuple[int, str]] = []
        for line in chunk.splitlines():
            match = _ITEM.match(line.strip())
            if match:
                _flush_prose(prose, result)
                items.append((int(match.group(1)), match.group(2).strip()))
            elif line.strip():
                _flush_items(items, result)
                prose.append(line.strip())
        _flush_prose(prose, result)
        _flush_items(items, result)
    return tuple(result)


def _flush_prose(prose: list[str], result: list[Block]) -> None:
    if prose:
        result.append(Block("p", (" ".join(prose),)))
        prose.clear()


def _flush_items(items: list[tuple[int, str]], result: list[Block]) -> None:
    if items:
        result.append(Block("ol", tuple(t for _, t in items), tuple(n for n, _ in items)))
        items.clear()


def plain_text(statement: tuple[Block, ...]) -> str:
    """The statement as plain text: paragraphs separated by blank lines."""
    parts = []
    for block in statement:
        if block.kind == "p":
            parts.append(block.items[0])
        else:
            parts.append("\n".join(f"{n}. {t}" for n, t in zip(block.numbers, block.items, strict=True)))
    return "\n\n".join(parts)
