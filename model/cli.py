"""The headless command line: ``export --facts/--changes/--restatements OUT.csv FILE ...``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from model.analysis.workspace import load_workspace
from model.export import write_changes_csv, write_facts_csv, write_restatements_csv
from model.parsing.limits import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT_S, GB, ParseSettings, machine_cores

EXIT_OK = 0
EXIT_FAILED_FILES = 1
EXIT_USAGE = 2


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tickmark export",
        description="Export every number of the given filings, or their changes, to CSV without opening a window.",
    )
    parser.add_argument("--facts", metavar="OUT.csv", help="every number of every table (the facts CSV)")
    parser.add_argument("--changes", metavar="OUT.csv", help="YoY / QoQ / prior-period changes (the changes CSV)")
    parser.add_argument("--restatements", metavar="OUT.csv", help="values that differ between filings (the restatements CSV)")
    parser.add_argument("--jobs", type=_positive_int, default=machine_cores(), metavar="N", help="files read at once, each in its own process (default: the %(default)s cores of this machine)")
    parser.add_argument(
        "--memory-limit", type=_positive_float, default=DEFAULT_MEMORY_LIMIT / GB, metavar="GB", help="memory one file may take while it is read (default %(default)g GB)"
    )
    parser.add_argument("--time-limit", type=_positive_float, default=DEFAULT_TIME_LIMIT_S, metavar="S", help="seconds one file may take to read (default %(default)g)")
    parser.add_argument("--no-cache", action="store_true", help="parse every file again, neither using nor filling the cache of parsed files")
    parser.add_argument("files", nargs="+", metavar="FILE", help="filings: PDF, HTML, text or markdown; several form one workspace")
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def run_export(argv: Sequence[str], stderr: TextIO = sys.stderr) -> int:
    parser = export_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    if not (args.facts or args.changes or args.restatements):
        parser.print_usage(stderr)
        print("tickmark export: error: give at least one of --facts, --changes or --restatements", file=stderr)
        return EXIT_USAGE

    parsing = ParseSettings(jobs=args.jobs, memory_limit=round(args.memory_limit * GB), time_limit=args.time_limit, cache=not args.no_cache)
    workspace = load_workspace(args.files, parsing=parsing)
    for failure in workspace.failures:
        print(f"error: {failure.message()}", file=stderr)
    try:
        if args.facts:
            write_facts_csv(args.facts, workspace.filings)
        if args.changes:
            write_changes_csv(args.changes, workspace.changes())
        if args.restatements:
            write_restatements_csv(args.restatements, workspace.restatements())
    except OSError as error:
        print(f"error: cannot write {error.filename or 'the output file'}: {error.strerror or error}", file=stderr)
        return EXIT_FAILED_FILES
    return EXIT_FAILED_FILES if workspace.failures else EXIT_OK
