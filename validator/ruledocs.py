"""Rule documentation rendered from rules/: the Markdown reference and `lkjip rules CODE`."""

from __future__ import annotations

from collections.abc import Iterable

from validator.ruleset import Rule

FAMILIES = {
    "SUM": "Sums (hierarchy and totals)",
    "FRM": "Formulas (capaian, efisiensi, serapan)",
    "BND": "Bands (AKIP predicate)",
    "REC": "Reconciliation across tables and versions",
    "AGG": "Summary statements against tables",
    "REV": "Revisions: versions of the budget and targets",
    "DAT": "Data checks (schema)",
    "CMP": "Completeness: what a table reports for every row",
    "REQ": "Required parts: what every LKjIP must contain (findings about the whole report)",
    "COV": "Coverage: how much of the report the check could verify",
}
OTHER = "Other rules"
SECTION_TITLES = {
    "what": "What it checks",
    "why": "Why it matters",
    "fail": "Failing example",
    "pass": "Passing example",
    "options": "Options",
    "references": "References",
}


SECTION_TITLES_ID = {
    "what": "Yang diperiksa",
    "why": "Mengapa penting",
    "fail": "Contoh yang gagal",
    "pass": "Contoh yang lolos",
    "options": "Pilihan",
    "references": "Rujukan",
}
WORDS = {
    "en": {"kind": "Kind", "severity": "default severity", "tags": "Tags", "basis": "Basis",
           "message": "Message", "note": ""},
    "id": {"kind": "Jenis", "severity": "tingkat bawaan", "tags": "Label", "basis": "Dasar",
           "message": "Pesan", "note": "_Penjelasan aturan di bawah ini dalam bahasa Inggris._"},
}


def rule_markdown(rule: Rule, heading: str = "###", lang: str | None = None) -> str:
    """One rule's documentation: for the reference (both messages, English headings), or
    in one language (`lkjip rules CODE --lang id|en`: that language's message and
    headings; the explanations are written in English)."""
    w = WORDS[lang or "en"]
    lines = [f"{heading} {rule.code} `{rule.name}`", ""]
    lines.append(f"- {w['kind']}: `{rule.kind}`; {w['severity']}: **{rule.severity}**")
    if rule.tags:
        lines.append(f"- {w['tags']}: {', '.join(rule.tags)}")
    if rule.basis:
        lines.append(f"- {w['basis']}: {rule.basis}")
    if lang is None:
        lines.append(f"- Message (id): {rule.messages.get('id', '')}")
        lines.append(f"- Message (en): {rule.messages.get('en', '')}")
    else:
        lines.append(f"- {w['message']}: {rule.messages.get(lang) or rule.messages.get('id', '')}")
    lines.append("")
    if w["note"]:
        lines += [w["note"], ""]
    titles = SECTION_TITLES_ID if lang == "id" else SECTION_TITLES
    for key, title in titles.items():
        text = rule.doc.get(key)
        if not text:
            continue
        lines.append(f"**{title}.**")
        lines.append("")
        if key in ("fail", "pass"):
            lines.extend(["```yaml", text.rstrip(), "```"])
        else:
            lines.append(text.strip())
        lines.append("")
    return "\n".join(lines)


def reference_markdown(rules: Iterable[Rule]) -> str:
    rules = sorted(rules, key=lambda r: r.code)
    out = [
        "# Rule reference",
        "",
        "Generated from `rules/*.yaml` by `python -m validator.ruledocs > docs/rules.md`;",
        "a test fails when this page is out of date or a rule lacks a section.",
        "",
        "| code | name | kind | severity |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.kind} | {r.severity} |" for r in rules]
    out.append("")
    for title, family in families(rules):
        out += [f"## {title}", ""]
        out += [rule_markdown(r) for r in family]
    return "\n".join(out).rstrip() + "\n"


def families(rules: list[Rule]) -> list[tuple[str, list[Rule]]]:
    """The rules grouped under their family titles; a rule whose code prefix has no title
    yet is listed under "Other rules", never left out of the reference."""
    grouped = [(title, [r for r in rules if r.code.startswith(prefix)]) for prefix, title in FAMILIES.items()]
    other = [r for r in rules if not r.code.startswith(tuple(FAMILIES))]
    return [(title, family) for title, family in [*grouped, (OTHER, other)] if family]


if __name__ == "__main__":  # pragma: no cover
    import sys

    from validator.ruleset import load_rules

    sys.stdout.write(reference_markdown(load_rules()))
