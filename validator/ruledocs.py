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


def rule_markdown(rule: Rule, heading: str = "###") -> str:
    lines = [f"{heading} {rule.code} `{rule.name}`", ""]
    lines.append(f"- Kind: `{rule.kind}`; default severity: **{rule.severity}**")
    if rule.tags:
        lines.append(f"- Tags: {', '.join(rule.tags)}")
    if rule.basis:
        lines.append(f"- Basis: {rule.basis}")
    lines.append(f"- Message (id): {rule.messages.get('id', '')}")
    lines.append(f"- Message (en): {rule.messages.get('en', '')}")
    lines.append("")
    for key, title in SECTION_TITLES.items():
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
