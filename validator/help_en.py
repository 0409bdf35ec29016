"""The command line's help in English: `lkjip COMMAND --lang en --help`, or any
`lkjip ... --help` with LKJIP_LANG=en. The Indonesian help is the commands' own text;
this table gives each command (by its path, "cache clean") its help and its options'."""

from __future__ import annotations

CACHE_DIR = "Cache folder (default: $LKJIP_CACHE_DIR, then .lkjip_cache)."
MESSAGES = "Language of the messages."
CONFIG = "lkjip.toml file (default: looked for from the report's folder up)."

HELP_EN: dict[str, dict[str, str]] = {
    "": {"help": "Check Indonesian government performance reports (LKjIP) the way an auditor does."},
    "cache": {"help": "The result cache of `lkjip check`: its size, and cleaning it."},
    "cache clean": {"help": "Delete stored results (all, or those unused for a while).",
                    "--cache-dir": CACHE_DIR,
                    "--unused-days": "Only results unused for this many days (default: all)."},
    "cache info": {"help": "How many results are stored, and their size.", "--cache-dir": CACHE_DIR},
    "check": {
        "help": "Check LKjIP reports (YAML, XLSX, or a CSV folder) and show their findings.\n\n"
                "The result of a report that did not change (same content, rules and settings) is\n"
                "taken from the .lkjip_cache cache without checking again; --no-cache turns this off.",
        "--format": "Output format.",
        "--output": "Write to this file.",
        "--select": "Only these rules (codes or prefixes, comma-separated), e.g. SUM,FRM001.",
        "--ignore": "Ignore these rules (codes or prefixes, comma-separated).",
        "--severity": "The lowest severity of a finding that makes the exit code 1.",
        "--lang": "Language of the messages (default: lkjip.toml, then id).",
        "--config": CONFIG,
        "--quiet": "Only the reports with findings, and the summary.",
        "--statistics": "Number of findings per rule, and of root causes.",
        "--only-reports": "Skip files that are not lkjip reports and say how many (for pre-commit).",
        "--engine": "Rule engine; gx = Great Expectations (pip install 'lkjip[gx]').",
        "--data-docs": "With --engine gx: build GX Data Docs in this folder.",
        "--gx-context": "With --engine gx: use the GX file context (GX project) in this folder.",
        "--jobs": "Number of checking processes (default: every core for many reports; 1 = one process).",
        "--cache-dir": "Result cache folder (default: $LKJIP_CACHE_DIR, then .lkjip_cache).",
        "--no-cache": "Check every report again, neither reading nor writing the cache "
                      "(also: LKJIP_NO_CACHE=1).",
    },
    "convert": {
        "help": "Convert report IN (YAML, XLSX, or a CSV folder) to OUT without losing data.",
        "--to": "Output format; default: from the ending of OUT (.yaml/.yml, .xlsx, folder = CSV).",
        "--force": "Overwrite an existing OUT (IN is never overwritten).",
        "--lang": MESSAGES,
    },
    "diff": {"help": "Changes between versions (PK awal, perubahan, DPA-P), or between two reports.",
             "--from": "The earlier version (default: each version with the next).",
             "--to": "The later version."},
    "generate": {
        "help": "Make realistic synthetic LKjIP reports (to test detection quality, and for benchmarks).",
        "--reports": "Number of reports.",
        "--seed": "Random seed: the same seed makes identical files.",
        "--output": "Output folder (made when missing).",
        "--defects": "Share of reports given one defect (SUM, FRM, BND, REC, AGG, DAT, REV), "
                     "with a manifest.",
        "--format": "File format of the reports.",
        "--jobs": "Number of processes (default: every core for 50 reports or more). The result is the same.",
        "--force": "Write into a folder that already has files.",
        "--lang": MESSAGES,
    },
    "gx": {"help": "Great Expectations: export the rules as GX suites (pip install 'lkjip[gx]')."},
    "gx export": {"help": "Write a GX expectation suite per rule family, and a checkpoint script.",
                  "--output": "Output folder (suites/*.json, run_checkpoint.py, frames/).",
                  "--frames": "Also write the frames of this report (may be repeated).",
                  "--config": "lkjip.toml (extra rules, band sets, settings)."},
    "reviu": {
        "help": "Write the reviu documents (HTML, Markdown, XLSX) of each report, and their index.",
        "--output": "Folder for the reviu documents.",
        "--format": "Document formats, comma-separated.",
        "--lang": "Language of the documents (default: lkjip.toml, then id).",
        "--config": CONFIG,
        "--date": "Date of the statement, YYYY-MM-DD (default: today).",
    },
    "rules": {"help": "List the rules, or one rule's documentation (e.g. lkjip rules FRM006).",
              "--lang": "Language of the messages and headings.",
              "--config": "lkjip.toml that adds rule files."},
    "schema": {"help": "Table schemas (pandera)."},
    "schema export": {"help": "Write the pandera schemas of the DAT rules as YAML, one per table kind.",
                      "--output": "Output folder: one pandera YAML file per table kind.",
                      "--config": "lkjip.toml (extra rules)."},
    "template": {"help": "Write an empty template with instructions (an instructions sheet) to fill in.",
                 "--xlsx": "Write the XLSX template to this file.",
                 "--csv": "Write the CSV template to this folder.",
                 "--force": "Overwrite an existing output.",
                 "--lang": MESSAGES},
}
