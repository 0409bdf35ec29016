"""A running `lkjip serve` application for tests: a register holding the seed report,
served by werkzeug on a free port of 127.0.0.1 in a thread."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from werkzeug.serving import make_server

from tests.conftest import ROOT
from validator.cli import main
from validator.register import db
from validator.web.app import Settings, add_user, create_app

SEED = ROOT / "fixtures" / "pamekasan-dinsos-2023" / "report.yaml"
OTHER = """\
format: lkjip/1
identitas: {instansi: Dinas Kesehatan Kabupaten Contoh, pemda: Kabupaten Contoh, tahun: 2023}
tabel:
  - id: t
    label: Tabel 2.5 Program
    jenis: anggaran
    baris:
      - {kode: "1.06.01", uraian: Program, anggaran: "100"}
      - {kode: "1.06.01.2.01", uraian: Kegiatan, anggaran: "90"}
"""
PASSWORDS = {"auditor": "rahasia-auditor-1", "planner": "rahasia-perencana-1"}


def seeded_register(folder: Path) -> str:
    """A SQLite register with the seed report (Dinas Sosial) and a second office recorded,
    and an auditor and a planner of Dinas Sosial."""
    url = f"sqlite:///{folder / 'register.sqlite'}"
    report = folder / "seed.yaml"  # a copy: the documents are made again from the recorded file
    report.write_bytes(SEED.read_bytes())
    other = folder / "other.yaml"
    other.write_text(OTHER, encoding="utf-8")
    with contextlib.redirect_stdout(None), contextlib.redirect_stderr(None):
        assert main(["register", "record", str(report), str(other), "--db", url]) == 0
    with db.session_on(url) as session:
        add_user(session, "auditor", PASSWORDS["auditor"], "auditor", None)
        add_user(session, "planner", PASSWORDS["planner"], "planner", 1)
    return url


@contextlib.contextmanager
def running(settings: Settings) -> Iterator[str]:
    """The application at an http:// base URL, for the duration of the block."""
    server = make_server("127.0.0.1", 0, create_app(settings), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
