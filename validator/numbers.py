"""Numbers as printed in Indonesian reports.

A printed figure is parsed into its exact decimal value plus what the printing tells
about precision (the number of decimals), so that rules can judge rounded figures as
intervals. Anything ambiguous is refused with a reason; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

NumberStyle = Literal["id", "en"]

# Figures beyond this are not budgets or percentages: refusing them keeps Decimal
# arithmetic bounded and catches pasted garbage such as "1e309".
MAX_DIGITS = 24
MAX_TEXT = 200
UNROUNDED_DECIMALS = 6
"""A figure with more decimals than this is an unrounded result (a formula's float,
101,333333333333), not a printed precision: it is judged at this many decimals and does
not set its column's precision (engine/context.py `decimals`)."""

_NIL = {"-", "–", "—", "−"}
_CURRENCY = re.compile(r"^(?:rp\.?)\s*", re.IGNORECASE)
_GRADE = re.compile(r"^(?P<grade>[A-Ea-e]{1,2})\s*\(\s*(?:(?i:nilai|skor)\s*:?\s*)?(?P<score>[^()]*)\s*\)$")
_INDEX = re.compile(r"^(?i:indeks|index)\s+(?P<num>[0-9][0-9.,]*)"
                    r"(?:\s*\(\s*(?i:skala|dari|of|scale)\s+(?P<of>[0-9][0-9.,]*)\s*\))?$")
_WORDS = re.compile(r"^[^\W\d_]+(?:[ /-][^\W\d_]+){0,5}$")
_BARE_GRADE = re.compile(r"^(?P<grade>AA|A|BB|B|CC|C|D)$")
_BODY = re.compile(r"^(?P<sign>[-−–]?)\s*(?P<num>[0-9][0-9.,]*)\s*(?P<pct>%?)\s*(?P<unit>[^\d\s%].*)?$")
_UNIT = re.compile(r"^[A-Za-z][A-Za-z/ .()-]{0,40}$")

UNIT_SCALES = {
    "rb": 3, "ribu": 3, "jt": 6, "juta": 6, "m": 9, "miliar": 9, "milyar": 9, "t": 12, "triliun": 12,
}
"""Units an amount may be printed in (`Rp 1,2 M`, `Rp 500 juta`): the power of ten of
one unit in rupiah. In Indonesian reports `M` is miliar (10^9), never million."""

TABLE_SCALES = {"ribuan": 3, "jutaan": 6, "miliar": 9}
"""Scales a table may declare for its amounts (`(dalam ribuan rupiah)`): `skala: ribuan`."""

NOT_MEASURED = frozenset({
    "n/a", "na", "n.a.", "tidak diukur", "belum diukur", "tidak dapat diukur", "belum dapat diukur",
})
"""What a performance table prints for an indicator that was not measured (also `-`
in a kinerja table): no value, and never zero."""


REASONS: dict[str, dict[str, str]] = {
    "too_long": {"id": "teks terlalu panjang untuk sebuah angka", "en": "text too long for a number"},
    "empty": {"id": "kosong", "en": "empty"},
    "bare_grade": {"id": "predikat tanpa nilai angka", "en": "a predicate without its score"},
    "not_a_number": {"id": "bukan angka", "en": "not a number"},
    "unknown_rest": {"id": "sisa teks tidak dikenal: {rest}", "en": "unknown text after the number: {rest}"},
    "separators": {"id": "pemisah ganda atau di akhir angka", "en": "doubled separator, or one at the end"},
    "decimal_separators": {"id": "lebih dari satu pemisah desimal", "en": "more than one decimal separator"},
    "too_many_digits": {"id": "terlalu banyak digit", "en": "too many digits"},
    "grouping": {"id": "pengelompokan ribuan tidak sah", "en": "invalid thousands grouping"},
    "english_style": {"id": "format angka Inggris (1,234.56) di tabel berformat Indonesia",
                      "en": "English number style (1,234.56) in a table written in Indonesian style"},
    "indonesian_style": {"id": "format angka Indonesia (1.234,56) di tabel berformat Inggris",
                         "en": "Indonesian number style (1.234,56) in a table written in English style"},
    "not_plain": {"id": "bukan angka biasa (notasi ilmiah, NaN, atau tak hingga)",
                  "en": "not a plain number (scientific notation, NaN or infinity)"},
    "not_a_number_kind": {"id": "bukan angka ({kind})", "en": "not a number ({kind})"},
    "formula_unsupported": {
        "id": "rumus tanpa hasil tersimpan yang tidak dapat dihitung di sini ({detail})",
        "en": "a formula saved without its result, which cannot be computed here ({detail})"},
    "formula_error": {"id": "rumus menghasilkan galat {detail}",
                      "en": "the formula results in the error {detail}"},
    "formula_circular": {"id": "rumus tanpa hasil tersimpan dengan acuan melingkar ({detail})",
                         "en": "a formula saved without its result, in a circular reference ({detail})"},
    "formula_too_deep": {
        "id": "rumus tanpa hasil tersimpan yang bergantung pada lebih dari {detail} rumus lain",
        "en": "a formula saved without its result that depends on more than {detail} other formulas"},
    "formula_too_many": {
        "id": "lebih dari {detail} rumus tanpa hasil tersimpan: simpan buku kerja dengan Excel "
              "atau LibreOffice agar hasilnya tersimpan",
        "en": "more than {detail} formulas saved without their results: save the workbook with "
              "Excel or LibreOffice so that their results are saved"},
    "double_scale": {"id": "satuan {unit} pada tabel berskala {skala}: skala ganda tidak dibaca",
                     "en": "unit {unit} in a table scaled in {skala}: a double scale is not read"},
}
"""Why a figure cannot be read, in both languages. `Figure.error` keeps the Indonesian
text (stable: rules and the `unreadable` value of an item see it); `reason_text` gives
it in either language."""


def reason(key: str, lang: str = "id", /, **params: str) -> str:
    """The reason `key` in `lang`, its fields filled in."""
    return REASONS[key][lang].format(**params)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    body = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*)" for i, p in enumerate(parts))
    return re.compile(f"^{body}$", re.DOTALL)


_REASON_PATTERNS = [(key, _pattern(entry["id"])) for key, entry in REASONS.items()]


def reason_text(error: str, lang: str) -> str:
    """A figure's `error` (Indonesian) in `lang`; an unknown text is returned unchanged."""
    if lang == "id":
        return error
    for key, pattern in _REASON_PATTERNS:
        match = pattern.match(error)
        if match:
            return reason(key, lang, **match.groupdict())
    return error


class NumberFormatError(ValueError):
    """A printed figure that cannot be read unambiguously."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r}: {reason}")
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class ParsedNumber:
    """The value of a printed figure and what its printing says about precision."""

    value: Decimal
    decimals: int
    percent: bool = False
    unit: str | None = None
    grade: str | None = None
    nil: bool = False


def parse_number(text: str, style: NumberStyle = "id") -> ParsedNumber:
    """Parse one printed figure; raise NumberFormatError when it is ambiguous."""
    if len(text) > MAX_TEXT:
        raise NumberFormatError(text[:40] + "...", reason("too_long"))
    s = text.replace("\u00a0", " ").strip()
    if s in _NIL:
        return ParsedNumber(Decimal(0), 0, nil=True)
    if not s:
        raise NumberFormatError(text, reason("empty"))
    grade_match = _GRADE.match(s)
    if grade_match:
        score = parse_number(grade_match["score"], style)
        return ParsedNumber(score.value, score.decimals, grade=grade_match["grade"].upper())
    index = _INDEX.match(s)
    if index:
        value, decimals = _parse_digits(index["num"], style, text)
        scale = f" (skala {index['of']})" if index["of"] else ""
        return ParsedNumber(value, decimals, unit="indeks" + scale)
    if _BARE_GRADE.match(s):
        raise NumberFormatError(text, reason("bare_grade"))
    s = _CURRENCY.sub("", s)
    if s.endswith(",-"):
        s = s[:-2].rstrip()
    body = _BODY.match(s)
    if not body:
        raise NumberFormatError(text, reason("not_a_number"))
    unit = (body["unit"] or "").strip() or None
    if unit is not None and not _UNIT.match(unit):
        raise NumberFormatError(text, reason("unknown_rest", rest=repr(unit)))
    value, decimals = _parse_digits(body["num"], style, text)
    if body["sign"]:
        value = -value
    return ParsedNumber(value, decimals, percent=bool(body["pct"]), unit=unit)


def unit_scale(unit: str | None) -> int:
    """The power of ten of an amount's unit (`M` -> 9, `juta` -> 6), 0 for no or another unit."""
    if unit is None:
        return 0
    return UNIT_SCALES.get(unit.strip().rstrip(".").lower(), 0)


def not_measured(text: str) -> bool:
    """Whether a printed figure says "not measured" (`n/a`, `NA`, `tidak diukur`, ...)."""
    return " ".join(text.lower().split()) in NOT_MEASURED


def qualitative(text: str) -> bool:
    """Whether a figure is a qualitative statement in words ("WTP", "WTP-DPP", "Sangat
    Baik"): letters only, a few words, and not a "not measured" mark. A target or
    realisasi printed so is text, not an unreadable number."""
    s = " ".join(text.split())
    return 0 < len(s) <= 40 and bool(_WORDS.match(s)) and not not_measured(s)


def bare_grade(text: str) -> str | None:
    """The predicate of a figure printed as a bare grade ("A", "BB"), else None."""
    match = _BARE_GRADE.match(text.strip())
    return match["grade"] if match else None


def _parse_digits(num: str, style: NumberStyle, text: str) -> tuple[Decimal, int]:
    """Read the digits and separators of one number in the given style."""
    thousands, decimal_sep = (".", ",") if style == "id" else (",", ".")
    if ".." in num or ",," in num or num[-1] in ".,":
        raise NumberFormatError(text, reason("separators"))
    has_dot, has_comma = "." in num, "," in num
    if has_dot and has_comma:
        last = max(num.rfind("."), num.rfind(","))
        if num[last] != decimal_sep:
            raise NumberFormatError(text, _style_reason(style))
        integer, fraction = num[:last], num[last + 1 :]
        _check_grouping(integer, thousands, text)
    elif has_dot or has_comma:
        sep = "." if has_dot else ","
        parts = num.split(sep)
        if sep == decimal_sep:
            if len(parts) > 2:
                raise NumberFormatError(text, reason("decimal_separators"))
            integer, fraction = parts
        elif len(parts) == 2 and len(parts[1]) != 3:
            # "94.47" in an Indonesian table: a group of one or two digits cannot be a
            # thousands group, so the dot can only be a decimal point.
            integer, fraction = parts
        else:
            _check_grouping(num, sep, text)
            integer, fraction = num, ""
    else:
        integer, fraction = num, ""
    digits = integer.replace(thousands, "") + fraction
    if len(digits) > MAX_DIGITS:
        raise NumberFormatError(text, reason("too_many_digits"))
    try:
        whole = integer.replace(thousands, "")
        value = Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
        raise NumberFormatError(text, reason("not_a_number")) from exc
    return value, len(fraction)


def _check_grouping(integer: str, sep: str, text: str) -> None:
    groups = integer.split(sep)
    if len(groups) == 1:
        return
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise NumberFormatError(text, reason("grouping"))


def _style_reason(style: NumberStyle) -> str:
    if style == "id":
        return reason("english_style")
    return reason("indonesian_style")


def format_id(value: Decimal, decimals: int = 2) -> str:
    """Format a value the Indonesian way: 3.637.682.131,00."""
    quantized = value.quantize(Decimal(1).scaleb(-decimals)) if decimals >= 0 else value
    sign = "-" if quantized < 0 else ""
    text = f"{abs(quantized):,.{decimals}f}"
    return sign + text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_en(value: Decimal, decimals: int = 2) -> str:
    quantized = value.quantize(Decimal(1).scaleb(-decimals))
    return f"{quantized:,.{decimals}f}"
