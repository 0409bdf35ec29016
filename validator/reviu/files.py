"""Plan and write the reviu files: render everything in memory, then write atomically.

Nothing is written before every document has been rendered, each file replaces its old
version atomically, and no output path may be (or lie inside) an input report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from validator.config import Config, find_config, load_config
from validator.errors import InputError
from validator.model import Location
from validator.register.identity import office_key
from validator.reviu import html, index, markdown, papers_docx, papers_html, papers_xlsx, progress, xlsx
from validator.reviu.document import ReviuDocument, build_document
from validator.reviu.papers import Papers, build_papers, load_steps
from validator.reviu.statement import StatementTemplate, default_template, load_template, unknown_fields
from validator.reviu.words import long_date
from validator.runner import ReportResult, RunResult
from validator.write.atomic import write_atomic
from validator.write.output import refuse_input_as_output

FORMATS = ("html", "md", "xlsx")
PAPER_FORMATS = ("html", "docx", "xlsx")
"""The working papers (KKR) and notes (CHR): `--papers`."""
SUFFIX = ".reviu"

WARNINGS = {
    "unknown_fields": {
        "id": "templat {path}: kolom tidak dikenal dicetak apa adanya: {names}",
        "en": "template {path}: unknown fields are printed as written: {names}",
    },
    "inside_input": {
        "id": "folder keluaran {path} ada di dalam folder laporan; berkas XLSX di sana akan "
              "ikut dibaca sebagai laporan pada pemeriksaan berikutnya",
        "en": "output folder {path} is inside a report folder; its XLSX files will be read as "
              "reports by the next check of that folder",
    },
}


@dataclass(frozen=True)
class Options:
    output: Path
    formats: tuple[str, ...] = FORMATS
    lang: str | None = None
    config_path: Path | None = None
    day: date = field(default_factory=date.today)
    papers: tuple[str, ...] = ()
    responses: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """The office's responses recorded in the register: by office key, by matter identity."""


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


@dataclass
class Plan:
    outputs: list[Output] = field(default_factory=list)
    entries: list[index.Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plan(result: RunResult, options: Options, given: list[Path]) -> Plan:
    """Every file to write, rendered; nothing touches the disk yet."""
    done = Plan()
    names: set[str] = set()
    lang = options.lang
    for item in progress.tracked(result.reports, len(result.reports), options.lang or "id"):
        config = _config(item.path, options.config_path)
        lang = options.lang or config.lang
        if item.report is None:
            error = item.error.describe(lang) if item.error else None
            done.entries.append(index.Entry(str(item.path), index.UNREADABLE, error=error))
            continue
        template = _template(config, lang, done.warnings)
        doc = build_document(item.report, item.findings, config.reviu, template, lang, options.day,
                             item.coverage, item.suppressed)
        name = _unique(slug(f"{doc.instansi} {doc.tahun}"), names)
        links = _render(doc, name, options, done)
        if options.papers:
            links.update(_render_papers(item, config, lang, name, options, done))
        done.entries.append(_entry(item, doc, links))
    if len(result.reports) > 1:
        _index(done, options, lang or "id", result)
    _warn_inside_input(options, given, done.warnings, lang or "id")
    return done


def write(files: Plan, output: Path, inputs: list[Path]) -> None:
    for item in files.outputs:
        _refuse_input(item.path, inputs)
    current = output
    try:
        output.mkdir(parents=True, exist_ok=True)
        for item in files.outputs:
            current = item.path
            write_atomic(item.path, item.data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError.at(Location(str(current)), "output_unwritable", reason=reason) from exc


def slug(text: str) -> str:
    """A safe file name stem: ascii letters, digits and hyphens only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return stem or "laporan"


def _unique(stem: str, taken: set[str]) -> str:
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}-{n}", n + 1
    taken.add(name)
    return name


def _render(doc: ReviuDocument, name: str, options: Options, done: Plan) -> dict[str, str]:
    links = {}
    created = datetime(options.day.year, options.day.month, options.day.day)
    for fmt in options.formats:
        if fmt == "html":
            data = html.render(doc).encode("utf-8")
        elif fmt == "md":
            data = markdown.render(doc).encode("utf-8")
        else:
            data = xlsx.render(doc, created)
        links[fmt] = f"{name}{SUFFIX}.{fmt}"
        done.outputs.append(Output(options.output / links[fmt], data))
    return links


def _render_papers(item: ReportResult, config: Config, lang: str, name: str, options: Options,
                   done: Plan) -> dict[str, str]:
    """The KKR and the CHR of one report in each of `options.papers`."""
    assert item.report is not None
    steps_file = config.reviu.get("langkah")
    base = config.path.parent if config.path else Path.cwd()
    steps = load_steps(base / steps_file if steps_file else None)
    ident = item.report.identitas
    responses = options.responses.get(office_key(ident.instansi, ident.pemda), {})
    papers = build_papers(item.report, item.findings, item.coverage, config.reviu, lang, options.day, steps,
                          responses)
    created = datetime(options.day.year, options.day.month, options.day.day)
    links = {}
    for fmt in options.papers:
        for kind in ("kkr", "chr"):
            links[f"{kind}.{fmt}"] = f"{name}.{kind}.{fmt}"
            data = render_paper(papers, kind, fmt, created)
            done.outputs.append(Output(options.output / links[f"{kind}.{fmt}"], data))
    return links


def render_paper(papers: Papers, kind: str, fmt: str, created: datetime) -> bytes:
    """The KKR (`kind` kkr) or the CHR (chr) as html, docx or xlsx."""
    if fmt == "html":
        page = papers_html.render_kkr(papers) if kind == "kkr" else papers_html.render_chr(papers)
        return page.encode("utf-8")
    if fmt == "docx":
        render = papers_docx.render_kkr if kind == "kkr" else papers_docx.render_chr
    else:
        render = papers_xlsx.render_kkr if kind == "kkr" else papers_xlsx.render_chr
    return render(papers, created)


def _entry(item: ReportResult, doc: ReviuDocument, links: dict[str, str]) -> index.Entry:
    status = index.CLEAN if doc.clean else index.HAS_FINDINGS
    return index.Entry(str(item.path), status, f"{doc.instansi} — {doc.tahun}", doc.counts(), links)


def _index(done: Plan, options: Options, lang: str, result: RunResult) -> None:
    config = _config(result.reports[0].path, options.config_path)
    unit = config.reviu.get("unit") or None
    tanggal = long_date(options.day, lang)
    page = index.render_html(done.entries, lang, tanggal, unit)
    text = index.render_markdown(done.entries, lang, tanggal, unit)
    done.outputs.append(Output(options.output / "index.html", page.encode("utf-8")))
    done.outputs.append(Output(options.output / "index.md", text.encode("utf-8")))


def _config(path: Path, explicit: Path | None) -> Config:
    return load_config(explicit if explicit is not None else find_config(path))


def statement_template(config: Config, lang: str) -> StatementTemplate:
    """The statement template of a report's configuration: its own file, or the built-in wording."""
    return _template(config, lang, [])


def _template(config: Config, lang: str, warnings: list[str]) -> StatementTemplate:
    name = config.reviu.get("template")
    if not name:
        return default_template(lang)
    base = config.path.parent if config.path else Path.cwd()
    template = load_template(base / name)
    unknown = unknown_fields(template)
    message = WARNINGS["unknown_fields"][lang].format(
        path=template.source, names=", ".join(f"${n}" for n in unknown))
    if unknown and message not in warnings:
        warnings.append(message)
    return template


def _refuse_input(target: Path, inputs: list[Path]) -> None:
    # By path, link and inode; a report folder (CSV) is input as a whole: nothing may be
    # written inside it.
    refuse_input_as_output(target, inputs)


def _warn_inside_input(options: Options, given: list[Path], warnings: list[str], lang: str) -> None:
    if "xlsx" not in options.formats:
        return
    output = options.output.resolve()
    if any(p.is_dir() and output.is_relative_to(p.resolve()) for p in given):
        warnings.append(WARNINGS["inside_input"][lang].format(path=options.output))
