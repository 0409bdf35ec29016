"""The command line's help in English: `lkjip COMMAND --lang en --help`, or any
`lkjip ... --help` with LKJIP_LANG=en. The Indonesian help is the commands' own text;
this table gives each command (by its path, "cache clean") its help and its options'."""

from __future__ import annotations

CACHE_DIR = "Cache folder (default: $LKJIP_CACHE_DIR, then .lkjip_cache)."
MESSAGES = "Language of the messages."
CONFIG = "lkjip.toml file (default: looked for from the report's folder up)."
REGISTER_DB = ("Register (SQLAlchemy URL or SQLite file; default: $LKJIP_REGISTER_URL, [register] url "
               "in lkjip.toml, then lkjip-register.sqlite).")
REGISTER_CONFIG = "lkjip.toml file (default: looked for from the working folder up)."
OUTPUT_LANG = "Language of the output (default: lkjip.toml, then id)."

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
        "--annotate": "Write a copy of the XLSX workbook with the findings on their cells.",
        "--select": "Only these rules (codes or prefixes, comma-separated), e.g. SUM,FRM001.",
        "--ignore": "Ignore these rules (codes or prefixes, comma-separated).",
        "--severity": "The lowest severity of a finding that makes the exit code 1.",
        "--lang": "Language of the messages (default: lkjip.toml, then id).",
        "--config": CONFIG,
        "--quiet": "Only the reports with findings, and the summary (terminal, markdown, html).",
        "--statistics": "Number of findings per rule, and of root causes.",
        "--only-reports": "Skip files that are not lkjip reports and say how many (for pre-commit).",
        "--engine": "Rule engine; gx = Great Expectations (pip install 'lkjip[gx]').",
        "--data-docs": "With --engine gx: build GX Data Docs in this folder.",
        "--gx-context": "With --engine gx: use the GX file context (GX project) in this folder.",
        "--jobs": "Number of checking processes (default: every core for many reports; 1 = one process).",
        "--cache-dir": "Result cache folder (default: $LKJIP_CACHE_DIR, then .lkjip_cache).",
        "--no-cache": "Check every report again, neither reading nor writing the cache "
                      "(also: LKJIP_NO_CACHE=1).",
        "--baseline": "Report only the findings that are not in this baseline file.",
        "--write-baseline": "Record the current findings in this baseline file, then stop.",
        "--show-settings": "Show the settings in force for this report (rules, options, sources), then stop.",
    },
    "convert": {
        "help": "Convert report IN (YAML, XLSX, or a CSV folder) to OUT without losing data.",
        "--to": "Output format; default: from the ending of OUT (.yaml/.yml, .xlsx, folder = CSV).",
        "--force": "Overwrite an existing OUT (IN is never overwritten).",
        "--lang": MESSAGES,
    },
    "import": {
        "help": "Import an LKjIP document (PDF with text, DOCX, or text) into the report format (YAML).\n\n"
                "Figures are written exactly as printed, with their page/place (`asal`); cells not\n"
                "read with certainty are marked and listed at the end.",
        "--output": "The report YAML file to write.",
        "--force": "Overwrite an existing output file (the document DOKUMEN is never overwritten).",
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
        "--register": "Also record the results in the findings register (lkjip register).",
        "--papers": "Review working papers (KKR) and notes (CHR) of each report: html,docx,xlsx.",
        "--db": "Findings register (default: see lkjip register).",
    },
    "register": {"help": "The reviu findings register: matters across drafts and years."},
    "register record": {"help": "Check reports and record their results in the register as a new draft.",
                        "--db": REGISTER_DB, "--config": REGISTER_CONFIG, "--lang": OUTPUT_LANG,
                        "--by": "Name of who records, kept in the history."},
    "register add-user": {"help": "Add a user of the web page (lkjip serve), or change their password "
                                  "and role.",
                          "--role": "auditor: every agency; planner: only their own agency.",
                          "--instansi": "The planner's agency (text contained in its name).",
                          "--password-stdin": "Read the password from standard input.",
                          "--db": REGISTER_DB, "--config": REGISTER_CONFIG, "--lang": OUTPUT_LANG},
    "serve": {"help": "The review team's web page over the findings register (local by default).",
              "--host": "Address to listen on; other than 127.0.0.1/localhost requires a login.",
              "--port": "Port.", "--db": "Findings register (default: see lkjip register).",
              "--config": REGISTER_CONFIG, "--lang": "Language of the page.",
              "--upload-limit-mb": "Largest report that can be uploaded (MB)."},
    "register list": {"help": "List the matters in the register.",
                      "--instansi": "Only agencies whose name contains this text.",
                      "--tahun": "Only matters seen in this year.",
                      "--status": "Only matters of this status (open includes new).",
                      "--db": REGISTER_DB, "--config": REGISTER_CONFIG, "--lang": OUTPUT_LANG},
    "register show": {"help": "One matter: its place, status, response, sightings per draft and history.",
                      "--db": REGISTER_DB, "--config": REGISTER_CONFIG, "--lang": OUTPUT_LANG},
    "register set-status": {"help": "Set a matter's status: open, resolved or accepted.",
                            "--note": "Why, kept in the history.",
                            "--by": "Name of who records, kept in the history.",
                            "--db": REGISTER_DB, "--config": REGISTER_CONFIG, "--lang": OUTPUT_LANG},
    "register respond": {"help": "Record the agency's response to a matter.",
                         "--accept": "The response is accepted: the status becomes accepted.",
                         "--by": "Name of who records, kept in the history.",
                         "--db": REGISTER_DB, "--config": REGISTER_CONFIG, "--lang": OUTPUT_LANG},
    "register recap": {"help": "Recap of every agency and year, as XLSX.",
                       "--output": "The recap's XLSX file.",
                       "--db": REGISTER_DB, "--config": REGISTER_CONFIG, "--lang": OUTPUT_LANG},
    "rules": {"help": "List the rules, or one rule's documentation (e.g. lkjip rules FRM006).",
              "--lang": "Language of the messages and headings.",
              "--config": "lkjip.toml that adds rule files."},
    "schema": {"help": "Table schemas (pandera)."},
    "schema export": {"help": "Write the pandera schemas of the DAT rules as YAML, one per table kind.",
                      "--output": "Output folder: one pandera YAML file per table kind.",
                      "--config": "lkjip.toml (extra rules)."},
    "template": {"help": "Write a template with instructions to fill in: the instructions sheet first, "
                         "one sheet per standard LKjIP table with grey example rows, dropdowns, and "
                         "column names as reports print them. With --from, the XLSX template holds "
                         "that report's data.",
                 "--xlsx": "Write the XLSX template to this file.",
                 "--from": "Fill the XLSX template with this report's data (YAML, XLSX or a CSV folder).",
                 "--csv": "Write the CSV template to this folder.",
                 "--force": "Overwrite an existing output.",
                 "--lang": MESSAGES},
}
