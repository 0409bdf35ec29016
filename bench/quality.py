"""Detection quality: recall per rule family, false findings, and where the root cause lands.

Generates (or reuses) a corpus with injected defects (one per defective report, families
in turn), checks it with the batch API and scores the findings against the ground-truth
manifest: recall per family and per kind of defect, error/warning findings on clean
reports (false findings), info notes on clean reports, the consequences each defect
must cause, and every miss with the report, the defect and what was observed.

Root causes (validator/diagnosis): the share of defects whose root cause is exactly the
injected figure, reported as ambiguous ("one of these figures", the injected one among
them), at a wrong figure with certainty (must be 0), or not localised (the findings stand
alone: a lost row); the share of knock-on findings attached to the injected root; and
every certain root cause at a figure the generator did not change (a reviu statement
asking to correct a right figure; must be 0).

    python bench/quality.py [--reports 1000] [--defects 0.3] [--seed 1] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import time

from _common import corpus, print_machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--defects", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print the full summary as JSON")
    args = parser.parse_args()

    from validator.batch import check_many
    from validator.generate.quality import evaluate, load_manifest
    from validator.load import find_reports

    print("Detection quality")
    print_machine()
    folder, seconds = corpus(args.reports, args.seed, args.defects)
    start = time.perf_counter()
    quality = evaluate(
        load_manifest(folder), check_many(list(find_reports([folder])), jobs=args.jobs), folder
    )
    print(
        f"  corpus {folder} ({'cached' if not seconds else f'generated in {seconds:.0f} s'}), "
        f"checked in {time.perf_counter() - start:.0f} s"
    )
    summary = quality.summary()
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
        return
    print(f"\n  {'family':8} {'injected':>8} {'detected':>8} {'recall':>7}  consequences seen")
    for family, score in summary["families"].items():
        print(
            f"  {family:8} {score['injected']:>8} {score['detected']:>8} {score['recall']:>7.1%}  "
            f"{score['consequences_seen']}/{score['consequences']}"
        )
    print(f"  {'all':8} {'':>8} {'':>8} {summary['recall']:>7.1%}")
    print(
        f"\n  clean reports: {summary['clean_reports']}, false findings (error/warning): "
        f"{summary['false_findings']}, info notes: {summary['clean_info_notes'] or 0}"
    )
    print(f"  defective reports: {summary['defective_reports']}, unreadable: {len(summary['unreadable'])}")
    print("\n  per kind of defect:")
    for kind, score in summary["kinds"].items():
        print(f"    {kind:48} {score['detected']:>4}/{score['injected']:<4} {score['recall']:.0%}")
    if summary["unpredicted_on_defective"]:
        print("\n  other errors/warnings on defective reports (not in the manifest):")
        for key, count in summary["unpredicted_on_defective"].items():
            print(f"    {key}: {count}")
    for miss in summary["misses"]:
        defect = miss["defect"]
        print(
            f"\n  MISS {defect['kind']} in {defect['report']}: {defect['table']} {defect['kode']} "
            f"{defect['column']} {defect['original']!r} -> {defect['injected']!r}, "
            f"expected {defect['expected']}"
        )
        for seen in miss["observed"]:
            print(
                f"    observed {seen['code']} {seen['severity']} {seen['table']} {seen['kode']} "
                f"{seen['column']}"
            )
    _print_roots(summary)
    for finding in summary["false_finding_examples"]:
        print(f"\n  FALSE FINDING {finding}")
    for consequence in summary["missed_consequences"][:20]:
        print(f"  missed consequence {consequence}")


def _print_roots(summary: dict) -> None:  # type: ignore[type-arg]
    roots = summary["root_causes"]
    defects = roots["defects"] or 1
    figures = defects - roots["not_localised"] - roots["undetected"]
    print("\n  root causes (validator/diagnosis):")
    for outcome in ("exact", "ambiguous", "wrong_cell", "not_localised", "undetected"):
        print(f"    {outcome:14} {roots[outcome]:>5}  {roots[outcome] / defects:6.1%}")
    if figures:
        print(f"    exact among localised defects: {roots['exact'] / figures:.1%} of {figures}")
    attached = roots["knock_on_attached"] / roots["knock_on"] if roots["knock_on"] else 1.0
    print(f"    knock-on findings attached to the injected root: {roots['knock_on_attached']}/"
          f"{roots['knock_on']} ({attached:.1%}); of the localised defects: "
          f"{roots['knock_on_localised_attached']}/{roots['knock_on_localised']}")
    print(f"    certain root causes at a figure no defect changed: {len(summary['wrong_corrections'])}")
    print("    per kind (exact/ambiguous/wrong/not localised of injected):")
    for kind, score in summary["root_causes_by_kind"].items():
        if score["exact"] != score["defects"]:
            print(f"      {kind:48} {score['exact']}/{score['ambiguous']}/{score['wrong_cell']}/"
                  f"{score['not_localised']} of {score['defects']}")
    for miss in summary["root_misses"]:
        if miss["outcome"] == "wrong_cell":
            print(f"    WRONG CELL {miss}")
    for wrong in summary["wrong_corrections"][:20]:
        print(f"    WRONG CORRECTION {wrong}")


if __name__ == "__main__":
    main()
