"""`lkjip gx export`: the expectation suites as JSON, a runnable checkpoint script and,
for given reports, the frames to validate (one JSON list of rows per family)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from validator.bands import BandSet
from validator.gx import translate
from validator.ruleset import Rule

SCRIPT = "run_checkpoint.py"
SCRIPT_TEXT = '''"""Validate lkjip frames with the exported suites, in your own GX project.

    python run_checkpoint.py FRAMES_DIR [--context GX_PROJECT_DIR] [--results OUT.json]

FRAMES_DIR holds <family>.json files (`lkjip gx export --frames REPORT`). Each suite in
suites/ gets a pandas data asset, a validation definition and a checkpoint in the
context (ephemeral unless --context); the results are printed (or written) as
[{family, rule, role, success, unexpected: [item ids]}]. Needs `pip install 'lkjip[gx]'`:
the custom expectations come from validator.gx.expectations.
"""

import argparse
import json
import pathlib

import great_expectations as gx

import validator.gx.expectations  # noqa: F401  (registers lkjip's custom expectations)
from validator.gx.translate import RESULT_FORMAT, frame_from_records, result_records

HERE = pathlib.Path(__file__).resolve().parent


def checkpoint_for(context, source, suite_path):
    suite = context.suites.add_or_update(gx.ExpectationSuite(**json.loads(suite_path.read_text("utf-8"))))
    family = suite_path.stem
    names = [a.name for a in source.assets]
    asset = source.get_asset(family) if family in names else source.add_dataframe_asset(family)
    try:
        batch = asset.get_batch_definition("whole")
    except KeyError:
        batch = asset.add_batch_definition_whole_dataframe("whole")
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=suite))
    return context.checkpoints.add_or_update(
        gx.Checkpoint(name=suite.name + ".checkpoint", validation_definitions=[definition],
                      result_format=RESULT_FORMAT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("frames", type=pathlib.Path)
    parser.add_argument("--context", type=pathlib.Path)
    parser.add_argument("--results", type=pathlib.Path)
    args = parser.parse_args()
    if args.context:
        context = gx.get_context(mode="file", project_root_dir=str(args.context))
    else:
        context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_or_update_pandas("lkjip")
    rows = []
    for suite_path in sorted((HERE / "suites").glob("*.json")):
        frame_path = args.frames / suite_path.name
        if not frame_path.exists():
            continue
        frame = frame_from_records(json.loads(frame_path.read_text("utf-8")))
        result = checkpoint_for(context, source, suite_path).run(batch_parameters={"dataframe": frame})
        for suite_result in result.run_results.values():
            rows += [{"family": suite_path.stem, **row} for row in result_records(suite_result)]
    text = json.dumps(rows, indent=1)
    if args.results:
        args.results.write_text(text, "utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
'''


def suite_data(family: str, rules: Sequence[Rule], band_set: BandSet | None) -> dict[str, Any]:
    """A suite as portable JSON: without the ids a context gives when it stores one."""
    data: dict[str, Any] = translate.suite(family, rules, band_set).to_json_dict()
    data.pop("id", None)
    for expectation in data.get("expectations", []):
        expectation.pop("id", None)
    return data


def write_suites(output: Path, rules: Sequence[Rule], band_set: BandSet | None) -> list[Path]:
    folder = output / "suites"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for family in translate.families(rules):
        path = folder / f"{family}.json"
        path.write_text(json.dumps(suite_data(family, rules, band_set), indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        written.append(path)
    script = output / SCRIPT
    script.write_text(SCRIPT_TEXT, encoding="utf-8")
    return [*written, script]


def frames_folder(output: Path, source: str) -> Path:
    """frames/<report path as one name>/ under the export folder."""
    return output / "frames" / (re.sub(r"[^A-Za-z0-9._-]+", "_", source).strip("_") or "report")


def write_frames(folder: Path, current: translate.Plan) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for family, items in current.items.items():
        path = folder / f"{family}.json"
        rows = translate.records(items)
        path.write_text(json.dumps(rows, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        written.append(path)
    return written
