"""Run the fidelity scorer of ../shared/fidelity on the facts export and print its totals.

    .venv/bin/python bench/bench_fidelity.py [--only html,untagged,pdf] [--jobs 2] [--save FILE.json]

The scorer (../shared/fidelity/score.py, standard library only) exports the facts CSV of each of
its 93 documents with this checkout's main.py and holds them against the inline-XBRL truth. This
prints its per-format totals: recall, wrong values (scale errors among them), sign errors, period
misses, absent facts and failed exports, and with --save keeps them as JSON so that a later run
can be compared with --against FILE.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "fidelity" / "score.py"
FIELDS = ("recall", "wrong", "wrong_scale", "sign", "period", "absent", "failed")


def run_scorer(only: str | None, jobs: int) -> dict[str, dict[str, float]]:
    """The scorer's totals per format, read from its --json output."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "score.json"
        command = [sys.executable, str(SCORER), "--python", sys.executable, "--jobs", str(jobs), "--json", str(out)]
        if only:
            command += ["--only", only]
        subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        return totals_of(json.loads(out.read_text(encoding="utf-8")))


def totals_of(result: dict) -> dict[str, dict[str, float]]:
    return {
        name: {
            "recall": total["recall"],
            "wrong": total["wrong_values"],
            "wrong_scale": total["wrong_values_scale"],
            "sign": total["sign_errors"],
            "period": total["period_misses"],
            "absent": total["absent"],
            "failed": total["failed_exports"],
        }
        for name, total in result["totals"].items()
    }


def report(totals: dict[str, dict[str, float]], against: dict[str, dict[str, float]] | None) -> str:
    lines = [f"{'format':<10}" + "".join(f"{field:>14}" for field in FIELDS)]
    for name, values in totals.items():
        cells = []
        for field in FIELDS:
            value = values[field]
            text = f"{value:.2f}%" if field == "recall" else f"{value:.0f}"
            if against and name in against:
                before = against[name][field]
                text += f" ({before:.2f})" if field == "recall" else f" ({before:.0f})"
            cells.append(f"{text:>14}")
        lines.append(f"{name:<10}" + "".join(cells))
    if against:
        lines.append("(figures in brackets: the run given with --against)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="formats, comma separated: html, untagged, pdf")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--save", type=Path, help="keep the totals as JSON")
    parser.add_argument("--against", type=Path, help="totals of an earlier run (JSON from --save) to compare with")
    args = parser.parse_args()
    if not SCORER.exists():
        print(f"the fidelity corpus is not beside this checkout ({SCORER})", file=sys.stderr)
        return 2
    totals = run_scorer(args.only, args.jobs)
    against = json.loads(args.against.read_text(encoding="utf-8")) if args.against else None
    print(report(totals, against))
    if args.save:
        args.save.write_text(json.dumps(totals, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
