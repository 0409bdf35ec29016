"""User-facing messages of input and definition errors, in Indonesian and English.

Finding messages live with their rules in rules/; this catalogue holds the messages of
the reading and loading steps, so that `--lang` applies to every line a user sees.
"""

from __future__ import annotations

from typing import Any

CATALOGUE: dict[str, dict[str, str]] = {
    "file_missing": {"id": "berkas tidak ditemukan", "en": "file not found"},
    "file_unreadable": {"id": "berkas tidak dapat dibaca: {reason}", "en": "cannot read file: {reason}"},
    "not_regular_file": {
        "id": "bukan berkas biasa ({kind}): hanya berkas biasa yang dibaca",
        "en": "not a regular file ({kind}): only regular files are read",
    },
    "file_too_large": {
        "id": "berkas terlalu besar ({size} bait; batas {limit} bait)",
        "en": "file too large ({size} bytes; limit {limit} bytes)",
    },
    "not_utf8": {
        "id": "berkas bukan teks UTF-8 (bait tidak sah pada posisi {offset})",
        "en": "file is not UTF-8 text (invalid byte at offset {offset})",
    },
    "yaml_syntax": {"id": "sintaks YAML salah: {reason}", "en": "YAML syntax error: {reason}"},
    "yaml_alias": {
        "id": "anchor/alias YAML tidak diizinkan dalam laporan",
        "en": "YAML anchors/aliases are not allowed in a report",
    },
    "yaml_tag": {"id": "tag YAML {tag} tidak diizinkan", "en": "YAML tag {tag} is not allowed"},
    "yaml_duplicate_key": {
        "id": "kunci {key!r} ditulis dua kali (pertama di baris {first_line})",
        "en": "key {key!r} appears twice (first on line {first_line})",
    },
    "too_deep": {
        "id": "struktur terlalu dalam (lebih dari {limit} tingkat)",
        "en": "structure nested too deeply (more than {limit} levels)",
    },
    "too_many_nodes": {
        "id": "terlalu banyak elemen (lebih dari {limit})",
        "en": "too many elements (more than {limit})",
    },
    "empty_document": {"id": "dokumen kosong", "en": "empty document"},
    "unknown_key": {"id": "kunci tidak dikenal {key!r}{hint}", "en": "unknown key {key!r}{hint}"},
    "hint": {"id": " (maksud Anda {word!r}?)", "en": " (did you mean {word!r}?)"},
    "missing_key": {"id": "kunci wajib {key!r} tidak ada", "en": "required key {key!r} is missing"},
    "wrong_type": {"id": "{key} harus berupa {expected}", "en": "{key} must be {expected}"},
    "bad_value": {
        "id": "{key}: nilai {value!r} tidak sah; pilihan: {choices}",
        "en": "{key}: invalid value {value!r}; choices: {choices}",
    },
    "bad_date": {
        "id": "{key}: tanggal {value!r} tidak sah (format YYYY-MM-DD)",
        "en": "{key}: invalid date {value!r} (format YYYY-MM-DD)",
    },
    "bad_format": {
        "id": "format {value!r} tidak dikenal; yang didukung: lkjip/1",
        "en": "unknown format {value!r}; supported: lkjip/1",
    },
    "duplicate_id": {"id": "{what} {id!r} ditulis dua kali", "en": "{what} {id!r} appears twice"},
    "unknown_version": {
        "id": "tabel merujuk versi {id!r} yang tidak ada di 'versi'{hint}",
        "en": "table refers to version {id!r} that is not listed under 'versi'{hint}",
    },
    "unknown_subject": {
        "id": "pernyataan merujuk {what} {id!r} yang tidak ada di laporan{hint}",
        "en": "statement refers to {what} {id!r} that is not in the report{hint}",
    },
    "sheet_missing": {"id": "lembar {sheet!r} tidak ada", "en": "sheet {sheet!r} is missing"},
    "column_missing": {
        "id": "kolom {column!r} tidak ada pada baris judul",
        "en": "column {column!r} is missing from the header row",
    },
    "unknown_column": {"id": "kolom tidak dikenal {column!r}{hint}", "en": "unknown column {column!r}{hint}"},
    "not_a_report": {
        "id": "bukan laporan lkjip (YAML lkjip/1, XLSX, atau folder CSV)",
        "en": "not an lkjip report (lkjip/1 YAML, XLSX, or CSV folder)",
    },
    "no_reports": {"id": "tidak ada laporan di folder ini", "en": "no reports found in this folder"},
    "many_reports_need_to": {
        "id": "folder ini berisi {count} laporan: sebutkan --to (yaml, xlsx, csv); OUT menjadi folder",
        "en": "this folder holds {count} reports: give --to (yaml, xlsx, csv); OUT is then a folder",
    },
    "one_report_expected": {
        "id": "diharapkan satu laporan, ditemukan {count}: sebutkan berkasnya",
        "en": "one report expected, {count} found: name the file",
    },
    "import_not_lkjip": {
        "id": "bukan dokumen LKjIP: tidak ada tabel LKjIP yang dikenali (tabel program/kegiatan "
              "dengan anggaran, atau tabel sasaran/indikator/target)",
        "en": "not an LKjIP document: no LKjIP table recognised (a program/kegiatan table with "
              "budgets, or a sasaran/indicator/target table)",
    },
    "import_no_identity": {
        "id": "tidak ditemukan {what} di dokumen (sampul: nama instansi dan \"TAHUN 20..\")",
        "en": "no {what} found in the document (cover: the office's name and \"TAHUN 20..\")",
    },
    "import_unknown_type": {
        "id": "jenis dokumen tidak didukung {suffix!r}: impor membaca .pdf, .docx dan .txt",
        "en": "unsupported document type {suffix!r}: import reads .pdf, .docx and .txt",
    },
    "import_scanned_pdf": {
        "id": "PDF tanpa lapisan teks (hasil pindai): tidak ada teks di {pages} halaman. "
              "Impor tidak membaca gambar (OCR); minta berkas asli (Word/PDF teks) atau "
              "lakukan OCR lebih dulu",
        "en": "PDF without a text layer (scanned): no text on its {pages} pages. The import "
              "does not read images (OCR); ask for the original (Word / text PDF) or run OCR first",
    },
    "import_corrupt": {
        "id": "berkas {kind} rusak atau tidak dapat dibuka: {reason}",
        "en": "{kind} file is damaged or cannot be opened: {reason}",
    },
    "import_needs": {
        "id": "membaca berkas {kind} perlu paket {package}: pip install {package}",
        "en": "reading a {kind} file needs the package {package}: pip install {package}",
    },
    "xlsx_unsafe": {"id": "berkas XLSX ditolak: {reason}", "en": "XLSX file refused: {reason}"},
    "output_exists": {
        "id": "berkas keluaran sudah ada; pakai --force untuk menimpa",
        "en": "output file exists; use --force to overwrite",
    },
    "same_input_output": {
        "id": "berkas keluaran sama dengan masukan; tidak ditimpa",
        "en": "output is the same file as the input; not overwritten",
    },
    "output_is_input": {
        "id": "keluaran ini adalah laporan masukan {input} (nama lain, tautan, atau isi "
              "folder laporan); tidak ada yang ditulis. Pilih berkas keluaran lain.",
        "en": "this output is the input report {input} (another name, a link, or inside the "
              "report's folder); nothing written. Choose another output file.",
    },
    "example_row_changed": {
        "id": "baris contoh templat (no = {mark}) telah diubah: hapus {mark!r} dari kolom no "
              "agar baris ini dibaca, atau hapus barisnya",
        "en": "an example row of the template (no = {mark}) was changed: remove {mark!r} from "
              "the no column to have the row read, or delete the row",
    },
    "annotate_needs_one_workbook": {
        "id": "--annotate menulis salinan satu buku kerja XLSX ke sebuah berkas .xlsx; "
              "diberikan {count} laporan",
        "en": "--annotate writes a copy of one XLSX workbook to an .xlsx file; given "
              "{count} reports",
    },
    "annotate_target_exists": {
        "id": "berkas ini sudah ada dan bukan salinan bertanda dari lkjip; tidak ditimpa. "
              "Pilih berkas keluaran lain.",
        "en": "this file exists and is not a copy annotated by lkjip; it is not overwritten. "
              "Choose another output file.",
    },
    "output_is_report": {
        "id": "keluaran ini adalah sebuah laporan lkjip; tidak ditimpa dengan hasil pemeriksaan. "
              "Pilih berkas keluaran lain.",
        "en": "this output is an lkjip report; it is not overwritten with the findings. "
              "Choose another output file.",
    },
    "rule_duplicate": {"id": "kode aturan {code} dipakai dua kali", "en": "rule code {code} is used twice"},
    "rule_file_shape": {
        "id": "berkas aturan harus berupa mapping dengan satu kunci 'rules' berisi daftar aturan",
        "en": "a rule file must be a mapping with one key 'rules' holding a list of rules",
    },
    "rule_bad_kind": {
        "id": "jenis aturan {kind!r} tidak dikenal{hint}; pilihan: {choices}",
        "en": "unknown rule kind {kind!r}{hint}; choices: {choices}",
    },
    "rule_bad_code": {
        "id": "kode aturan {code!r} harus tiga huruf besar dan tiga angka (mis. SUM001)",
        "en": "rule code {code!r} must be three capitals and three digits (e.g. SUM001)",
    },
    "rule_unknown_table": {
        "id": "jenis tabel tidak dikenal {table!r}{hint}",
        "en": "unknown table kind {table!r}{hint}",
    },
    "rule_unknown_column": {
        "id": "kolom tidak dikenal {column!r}{hint}",
        "en": "unknown column {column!r}{hint}",
    },
    "rule_bad_template": {
        "id": "templat pesan ({lang}) tidak sah: {reason}; hanya {{nama_kolom}} yang diizinkan",
        "en": "invalid message template ({lang}): {reason}; only {{field_name}} is allowed",
    },
    "rule_bad_expression": {"id": "ekspresi tidak sah: {reason}", "en": "invalid expression: {reason}"},
    "config_bad": {"id": "konfigurasi tidak sah: {reason}", "en": "invalid configuration: {reason}"},
    "baseline_bad": {"id": "berkas baseline tidak terbaca: {reason}",
                     "en": "baseline file cannot be read: {reason}"},
    "unknown_rule_code": {
        "id": "kode aturan tidak dikenal {code!r}{hint}",
        "en": "unknown rule code {code!r}{hint}",
    },
    "unknown_sheet": {
        "id": "lembar {sheet!r} tidak dikenal dan tidak tercantum di daftar_tabel{hint}",
        "en": "unknown sheet {sheet!r}, not listed in daftar_tabel{hint}",
    },
    "too_many_rows": {
        "id": "lembar {sheet!r} terlalu banyak baris (lebih dari {limit})",
        "en": "sheet {sheet!r} has too many rows (more than {limit})",
    },
    "too_many_columns": {
        "id": "lembar {sheet!r} terlalu banyak kolom (lebih dari {limit})",
        "en": "sheet {sheet!r} has too many columns (more than {limit})",
    },
    "duplicate_column": {
        "id": "kolom {column!r} ditulis dua kali (pertama di {first})",
        "en": "column {column!r} appears twice (first at {first})",
    },
    "unnamed_column": {
        "id": "sel berisi nilai tetapi kolomnya tidak bernama",
        "en": "cell has a value but its column has no name",
    },
    "csv_short_row": {
        "id": "baris ini hanya berisi {fields} kolom, padahal judulnya {expected} kolom: baris "
              "terpotong, biasanya oleh baris baru di dalam sel yang tidak diberi tanda kutip, "
              "sehingga sel sesudahnya bergeser. Periksa baris ini dan baris sesudahnya",
        "en": "this row has only {fields} fields but its header has {expected}: the row was cut, "
              "usually by a line break inside a cell without quotes, so the cells after it "
              "shifted. Check this row and the next one",
    },
    "duplicate_cell_key": {
        "id": "kunci {name!r} ditulis dua kali (pertama di {first})",
        "en": "key {name!r} appears twice (first at {first})",
    },
    "unknown_parent": {
        "id": "induk {parent!r} tidak ada di lembar sasaran{hint}",
        "en": "parent {parent!r} is not listed on the sasaran sheet{hint}",
    },
    "table_id_mismatch": {
        "id": "id tabel {id!r} berbeda dengan id di daftar_tabel ({listed!r})",
        "en": "table id {id!r} differs from its id in daftar_tabel ({listed!r})",
    },
    "output_format_unknown": {
        "id": "format keluaran tidak dapat ditentukan dari nama {name!r}; pakai --to yaml|xlsx|csv",
        "en": "cannot tell the output format from the name {name!r}; use --to yaml|xlsx|csv",
    },
    "output_not_replaceable": {
        "id": "keluaran sudah ada dan jenisnya lain (folder atau berkas, atau folder yang bukan "
              "folder CSV lkjip); tidak ditimpa walau dengan --force",
        "en": "output exists and is of another kind (folder or file, or a folder that is not "
              "an lkjip CSV folder); not overwritten even with --force",
    },
    "output_parent_not_folder": {
        "id": "keluaran tidak dapat ditulis: {path} adalah berkas, bukan folder",
        "en": "cannot write output: {path} is a file, not a folder",
    },
    "output_unwritable": {
        "id": "keluaran tidak dapat ditulis: {reason}",
        "en": "cannot write output: {reason}",
    },
    "figure_needs_number": {
        "id": "angka {raw!r} ditulis sebagai bilangan; sebagai teks CSV akan terbaca lain "
              "(pemisah ribuan). Tulis sebagai teks seperti tercetak sebelum konversi ke CSV",
        "en": "figure {raw!r} is written as a number; as CSV text it would read differently "
              "(thousands separator). Write it as printed text before converting to CSV",
    },
    "steps_bad": {
        "id": "berkas langkah reviu tidak dapat dipakai: {reason}",
        "en": "cannot use the reviu steps file: {reason}",
    },
    "register_unusable": {
        "id": "register temuan tidak dapat dipakai: {reason}",
        "en": "cannot use the findings register: {reason}",
    },
    "register_unknown_matter": {
        "id": "tidak ada temuan bernomor {number} di register",
        "en": "the register has no matter number {number}",
    },
    "serve_no_users": {
        "id": "halaman terbuka untuk jaringan ({host}) memerlukan login, tetapi register belum punya "
              "pengguna: tambahkan dengan `lkjip register add-user NAMA --role auditor`",
        "en": "a page open to the network ({host}) needs a login, but the register has no users: add one "
              "with `lkjip register add-user NAME --role auditor`",
    },
    "user_office": {
        "id": "perencana harus terikat pada tepat satu instansi di register (--instansi): {reason}",
        "en": "a planner must belong to exactly one office of the register (--instansi): {reason}",
    },
    "password_short": {
        "id": "kata sandi terlalu pendek (paling sedikit {minimum} karakter)",
        "en": "password too short (at least {minimum} characters)",
    },
    "register_empty": {
        "id": "register belum memuat laporan: catat dulu dengan `lkjip register record LAPORAN`",
        "en": "the register holds no reports yet: record some with `lkjip register record REPORTS`",
    },
    "xlsx_illegal_text": {
        "id": "teks berisi karakter kendali yang tidak dapat disimpan di XLSX",
        "en": "text contains control characters that XLSX cannot store",
    },
    "xlsx_text_too_long": {
        "id": "teks {start} panjangnya {length} karakter; sel XLSX memuat paling banyak {limit} "
              "dan sisanya terpotong. Simpan sebagai YAML atau CSV, atau pendekkan teksnya",
        "en": "text {start} is {length} characters long; an XLSX cell holds at most {limit} and "
              "cuts the rest. Write YAML or CSV instead, or shorten the text",
    },
    "xlsx_number_changes": {
        "id": "angka {raw!r} ditulis sebagai bilangan; sel XLSX menyimpannya sebagai {back} "
              "(nol di belakang koma hilang). Tulis sebagai teks seperti tercetak sebelum "
              "konversi ke XLSX",
        "en": "figure {raw!r} is written as a number; an XLSX cell keeps it as {back} (its "
              "trailing zeros are lost). Write it as printed text before converting to XLSX",
    },
    "xlsx_carriage_return": {
        "id": "teks {start} berisi CR (\\r, sering dari salinan PDF) yang terbaca kembali dari "
              "XLSX sebagai baris baru biasa (LF). Ganti CR dengan baris baru, atau simpan "
              "sebagai YAML atau CSV",
        "en": "text {start} contains a carriage return (\\r, often pasted from a PDF) that reads "
              "back from XLSX as a plain line feed. Replace it with a line break, or write YAML "
              "or CSV instead",
    },
    "xlsx_bad_row_number": {
        "id": "baris bernomor {row} di XML lembar ini tidak sah (baris mulai dari 1); isinya "
              "akan hilang tanpa pemberitahuan",
        "en": "row number {row} in this sheet's XML is not valid (rows start at 1); its cells "
              "would be dropped silently",
    },
    "xlsx_row_order": {
        "id": "baris {row} di XML lembar ini ditulis sesudah baris {previous} (ganda atau tidak "
              "berurutan); isinya akan hilang tanpa pemberitahuan",
        "en": "row {row} in this sheet's XML comes after row {previous} (repeated or out of "
              "order); its cells would be dropped silently",
    },
    "xlsx_cell_outside_row": {
        "id": "sel {cell} ditulis di dalam baris {row} di XML lembar ini; akan terbaca di "
              "tempat yang salah",
        "en": "cell {cell} is written inside row {row} of this sheet's XML; it would be read "
              "in the wrong place",
    },
    "xlsx_duplicate_cell": {
        "id": "sel {cell} ditulis dua kali di XML lembar ini; hanya satu nilai yang akan "
              "terbaca",
        "en": "cell {cell} is written twice in this sheet's XML; only one of its values would "
              "be read",
    },
    "xlsx_cell_order": {
        "id": "sel {cell} ditulis sesudah sel {previous} di XML lembar ini (kolom tidak "
              "berurutan); sebagian sel baris ini akan hilang tanpa pemberitahuan",
        "en": "cell {cell} comes after cell {previous} in this sheet's XML (columns out of "
              "order); some cells of this row would be dropped silently",
    },
    "total_row_missing": {
        "id": "kode_jumlah diisi tetapi tidak ada baris dengan kode JUMLAH",
        "en": "kode_jumlah is given but no row has kode JUMLAH",
    },
}


def render(key: str, lang: str = "id", /, **params: Any) -> str:
    """The message for key in lang (falling back to Indonesian), fields filled in. A
    field given in both languages ({"id": ..., "en": ...}) is filled in lang."""
    params = {k: _in(v, lang) for k, v in params.items()}
    entry = CATALOGUE[key]
    template = entry.get(lang) or entry["id"]
    suggestion = params.pop("suggestion", None)
    if "{hint}" in template:
        params["hint"] = render("hint", lang, word=suggestion) if suggestion else ""
    return template.format(**params)


def _in(value: Any, lang: str) -> Any:
    if isinstance(value, dict) and "id" in value and set(value) <= {"id", "en"}:
        return value.get(lang) or value["id"]
    return value


def both(id_text: str, en_text: str) -> dict[str, str]:
    """A message field in both languages, for render."""
    return {"id": id_text, "en": en_text}
