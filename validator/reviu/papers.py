"""The working papers (kertas kerja reviu, KKR) and notes (catatan hasil reviu, CHR) of one
report, as data: every text chosen and localised, nothing rendered.

The KKR follows the reviu steps (`steps.yaml`, or the Inspektorat's own file named by
`[reviu] langkah` in lkjip.toml): for each step what lkjip checked (the rules of the step
that applied, their items, those that could not be verified), what it found (the CHR
numbers of its matters), what the reviewer must still judge by hand, and blank fields for
the reviewer's conclusion, initials and references. A step where no rule found anything
to check says so: never a clean result over nothing.

The CHR lists each matter (a finding of severity error or warning) with its place (the
table and, where the data gives it, the page of the printed report; the row and the
column), the figures, the recommendation of its step, and space for the office's
response and follow-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from validator.coverage import Coverage, count_text
from validator.errors import InputError
from validator.findings import Finding
from validator.model import Location, Report
from validator.read.files import read_bytes
from validator.register.identity import identity
from validator.reviu import scope
from validator.reviu.document import MATTER_SEVERITIES, finding_row, ordered_findings
from validator.reviu.rulewords import rule_words
from validator.reviu.words import long_date

STEPS_FILE = Path(__file__).resolve().parent / "steps.yaml"
LANGS = ("id", "en")
TEXT_KEYS = ("judul", "tujuan", "manual", "rekomendasi")
OTHER_STEP = "LX"

WORDS: dict[str, dict[str, str]] = {
    "id": {
        "kkr_title": "Kertas Kerja Reviu atas Laporan Kinerja",
        "chr_title": "Catatan Hasil Reviu atas Laporan Kinerja",
        "other_title": "Pemeriksaan lain",
        "other_purpose": "Aturan pemeriksaan yang tidak termasuk langkah mana pun.",
        "other_manual": "Nilai apakah temuan ini relevan bagi reviu.",
        "other_advice": "Tindak lanjuti sesuai uraian temuan.",
        "checked": "{rules} aturan berlaku atas {items} butir ({codes})",
        "checked_unverifiable": "; {count} butir tidak dapat diverifikasi",
        "checked_none": "Tidak ada yang dapat diperiksa lkjip untuk langkah ini: laporan tidak memuat "
        "tabel atau angka yang diperlukan aturannya ({codes}).",
        "checked_manual": "Langkah ini tidak diperiksa lkjip.",
        "found_none": "Tidak ada temuan",
        "found": "{count} temuan: CHR no. {numbers}",
        "notes": "{count} catatan (informasi)",
        "page": "hal. {page}",
        "no": "No",
        "langkah": "Langkah reviu",
        "tujuan": "Tujuan",
        "diperiksa": "Diperiksa lkjip",
        "hasil": "Hasil",
        "manual": "Dinilai pereviu",
        "simpulan": "Simpulan pereviu",
        "paraf": "Dikerjakan / direviu (paraf, tanggal)",
        "ref": "Ref. KKR",
        "uraian": "Uraian temuan",
        "tempat": "Tempat",
        "tertulis": "Tertulis",
        "seharusnya": "Seharusnya",
        "aturan": "Aturan",
        "rekomendasi": "Rekomendasi",
        "tanggapan": "Tanggapan instansi",
        "tindak_lanjut": "Rencana tindak lanjut dan batas waktu",
        "status": "Status",
        "lingkup": "Lingkup dan batasan",
        "instansi": "Instansi",
        "tahun": "Tahun anggaran",
        "source": "Berkas laporan",
        "unit": "Tim reviu",
        "tanggal": "Tanggal",
        "kolom": "kolom",
        "baris": "baris",
        "chr_intro": "Catatan berikut disusun dari pemeriksaan lkjip atas laporan dan harus dikonfirmasi "
        "pereviu. Instansi diminta menanggapi setiap catatan dan menyampaikan rencana tindak "
        "lanjutnya.",
        "chr_none": "Tidak ada catatan berupa kesalahan atau peringatan.",
        "chr_limited": "Tidak ada angka laporan yang dapat diperiksa lkjip: catatan ini tidak menyatakan "
        "apa pun tentang keandalan laporan.",
        "kkr_intro": 'Kertas kerja ini mengikuti langkah reviu atas Laporan Kinerja. Kolom "Diperiksa '
        'lkjip" dan "Hasil" diisi lkjip; kolom selebihnya diisi pereviu.',
        "tim_reviu": "Tim Reviu",
        "pejabat": "Pejabat instansi",
        "ketua": "Ketua Tim",
        "nama": "Nama",
        "sheet_kkr": "KKR",
        "sheet_chr": "CHR",
        "sheet_info": "Keterangan",
        "tingkat": "Tingkat",
        "judul": "Dokumen",
        "severity_error": "kesalahan",
        "severity_warning": "peringatan",
    },
    "en": {
        "kkr_title": "Review Working Papers of the Performance Report",
        "chr_title": "Review Notes on the Performance Report",
        "other_title": "Other checks",
        "other_purpose": "Check rules that belong to no step.",
        "other_manual": "Judge whether these findings matter to the review.",
        "other_advice": "Follow up as the finding describes.",
        "checked": "{rules} rules applied to {items} items ({codes})",
        "checked_unverifiable": "; {count} items could not be verified",
        "checked_none": "Nothing lkjip could check for this step: the report has none of the tables or "
        "figures its rules need ({codes}).",
        "checked_manual": "lkjip does not check this step.",
        "found_none": "No findings",
        "found": "{count} findings: notes no. {numbers}",
        "notes": "{count} notes (information)",
        "page": "p. {page}",
        "no": "No",
        "langkah": "Review step",
        "tujuan": "Purpose",
        "diperiksa": "Checked by lkjip",
        "hasil": "Result",
        "manual": "For the reviewer",
        "simpulan": "Reviewer's conclusion",
        "paraf": "Done / reviewed (initials, date)",
        "ref": "Ref.",
        "uraian": "Finding",
        "tempat": "Place",
        "tertulis": "Stated",
        "seharusnya": "Should be",
        "aturan": "Rule",
        "rekomendasi": "Recommendation",
        "tanggapan": "Agency's response",
        "tindak_lanjut": "Follow-up plan and deadline",
        "status": "Status",
        "lingkup": "Scope and limits",
        "instansi": "Agency",
        "tahun": "Fiscal year",
        "source": "Report file",
        "unit": "Review team",
        "tanggal": "Date",
        "kolom": "column",
        "baris": "row",
        "chr_intro": "These notes come from lkjip's check of the report and are to be confirmed by the "
        "reviewer. The agency is asked to respond to each note and give its follow-up plan.",
        "chr_none": "No notes of severity error or warning.",
        "chr_limited": "lkjip could check no figure of the report: these notes say nothing about the "
        "report's reliability.",
        "kkr_intro": "These working papers follow the steps of the review of a Performance Report. The "
        'columns "Checked by lkjip" and "Result" are filled in by lkjip; the others by the '
        "reviewer.",
        "tim_reviu": "Review team",
        "pejabat": "Agency official",
        "ketua": "Team leader",
        "nama": "Name",
        "sheet_kkr": "Working papers",
        "sheet_chr": "Notes",
        "sheet_info": "About",
        "tingkat": "Severity",
        "judul": "Document",
        "severity_error": "error",
        "severity_warning": "warning",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "id"]


@dataclass(frozen=True)
class Step:
    id: str
    texts: Mapping[str, Mapping[str, str]]
    """judul, tujuan, manual, rekomendasi: each in id and en."""
    rules: tuple[str, ...]
    """Rule codes, or code prefixes (`SUM`)."""
    advice: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """A rule's own recommendation (`saran: {DAT001: {id: ..., en: ...}}`), before the step's."""

    def advice_for(self, code: str, lang: str) -> str:
        own = self.advice.get(code)
        if own:
            return own.get("en" if lang == "en" else "id") or own["id"]
        return self.text("rekomendasi", lang)

    def text(self, key: str, lang: str) -> str:
        value = self.texts[key]
        return value.get("en" if lang == "en" else "id") or value["id"]


@dataclass(frozen=True)
class StepRow:
    no: int
    title: str
    purpose: str
    checked: str
    result: str
    manual: str
    pages: str
    matters: tuple[int, ...]
    applied: bool
    """Some rule of the step found something to check (else: nothing was checked)."""


@dataclass(frozen=True)
class MatterRow:
    no: int
    step: str
    message: str
    place: str
    stated: str
    expected: str
    rule: str
    severity: str
    recommendation: str
    response: str = ""
    page: str = ""
    """The page of the printed report the matter's table is on, when the data gives it."""


@dataclass(frozen=True)
class Papers:
    lang: str
    instansi: str
    pemda: str
    tahun: int
    source: str
    unit: str | None
    tanggal: str
    scope: str
    limits: str
    steps: tuple[StepRow, ...]
    matters: tuple[MatterRow, ...]
    limited: bool


def load_steps(path: Path | None = None) -> tuple[Step, ...]:
    """The reviu steps: the bundled ones, or a user's file (bad ones: exit 2 with the place)."""
    if path is None:
        return _bundled_steps()
    return _parse_steps(read_bytes(path), str(path))


@lru_cache(maxsize=1)
def _bundled_steps() -> tuple[Step, ...]:
    return _parse_steps(STEPS_FILE.read_bytes(), str(STEPS_FILE))


def _parse_steps(data: bytes, source: str) -> tuple[Step, ...]:
    where = Location(source)
    try:
        parsed: Any = yaml.safe_load(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError.at(where, "steps_bad", reason=str(exc).splitlines()[0]) from exc
    items = parsed.get("langkah") if isinstance(parsed, dict) else None
    if not isinstance(items, list) or not items:
        raise InputError.at(where, "steps_bad", reason="langkah: daftar langkah / list of steps")
    steps = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise InputError.at(where, "steps_bad", reason=f"langkah[{n}].id")
        texts: dict[str, dict[str, str]] = {}
        for key in TEXT_KEYS:
            value = item.get(key)
            if not isinstance(value, dict) or not isinstance(value.get("id"), str):
                raise InputError.at(where, "steps_bad", reason=f"langkah[{n}].{key}.id")
            texts[key] = {lang: " ".join(str(value[lang]).split()) for lang in LANGS if value.get(lang)}
        rules = item.get("aturan", [])
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            raise InputError.at(where, "steps_bad", reason=f"langkah[{n}].aturan")
        advice = item.get("saran", {})
        if not isinstance(advice, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("id"), str) for v in advice.values()
        ):
            raise InputError.at(where, "steps_bad", reason=f"langkah[{n}].saran")
        own = {
            str(code): {lang: " ".join(str(v[lang]).split()) for lang in LANGS if v.get(lang)}
            for code, v in advice.items()
        }
        steps.append(Step(item["id"], texts, tuple(rules), own))
    return tuple(steps)


def step_of(code: str, steps: Sequence[Step]) -> Step | None:
    """The step of a rule: the one naming its code, else the one with its longest prefix."""
    for step in steps:
        if code in step.rules:
            return step
    prefixed = [(len(p), step) for step in steps for p in step.rules if code.startswith(p)]
    return max(prefixed, key=lambda pair: pair[0])[1] if prefixed else None


def build_papers(
    report: Report,
    findings: list[Finding],
    coverage: Coverage | None,
    reviu: Mapping[str, str],
    lang: str,
    day: date,
    steps: Sequence[Step],
    responses: Mapping[str, str] | None = None,
) -> Papers:
    """The KKR and CHR of one checked report. `responses`: the office's responses already
    recorded in the register, by the matter's identity (validator.register.record.identity)."""
    ordered = ordered_findings(report, findings)
    all_steps = [*steps, _other_step(lang)]
    pages = {t.id: t.halaman for t in report.tabel if t.halaman}
    matter_rows: list[MatterRow] = []
    by_step: dict[str, list[int]] = {}
    notes_by_step: dict[str, int] = {}
    for finding in ordered:
        step = step_of(finding.code, steps) or all_steps[-1]
        if finding.severity not in MATTER_SEVERITIES:
            notes_by_step[step.id] = notes_by_step.get(step.id, 0) + 1
            continue
        no = len(matter_rows) + 1
        by_step.setdefault(step.id, []).append(no)
        matter_rows.append(_matter(no, finding, step, pages, lang, responses or {}))
    shown = [
        s for s in all_steps if s.id != OTHER_STEP or by_step.get(OTHER_STEP) or notes_by_step.get(OTHER_STEP)
    ]
    rows = [
        _step_row(
            n,
            step,
            coverage,
            by_step.get(step.id, []),
            notes_by_step.get(step.id, 0),
            _pages_of(by_step.get(step.id, []), matter_rows),
            lang,
        )
        for n, step in enumerate(shown, start=1)
    ]
    ident = report.identitas
    unit = " ".join(reviu.get("unit", "").split()) or None
    return Papers(
        lang=lang,
        instansi=" ".join(ident.instansi.split()),
        pemda=" ".join(ident.pemda.split()),
        tahun=ident.tahun,
        source=report.source,
        unit=unit,
        tanggal=long_date(day, lang),
        scope=scope.scope_text(coverage, lang),
        limits=scope.limits_text(coverage, lang),
        steps=tuple(rows),
        matters=tuple(matter_rows),
        limited=scope.limited(coverage),
    )


def _pages_of(numbers: list[int], matters: list[MatterRow]) -> str:
    """The printed pages of the tables where a step's matters sit, as far as they are known."""
    pages = dict.fromkeys(matters[n - 1].page for n in numbers if matters[n - 1].page)
    return ", ".join(pages)


def _other_step(lang: str) -> Step:
    texts = {
        key: {"id": WORDS["id"][f"other_{k}"], "en": WORDS["en"][f"other_{k}"]}
        for key, k in (
            ("judul", "title"),
            ("tujuan", "purpose"),
            ("manual", "manual"),
            ("rekomendasi", "advice"),
        )
    }
    return Step(OTHER_STEP, texts, ())


def _step_row(
    no: int, step: Step, coverage: Coverage | None, matters: list[int], notes: int, pages: str, lang: str
) -> StepRow:
    w = words(lang)
    counts = [r for r in (coverage.rules if coverage else ()) if step_of(r.code, [step]) is not None]
    applied = [r for r in counts if r.items]
    if not step.rules and step.id != OTHER_STEP:
        checked, any_applied = w["checked_manual"], False
    elif applied:
        items = sum(r.items for r in applied)
        checked = w["checked"].format(
            rules=count_text(len(applied), lang),
            items=count_text(items, lang),
            codes=", ".join(r.code for r in applied),
        )
        unverifiable = sum(r.unverifiable for r in applied)
        if unverifiable:
            checked += w["checked_unverifiable"].format(count=count_text(unverifiable, lang))
        any_applied = True
    else:
        codes = ", ".join(r.code for r in counts) or ", ".join(step.rules)
        checked, any_applied = w["checked_none"].format(codes=codes), False
    result = (
        w["found"].format(count=len(matters), numbers=", ".join(map(str, matters)))
        if matters
        else (w["found_none"] if any_applied else "")
    )
    if notes:
        result = "; ".join(p for p in (result, w["notes"].format(count=notes)) if p)
    return StepRow(
        no=no,
        title=step.text("judul", lang),
        purpose=step.text("tujuan", lang),
        checked=checked,
        result=result,
        manual=step.text("manual", lang),
        pages=pages,
        matters=tuple(matters),
        applied=any_applied,
    )


def _matter(
    no: int, finding: Finding, step: Step, pages: Mapping[str, str], lang: str, responses: Mapping[str, str]
) -> MatterRow:
    w = words(lang)
    row = finding_row(no, finding, lang)
    page = pages.get(finding.table or "")
    table = f"{row.table} ({w['page'].format(page=page)})" if page and row.table else row.table
    parts = [table, " ".join(p for p in (row.kode, row.row) if p)]
    if row.column:
        parts.append(f"{w['kolom']} {row.column}")
    return MatterRow(
        no=no,
        step=step.text("judul", lang),
        message=row.message,
        place="; ".join(p for p in parts if p),
        stated=row.stated,
        expected=row.expected,
        rule=f"{finding.code} ({rule_words(finding.code, finding.name, lang)})",
        severity=w[f"severity_{finding.severity}"],
        recommendation=step.advice_for(finding.code, lang),
        response=responses.get(identity(finding), ""),
        page=page or "",
    )
