"""`lkjip cache info` and `lkjip cache clean`: the result cache of `lkjip check`.

The cache never needs cleaning to stay correct (a changed report, rule or setting gives
another key); cleaning only reclaims space: every changed report leaves its old entries.
"""

from __future__ import annotations

from pathlib import Path

import click

from validator.cache import ResultCache, cache_folder
from validator.errors import CommandExit
from validator.exit_codes import USAGE_ERROR

_TEXT = {
    "info": {"id": "{folder}: {count} hasil tersimpan, {size}",
             "en": "{folder}: {count} cached results, {size}"},
    "none": {"id": "{folder}: belum ada cache lkjip", "en": "{folder}: no lkjip cache yet"},
    "cleaned": {"id": "{folder}: {count} hasil dihapus ({size})",
                "en": "{folder}: {count} results deleted ({size})"},
    "not_cache": {
        "id": "{folder} bukan folder cache lkjip (tidak ada CACHEDIR.TAG dari lkjip): tidak dihapus.",
        "en": "{folder} is not an lkjip cache folder (no CACHEDIR.TAG written by lkjip): nothing deleted.",
    },
}
_FOLDER = click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
                       help="Folder cache (bawaan: $LKJIP_CACHE_DIR, lalu .lkjip_cache).")
_LANG = click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)


@click.group("cache")
def cache_group() -> None:
    """Cache hasil `lkjip check`: ukuran dan pembersihan."""


@cache_group.command("info")
@_FOLDER
@_LANG
def info(cache_dir: Path | None, lang: str) -> None:
    """Jumlah dan ukuran hasil yang tersimpan."""
    cache = _cache(cache_dir)
    if not cache.is_lkjip_cache():
        click.echo(_TEXT["none"][lang].format(folder=cache.folder))
        return
    entries = cache.entries()
    size = sum(_size(entry) for entry in entries)
    click.echo(_TEXT["info"][lang].format(folder=cache.folder, count=len(entries), size=_human(size)))


@cache_group.command("clean")
@_FOLDER
@click.option("--unused-days", type=click.FloatRange(min=0), default=None,
              help="Hanya hasil yang tidak dipakai selama sekian hari (bawaan: semua).")
@_LANG
def clean(cache_dir: Path | None, unused_days: float | None, lang: str) -> None:
    """Hapus hasil tersimpan (semua, atau yang lama tidak dipakai)."""
    cache = _cache(cache_dir)
    if not cache.folder.exists():
        click.echo(_TEXT["none"][lang].format(folder=cache.folder))
        return
    if not cache.is_lkjip_cache():
        click.echo(_TEXT["not_cache"][lang].format(folder=cache.folder), err=True)
        raise CommandExit(USAGE_ERROR)
    count, size = cache.clean(unused_days)
    click.echo(_TEXT["cleaned"][lang].format(folder=cache.folder, count=count, size=_human(size)))


def _cache(folder: Path | None) -> ResultCache:
    return ResultCache(cache_folder(folder))  # $LKJIP_NO_CACHE does not hide the folder here


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _human(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB" if size >= 1024 * 1024 else f"{size / 1024:.1f} KiB"
