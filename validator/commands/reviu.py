"""`lkjip reviu PATH... --output DIR`: the reviu documents of each report, and an index."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from validator import exit_codes
from validator.config import Config, find_config, load_config
from validator.errors import CommandExit
from validator.reviu import files, progress, scope
from validator.runner import RunResult, run


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in files.FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or value!r}; pilihan / choices: "
                                 f"{','.join(files.FORMATS)}", ctx=ctx, param=param)
    return chosen


def _papers(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in files.PAPER_FORMATS]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}; pilihan / choices: {','.join(files.PAPER_FORMATS)}",
                                 ctx=ctx, param=param)
    return chosen


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder tujuan dokumen reviu / folder for the documents.")
@click.option("--format", "formats", default=",".join(files.FORMATS), show_default=True,
              callback=_formats, help="Bentuk dokumen, pisah koma / formats, comma-separated.")
@click.option("--papers", "papers", default="", callback=_papers,
              help="Kertas kerja (KKR) dan catatan hasil reviu (CHR) per laporan: html,docx,xlsx.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Bahasa dokumen (bawaan: lkjip.toml, lalu id).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Berkas lkjip.toml (bawaan: dicari dari folder laporan ke atas).")
@click.option("--register", "to_register", is_flag=True,
              help="Catat juga hasilnya di register temuan (lkjip register).")
@click.option("--db", "url", metavar="URL", help="Register temuan (bawaan: lihat lkjip register).")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Tanggal pernyataan, YYYY-MM-DD (bawaan: hari ini).")
def reviu(paths: tuple[Path, ...], output: Path, formats: tuple[str, ...], papers: tuple[str, ...],
          lang: str | None,
          config_path: Path | None, to_register: bool, url: str | None, day: datetime | None) -> None:
    """Tulis dokumen hasil reviu (HTML, Markdown, XLSX) per laporan, dan indeksnya."""
    result = run(list(paths), config_path)  # many reports: checked in parallel, with a progress bar
    said = lang or _config_lang(paths, config_path)
    for line in progress.unreadable_lines(result, said):
        click.echo(line, err=True)
    config = load_config(config_path if config_path is not None else find_config(paths[0]))
    url = register_url(config, url) if (to_register or url) else None
    responses = recorded_responses(url) if url and papers else {}
    options = files.Options(output, formats, lang, config_path, day.date() if day else date.today(), papers,
                            responses)
    plan = files.plan(result, options, list(paths))
    for warning in plan.warnings:
        click.echo(warning, err=True)
    files.write(plan, output, [r.path for r in result.reports])
    for item in plan.outputs:
        click.echo(str(item.path))
    if url:
        from validator.commands.register import record_result

        record_result(result, url, said)
    if len(result.reports) > 1 or result.has_input_errors():
        click.echo(progress.summary_line(result, said), err=True)
    raise CommandExit(exit_code(result))


def recorded_responses(url: str) -> dict[str, dict[str, str]]:
    """The offices' responses already in the register, for the CHR (by office, by matter)."""
    from validator.register import db, queries

    with db.session_on(url) as session:
        return queries.responses(session)


def register_url(config: Config, url: str | None) -> str:
    from validator.register.db import register_url as chosen

    return chosen(config, url)


def _config_lang(paths: tuple[Path, ...], config_path: Path | None) -> str:
    """The language of the run's own messages: --lang, else the first report's lkjip.toml."""
    return load_config(config_path if config_path is not None else find_config(paths[0])).lang or "id"


def exit_code(result: RunResult) -> int:
    """2 when a report could not be read, 1 when one has matters (error or warning) or
    nothing of it could be checked (never a clean statement over nothing), else 0."""
    if result.has_input_errors():
        return exit_codes.USAGE_ERROR
    nothing = any(scope.limited(r.coverage) for r in result.reports)
    return exit_codes.FINDINGS if result.at_or_above("warning") or nothing else exit_codes.OK
