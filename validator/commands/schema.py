"""`lkjip schema export --output DIR`: the pandera schemas of the DAT rules as pandera
YAML, one file per table kind, for a data team's own pandera code.

A schema describes the frame `validator.schemas.table_frame` makes of one table (kode,
level, parent, parent_level and the figures as floats, the total row included) and
carries the DAT rules that are frame checks, built from the rules' own parameters
(one definition): DAT002 unique kode, DAT003 parent present (the registered check
`lkjip_parent_exists`: call `register_checks()` before `from_yaml`), DAT005 known kode,
DAT006 / DAT007 ranges. DAT001 (readability is decided when a printed figure is read)
and DAT004 (the order of printed rows) are not frame checks and stay rules.
pandas and pandera are imported only when the command runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from validator import build
from validator.config import find_config, load_config
from validator.ruleset import TABLE_KINDS, Rule
from validator.selection import rule_book
from validator.write.output import refuse_input_as_output, write_into_folder

PARENT_CHECK = "lkjip_parent_exists"
FIGURES: dict[str, tuple[str, ...]] = {
    **build.ROW_FIGURES,
    "pernyataan": build.STATEMENT_FIGURES,
    "akip": ("nilai", "target"),
    "akip_riwayat": ("nilai", "tahun"),
}
_DONE = {"id": "Ditulis: {path}", "en": "Written: {path}"}


def register_checks() -> None:
    """Register lkjip's frame-level pandera check (idempotent)."""
    import pandas as pd
    import pandera.pandas as pa
    from pandera.api.extensions import register_check_method

    if hasattr(pa.Check, PARENT_CHECK):
        return

    def lkjip_parent_exists(frame: pd.DataFrame) -> pd.Series:
        from validator import schemas

        output: pd.Series = schemas.parent_exists_schema().checks[0](frame).check_output
        return output

    register_check_method(supported_types=pd.DataFrame)(lkjip_parent_exists)


def applies(rule: Rule, kind: str) -> bool:
    wanted = rule.params.get("tables", {}).get("jenis")
    return wanted is None or kind in (wanted if isinstance(wanted, list) else [wanted])


def table_schema(kind: str, rules: Sequence[Rule]) -> Any:
    """The pandera DataFrameSchema of one table kind, from the DAT rules that apply."""
    import pandera.pandas as pa

    register_checks()
    columns: dict[str, Any] = {"kode": pa.Column(str), "level": pa.Column(str),
                               "parent": pa.Column(str, nullable=True),
                               "parent_level": pa.Column(str, nullable=True)}
    checks, used = [], []
    from validator.schemas import frame_expectation

    for rule in (r for r in rules if r.kind == "schema" and applies(r, kind)):
        expect = frame_expectation(rule)
        if expect is None:
            continue
        shape = expect.shape
        if shape == "unique":
            columns["kode"] = pa.Column(str, unique=True, title=rule.code)
        elif shape == "not_in_set":
            columns["level"] = pa.Column(str, pa.Check.notin(list(expect.args["values"])), title=rule.code)
        elif shape == "parent_present" and kind == "anggaran":
            checks.append(getattr(pa.Check, PARENT_CHECK)())
        elif shape == "between":
            columns.update(_ranges(rule, expect.args, kind))
        else:
            continue
        used.append(rule.code)
    text = f"lkjip {kind} table frame (validator.schemas.table_frame); rules: {', '.join(used) or '-'}"
    return pa.DataFrameSchema(columns, checks=checks, name=f"lkjip.{kind}", description=text)


def _ranges(rule: Rule, bounds: Mapping[str, Any], kind: str) -> dict[str, Any]:
    import pandera.pandas as pa

    low, high = bounds.get("min"), bounds.get("max")
    checks = [pa.Check.ge(low)] if low is not None else []
    if high is not None:
        checks.append(pa.Check.le(high))
    wanted = [c for c in rule.params.get("columns", []) if c in FIGURES.get(kind, ())]
    return {c: pa.Column(float, checks, nullable=True, title=rule.code) for c in wanted}


def write_schemas(output: Path, rules: Sequence[Rule]) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in TABLE_KINDS:
        if kind not in FIGURES:
            continue  # e.g. the `versi` list: no DAT rule reads it as a frame
        path = output / f"{kind}.yaml"
        path.write_text(table_schema(kind, rules).to_yaml(), encoding="utf-8")
        written.append(path)
    return written


@click.group("schema")
def schema_group() -> None:
    """Skema tabel (pandera)."""


@schema_group.command("export")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder keluaran: satu berkas YAML pandera per jenis tabel.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="lkjip.toml (aturan tambahan).")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def export(output: Path, config_path: Path | None, lang: str) -> None:
    """Tulis skema pandera aturan DAT sebagai YAML, satu per jenis tabel."""
    config = load_config(config_path or find_config(Path.cwd()))
    rules, _ = rule_book(config.rule_paths)
    for kind in TABLE_KINDS:
        refuse_input_as_output(output / f"{kind}.yaml", [])  # never replaces a report there
    written: list[Path] = []
    write_into_folder(output, lambda: written.extend(write_schemas(output, rules)))
    for path in written:
        click.echo(_DONE[lang].format(path=path))
