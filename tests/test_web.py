"""`lkjip serve` without a browser: access rules, CSRF, uploads and documents, through
Flask's test client (the journeys in a real browser are tests/test_web_browser.py)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.web_server import PASSWORDS, SEED, seeded_register
from validator.cli import main
from validator.commands.serve import is_loopback
from validator.web.app import Settings, create_app


@pytest.fixture
def register(tmp_path: Path) -> str:
    return seeded_register(tmp_path)


def _client(url: str, login: bool = False, limit: int = 5 * 1024 * 1024) -> FlaskClient:
    return create_app(Settings(url, "id", login, limit)).test_client()


def _csrf(client: FlaskClient, path: str = "/upload") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).get_data(as_text=True))
    assert found is not None
    return found.group(1)


def _login(client: FlaskClient, name: str) -> None:
    token = _csrf(client, "/login")
    response = client.post("/login", data={"name": name, "password": PASSWORDS[name], "csrf": token})
    assert response.status_code == 302


def test_loopback_addresses_need_no_login_others_do() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("reviu.local")


def test_open_to_the_network_every_page_needs_a_login(register: str) -> None:
    client = _client(register, login=True)
    for path in ("/", "/office/1", "/matter/1", "/upload", "/draft/1/chr.docx"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    token = _csrf(client, "/login")
    wrong = client.post("/login", data={"name": "auditor", "password": "salah-sekali", "csrf": token})
    assert wrong.status_code == 401 and "Nama pengguna atau kata sandi salah." in wrong.get_data(as_text=True)
    nobody = client.post("/login", data={"name": "siapa", "password": "salah-sekali", "csrf": token})
    assert nobody.status_code == 401


def test_a_planner_sees_only_their_own_office(register: str) -> None:
    client = _client(register, login=True)
    _login(client, "planner")
    home = client.get("/").get_data(as_text=True)
    assert "Dinas Sosial Kabupaten Pamekasan" in home and "Dinas Kesehatan" not in home
    assert client.get("/office/2").status_code == 403
    other = next(
        n
        for n in range(1, 20)
        if "Dinas Kesehatan" in _client(register).get(f"/matter/{n}").get_data(as_text=True)
    )
    assert client.get(f"/matter/{other}").status_code == 403
    page = client.get("/matter/1").get_data(as_text=True)
    assert 'id="status-form"' not in page  # only an auditor sets a status
    token = _csrf(client, "/matter/1")
    assert client.post("/matter/1/status", data={"status": "resolved", "csrf": token}).status_code == 403
    answered = client.post(
        "/matter/1/response", data={"response": "Sudah diperbaiki.", "accept": "1", "csrf": token}
    )
    assert answered.status_code == 302
    page = client.get("/matter/1").get_data(as_text=True)
    assert "Sudah diperbaiki." in page and 'class="status-accepted"' not in page  # a planner cannot accept


def test_every_form_needs_the_sessions_csrf_token(register: str) -> None:
    client = _client(register)
    client.get("/")
    for path, data in (
        ("/matter/1/status", {"status": "resolved"}),
        ("/matter/1/response", {"response": "x"}),
        ("/upload", {}),
    ):
        assert client.post(path, data=data).status_code == 400
        assert client.post(path, data={**data, "csrf": "palsu"}).status_code == 400
    page = client.get("/matter/1").get_data(as_text=True)
    assert "status diubah" not in page and "tanggapan dicatat" not in page


def test_uploads_are_limited_in_size_and_type_and_never_kept(register: str, tmp_path: Path) -> None:
    client = _client(register, limit=64 * 1024)
    token = _csrf(client)

    def send(data: bytes, name: str) -> tuple[int, str]:
        response = client.post(
            "/upload",
            data={"csrf": token, "report": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )
        return response.status_code, response.get_data(as_text=True)

    assert send(b"#!/bin/sh\nrm -rf /\n", "laporan.sh")[0] == 400
    assert send(b"MZ\x90\x00binary", "laporan.yaml")[0] == 400  # not UTF-8 text
    assert send(b"not a zip", "laporan.xlsx")[0] == 400
    assert send(b"x" * (65 * 1024), "laporan.yaml")[0] == 413
    code, page = send(b"format: lkjip/1\nidentitas: [\n", "rusak.yaml")
    assert code == 200 and "Laporan tidak terbaca: laporan.yaml:3:1: sintaks YAML salah" in page
    assert "lkjip-upload-" not in page  # the temporary folder is never shown
    code, page = send(SEED.read_bytes()[: 60 * 1024], "seed.yaml")
    assert code == 200


def test_a_document_of_a_changed_report_is_not_made_from_the_new_bytes(register: str, tmp_path: Path) -> None:
    client = _client(register)
    response = client.get("/draft/1/chr.docx")
    assert response.status_code == 200 and response.data.startswith(b"PK")
    assert "attachment" in response.headers["Content-Disposition"]
    (tmp_path / "seed.yaml").write_text(SEED.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")
    changed = client.get("/draft/1/chr.docx")
    assert changed.status_code == 409 and "sudah berubah atau tidak ada lagi" in changed.get_data(
        as_text=True
    )
    assert client.get("/draft/1/evil.exe").status_code == 404


def test_pages_forbid_scripts_and_framing(register: str) -> None:
    response = _client(register).get("/")
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script" not in response.get_data(as_text=True)


def test_serve_on_the_network_refuses_to_start_without_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'kosong.sqlite'}"
    assert main(["serve", "--host", "0.0.0.0", "--db", url]) == 2
    assert "memerlukan login, tetapi register belum punya pengguna" in capsys.readouterr().err


def test_add_user_hashes_the_password_and_ties_a_planner_to_one_office(
    register: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlalchemy as sa

    monkeypatch.setattr("sys.stdin", io.StringIO("kata-sandi-panjang\n"))
    assert (
        main(
            [
                "register",
                "add-user",
                "ani",
                "--role",
                "planner",
                "--instansi",
                "kesehatan",
                "--password-stdin",
                "--db",
                register,
            ]
        )
        == 0
    )
    engine = sa.create_engine(register)
    with engine.connect() as connection:
        stored, office = connection.execute(
            sa.text("SELECT password_hash, office_id FROM web_user WHERE name = 'ani'")
        ).one()
    engine.dispose()
    assert "kata-sandi-panjang" not in stored and stored.startswith(("scrypt:", "pbkdf2:")) and office == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("pendek\n"))
    assert (
        main(["register", "add-user", "budi", "--role", "auditor", "--password-stdin", "--db", register]) == 2
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("kata-sandi-panjang\n"))
    assert (
        main(
            [
                "register",
                "add-user",
                "budi",
                "--role",
                "planner",
                "--instansi",
                "Dinas",
                "--password-stdin",
                "--db",
                register,
            ]
        )
        == 2
    )  # two offices match
    assert "tepat satu instansi" in capsys.readouterr().err
