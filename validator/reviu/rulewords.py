"""Rules and levels in document words: what an Indonesian reader sees instead of a slug.

A rule's `name` (`program-sum-of-kegiatan`) is an identifier for tools; the reviu
documents name a rule by its code and, in Indonesian, by its `basis` (the regulation or
convention it checks, written in Indonesian in every bundled rule). English documents
use the name's words. Levels are printed as words (`sub kegiatan`, not `sub_kegiatan`).
"""

from __future__ import annotations

from functools import lru_cache

from validator.findings import STATUS_UNVERIFIABLE, Finding

LEVEL_WORDS = {"sub_kegiatan": "sub kegiatan"}
UNVERIFIABLE = {"id": "tidak dapat diverifikasi", "en": "cannot verify"}


@lru_cache(maxsize=1)
def _bases() -> dict[str, str]:
    from validator.ruleset import load_rules

    return {rule.code: rule.basis for rule in load_rules() if rule.basis}


def rule_words(code: str, name: str, lang: str) -> str:
    """What a rule checks, in words of `lang`: the clause after the regulation, if any
    (`Permendagri 90/2019; pagu program adalah jumlah pagu kegiatannya` -> the latter)."""
    basis = _bases().get(code) if lang != "en" else None
    if basis:
        return basis.rsplit("; ", 1)[-1].strip()
    return name.replace("-", " ").replace("_", " ")


def level_words(level: str) -> str:
    return LEVEL_WORDS.get(level, level.replace("_", " "))


def finding_message(finding: Finding, lang: str) -> str:
    """The finding's message, with an unverifiable item's rule slug (`{name}: ...`, as the
    engine words it for every output) replaced by the rule in words."""
    message = finding.message(lang)
    prefix = f"{finding.name}: "
    if finding.status == STATUS_UNVERIFIABLE and message.startswith(prefix):
        said = rule_words(finding.code, finding.name, lang)
        return f"{said[:1].upper()}{said[1:]} ({finding.code}): {message[len(prefix):]}"
    return message
