"""`lkjip convert IN OUT`: reports from any format into YAML, XLSX or CSV folders.

IN is whatever `lkjip check` accepts (validator/load.py `find_reports`): a report file, a
CSV folder, or a folder of reports. One report is written to OUT; several (with `--to`)
are written into the folder OUT, each under its path relative to IN."""

from __future__ import annotations

from pathlib import Path

import click

from validator.errors import InputError
from validator.load import find_reports, load_report
from validator.model import Location, Report
from validator.write.csv_writer import write_csv
from validator.write.output import FORMATS, check_output, output_format, write_output
from validator.write.xlsx_writer import write_xlsx
from validator.write.yaml_writer import write_yaml

_WRITERS = {"yaml": write_yaml, "xlsx": write_xlsx, "csv": write_csv}
_SUFFIXES = {"yaml": ".yaml", "xlsx": ".xlsx", "csv": ""}
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
    """Ubah laporan IN (YAML, XLSX, folder CSV, atau folder laporan) ke OUT tanpa kehilangan data."""
    reports = list(find_reports([source])) if source.exists() else [source]
    if len(reports) == 1:
        chosen = output_format(target, fmt)
        _convert(reports[0], Path(target), chosen, force, lang)
        return
    if fmt is None:
        raise InputError.at(Location(str(source)), "many_reports_need_to", count=len(reports))
    folder = Path(target)
    planned = [(report, folder / _relative(report, source).with_suffix(_SUFFIXES[fmt])) for report in reports]
    for report, out in planned:  # every output is checked before anything is written
        check_output(out, fmt, force, source=report)
    for report, out in planned:
        _convert(report, out, fmt, force, lang)


def _convert(source: Path, out: Path, fmt: str, force: bool, lang: str) -> None:
    check_output(out, fmt, force, source=source)
    report = load_report(source)
    write_output(out, lambda: _write(fmt, report, out))
    click.echo(_DONE[lang].format(fmt=fmt, path=out))


def _relative(report: Path, source: Path) -> Path:
    try:
        return report.relative_to(source)
    except ValueError:
        return Path(report.name)


def _write(fmt: str, report: Report, out: Path) -> None:
    _WRITERS[fmt](report, out)
