"""`lkjip template`: the empty, documented XLSX workbook or CSV folder to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from validator.load import load_report
from validator.write.csv_writer import write_template_csv
from validator.write.output import check_output, write_output
from validator.write.template_xlsx import write_planner_template
from validator.write.xlsx_writer import check_texts

_DONE = {"id": "Templat ditulis: {path}", "en": "Template written: {path}"}
_FROM_NEEDS_XLSX = {
    "id": "--from mengisi templat XLSX: sebutkan --xlsx BERKAS",
    "en": "--from fills the XLSX template: give --xlsx FILE",
}
_NOTHING = {
    "id": "sebutkan --xlsx BERKAS dan/atau --csv FOLDER",
    "en": "give --xlsx FILE and/or --csv FOLDER",
}


@click.command("template")
@click.option("--xlsx", "xlsx", type=click.Path(path_type=Path), help="Tulis templat XLSX ke berkas ini.")
@click.option("--csv", "csv", type=click.Path(path_type=Path), help="Tulis templat CSV ke folder ini.")
@click.option("--from", "source", type=click.Path(path_type=Path),
              help="Isi templat XLSX dengan data laporan ini (YAML, XLSX, atau folder CSV).")
@click.option("--force", is_flag=True, help="Timpa keluaran yang sudah ada.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa pesan.")
def template(xlsx: Path | None, csv: Path | None, source: Path | None, force: bool,
             lang: str) -> None:
    """Tulis templat berpetunjuk untuk diisi: lembar petunjuk dahulu, satu lembar per tabel
    baku LKjIP dengan baris contoh abu-abu, pilihan isian, dan judul kolom seperti tercetak.
    Dengan --from, templat XLSX berisi data laporan itu."""
    if xlsx is None and csv is None:
        raise click.UsageError(_NOTHING[lang])
    if source is not None and xlsx is None:
        raise click.UsageError(_FROM_NEEDS_XLSX[lang])
    # Check every output first, so nothing is written when one of them is refused.
    if xlsx is not None:
        check_output(xlsx, "xlsx", force, source)
    if csv is not None:
        check_output(csv, "csv", force)
    report = load_report(source) if source is not None else None
    if report is not None:
        check_texts(report)
    if xlsx is not None:
        out = xlsx
        write_output(out, lambda: write_planner_template(out, report))
        click.echo(_DONE[lang].format(path=out))
    if csv is not None:
        folder = csv
        write_output(folder, lambda: write_template_csv(folder))
        click.echo(_DONE[lang].format(path=folder))
