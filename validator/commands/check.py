"""`lkjip check PATH...`: check reports and print or write the findings."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from validator import exit_codes
from validator.cache import ResultCache, default_cache
from validator.config import config_for, find_config, load_config
from validator.errors import CommandExit
from validator.formatters import FORMATS, NAMES, QUIET, TERMINAL
from validator.load import find_reports, is_report_file
from validator.runner import RunResult, run
from validator.selection import Selection
from validator.write.output import (
    refuse_annotate_target,
    refuse_input_as_output,
    write_bytes_output,
    write_output,
)

# validator.batch (process pools, imported by runner.run only for a batch), rich (the
# terminal formatter), every formatter but the chosen one and the atomic writer (-o) are
# imported where they are used: checking one report to JSON stays quick.


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(code.strip().upper() for code in value.split(",") if code.strip())


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(NAMES), default=TERMINAL, show_default=True,
              help="Bentuk keluaran / output format.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Tulis ke berkas ini / write to this file.")
@click.option("--annotate", type=click.Path(path_type=Path, dir_okay=False),
              help="Tulis salinan buku kerja XLSX dengan temuan pada selnya.")
@click.option("--select", help="Hanya aturan ini (kode atau awalan, pisah koma), mis. SUM,FRM001.")
@click.option("--ignore", help="Abaikan aturan ini (kode atau awalan, pisah koma).")
@click.option("--severity", type=click.Choice(["error", "warning", "info"]), default="error",
              show_default=True, help="Ambang temuan yang membuat kode keluar 1.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Bahasa pesan (bawaan: lkjip.toml, lalu id).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Berkas lkjip.toml (bawaan: dicari dari folder laporan ke atas).")
@click.option("--quiet", "-q", is_flag=True,
              help="Hanya laporan yang punya temuan dan ringkasan (terminal, markdown, html).")
@click.option("--statistics", is_flag=True, help="Jumlah temuan per aturan, dan akar masalahnya.")
@click.option("--only-reports", is_flag=True,
              help="Lewati berkas yang bukan laporan lkjip dan sebutkan jumlahnya (untuk pre-commit).")
@click.option("--engine", "engine_name", type=click.Choice(["native", "gx"]), default="native",
              show_default=True, help="Mesin aturan; gx = Great Expectations (pip install 'lkjip[gx]').")
@click.option("--data-docs", type=click.Path(path_type=Path, file_okay=False),
              help="Dengan --engine gx: bangun GX Data Docs di folder ini.")
@click.option("--gx-context", type=click.Path(path_type=Path, file_okay=False),
              help="Dengan --engine gx: pakai konteks GX berkas (proyek GX) di folder ini.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Jumlah proses pemeriksa (bawaan: semua inti bila laporan banyak; 1 = satu proses).")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder cache hasil (bawaan: $LKJIP_CACHE_DIR, lalu .lkjip_cache).")
@click.option("--no-cache", is_flag=True,
              help="Periksa ulang semua laporan, tanpa membaca atau menulis cache (juga: LKJIP_NO_CACHE=1).")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Laporkan hanya temuan yang tidak ada di berkas baseline ini.")
@click.option("--write-baseline", "write_baseline", type=click.Path(path_type=Path, dir_okay=False),
              help="Catat temuan saat ini ke berkas baseline ini, lalu selesai.")
@click.option("--show-settings", "show_settings", type=click.Path(path_type=Path),
              help="Tampilkan pengaturan yang berlaku untuk laporan ini (aturan, opsi, sumber), "
                   "lalu selesai.")
def check(paths: tuple[Path, ...], fmt: str, output: Path | None, annotate: Path | None,
          select: str | None,
          ignore: str | None, severity: str, lang: str | None, config_path: Path | None,
          quiet: bool, statistics: bool, only_reports: bool, engine_name: str,
          data_docs: Path | None, gx_context: Path | None, jobs: int | None,
          cache_dir: Path | None, no_cache: bool, baseline_path: Path | None,
          write_baseline: Path | None, show_settings: Path | None) -> None:
    """Periksa laporan LKjIP (YAML, XLSX, atau folder CSV) dan tampilkan temuannya.

    Hasil laporan yang tidak berubah (isi, aturan, dan pengaturan sama) diambil dari
    cache .lkjip_cache tanpa diperiksa ulang; --no-cache mematikannya.
    """
    if show_settings is not None:
        _show_settings(show_settings, config_path, Selection(_codes(select), _codes(ignore)), lang)
    if not paths:
        raise click.UsageError("PATHS: sebutkan laporan atau folder / name reports or folders")
    skipped: list[Path] = []
    if only_reports:
        skipped = [p for p in paths if not _is_report(p)]
        paths = tuple(p for p in paths if _is_report(p))
    reports = list(find_reports(paths, skipped))
    if baseline_path is not None and write_baseline is not None:
        raise click.UsageError("--baseline / --write-baseline: pilih salah satu / choose one")
    for target in (output, write_baseline):
        if target is not None:
            refuse_input_as_output(target, reports)  # before anything runs: nothing is changed
    entries = None
    if baseline_path is not None:
        from validator import baseline  # only a run with a baseline pays for it

        entries = baseline.load(baseline_path)
    if annotate is not None:
        refuse_annotate_target(annotate, reports)
    selection = Selection(_codes(select), _codes(ignore))
    cache = default_cache(enabled=not no_cache, folder=cache_dir)
    result = _check_with(engine_name, data_docs, gx_context, reports, config_path, selection, jobs, cache)
    result.skipped = skipped
    lang = lang or _config_lang(config_path, paths)
    if write_baseline is not None:
        _write_baseline(result, write_baseline, lang)
    if entries is not None:
        from validator import baseline

        baseline.apply(result, entries)
    if fmt == TERMINAL:
        text = _terminal(result, lang, output, quiet, statistics)
    elif fmt in QUIET:
        text = FORMATS[fmt](result, lang, quiet=quiet)
    else:
        text = FORMATS[fmt](result, lang)
    if fmt == "github":
        from validator.formatters.github import write_job_summary

        write_job_summary(result, lang)  # the full list, when GitHub gave the file
    if output is not None:
        write_bytes_output(output, text.encode("utf-8"))
    elif text:
        sys.stdout.write(text)
    if annotate is not None:
        _annotate(result, annotate, lang)
    raise CommandExit(exit_code(result, severity))


def _show_settings(path: Path, config_path: Path | None, selection: Selection, lang: str | None) -> None:
    from validator.settings_view import settings_text

    config = load_config(config_path) if config_path else config_for(path)
    sys.stdout.write(settings_text(path, config, selection, lang or config.lang))
    raise CommandExit(exit_codes.OK)


BASELINE_WRITTEN = {"id": "Baseline ditulis: {count} temuan -> {path}",
                    "en": "Baseline written: {count} findings -> {path}"}


def _write_baseline(result: RunResult, path: Path, lang: str) -> None:
    """Record the run's findings and stop: 0, or 2 when a report could not be read."""
    from validator import baseline

    write_bytes_output(path, baseline.text(result).encode("utf-8"))
    click.echo(BASELINE_WRITTEN[lang].format(count=len(result.findings), path=path), err=True)
    code = exit_codes.USAGE_ERROR if result.has_input_errors() else exit_codes.OK
    raise CommandExit(code)


def _annotate(result: RunResult, target: Path, lang: str) -> None:
    """The annotated copy of the one workbook checked; none when it could not be read
    (its input error is reported and the exit code is 2)."""
    from validator.write.annotate import annotate

    checked = result.reports[0]
    if checked.error is None:
        write_output(target, lambda: annotate(checked.path, target, checked.findings, lang))


def _check_with(engine_name: str, data_docs: Path | None, gx_context: Path | None, paths: list[Path],
                config_path: Path | None, selection: Selection, jobs: int | None = None,
                cache: ResultCache | None = None) -> RunResult:
    """The native engine (in parallel for many reports, cached), or GX inside one GX
    session (never cached: a GX run is asked for to see GX validate)."""
    if engine_name != "gx":
        if data_docs is not None or gx_context is not None:
            raise click.UsageError("--data-docs / --gx-context need --engine gx")
        return run(paths, config_path, selection, jobs=jobs, cache=cache)
    from validator import gx  # GX itself is imported only by the session

    if not gx.available():
        raise click.UsageError(gx.MISSING["en"])
    with gx.session(data_docs, gx_context):
        return run(paths, config_path, selection, engine="gx")


def _config_lang(config_path: Path | None, paths: tuple[Path, ...]) -> str:
    """`lang` of the explicit config, else of the one found above the first path."""
    found = config_path or (find_config(paths[0]) if paths else None)
    return load_config(found).lang if found else "id"


def _is_report(path: Path) -> bool:
    # pre-commit passes every matching file (workflows, configs): keep only reports.
    # Folders are kept: find_reports searches them for reports anyway.
    return path.is_dir() or is_report_file(path)


def _terminal(result: RunResult, lang: str, output: Path | None, quiet: bool,
              statistics: bool) -> str:
    """Shows the result on the terminal (returns ""), or returns it as plain text for -o."""
    from rich.console import Console

    from validator.formatters import terminal

    if output is None:
        console = Console(highlight=False)
        # In a pipe, a CI log or a pre-commit hook, long lines stay whole instead of
        # being wrapped at 80 columns mid-message.
        console.soft_wrap = not console.is_terminal
        terminal.show(result, lang, console, quiet, statistics)
        return ""
    buffer = io.StringIO()
    terminal.show(result, lang, Console(file=buffer, highlight=False, no_color=True, width=120),
                  quiet, statistics)
    return buffer.getvalue()


def exit_code(result: RunResult, threshold: str) -> int:
    if result.has_input_errors():
        return exit_codes.USAGE_ERROR
    return exit_codes.FINDINGS if result.at_or_above(threshold) else exit_codes.OK
