"""`lkjip register ...`: the findings register across drafts and years.

`record` checks reports and records them; `list`, `show`, `set-status` and `respond`
read and update matters; `recap` writes the recap across offices and years as XLSX.
The register is found as validator/register/db.py says (`--db` first).
"""

from __future__ import annotations

from pathlib import Path

import click

from validator import exit_codes
from validator.config import find_config, load_config
from validator.errors import CommandExit
from validator.register import db, queries
from validator.register.record import Outcome, record
from validator.register.words import EVENT_WORDS, STATUS_INPUT, status_word, words
from validator.reviu import progress
from validator.runner import RunResult, run

_DB = click.option("--db", "url", metavar="URL",
                   help="Register (URL SQLAlchemy atau berkas SQLite; bawaan: $LKJIP_REGISTER_URL, "
                        "[register] url di lkjip.toml, lalu lkjip-register.sqlite).")
_CONFIG = click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                       help="Berkas lkjip.toml (bawaan: dicari dari folder kerja ke atas).")
_LANG = click.option("--lang", type=click.Choice(["id", "en"]), default=None,
                     help="Bahasa keluaran (bawaan: lkjip.toml, lalu id).")
_BY = click.option("--by", "by", metavar="NAMA", help="Nama pencatat, disimpan di riwayat.")


@click.group("register")
def register_group() -> None:
    """Register temuan reviu: lintas draf dan tahun."""


def _setup(config_path: Path | None, start: Path, url: str | None, lang: str | None) -> tuple[str, str]:
    config = load_config(config_path if config_path is not None else find_config(start))
    return db.register_url(config, url), lang or config.lang or "id"


@register_group.command("record")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_DB
@_CONFIG
@_LANG
@_BY
def record_command(paths: tuple[Path, ...], url: str | None, config_path: Path | None, lang: str | None,
                   by: str | None) -> None:
    """Periksa laporan dan catat hasilnya di register sebagai draf baru."""
    result = run(list(paths), config_path)
    target, said = _setup(config_path, paths[0], url, lang)
    for line in progress.unreadable_lines(result, said):
        click.echo(line, err=True)
    record_result(result, target, said, by)
    if len(result.reports) > 1 or result.has_input_errors():
        click.echo(progress.summary_line(result, said), err=True)
    raise CommandExit(exit_codes.USAGE_ERROR if result.has_input_errors() else exit_codes.OK)


def record_result(result: RunResult, url: str, lang: str, by: str | None = None) -> list[Outcome]:
    """Record every readable report of a run (also `lkjip reviu --register`); one line each."""
    outcomes: list[Outcome] = []
    with db.session_on(url) as session:
        for item in result.reports:
            outcome = record(session, item, by)
            if outcome is not None:
                outcomes.append(outcome)
    w = words(lang)
    click.echo(w["register"].format(url=db.shown(url)), err=True)
    for o in outcomes:
        key = "unchanged" if o.unchanged else "recorded"
        click.echo(w[key].format(source=o.source, instansi=o.instansi, tahun=o.tahun, draft=o.draft,
                                 new=len(o.new), open=len(o.still_open), reopened=len(o.reopened),
                                 accepted=len(o.accepted), resolved=len(o.resolved)))
    return outcomes


@register_group.command("list")
@click.option("--instansi", help="Hanya instansi yang namanya memuat teks ini.")
@click.option("--tahun", type=int, help="Hanya temuan yang terlihat pada tahun ini.")
@click.option("--status", type=click.Choice(["baru", "terbuka", "selesai", "diterima",
                                             "new", "open", "resolved", "accepted"]),
              help="Hanya temuan berstatus ini (terbuka termasuk baru).")
@_DB
@_CONFIG
@_LANG
def list_command(instansi: str | None, tahun: int | None, status: str | None, url: str | None,
                 config_path: Path | None, lang: str | None) -> None:
    """Daftar temuan di register."""
    target, said = _setup(config_path, Path.cwd(), url, lang)
    chosen = {"baru": "new"}.get(status or "", STATUS_INPUT.get(status or "", status))
    with db.session_on(target) as session:
        found = queries.matters(session, queries.Filters(instansi, tahun, chosen))
    w = words(said)
    if not found:
        click.echo(w["none"])
        return
    for m in found:
        place = " / ".join(p for p in (m.table_in(said), m.row, m.column_in(said)) if p)
        click.echo(f"{m.number:>5}  {status_word(m.status, said):<9} {m.instansi} {m.last_year}  {m.rule}  "
                   f"{place}\n       {m.message(said)}")


@register_group.command("show")
@click.argument("number", type=int)
@_DB
@_CONFIG
@_LANG
def show_command(number: int, url: str | None, config_path: Path | None, lang: str | None) -> None:
    """Satu temuan: tempatnya, statusnya, tanggapan, kemunculan per draf dan riwayatnya."""
    target, said = _setup(config_path, Path.cwd(), url, lang)
    w = words(said)
    with db.session_on(target) as session:
        item = queries.matter(session, number)
        m = queries.view_of(session, item)
        sightings, events = queries.history(item)
        lines = [f"{w['no']} {m.number}: {status_word(m.status, said)} — {m.instansi} ({m.pemda})",
                 f"{w['aturan']}: {m.rule}; {w['tabel']}: {m.table_in(said)}; {w['baris']}: {m.row}; "
                 f"{w['kolom']}: {m.column_in(said)}",
                 f"{w['uraian']}: {m.message(said)}",
                 f"{w['sejak']}: {m.first_year} {w['draf']} {m.first_draft}; "
                 f"{w['terakhir']}: {m.last_year} {w['draf']} {m.last_draft}",
                 f"{w['tanggapan']}: {m.response or '-'}", "", f"{w['kemunculan']}:"]
        for s in sightings:
            lines.append(f"  {s.draft.report.tahun} {w['draf']} {s.draft.number} "
                         f"({s.draft.recorded_at:%Y-%m-%d}): {w['tertulis']} {s.stated or '-'}, "
                         f"{w['seharusnya']} {s.expected or '-'}; {s.location}")
        lines += ["", f"{w['riwayat']}:"]
        for e in events:
            who = f" {w['oleh']} {e.by}" if e.by else ""
            note = f": {e.note}" if e.note else ""
            lines.append(f"  {e.at:%Y-%m-%d %H:%M} {EVENT_WORDS['en' if said == 'en' else 'id'][e.kind]}"
                         f" -> {status_word(e.status, said)}{who}{note}")
    click.echo("\n".join(lines))


@register_group.command("set-status")
@click.argument("number", type=int)
@click.argument("status", type=click.Choice(sorted(STATUS_INPUT)))
@click.option("--note", help="Alasan, disimpan di riwayat.")
@_BY
@_DB
@_CONFIG
@_LANG
def set_status_command(number: int, status: str, note: str | None, by: str | None, url: str | None,
                       config_path: Path | None, lang: str | None) -> None:
    """Ubah status temuan: terbuka, selesai, atau diterima."""
    target, said = _setup(config_path, Path.cwd(), url, lang)
    with db.session_on(target) as session:
        item = queries.set_status(session, number, STATUS_INPUT[status], note, by)
        click.echo(words(said)["status_set"].format(number=number, status=status_word(item.status, said)))


@register_group.command("respond")
@click.argument("number", type=int)
@click.argument("text")
@click.option("--accept", is_flag=True, help="Tanggapan diterima: status menjadi diterima.")
@_BY
@_DB
@_CONFIG
@_LANG
def respond_command(number: int, text: str, accept: bool, by: str | None, url: str | None,
                    config_path: Path | None, lang: str | None) -> None:
    """Catat tanggapan instansi atas temuan."""
    target, said = _setup(config_path, Path.cwd(), url, lang)
    with db.session_on(target) as session:
        item = queries.respond(session, number, text, accept, by)
        click.echo(words(said)["response_set"].format(number=number, status=status_word(item.status, said)))


@register_group.command("recap")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Berkas XLSX rekap.")
@_DB
@_CONFIG
@_LANG
def recap_command(output: Path, url: str | None, config_path: Path | None, lang: str | None) -> None:
    """Rekap seluruh instansi dan tahun ke XLSX."""
    from validator.errors import InputError
    from validator.model import Location
    from validator.register import recap
    from validator.write.atomic import write_atomic

    target, said = _setup(config_path, Path.cwd(), url, lang)
    with db.session_on(target) as session:
        rows = queries.recap(session)
        if not rows:
            raise InputError.at(Location(db.shown(target)), "register_empty")
        data = recap.render(rows, queries.matters(session), said)
    if output.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{output}: .xlsx", param_hint="--output")
    try:
        write_atomic(output, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError.at(Location(str(output)), "output_unwritable", reason=reason) from exc
    click.echo(words(said)["recap_written"].format(path=output))


MIN_PASSWORD = 10


@register_group.command("add-user")
@click.argument("name")
@click.option("--role", type=click.Choice(["auditor", "planner"]), required=True,
              help="auditor: semua instansi; planner (perencana): hanya instansinya.")
@click.option("--instansi", help="Instansi perencana (teks yang termuat dalam namanya).")
@click.option("--password-stdin", is_flag=True, help="Baca kata sandi dari masukan standar.")
@_DB
@_CONFIG
@_LANG
def add_user_command(name: str, role: str, instansi: str | None, password_stdin: bool, url: str | None,
                     config_path: Path | None, lang: str | None) -> None:
    """Tambah pengguna halaman web (lkjip serve), atau ganti kata sandi dan perannya."""
    import sys

    from sqlalchemy import func, select

    from validator.errors import InputError
    from validator.model import Location
    from validator.register.models import Office
    from validator.web.app import add_user

    target, _ = _setup(config_path, Path.cwd(), url, lang)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Kata sandi / password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise InputError.at(Location(""), "password_short", minimum=MIN_PASSWORD)
    with db.session_on(target) as session:
        office_id = None
        if role == "planner":
            offices = list(session.scalars(select(Office).where(
                func.lower(Office.instansi).contains((instansi or "").lower())))) if instansi else []
            if len(offices) != 1:
                names = ", ".join(o.instansi for o in offices) or "-"
                raise InputError.at(Location(db.shown(target)), "user_office", reason=names)
            office_id = offices[0].id
        add_user(session, name, password, role, office_id)
    click.echo(f"{name}: {role}" + (f" ({instansi})" if office_id else ""))
