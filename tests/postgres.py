"""A throwaway PostgreSQL server for the register's tests: initdb into a temporary
folder, pg_ctl start on a free port of 127.0.0.1, stop and delete at the end.

Run as root (CI containers), the server runs as the `postgres` user through runuser:
PostgreSQL refuses to run as root. Without PostgreSQL binaries the tests that need a
server are skipped, saying why; CI installs them (.ci/run).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SUPERUSER = "lkjip"


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


@contextmanager
def server() -> Iterator[str]:
    """A running server; yields the URL of its `postgres` database (trust auth, local only)."""
    folder = binaries()
    if folder is None:
        raise FileNotFoundError("no PostgreSQL binaries (initdb, pg_ctl)")
    root = Path(tempfile.mkdtemp(prefix="lkjip-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    try:
        subprocess.run(_as_server_user([str(folder / "initdb"), "-D", str(data), "-U", SUPERUSER,
                                        "--auth=trust", "--no-sync", "-E", "UTF8"]),
                       check=True, capture_output=True)
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(_as_server_user([str(folder / "pg_ctl"), "-D", str(data), "-o", options,
                                        "-l", str(root / "log"), "-w", "start"]),
                       check=True, capture_output=True)
        try:
            yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(_as_server_user([str(folder / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                            "stop"]), capture_output=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
