"""The published JSON Schemas are current, and the fixture and the JSON output conform."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import SEED_REPORT
from validator.cli import main
from validator.json_schemas import SCHEMAS, render

DOCS = Path(__file__).resolve().parent.parent / "docs" / "schema"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_published_schema_is_current(name: str) -> None:
    assert (DOCS / name).read_text(encoding="utf-8") == render(name), "run: python -m validator.json_schemas"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((DOCS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_fixture_conforms_to_report_schema() -> None:
    # Editors read YAML 1.2 through the language server; dates and the quoted "no" key
    # are strings there, as the custom loader below keeps them.
    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    data = yaml.load(SEED_REPORT.read_text(encoding="utf-8"), Loader=Loader)
    errors = sorted(_validator("report.schema.json").iter_errors(data), key=str)
    assert not errors, errors[:3]


def test_report_schema_rejects_unknown_key() -> None:
    data = {"format": "lkjip/1", "identitas": {"instansi": "x", "pemda": "y", "tahun": 2023}, "tabell": []}
    assert list(_validator("report.schema.json").iter_errors(data))


def test_json_output_conforms(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(SEED_REPORT), "--format", "json", "--lang", "en"])
    data = json.loads(capsys.readouterr().out)
    errors = list(_validator("findings.schema.json").iter_errors(data))
    assert not errors, errors[:3]
    assert data["reports"][0]["findings"][0]["location"]["line"] > 0


def test_json_output_with_suppressions_and_a_baseline_conforms(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.yaml"
    text = SEED_REPORT.read_text(encoding="utf-8")
    text = text.replace('efisiensi: "-98,99%"', 'efisiensi: "-98,99%"  # lkjip: abaikan FRM006 -- BPKAD')
    report.write_text(text.replace('efisiensi: "1,01%"', 'efisiensi: "1,01%"  # lkjip: abaikan FRM006'),
                      encoding="utf-8")
    base = tmp_path / "base.json"
    main(["check", str(report), "--write-baseline", str(base)])
    main(["check", str(report), "--format", "json", "--baseline", str(base)])
    data = json.loads(capsys.readouterr().out)
    assert data["reports"][0]["suppressed"] and data["summary"]["suppressed"] == 1
    assert data["summary"]["baselined"] == 20 and data["summary"]["findings"] == 0  # 19 + LKJ001
    errors = list(_validator("findings.schema.json").iter_errors(data))
    assert not errors, errors[:3]
