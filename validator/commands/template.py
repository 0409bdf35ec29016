"""`lkjip template`: the empty, documented XLSX workbook or CSV folder to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from validator.write.csv_writer import write_template_csv
from validator.write.output import check_output, write_output
from validator.write.xlsx_writer import write_template_xlsx

_DONE = {"id": "Templat ditulis: {path}", "en": "Template written: {path}"}
_NOTHING = {
    "id": "sebutkan --xlsx BERKAS dan/atau --csv FOLDER",
    "en": "give --xlsx FILE and/or --csv FOLDER",
}


@click.command("template")
@click.option("--xlsx", "xlsx", type=click.Path(path_type=Path), help="Tulis templat XLSX ke berkas ini.")
@click.option("--csv", "csv", type=click.Path(path_type=Path), help="Tulis templat CSV ke folder ini.")
@click.option("--force", is_flag=True, help="Timpa keluaran yang sudah ada.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa pesan.")
def template(xlsx: Path | None, csv: Path | None, force: bool, lang: str) -> None:
    """Tulis templat kosong berpetunjuk (lembar petunjuk) untuk diisi."""
    if xlsx is None and csv is None:
        raise click.UsageError(_NOTHING[lang])
    # Check every output first, so nothing is written when one of them is refused.
    if xlsx is not None:
        check_output(xlsx, "xlsx", force)
    if csv is not None:
        check_output(csv, "csv", force)
    if xlsx is not None:
        out = xlsx
        write_output(out, lambda: write_template_xlsx(out))
        click.echo(_DONE[lang].format(path=out))
    if csv is not None:
        folder = csv
        write_output(folder, lambda: write_template_csv(folder))
        click.echo(_DONE[lang].format(path=folder))
