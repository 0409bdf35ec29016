"""Generators for the corpus cases that are too big, too binary or too dangerous to commit.

A case in cases.yaml lists generator specs under `generate:`; each spec writes one file
(or changes one) inside the case's work folder at test time. Kinds:

- copy:         a corpus file copied to `name` (overlays one file of a copied folder)
- repeat:       head + body * count + tail * tail_count, as UTF-8 (deep nesting, many
                columns or rows, long values)
- big_file:     `size_mb` megabytes, sparse (`fill: sparse`) or lines of text after `head`
- random_bytes: `size` bytes from a seeded generator (the same bytes on every run)
- xlsx:         a workbook written from a corpus YAML report, then changed cell by cell
                (`cells`) and member by member inside the zip (`zip`)
- fifo / symlink: special files whose size the file system does not know

XLSX files are generated rather than committed so that what is hostile about each one is
readable in the manifest instead of hidden in a binary.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent
MB = 1024 * 1024

Spec = Mapping[str, Any]


def generate(spec: Spec, work: Path) -> None:
    """Write the file a spec describes inside work."""
    target = work / spec["name"]
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or target.is_file():
        target.unlink()  # a generated file replaces the copied one (fifo, symlink)
    GENERATORS[spec["kind"]](spec, target)


def _copy(spec: Spec, target: Path) -> None:
    target.write_bytes((CORPUS / spec["from"]).read_bytes())


def _repeat(spec: Spec, target: Path) -> None:
    tail = spec.get("tail", "") * int(spec.get("tail_count", 1))
    text = spec.get("head", "") + spec["body"] * int(spec["count"]) + tail
    target.write_text(text, encoding="utf-8", newline="")


def _big_file(spec: Spec, target: Path) -> None:
    size = int(spec["size_mb"] * MB)
    if spec.get("fill", "text") == "sparse":
        with target.open("wb") as handle:
            handle.truncate(size)  # sparse: costs no disk and no time
        return
    head = spec.get("head", "").encode()
    line = spec.get("line", "# isi tambahan untuk membuat berkas besar\n").encode()
    chunk = line * (MB // len(line))
    with target.open("wb") as handle:
        handle.write(head)
        written = len(head)
        while written < size:
            piece = chunk[: size - written]
            handle.write(piece)
            written += len(piece)


def _random_bytes(spec: Spec, target: Path) -> None:
    rng = random.Random(int(spec.get("seed", 0)))
    target.write_bytes(rng.randbytes(int(spec["size"])))


def _fifo(spec: Spec, target: Path) -> None:
    os.mkfifo(target)


def _symlink(spec: Spec, target: Path) -> None:
    target.symlink_to(spec["to"])


# -- XLSX ----------------------------------------------------------------------------------


def _xlsx(spec: Spec, target: Path) -> None:
    from validator.load import load_report
    from validator.write.xlsx_writer import write_xlsx

    write_xlsx(load_report(CORPUS / spec.get("from", "base/report.yaml")), target)
    if spec.get("cells") or spec.get("columns"):
        _edit_cells(target, spec.get("cells", []), spec.get("columns"))
    data = target.read_bytes()
    for change in spec.get("zip", []):
        data = ZIP_CHANGES[change["op"]](data, change)
    target.write_bytes(data)


def _edit_cells(path: Path, cells: list[Spec], columns: Spec | None) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    for item in cells:
        cell = workbook[item["sheet"]][item["cell"]]
        cell.value = item["value"]
        if item.get("type", "text") == "text" and isinstance(item["value"], str):
            cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    if columns:
        sheet = workbook[columns["sheet"]]
        row = int(columns.get("row", 1))
        for column in range(1, int(columns["count"]) + 1):
            sheet.cell(row=row, column=column, value=f"c{column}")
    workbook.save(path)


def _rewrite(data: bytes, change: Callable[[zipfile.ZipInfo, bytes], bytes | None],
             extra: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    """A copy of the zip with each member passed through change (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
        for info in source.infolist():
            content = change(info, source.read(info))
            if content is not None:
                result.writestr(info, content)
        for name, content in extra:
            result.writestr(name, content)
    return out.getvalue()


def _inject(data: bytes, change: Spec) -> bytes:
    """Insert text into one member, after a marker, in the member's own encoding."""
    encoding = change.get("encoding", "utf-8")

    def edit(info: zipfile.ZipInfo, content: bytes) -> bytes:
        if info.filename != change["member"]:
            return content
        text = content.decode("utf-8")
        head, marker, rest = text.partition(change.get("after", "?>"))
        text = head + marker + change["text"] + rest
        if encoding != "utf-8":
            text = text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
            bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
            return bom + text.encode(encoding)
        return text.encode("utf-8")

    return _rewrite(data, edit)


def _add_zeros(data: bytes, change: Spec) -> bytes:
    """Add a member of zeros: a zip bomb when it is large."""
    zeros = b"\0" * int(change["size_mb"] * MB)
    return _rewrite(data, lambda info, content: content, ((change["member"], zeros),))


def _claim_size(data: bytes, change: Spec) -> bytes:
    """Make the central directory claim an uncompressed size the data does not have."""
    buffer = bytearray(data)
    name = change["member"].encode()
    position = buffer.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", buffer, position + 28)[0]
        if bytes(buffer[position + 46 : position + 46 + name_length]) == name:
            struct.pack_into("<I", buffer, position + 24, int(change["size"]))
        position = buffer.find(b"PK\x01\x02", position + 4)
    return bytes(buffer)


def _set_header(data: bytes, change: Spec) -> bytes:
    """Set the flag bits or the compression method of one member, in both headers."""
    buffer = bytearray(data)
    name = change["member"].encode()
    for signature, flag_at, method_at, name_length_at, name_at in (
        (b"PK\x03\x04", 6, 8, 26, 30), (b"PK\x01\x02", 8, 10, 28, 46),
    ):
        position = buffer.find(signature)
        while position != -1:
            length = struct.unpack_from("<H", buffer, position + name_length_at)[0]
            if bytes(buffer[position + name_at : position + name_at + length]) == name:
                if "flag" in change:
                    old = struct.unpack_from("<H", buffer, position + flag_at)[0]
                    struct.pack_into("<H", buffer, position + flag_at, old | int(change["flag"]))
                if "method" in change:
                    struct.pack_into("<H", buffer, position + method_at, int(change["method"]))
            position = buffer.find(signature, position + 4)
    return bytes(buffer)


def _truncate(data: bytes, change: Spec) -> bytes:
    return data[: int(len(data) * float(change["keep"]))]


def _replace_member(data: bytes, change: Spec) -> bytes:
    def edit(info: zipfile.ZipInfo, content: bytes) -> bytes:
        return change["text"].encode() if info.filename == change["member"] else content

    return _rewrite(data, edit)


ZIP_CHANGES: dict[str, Callable[[bytes, Spec], bytes]] = {
    "inject": _inject,
    "add_zeros": _add_zeros,
    "claim_size": _claim_size,
    "set_header": _set_header,
    "truncate": _truncate,
    "replace_member": _replace_member,
}

GENERATORS: dict[str, Callable[[Spec, Path], None]] = {
    "copy": _copy,
    "repeat": _repeat,
    "big_file": _big_file,
    "random_bytes": _random_bytes,
    "fifo": _fifo,
    "symlink": _symlink,
    "xlsx": _xlsx,
}
