"""Write a report as canonical YAML: spec key order, figures as quoted printed text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, TextIO

import yaml

from validator.model import Report
from validator.write.atomic import atomic_file
from validator.write.serialize import (
    DateText,
    NumberFigure,
    PrintedFigure,
    report_to_data,
)

SCHEMA_URL = "https://example.invalid/lkjip/report.schema.json"
HEADER = f"# yaml-language-server: $schema={SCHEMA_URL}\n"
_WIDTH = 1_000_000  # never fold long labels and quotations


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes figures quoted and number-typed figures as plain numbers."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write YAML by hand.
        super().increase_indent(flow, False)


def _printed(dumper: yaml.SafeDumper, data: PrintedFigure) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


def _number(dumper: yaml.SafeDumper, data: NumberFigure) -> yaml.ScalarNode:
    kind = "float" if "." in data else "int"
    return dumper.represent_scalar(f"tag:yaml.org,2002:{kind}", str(data))


def _date(dumper: yaml.SafeDumper, data: DateText) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(data))


_Dumper.add_representer(PrintedFigure, _printed)
_Dumper.add_representer(DateText, _date)
_Dumper.add_representer(NumberFigure, _number)


def report_to_yaml(report: Report) -> str:
    buffer = io.StringIO()
    dump_data(report_to_data(report), buffer)
    return buffer.getvalue()


def write_yaml(report: Report, path: Path) -> None:
    data = report_to_data(report)
    with atomic_file(path) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        try:
            dump_data(data, text)
            text.flush()
        finally:
            text.detach()  # atomic_file syncs and closes the underlying file


def dump_data(data: dict[str, Any], stream: TextIO) -> None:
    """The header comment, then the document; written as it is produced."""
    stream.write(HEADER)
    yaml.dump(
        data, stream, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=_WIDTH,
        default_flow_style=False,
    )
