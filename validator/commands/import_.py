"""`lkjip import DOCUMENT -o report.yaml`: an LKjIP document (PDF with a text layer,
DOCX, or text exported from either) into the report format, every figure as printed
and where it was printed; the cells not read with certainty listed for a person."""

from __future__ import annotations

from pathlib import Path

import click

from validator.imports import import_document
from validator.imports.report import Doubt, Imported
from validator.numbers import reason_text
from validator.write.output import check_output, write_output

TEXT = {
    "done": {"id": "Ditulis: {path} ({tables} tabel, {figures} angka).",
             "en": "Written: {path} ({tables} tables, {figures} figures)."},
    "review": {"id": "{n} sel perlu diperiksa (ditandai `# perlu diperiksa` di YAML):",
               "en": "{n} cells need checking (marked `# perlu diperiksa` in the YAML):"},
    "none": {"id": "Semua sel yang diimpor terbaca pasti.",
             "en": "Every imported cell was read with certainty."},
    "codes": {"id": "{n} kode tidak tercetak dan tidak dikenal nomenklatur: disusun importer "
                    "(ditandai), periksa sebelum membandingkan antarlaporan.",
              "en": "{n} codes are not printed and not in the nomenclature: made up by the "
                    "import (marked); check them before comparing reports."},
    "skipped": {"id": "Tabel yang ditemukan tetapi tidak diimpor ({n}):",
                "en": "Tables found but not imported ({n}):"},
    "next": {"id": "Berikutnya: tandai versi final (`final: true`) bila ada, lalu: lkjip check {path}",
             "en": "Next: mark the final version (`final: true`) if any, then: lkjip check {path}"},
}


@click.command("import")
@click.argument("document", metavar="DOKUMEN", type=click.Path(path_type=Path))
@click.option("--output", "-o", "output", required=True, type=click.Path(path_type=Path),
              help="Berkas YAML laporan yang ditulis.")
@click.option("--force", is_flag=True,
              help="Timpa berkas keluaran yang sudah ada (DOKUMEN tidak pernah ditimpa).")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa pesan.")
def import_command(document: Path, output: Path, force: bool, lang: str) -> None:
    """Impor dokumen LKjIP (PDF berteks, DOCX, atau teks) ke format laporan (YAML).

    Angka ditulis persis seperti tercetak, dengan halaman/tempatnya (`asal`); sel yang
    tidak terbaca pasti ditandai dan didaftar di akhir.
    """
    check_output(output, "yaml", force, source=document)
    imported = import_document(document)
    write_output(output, lambda: _write(output, imported.yaml_text))
    click.echo(summary(imported, output, lang))


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def summary(imported: Imported, output: Path, lang: str) -> str:
    """What was imported and what a person must look at, with its place."""
    lines = [TEXT["done"][lang].format(path=output, tables=len(imported.tables),
                                       figures=imported.figures)]
    if imported.review:
        lines.append(TEXT["review"][lang].format(n=len(imported.review)))
        lines += [f"  {doubt_line(d, lang)}" for d in imported.review]
    else:
        lines.append(TEXT["none"][lang])
    if imported.made_up_codes:
        lines.append(TEXT["codes"][lang].format(n=imported.made_up_codes))
    if imported.skipped:
        lines.append(TEXT["skipped"][lang].format(n=len(imported.skipped)))
        untitled = "tabel tanpa judul" if lang == "id" else "table without a caption"
        lines += [f"  {place_words(place, lang)}: {caption or untitled}"
                  for place, caption in imported.skipped]
    lines.append(TEXT["next"][lang].format(path=output))
    return "\n".join(lines)


def place_words(place: str, lang: str) -> str:
    """A place as the import writes it ("teks baris 712", "hal. 45") in `lang`."""
    if lang == "id":
        return place
    return place.replace("teks baris", "text line").replace("hal.", "p.") \
        .replace("tabel Word", "Word table").replace("paragraf", "paragraph").replace(" baris ", " row ")


def doubt_line(doubt: Doubt, lang: str) -> str:
    row = "baris" if lang == "id" else "row"
    place = place_words(doubt.place, lang)
    return (f"{place}, {doubt.table} {row} {doubt.row}, {doubt.column}: "
            f"{doubt.printed!r} ({doubt.reason if lang == 'id' else doubt.reason_en})")


__all__ = ["import_command", "reason_text"]
