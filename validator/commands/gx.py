"""`lkjip gx export --output DIR [--frames REPORT...]`: the rules as GX expectation
suites (JSON), a runnable checkpoint script, and the frames of given reports."""

from __future__ import annotations

from pathlib import Path

import click

from validator.bands import DEFAULT_BAND_SET
from validator.config import find_config, load_config
from validator.load import find_reports, load_report
from validator.selection import rule_book, select_rules
from validator.write.output import refuse_input_as_output, write_into_folder

_DONE = {"id": "Ditulis: {path}", "en": "Written: {path}"}


@click.group("gx")
def gx_group() -> None:
    """Great Expectations: ekspor aturan sebagai suite GX (pip install 'lkjip[gx]')."""


@gx_group.command("export")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder keluaran (suites/*.json, run_checkpoint.py, frames/).")
@click.option("--frames", "reports", multiple=True, type=click.Path(path_type=Path),
              help="Tulis juga frame laporan ini (boleh berulang).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="lkjip.toml (aturan tambahan, pita nilai, pengaturan).")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def export(output: Path, reports: tuple[Path, ...], config_path: Path | None, lang: str) -> None:
    """Tulis suite ekspektasi GX per keluarga aturan dan skrip checkpoint."""
    from validator import gx

    if not gx.available():
        raise click.UsageError(gx.MISSING[lang])
    from validator.gx import export as exporter
    from validator.gx import translate

    config = load_config(config_path or find_config(Path.cwd()))
    rules, bands = rule_book(config.rule_paths)
    band_set = bands.get(config.base.settings.band_set or DEFAULT_BAND_SET)
    inputs = list(find_reports(list(reports)))
    refuse_input_as_output(output, inputs)  # a folder inside an input CSV report, say
    written: list[Path] = []
    write_into_folder(output, lambda: written.extend(exporter.write_suites(output, rules, band_set)))
    for path in inputs:
        scope = config.scope_for(path)
        chosen = select_rules(rules, scope.select, scope.ignore, scope.severity)
        report = load_report(path)
        plan = translate.plan(report, chosen, scope.settings, bands)
        folder = exporter.frames_folder(output, report.source)
        write_into_folder(folder, lambda: written.extend(exporter.write_frames(folder, plan)))  # noqa: B023
    for path in written:
        click.echo(_DONE[lang].format(path=path))
