"""The scope of a reviu and its limits, as the statement says them.

A statement over nothing must never read like a clean one: `lingkup` names the tables
reviewed and counts the figures and rules, `batasan` says what could not be verified and
why (the rules and their counts; each item's reason is its own finding, listed in the
document). A report where no rule found anything to check is `limited`: its statement
gets no clean conclusion, whatever the findings (docs/reviu.md).
"""

from __future__ import annotations

from validator.coverage import Coverage, count_text
from validator.reviu.rulewords import rule_words
from validator.reviu.statement import one_line

SCOPE = {
    "id": "Lingkup reviu: {tables}, {figures} angka, dan {rules} aturan pemeriksaan yang berlaku atas "
          "{items} butir.",
    "en": "Scope of the review: {tables}, {figures} figures, and {rules} check rules applied to "
          "{items} items.",
}
TABLES = {
    "id": ("laporan tidak memuat tabel", "{count} tabel ({labels})"),
    "en": ("the report has no tables", "{count} tables ({labels})"),
}
LIMITS_NONE = {
    "id": "Batasan: seluruh butir yang diperiksa dapat diverifikasi.",
    "en": "Limits: every item checked could be verified.",
}
LIMITS = {
    "id": "Batasan: {count} butir tidak dapat diverifikasi ({rules}){unreadable}; alasan setiap butir "
          "tercantum pada temuannya.",
    "en": "Limits: {count} items could not be verified ({rules}){unreadable}; the reason for each is "
          "given in its finding.",
}
UNREADABLE = {"id": ", dan {count} angka tidak terbaca", "en": ", and {count} figures cannot be read"}
LIMITS_UNREADABLE_ONLY = {
    "id": "Batasan: {count} angka tidak terbaca; setiap angka tercantum pada temuannya.",
    "en": "Limits: {count} figures cannot be read; each is listed in its finding.",
}
NOTHING = {
    "id": "Batasan: tidak ada angka laporan yang dapat diperiksa, sehingga reviu ini tidak memberikan "
          "keyakinan atas keandalan informasi kinerja.",
    "en": "Limits: no figure of the report could be checked, so this review gives no assurance on the "
          "reliability of the performance information.",
}
NOTHING_MATTER = {
    "id": "Tidak ada angka laporan yang dapat diperiksa: laporan tidak memuat bagian yang dapat direviu.",
    "en": "No figure of the report could be checked: the report holds nothing that can be reviewed.",
}


def lang_of(lang: str) -> str:
    return "en" if lang == "en" else "id"


def limited(coverage: Coverage | None) -> bool:
    """No rule found anything to check: a clean conclusion would be one over nothing."""
    return coverage is not None and not coverage.rules_applied


def scope_text(coverage: Coverage | None, lang: str) -> str:
    """The `lingkup` field: "" when the coverage is not known."""
    if coverage is None:
        return ""
    lang = lang_of(lang)
    none, some = TABLES[lang]
    labels = "; ".join(dict.fromkeys(one_line(t.label) for t in coverage.tables))
    tables = (some.format(count=count_text(len(coverage.tables), lang), labels=labels)
              if coverage.tables else none)
    return SCOPE[lang].format(tables=tables, figures=count_text(coverage.figures, lang),
                              rules=count_text(coverage.rules_applied, lang),
                              items=count_text(coverage.checked, lang))


def limits_text(coverage: Coverage | None, lang: str) -> str:
    """The `batasan` field: what could not be verified and why; "" when not known."""
    if coverage is None:
        return ""
    lang = lang_of(lang)
    if limited(coverage):
        return NOTHING[lang]
    unreadable = (UNREADABLE[lang].format(count=count_text(coverage.unreadable, lang))
                  if coverage.unreadable else "")
    rules = coverage.limited_rules()
    if rules:
        listed = ", ".join(f"{r.code} ({rule_words(r.code, r.name, lang)}): "
                           f"{count_text(r.unverifiable, lang)}" for r in rules)
        return LIMITS[lang].format(count=count_text(coverage.unverifiable, lang), rules=listed,
                                   unreadable=unreadable)
    if coverage.unreadable:
        return LIMITS_UNREADABLE_ONLY[lang].format(count=count_text(coverage.unreadable, lang))
    return LIMITS_NONE[lang]
