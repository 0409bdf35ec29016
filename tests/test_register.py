"""The findings register: matters followed across drafts and years, on SQLite always and
on a real PostgreSQL server (tests/postgres.py starts one) wherever its binaries exist."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from tests import postgres
from validator.cli import main
from validator.config import load_config
from validator.register import db, queries
from validator.register.models import Base, Matter
from validator.register.record import Outcome, record
from validator.runner import check_one

REPORT = """\
format: lkjip/1
identitas: {{instansi: Dinas Sosial Kabupaten Contoh, pemda: Kabupaten Contoh, tahun: {tahun}}}
sasaran:
  - kode: S1
    jenis: sasaran
    uraian: Meningkatnya pelayanan sosial
    indikator:
      - {{kode: S1.I1, uraian: Persentase PPKS yang tertangani, satuan: "%"}}
akip: {{nilai: "81,50", predikat: A}}
tabel:
  - id: t
    label: Tabel 3.9 Perbandingan Capaian
    jenis: anggaran
    baris:
{padding}      - {{kode: "1.06.01", uraian: PROGRAM PENUNJANG, anggaran: "100.000", realisasi: "94.470",
         capaian_kinerja: "100%", capaian_anggaran: "{a}"}}
      - {{kode: "1.06.02", uraian: PROGRAM PEMBERDAYAAN, anggaran: "100.000", realisasi: "96.710",
         capaian_kinerja: "90%", capaian_anggaran: "{b}"}}
      - {{kode: "1.06.04", uraian: PROGRAM REHABILITASI, anggaran: "100.000", realisasi: "50.000",
         capaian_kinerja: "90%", capaian_anggaran: "{c}"}}
  - id: k
    label: Tabel 3.1 Capaian Kinerja
    jenis: kinerja
    baris:
      - {{kode: S1.I1, target: "55%", realisasi: "55%", capaian: "100%"}}
"""
RIGHT = {"a": "94,47%", "b": "96,71%", "c": "50,00%"}
WRONG = {"a": "94,00%", "b": "96,00%", "c": "51,00%"}
PADDING = '      - {kode: "1.06.03", uraian: PROGRAM LAIN, anggaran: "100.000"}\n'


def report_text(tahun: int, wrong: str, padded: bool = False) -> str:
    """The report of `tahun` whose capaian anggaran is wrong in the programs named in
    `wrong` ("ab": 1.06.01 and 1.06.02); `padded` moves every line (a new row above)."""
    values = {key: WRONG[key] if key in wrong else RIGHT[key] for key in RIGHT}
    return REPORT.format(tahun=tahun, padding=PADDING if padded else "", **values)


# -- the databases ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def pg_server() -> Iterator[str | None]:
    if postgres.binaries() is None:
        print("PostgreSQL tests skipped: no initdb/pg_ctl on PATH or in /usr/lib/postgresql")
        yield None
        return
    with postgres.server() as url:
        yield url


_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'register.sqlite'}"
        return
    server = request.getfixturevalue("pg_server")
    if server is None:
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql")
    name = f"register_{next(_numbers)}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


def _record(url: str, path: Path, text: str) -> Outcome:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with db.session_on(url) as session:
        outcome = record(session, check_one(path), by="tester", now=datetime(2024, 3, 15, tzinfo=UTC))
    assert outcome is not None
    return outcome


def _statuses(url: str) -> dict[tuple[str, int], str]:
    """Status of each matter by (kode, year first seen)."""
    with db.session_on(url) as session:
        return {(m.row.split()[0], m.first_year): m.status for m in queries.matters(session)}


# -- schema ------------------------------------------------------------------------------------

def test_first_use_creates_the_schema_by_its_migrations(register_url: str) -> None:
    engine = db.open_engine(register_url)
    try:
        names = set(sa.inspect(engine).get_table_names())
        tables = {"office", "report", "draft", "matter", "sighting", "event", "web_user", "alembic_version"}
        assert tables <= names
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    finally:
        engine.dispose()
    db.open_engine(register_url).dispose()  # a second opening finds the schema current


def test_the_models_and_the_migrations_agree(register_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = db.open_engine(register_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


# -- following matters up ----------------------------------------------------------------------

def test_matters_are_followed_from_draft_to_draft_and_year_to_year(register_url: str, tmp_path: Path) -> None:
    draft1 = _record(register_url, tmp_path / "2023" / "laporan.yaml", report_text(2023, "ab"))
    assert (draft1.draft, len(draft1.new), draft1.still_open, draft1.resolved) == (1, 2, [], [])
    # Draft 2: 1.06.01 fixed, 1.06.02 still wrong, 1.06.04 newly wrong; every line moved.
    draft2 = _record(register_url, tmp_path / "2023" / "laporan.yaml", report_text(2023, "bc", padded=True))
    assert (draft2.draft, len(draft2.new), len(draft2.still_open), len(draft2.resolved)) == (2, 1, 1, 1)
    assert _statuses(register_url) == {("1.06.01", 2023): "resolved", ("1.06.02", 2023): "open",
                                       ("1.06.04", 2023): "new"}
    # The same bytes again: not a new draft.
    again = _record(register_url, tmp_path / "2023" / "laporan.yaml", report_text(2023, "bc", padded=True))
    assert again.unchanged and again.draft == 2
    # Next year: 1.06.02 is carried over, 1.06.01 is back, 1.06.04 was fixed.
    year2 = _record(register_url, tmp_path / "2024" / "laporan.yaml", report_text(2024, "ab"))
    assert (year2.draft, year2.new, len(year2.still_open), len(year2.reopened), len(year2.resolved)) == (
        1, [], 1, 1, 1)
    assert _statuses(register_url) == {("1.06.01", 2023): "open", ("1.06.02", 2023): "open",
                                       ("1.06.04", 2023): "resolved"}
    with db.session_on(register_url) as session:
        views = {v.row.split()[0]: v for v in queries.matters(session)}
        assert (views["1.06.02"].first_year, views["1.06.02"].last_year) == (2023, 2024)
        carried = session.get(Matter, views["1.06.02"].number)
        assert carried is not None and [s.draft.report.tahun for s in carried.sightings] == [2023, 2023, 2024]
        assert [e.kind for e in session.get(Matter, views["1.06.01"].number).events] == [  # type: ignore[union-attr]
            "found", "resolved", "reopened"]


def test_an_accepted_response_stays_accepted_and_an_older_year_resolves_nothing_newer(
        register_url: str, tmp_path: Path) -> None:
    _record(register_url, tmp_path / "2024.yaml", report_text(2024, "a"))
    with db.session_on(register_url) as session:
        [matter] = queries.matters(session)
        queries.respond(session, matter.number, "Angka tercetak sesuai DPA; selisih pembulatan.", accept=True)
    later = _record(register_url, tmp_path / "2024.yaml", report_text(2024, "a", padded=True))
    assert later.accepted == [matter.number] and later.new == []
    # Recording the 2023 report (without the matter) does not resolve the 2024 one.
    older = _record(register_url, tmp_path / "2023.yaml", report_text(2023, ""))
    assert older.resolved == []
    with db.session_on(register_url) as session:
        [view] = queries.matters(session)
        assert (view.status, view.response) == ("accepted", "Angka tercetak sesuai DPA; selisih pembulatan.")


def test_the_same_office_is_recognised_whatever_its_spacing_and_case(register_url: str,
                                                                     tmp_path: Path) -> None:
    _record(register_url, tmp_path / "a.yaml", report_text(2023, "a"))
    shouting = report_text(2024, "a").replace("Dinas Sosial Kabupaten Contoh",
                                              "DINAS  SOSIAL KABUPATEN CONTOH")
    outcome = _record(register_url, tmp_path / "b.yaml", shouting)
    assert outcome.new == [] and len(outcome.still_open) == 1


# -- the commands ------------------------------------------------------------------------------

def _lkjip(*args: str | Path) -> int:
    return main([str(a) for a in args])


def test_commands_record_list_show_set_status_respond_and_recap(
        register_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "laporan.yaml"
    report.write_text(report_text(2023, "ab"), encoding="utf-8")
    assert _lkjip("register", "record", report, "--db", register_url, "--by", "Ani") == 0
    out = capsys.readouterr()
    assert "Dinas Sosial Kabupaten Contoh 2023, draf 1: 2 baru, 0 masih terbuka" in out.out
    assert "register: " in out.err and "@" not in out.err.replace("lkjip@", "")  # no password printed
    assert _lkjip("register", "list", "--db", register_url, "--status", "baru") == 0
    listed = capsys.readouterr().out
    assert listed.count("baru") == 2 and "capaian anggaran" in listed and "FRM004" in listed
    number = int(listed.split()[0])
    assert _lkjip("register", "respond", number, "Diperbaiki pada draf berikut", "--db", register_url,
                  "--by", "Budi") == 0
    assert _lkjip("register", "set-status", number, "selesai", "--note", "dicek ulang",
                  "--db", register_url) == 0
    capsys.readouterr()
    assert _lkjip("register", "show", number, "--db", register_url) == 0
    shown = capsys.readouterr().out
    assert "selesai" in shown and "Tanggapan instansi: Diperbaiki pada draf berikut" in shown
    assert "tanggapan dicatat -> terbuka oleh Budi" in shown
    assert "status diubah -> selesai: dicek ulang" in shown
    assert "2023 draf 1" in shown and "laporan.yaml:" in shown
    recap = tmp_path / "rekap.xlsx"
    assert _lkjip("register", "recap", "-o", recap, "--db", register_url) == 0
    book = load_workbook(recap)
    assert book.sheetnames == ["Rekap", "Temuan"]
    rows = [[c.value for c in row] for row in book["Rekap"].iter_rows()]
    assert rows[1] == ["Dinas Sosial Kabupaten Contoh", "Kabupaten Contoh", 2023, 1, 2, 2, 1, 1, 0]
    matters = [[c.value for c in row] for row in book["Temuan"].iter_rows()]
    assert len(matters) == 3 and {m[1] for m in matters[1:]} == {"baru", "selesai"}


def test_commands_in_english(register_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "laporan.yaml"
    report.write_text(report_text(2023, "a"), encoding="utf-8")
    assert _lkjip("register", "record", report, "--db", register_url, "--lang", "en") == 0
    assert "draft 1: 1 new, 0 still open" in capsys.readouterr().out
    assert _lkjip("register", "list", "--db", register_url, "--lang", "en") == 0
    listed = capsys.readouterr().out
    assert " new " in listed and "/ capaian anggaran" in listed and "is stated as 94,00%" in listed


def test_reviu_records_into_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "in" / "laporan.yaml"
    report.parent.mkdir()
    report.write_text(report_text(2023, "ab"), encoding="utf-8")
    config = '[register]\nurl = "data/register.sqlite"\n'
    (tmp_path / "in" / "lkjip.toml").write_text(config, encoding="utf-8")
    assert _lkjip("reviu", report, "-o", tmp_path / "out", "--register", "--format", "md") == 1
    assert "draf 1: 2 baru" in capsys.readouterr().out
    assert (tmp_path / "in" / "data" / "register.sqlite").is_file()  # relative to lkjip.toml


def test_the_register_url_comes_from_the_option_the_environment_the_config_or_the_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file = tmp_path / "lkjip.toml"
    config_file.write_text("", encoding="utf-8")
    config = load_config(config_file)
    monkeypatch.delenv(db.ENV_URL, raising=False)
    assert db.register_url(config) == f"sqlite:///{tmp_path / 'lkjip-register.sqlite'}"
    config_file.write_text('[register]\nurl = "postgresql+psycopg://a@h/reviu"\n', encoding="utf-8")
    assert db.register_url(load_config(config_file)) == "postgresql+psycopg://a@h/reviu"
    monkeypatch.setenv(db.ENV_URL, "sqlite:////srv/shared.sqlite")
    assert db.register_url(load_config(config_file)) == "sqlite:////srv/shared.sqlite"
    assert db.register_url(load_config(config_file), "mine.sqlite") == f"sqlite:///{tmp_path / 'mine.sqlite'}"
    assert db.shown("postgresql+psycopg://auditor:rahasia@host/db") == "postgresql+psycopg://auditor:***@host/db"


@pytest.mark.parametrize("url, reason", [
    ("nosuch://x", "nosuch"),
    ("postgresql+psycopg://auditor:rahasia@127.0.0.1:1/reviu", "127.0.0.1"),
])
def test_an_unusable_register_is_exit_2_with_a_message(url: str, reason: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert _lkjip("register", "list", "--db", url) == 2
    err = capsys.readouterr().err
    assert "register temuan tidak dapat dipakai" in err and reason in err
    assert "rahasia" not in err and "Traceback" not in err


def test_a_file_that_is_not_a_register_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "bukan.sqlite"
    other.write_bytes(b"this is not a database" * 100)
    assert _lkjip("register", "list", "--db", other) == 2
    assert "register temuan tidak dapat dipakai" in capsys.readouterr().err
    assert other.read_bytes() == b"this is not a database" * 100  # never changed


def test_unknown_matter_and_empty_recap_are_exit_2(register_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert _lkjip("register", "show", "99", "--db", register_url) == 2
    assert "tidak ada temuan bernomor 99" in capsys.readouterr().err
    assert _lkjip("register", "recap", "-o", tmp_path / "r.xlsx", "--db", register_url) == 2
    assert "register belum memuat laporan" in capsys.readouterr().err
    assert not (tmp_path / "r.xlsx").exists()


def test_an_unreadable_report_is_named_and_nothing_of_it_recorded(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "rusak.yaml"
    broken.write_text("format: lkjip/1\nidentitas: [\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert _lkjip("register", "record", broken, "--db", url) == 2
    assert f"tidak terbaca: {broken}:3:1" in capsys.readouterr().err
    with db.session_on(url) as session:
        assert queries.matters(session) == [] and queries.recap(session) == []


def test_a_register_written_by_an_older_lkjip_is_upgraded_on_opening_and_keeps_its_data(
        register_url: str, tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config as AlembicConfig

    engine = sa.create_engine(register_url)
    setup = AlembicConfig()
    setup.set_main_option("script_location", str(db.MIGRATIONS))
    with engine.begin() as connection:
        setup.attributes["connection"] = connection
        command.upgrade(setup, "0001")  # the first schema, without web users
        insert = "INSERT INTO office (key, instansi, pemda) VALUES ('k', 'Dinas A', 'Kab B')"
        connection.execute(sa.text(insert))
    assert "web_user" not in sa.inspect(engine).get_table_names()
    engine.dispose()
    upgraded = db.open_engine(register_url)
    try:
        assert "web_user" in sa.inspect(upgraded).get_table_names()
        with upgraded.connect() as connection:
            assert connection.execute(sa.text("SELECT instansi FROM office")).scalar() == "Dinas A"
    finally:
        upgraded.dispose()
