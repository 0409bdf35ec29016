"""The empty workbook layout (`lkjip template`) and its `petunjuk` (instructions) sheet."""

from __future__ import annotations

from validator.build import FORMAT, HISTORY_KEYS, IDENTITAS_KEYS, VERSION_KEYS
from validator.read.sheets import (
    AKIP_SCALARS,
    HELP_SHEET,
    INDEX_COLUMNS,
    INDEX_SHEET,
    KEY_VALUE_HEADER,
    SASARAN_COLUMNS,
    STATEMENT_COLUMNS,
    TABLE_META,
)
from validator.write.serialize import BAND_COLUMNS, ROW_ORDER, Sheets

EXAMPLE_TABLE = "tabel_3_7"
EXAMPLE_META = {
    "id": EXAMPLE_TABLE,
    "label": "Tabel 3.7 Capaian Anggaran Program dan Kegiatan",
    "jenis": "anggaran",
    "angka": "id",
}

# (sheet, column, Indonesian, English); column "" describes the sheet itself.
HELP: tuple[tuple[str, str, str, str], ...] = (
    ("identitas", "", "Identitas laporan: satu baris per kunci (kolom kunci, nilai).",
     "Report identity: one row per key (columns kunci, nilai)."),
    ("identitas", "format", "Selalu lkjip/1.", "Always lkjip/1."),
    ("identitas", "instansi", "Nama instansi (wajib).", "Name of the office (required)."),
    ("identitas", "pemda", "Pemerintah daerah (wajib).", "Local government (required)."),
    ("identitas", "tahun", "Tahun pelaporan, mis. 2023 (wajib).",
     "Reporting year, e.g. 2023 (required)."),
    ("identitas", "tanggal", "Tanggal tanda tangan laporan, YYYY-MM-DD.",
     "Date the report is signed, YYYY-MM-DD."),
    ("identitas", "tempat, kepala, nip", "Seperti tercetak.", "As printed."),
    ("identitas", "urusan, periode_renstra", "Kode urusan (1.06) dan periode Renstra (2018-2023).",
     "Urusan code (1.06) and Renstra period (2018-2023)."),
    ("versi", "", "Versi dokumen yang memuat anggaran/target: satu baris per versi.",
     "Document versions stating budgets or targets: one row per version."),
    ("versi", "id, jenis", "Pengenal versi dan jenisnya: pk_awal, pk_perubahan, dpa, dpa_perubahan.",
     "Version id and kind: pk_awal, pk_perubahan, dpa, dpa_perubahan."),
    ("versi", "urutan, dilampirkan, final",
     "Urutan perubahan (0 asli); true/false: dilampirkan, versi akhir tahun.",
     "Sequence (0 original); true/false: attached, the version the year closed with."),
    ("sasaran", "", "Tujuan, sasaran, dan indikatornya: satu baris per kode.",
     "Goals, targets and their indicators: one row per code."),
    ("sasaran", "jenis", "tujuan, sasaran, atau indikator.", "tujuan, sasaran or indikator."),
    ("sasaran", "induk", "Untuk baris indikator: kode tujuan/sasaran induknya.",
     "For indicator rows: the code of its tujuan/sasaran."),
    ("sasaran", "program", "Kode program yang mendukung sasaran, dipisah koma.",
     "Codes of the programs serving the target, comma-separated."),
    ("sasaran", "arah", "naik (makin tinggi makin baik) atau turun.",
     "naik (higher is better) or turun."),
    ("akip", "", "Nilai evaluasi AKIP (kolom kunci, nilai): nilai, predikat, interpretasi, target.",
     "AKIP evaluation (columns kunci, nilai): nilai, predikat, interpretasi, target."),
    ("akip_pita", "", "Tabel rentang nilai dan predikat seperti tercetak.",
     "Score bands and predicates as printed."),
    ("akip_riwayat", "", "Riwayat nilai AKIP: tahun, nilai.", "AKIP score history: tahun, nilai."),
    ("pernyataan", "", "Angka ringkasan di teks (BAB III, BAB IV): satu baris per bagian.",
     "Summary figures of the text (BAB III, BAB IV): one row per block."),
    (INDEX_SHEET, "", "Daftar tabel sesuai urutan laporan: id tabel dan nama lembarnya.",
     "The tables in report order: table id and the sheet holding it."),
    (EXAMPLE_TABLE, "", "Satu lembar per tabel: baris kunci/nilai (id, label, jenis, versi, "
     "angka, skala, metode_efisiensi, sumber, catatan, halaman), satu baris kosong, baris judul kolom, "
     "lalu baris data. Baris dengan kode JUMLAH adalah jumlah yang tercetak.",
     "One sheet per table: kunci/nilai rows (id, label, jenis, versi, angka, skala, metode_efisiensi, "
     "sumber, catatan, halaman), "
     "one empty row, the column header row, then the data rows. The row with kode JUMLAH is "
     "the printed total."),
    (EXAMPLE_TABLE, "jenis", "anggaran (program/kegiatan/sub kegiatan) atau kinerja.",
     "anggaran (program/kegiatan/sub kegiatan) or kinerja."),
    (EXAMPLE_TABLE, "angka", "Gaya angka: id (1.234,56) atau en (1,234.56).",
     "Number style: id (1.234,56) or en (1,234.56)."),
    (EXAMPLE_TABLE, "skala", "Hanya bila tabel mencetak jumlah uang dalam ribuan/jutaan/miliar: "
     "ribuan, jutaan atau miliar. Kosong: rupiah penuh.",
     "Only when the table prints amounts in thousands/millions/miliar: ribuan, jutaan or miliar. "
     "Empty: whole rupiah."),
    (EXAMPLE_TABLE, "metode_efisiensi", "Hanya bila tabel menyatakan cara menghitung efisiensi: "
     "selisih, sisa_anggaran, rasio, atau rumusnya (capaian_kinerja / capaian_anggaran).",
     "Only when the table states how its efficiency is computed: selisih, sisa_anggaran, rasio, "
     "or its formula (capaian_kinerja / capaian_anggaran)."),
    (EXAMPLE_TABLE, "kode_jumlah", "Baris kunci opsional: kode baris jumlah bila tercetak "
     "dengan kode sendiri (mis. 1.06); baris jumlahnya tetap berkode JUMLAH.",
     "Optional metadata row: the total row's own code when printed with one (e.g. 1.06); the "
     "total row itself still has kode JUMLAH."),
    (EXAMPLE_TABLE, "kode", "Kode Permendagri 90/2019 (anggaran) atau kode sasaran/indikator.",
     "Permendagri 90/2019 code (anggaran) or target/indicator code (kinerja)."),
    (EXAMPLE_TABLE, "angka-angka", "Tulis persis seperti tercetak (3.637.682.131,00; 94,47%; -), "
     "atau ketik angka di sel berformat: 0,9447 di sel % dibaca 94,47%; desimal yang tampil adalah "
     "ketelitiannya. Rumus (=SUM(...)) boleh.",
     "Write figures exactly as printed (3.637.682.131,00; 94,47%; -), or type numbers in formatted "
     "cells: 0,9447 in a % cell reads as 94,47%; the decimals shown are its precision. Formulas "
     "(=SUM(...)) are fine."),
    (EXAMPLE_TABLE, "judul kolom", "Judul kolom seperti tercetak (Anggaran (Rp), Capaian (%), "
     "Target 2023) atau nama kuncinya (anggaran, capaian, target_2023).",
     "Column headers as printed (Anggaran (Rp), Capaian (%), Target 2023) or their keys "
     "(anggaran, capaian, target_2023)."),
    ("", "contoh", "Baris abu-abu dengan no = contoh hanya contoh dan tidak dibaca: isi data di "
     "bawahnya, atau hapus contohnya. Contoh yang diubah ditolak dengan letak selnya.",
     "Grey rows with no = contoh are examples and are not read: fill in the rows below them, or "
     "delete them. An example that was changed is refused with its cell."),
    ("", "", "Sel kosong berarti tidak ada nilai. Rincian: docs/format.md dan docs/formats.md.",
     "An empty cell means no value. Details: docs/format.md and docs/formats.md."),
)


def template_sheets() -> Sheets:
    """All sheets with their header rows, one example table sheet, and `petunjuk`."""
    header = list(KEY_VALUE_HEADER)
    return {
        "identitas": [header, ["format", FORMAT], *([key, ""] for key in IDENTITAS_KEYS)],
        "versi": [list(VERSION_KEYS)],
        "sasaran": [list(SASARAN_COLUMNS)],
        "akip": [header, *([key, ""] for key in AKIP_SCALARS)],
        "akip_pita": [list(BAND_COLUMNS)],
        "akip_riwayat": [list(HISTORY_KEYS)],
        "pernyataan": [list(STATEMENT_COLUMNS)],
        INDEX_SHEET: [list(INDEX_COLUMNS), [EXAMPLE_TABLE, EXAMPLE_TABLE]],
        EXAMPLE_TABLE: [
            header, *([key, EXAMPLE_META.get(key, "")] for key in TABLE_META), [],
            list(ROW_ORDER["anggaran"]),
        ],
        HELP_SHEET: help_rows(),
    }


def help_rows() -> list[list[str]]:
    """The instructions in Indonesian, then in English below."""
    rows = [["lembar", "kolom", "petunjuk"]]
    rows += [[sheet, column, text_id] for sheet, column, text_id, _ in HELP]
    rows += [[], ["sheet", "column", "instructions"]]
    rows += [[sheet, column, text_en] for sheet, column, _, text_en in HELP]
    return rows
