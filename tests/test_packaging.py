"""The rule files ship with the package: a non-editable install, run from elsewhere, uses them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the checkout")
def test_non_editable_install_finds_bundled_rules(tmp_path: Path) -> None:
    source = tmp_path / "src"
    # Only tracked and new files: a copy without the developer's venv and caches.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv*", ".git", "*.egg-info",
                                                                 "__pycache__", ".*_cache"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Dependencies (and the build backend) come from the running environment through a
    # .pth file placed after the venv's own site-packages; lkjip itself is installed.
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (Path(purelib) / "zz_test_deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    str(source)], check=True, capture_output=True, env={**os.environ, "PIP_NO_INDEX": "1"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seed = ROOT / "fixtures" / "pamekasan-dinsos-2023" / "report.yaml"
    code = (
        "import sys, validator, validator.ruleset as r;"
        "print(validator.__file__); print(r.bundled_rules_dir()); print(len(r.load_rules()))"
    )
    shown = subprocess.run([str(python), "-c", code], cwd=elsewhere, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert str(env_dir) in shown[0], "imported the checkout instead of the installed package"
    assert "_bundled" in shown[1] and int(shown[2]) >= 40
    result = subprocess.run([str(env_dir / "bin" / "lkjip"), "check", str(seed), "--format", "json"],
                            cwd=elsewhere, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    expected = yaml.safe_load((ROOT / "fixtures" / "pamekasan-dinsos-2023" / "expected-findings.yaml")
                              .read_text(encoding="utf-8"))["findings"]
    assert json.loads(result.stdout)["summary"]["findings"] == len(expected)
