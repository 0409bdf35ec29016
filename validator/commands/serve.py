"""`lkjip serve`: the team's web page over the findings register (validator/web/).

Bound to this computer (127.0.0.1) by default, where it needs no login. With `--host`
set to an address of the office network it requires a login, and refuses to start
while the register has no users (`lkjip register add-user`).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from validator.config import find_config, load_config
from validator.errors import InputError
from validator.model import Location


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: treat as the network


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Alamat yang didengar; selain 127.0.0.1/localhost memerlukan login.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--db", "url", metavar="URL", help="Register temuan (bawaan: lihat lkjip register).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Berkas lkjip.toml (bawaan: dicari dari folder kerja ke atas).")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None, help="Bahasa halaman.")
@click.option("--upload-limit-mb", default=5, show_default=True, type=click.IntRange(1, 100),
              help="Ukuran terbesar laporan yang diunggah (MB).")
def serve(host: str, port: int, url: str | None, config_path: Path | None, lang: str | None,
          upload_limit_mb: int) -> None:
    """Halaman web tim reviu atas register temuan (lokal secara bawaan)."""
    from sqlalchemy import func, select
    from werkzeug.serving import run_simple

    from validator.register import db
    from validator.register.models import WebUser
    from validator.web.app import Settings, create_app

    config = load_config(config_path if config_path is not None else find_config(Path.cwd()))
    target = db.register_url(config, url)
    login = not is_loopback(host)
    if login:
        with db.session_on(target) as session:
            if not session.scalar(select(func.count()).select_from(WebUser)):
                raise InputError.at(Location(db.shown(target)), "serve_no_users", host=host)
    app = create_app(Settings(target, lang or config.lang or "id", login, upload_limit_mb * 1024 * 1024))
    mode = "login" if login else "lokal / local"
    click.echo(f"lkjip serve: http://{host}:{port}/ ({mode}; register: {db.shown(target)})", err=True)
    run_simple(host, port, app, threaded=True)
