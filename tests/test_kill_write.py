"""`lkjip convert` killed with SIGKILL in the middle of writing leaves the previous output
whole (test_convert.py simulates the interruption in-process; this kills a real process,
so no cleanup code of ours runs at all).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from validator.load import load_report

ROWS = 3000
START_TIMEOUT = 120.0


def _big_report(path: Path) -> None:
    rows = [
        f'      - {{kode: "1.06.{p:02d}.2.{k:02d}.{s:04d}", uraian: "Sub kegiatan {p}-{k}-{s}", '
        f'anggaran: "1.234.567,00", realisasi: "1.000.000,00", capaian_anggaran: "81,00%"}}'
        for p in range(1, 100) for k in range(1, 100) for s in range(1, 4)
    ][:ROWS]
    head = (
        "format: lkjip/1\n"
        "identitas: {instansi: Dinas Sosial, pemda: Kabupaten Contoh, tahun: 2023}\n"
        "tabel:\n  - id: t\n    label: Tabel 3.7\n    jenis: anggaran\n    baris:\n"
    )
    path.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")


def _state(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


def _temp_being_written(folder: Path, name: str) -> Path | None:
    """The writer's temporary file (or folder) once it holds some output."""
    for temp in folder.glob(f".{name}.*.tmp"):
        if temp.is_dir() and any(temp.iterdir()):
            return temp
        if temp.is_file() and temp.stat().st_size > 0:
            return temp
    return None


@pytest.mark.parametrize("name", ["out.yaml", "out.xlsx", "out_csv"])
def test_sigkill_mid_write_keeps_the_previous_output(tmp_path: Path, name: str) -> None:
    source = tmp_path / "laporan.yaml"
    _big_report(source)
    target = tmp_path / name
    # A previous output, written by lkjip itself from a small report.
    small = tmp_path / "kecil.yaml"
    small.write_text(
        "format: lkjip/1\nidentitas: {instansi: Lama, pemda: Kabupaten Lama, tahun: 2022}\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "validator.cli", "convert"]
    subprocess.run([*command, str(small), str(target)], check=True, capture_output=True)
    before, source_bytes = _state(target), source.read_bytes()

    process = subprocess.Popen([*command, str(source), str(target), "--force"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        temp = None
        while temp is None and process.poll() is None and time.monotonic() < deadline:
            temp = _temp_being_written(tmp_path, name)
            time.sleep(0.005)
        assert temp is not None, "the writer finished or never started writing; enlarge ROWS"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert _state(target) == before  # the previous output, byte for byte
    assert load_report(target).identitas.instansi == "Lama"
    assert source.read_bytes() == source_bytes  # the input is never touched
    # What is left is only the hidden temporary, never a half-written output under OUT's name.
    leftovers = {p.name for p in tmp_path.iterdir()} - {source.name, small.name, name}
    assert leftovers and all(n.startswith(f".{name}.") and n.endswith(".tmp") for n in leftovers)

    # The next run is not confused by the leftover and replaces the output.
    subprocess.run([*command, str(source), str(target), "--force"], check=True, capture_output=True)
    assert len(load_report(target).tabel[0].rows) == ROWS
