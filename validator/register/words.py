"""User-facing words of the register commands and its recap, Indonesian and English."""

from __future__ import annotations

STATUS_WORDS = {
    "id": {"new": "baru", "open": "terbuka", "resolved": "selesai", "accepted": "diterima"},
    "en": {"new": "new", "open": "open", "resolved": "resolved", "accepted": "accepted"},
}
EVENT_WORDS = {
    "id": {"found": "ditemukan", "reopened": "muncul lagi", "resolved": "tidak ada lagi (selesai)",
           "status": "status diubah", "response": "tanggapan dicatat"},
    "en": {"found": "found", "reopened": "seen again", "resolved": "absent (resolved)",
           "status": "status set", "response": "response recorded"},
}
STATUS_INPUT = {"terbuka": "open", "selesai": "resolved", "diterima": "accepted",
                "open": "open", "resolved": "resolved", "accepted": "accepted"}
"""What `set-status` accepts, in either language."""

WORDS: dict[str, dict[str, str]] = {
    "id": {
        "recorded": "{source}: {instansi} {tahun}, draf {draft}: {new} baru, {open} masih terbuka, "
                    "{reopened} muncul lagi, {accepted} diterima, {resolved} selesai",
        "unchanged": "{source}: {instansi} {tahun}, sama dengan draf {draft}: tidak dicatat lagi",
        "register": "register: {url}",
        "none": "Tidak ada temuan yang cocok.",
        "no": "No", "status": "Status", "instansi": "Instansi", "pemda": "Pemerintah daerah",
        "tahun": "Tahun", "aturan": "Aturan", "tabel": "Tabel", "baris": "Baris / kode", "kolom": "Kolom",
        "uraian": "Uraian", "tanggapan": "Tanggapan instansi", "sejak": "Pertama ditemukan",
        "terakhir": "Terakhir terlihat", "draf": "draf", "riwayat": "Riwayat", "kemunculan": "Kemunculan",
        "tertulis": "Tertulis", "seharusnya": "Seharusnya", "lokasi": "Lokasi", "oleh": "oleh",
        "status_set": "Temuan {number}: status {status}",
        "response_set": "Temuan {number}: tanggapan dicatat ({status})",
        "recap_written": "rekap ditulis: {path}",
        "sheet_recap": "Rekap", "sheet_matters": "Temuan",
        "drafts": "Jumlah draf", "found": "Temuan", "new": "Baru", "open": "Terbuka",
        "resolved": "Selesai", "accepted": "Diterima", "tingkat": "Tingkat",
    },
    "en": {
        "recorded": "{source}: {instansi} {tahun}, draft {draft}: {new} new, {open} still open, "
                    "{reopened} seen again, {accepted} accepted, {resolved} resolved",
        "unchanged": "{source}: {instansi} {tahun}, same as draft {draft}: not recorded again",
        "register": "register: {url}",
        "none": "No matching matters.",
        "no": "No", "status": "Status", "instansi": "Agency", "pemda": "Local government",
        "tahun": "Year", "aturan": "Rule", "tabel": "Table", "baris": "Row / code", "kolom": "Column",
        "uraian": "Description", "tanggapan": "Agency's response", "sejak": "First found",
        "terakhir": "Last seen", "draf": "draft", "riwayat": "History", "kemunculan": "Sightings",
        "tertulis": "Stated", "seharusnya": "Should be", "lokasi": "Location", "oleh": "by",
        "status_set": "Matter {number}: status {status}",
        "response_set": "Matter {number}: response recorded ({status})",
        "recap_written": "recap written: {path}",
        "sheet_recap": "Recap", "sheet_matters": "Matters",
        "drafts": "Drafts", "found": "Matters", "new": "New", "open": "Open",
        "resolved": "Resolved", "accepted": "Accepted", "tingkat": "Severity",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "id"]


def status_word(status: str, lang: str) -> str:
    return STATUS_WORDS["en" if lang == "en" else "id"].get(status, status)
