"""Write a corpus of generated reports and its ground-truth manifest.

Each report draws from its own random stream, seeded by (seed, index), so a report does
not depend on how many came before it and the same seed gives byte-identical files.
Defects are drawn from a separate stream: the clean content of report i is the same with
or without --defects, and a defective report is that clean report with one defect.
"""

from __future__ import annotations

import io
import json
import random
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validator import __version__
from validator.build import build_report
from validator.generate.defects import FAMILIES, Defect, inject
from validator.generate.document import Style, document
from validator.generate.nomenclature import DinasTemplate, load_nomenclature
from validator.generate.truth import make_facts
from validator.read.yaml_reader import parse_yaml_tree
from validator.write.serialize import report_to_sheets
from validator.write.yaml_writer import dump_data

FORMATS = ("yaml", "xlsx", "csv")
MANIFEST = "manifest.json"
# Mostly Dinas Sosial (the seed's kind of office), and some others with their own urusan.
DINAS_WEIGHTS = {"dinsos": 55, "dindik": 15, "dinkes": 15, "dpupr": 15}
_FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


@dataclass(frozen=True)
class GenerateOptions:
    reports: int
    seed: int
    output: Path
    defects: float = 0.0
    fmt: str = "yaml"
    jobs: int = 1


@dataclass
class Corpus:
    """What was written: every report, and the defects injected into some of them."""

    options: GenerateOptions
    reports: list[dict[str, Any]] = field(default_factory=list)
    defects: list[Defect] = field(default_factory=list)

    def manifest(self) -> dict[str, Any]:
        return {
            "generator": {"name": "lkjip generate", "version": __version__},
            "seed": self.options.seed,
            "reports": len(self.reports),
            "defect_rate": self.options.defects,
            "format": self.options.fmt,
            "families": list(FAMILIES),
            "files": self.reports,
            "defects": [d.as_dict() for d in self.defects],
        }


def generate_corpus(options: GenerateOptions, progress: Callable[[int], None] | None = None) -> Corpus:
    """Write the corpus (in parallel when options.jobs > 1) and its manifest.

    Which reports get a defect, and of which family (round robin over FAMILIES so that a
    small corpus still covers every family), is planned first; each report is then made
    on its own, so the files do not depend on the number of jobs.
    """
    corpus = Corpus(options)
    options.output.mkdir(parents=True, exist_ok=True)
    plan = _plan(options)
    size = max(1, min(64, len(plan) // (options.jobs * 8)))
    batches = [plan[i : i + size] for i in range(0, len(plan), size)]
    for entries in _map(_make_batch, [(options, b) for b in batches], options.jobs):
        for entry, defects in entries:
            corpus.reports.append(entry)
            corpus.defects.extend(defects)
        if progress is not None:
            progress(len(corpus.reports))
    text = json.dumps(corpus.manifest(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    (options.output / MANIFEST).write_text(text, encoding="utf-8")
    return corpus


def _plan(options: GenerateOptions) -> list[tuple[int, str | None]]:
    plan: list[tuple[int, str | None]] = []
    defective = 0
    for index in range(options.reports):
        chooser = random.Random(f"lkjip-defect:{options.seed}:{index}")
        family = None
        if options.defects > 0 and chooser.random() < options.defects:
            family = FAMILIES[defective % len(FAMILIES)]
            defective += 1
        plan.append((index, family))
    return plan


Made = list[tuple[dict[str, Any], list[Defect]]]


def _map(
    function: Callable[[tuple[GenerateOptions, list[tuple[int, str | None]]]], Made],
    work: list[tuple[GenerateOptions, list[tuple[int, str | None]]]],
    jobs: int,
) -> Iterator[Made]:
    if jobs <= 1:
        yield from map(function, work)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(function, work)


def _make_batch(work: tuple[GenerateOptions, list[tuple[int, str | None]]]) -> Made:
    options, entries = work
    return [_make(options, index, family) for index, family in entries]


def _make(options: GenerateOptions, index: int, family: str | None) -> tuple[dict[str, Any], list[Defect]]:
    """Generate, maybe spoil, and write report `index`; its manifest entry and defects."""
    data, name = generate_report(options.seed, index)
    path = name + {"yaml": ".yaml", "xlsx": ".xlsx"}.get(options.fmt, "")
    defects: list[Defect] = []
    if family is not None:
        # The defect's own random stream continues the one that chose the report.
        chooser = random.Random(f"lkjip-defect:{options.seed}:{index}")
        chooser.random()
        defects = inject(data, chooser, family, path)
    _write(options.output / path, data, options.fmt)
    entry = {
        "path": path,
        "instansi": data["identitas"]["instansi"],
        "tahun": data["identitas"]["tahun"],
        "defects": len(defects),
    }
    return entry, defects


def generate_report(seed: int, index: int) -> tuple[dict[str, Any], str]:
    """The plain data of report `index` of a corpus, and its file name without suffix."""
    rng = random.Random(f"lkjip-generate:{seed}:{index}")
    nomenclature = load_nomenclature()
    dinas = _dinas(rng, nomenclature.dinas)
    facts = make_facts(rng, nomenclature, dinas)
    data = document(facts, Style.draw(rng))
    name = f"{index + 1:05d}-{_slug(facts.pemda)}-{dinas.id}-{facts.tahun}"
    return data, name


def _dinas(rng: random.Random, dinas: tuple[DinasTemplate, ...]) -> DinasTemplate:
    weights = [DINAS_WEIGHTS.get(d.id, 10) for d in dinas]
    return rng.choices(dinas, weights=weights)[0]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower().replace("kabupaten", "kab")).strip("-")


def yaml_text(data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    dump_data(data, buffer)
    return buffer.getvalue()


def _write(path: Path, data: dict[str, Any], fmt: str) -> None:
    text = yaml_text(data)
    if fmt == "yaml":
        path.write_bytes(text.encode("utf-8"))
        return
    report = build_report(parse_yaml_tree(text, path.name), path.name)
    sheets = report_to_sheets(report)
    if fmt == "csv":
        from validator.write.csv_writer import write_sheets_csv

        write_sheets_csv(sheets, path)
        return
    from validator.write.xlsx_writer import workbook_bytes

    path.write_bytes(_reproducible_zip(workbook_bytes(sheets, path.name)))


def _reproducible_zip(data: bytes) -> bytes:
    """The workbook with fixed entry times and document dates: same seed, same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()
