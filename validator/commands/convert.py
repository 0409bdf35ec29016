"""`lkjip convert IN OUT`: a report from any format into YAML, XLSX or a CSV folder."""

from __future__ import annotations

from pathlib import Path

import click

from validator.load import load_report
from validator.model import Report
from validator.write.csv_writer import write_csv
from validator.write.output import FORMATS, check_output, output_format, write_output
from validator.write.xlsx_writer import write_xlsx
from validator.write.yaml_writer import write_yaml

_WRITERS = {"yaml": write_yaml, "xlsx": write_xlsx, "csv": write_csv}
_DONE = {"id": "Ditulis ({fmt}): {path}", "en": "Written ({fmt}): {path}"}


@click.command("convert")
@click.argument("source", metavar="IN", type=click.Path(path_type=Path))
@click.argument("target", metavar="OUT")
@click.option("--to", "fmt", type=click.Choice(FORMATS),
              help="Format keluaran; bawaan: dari akhiran OUT (.yaml/.yml, .xlsx, folder = CSV).")
@click.option("--force", is_flag=True, help="Timpa OUT yang sudah ada (IN tidak pernah ditimpa).")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa pesan.")
def convert(source: Path, target: str, fmt: str | None, force: bool, lang: str) -> None:
    """Ubah laporan IN (YAML, XLSX, atau folder CSV) ke OUT tanpa kehilangan data."""
    chosen = output_format(target, fmt)
    out = Path(target)
    check_output(out, chosen, force, source=source)
    report = load_report(source)
    write_output(out, lambda: _write(chosen, report, out))
    click.echo(_DONE[lang].format(fmt=chosen, path=out))


def _write(fmt: str, report: Report, out: Path) -> None:
    _WRITERS[fmt](report, out)
