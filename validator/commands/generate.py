"""`lkjip generate`: a corpus of realistic reports, optionally with injected defects."""

from __future__ import annotations

import os
from pathlib import Path

import click

from validator.errors import InputError
from validator.model import Location

FORMATS = ("yaml", "xlsx", "csv")
PARALLEL_FROM = 50  # below this, starting worker processes costs more than it saves
_DONE = {
    "id": "{n} laporan ditulis ke {out} ({k} dengan cacat sisipan); manifest: {manifest}",
    "en": "{n} reports written to {out} ({k} with injected defects); manifest: {manifest}",
}


@click.command("generate")
@click.option("--reports", "count", type=click.IntRange(min=1), required=True, help="Jumlah laporan.")
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Benih acak: benih yang sama menghasilkan berkas yang identik.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder keluaran (dibuat bila belum ada).",
)
@click.option(
    "--defects",
    "rate",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Bagian laporan yang diberi satu cacat (SUM, FRM, BND, REC, AGG, DAT, REV) dengan manifest.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="yaml",
    show_default=True,
    help="Bentuk berkas laporan.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Jumlah proses (bawaan: semua inti untuk 50 laporan atau lebih). Hasilnya sama.",
)
@click.option("--force", is_flag=True, help="Tulis ke folder yang sudah berisi berkas.")
@click.option(
    "--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="Bahasa pesan."
)
def generate(
    count: int, seed: int, output: Path, rate: float, fmt: str, jobs: int | None, force: bool, lang: str
) -> None:
    """Buat laporan LKjIP sintetis yang realistis (untuk uji mutu deteksi dan benchmark)."""
    if output.exists() and any(output.iterdir()) and not force:
        raise InputError.at(Location(str(output)), "output_exists")
    # Imported here: the generator's data and modules stay out of every other command's start.
    from validator.generate.corpus import MANIFEST, GenerateOptions, generate_corpus

    if jobs is None:
        jobs = (os.cpu_count() or 1) if count >= PARALLEL_FROM else 1
    corpus = generate_corpus(GenerateOptions(count, seed, output, rate, fmt, jobs))
    click.echo(_DONE[lang].format(n=count, out=output, k=len(corpus.defects), manifest=output / MANIFEST))
