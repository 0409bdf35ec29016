"""How the register knows a matter and an office again, with no database needed: the
reviu's working papers use it too, to show the response recorded for a matter."""

from __future__ import annotations

import hashlib

from validator.findings import Finding


def identity(finding: Finding) -> str:
    """The matter's stable identity: rule, table, kode and column (never the line, the
    message or the figures, which change from draft to draft)."""
    parts = (finding.code, finding.table or "", finding.kode or "", finding.column or "")
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def office_key(instansi: str, pemda: str) -> str:
    """pemda and instansi with case and spacing folded: the same office in every year."""
    return f"{' '.join(pemda.casefold().split())}|{' '.join(instansi.casefold().split())}"
