"""The user's word on lines of a combined statement: the labels each filing printed for a
line, joins and splits kept in the LineMapping, and which restatements count."""

from __future__ import annotations

from model.filing import load_filing
from model.analysis.workspace import combine_filings, past_restatements, printed_labels
from model.analysis.line_alignment import LineJoin, LineMapping, LineSplit, with_join, with_split
from tests.support import SAMPLE

KEY = ("income statement", "consolidated")


def _copies(tmp_path, later_line: str):
    earlier, later = tmp_path / "sample-a.txt", tmp_path / "sample-b.txt"
    earlier.write_bytes(SAMPLE.read_bytes())
    text = SAMPLE.read_text(encoding="utf-8").replace("Dividend income\t91,407\t197,063", later_line, 1)
    later.write_text(text, encoding="utf-8")
    return [load_filing(earlier), load_filing(later)]


def _income(filings, mapping=None):
    return next(c for c in combine_filings(filings, mapping) if c.statement.key == KEY)


def test_printed_labels_name_what_each_filing_printed_for_a_line(tmp_path):
    filings = _copies(tmp_path, "Dividends received\t91,407\t197,063")
    combined = _income(filings)
    labels = printed_labels(combined, filings)
    line = combined.statement.find_line("Dividend income")
    assert labels[line] == {"sample-a.txt": "Dividend income", "sample-b.txt": "Dividends received"}
    revenues = combined.statement.find_line("Total revenues")
    assert set(labels[revenues].values()) == {"Total revenues"}


def test_a_join_pairs_every_label_of_one_line_with_every_label_of_the_other_and_drops_their_split():
    mapping = LineMapping(splits=[LineSplit(KEY, "dividend income", "dividend received"), LineSplit(KEY, "other", "another")])
    joined = with_join(mapping, KEY, ["Dividend income"], ["Dividends received", "Dividend receipts"])
    assert joined.joins == [LineJoin(KEY, "dividend income", "dividend receipt"), LineJoin(KEY, "dividend income", "dividend received")]
    assert joined.splits == [LineSplit(KEY, "other", "another")]
    assert with_join(joined, KEY, ["Dividend income"], ["Dividends received"]).joins == joined.joins, "joined once"
    assert mapping.splits[0] in mapping.splits, "the mapping given is not changed"


def test_a_split_separates_every_label_and_drops_the_joins_among_them():
    mapping = LineMapping(joins=[LineJoin(KEY, "dividend income", "dividend received"), LineJoin(("balance sheet", "consolidated"), "cash", "cash and deposit")])
    split = with_split(mapping, KEY, ["Dividend income", "Dividends received", "dividend income"])
    assert split.joins == [LineJoin(("balance sheet", "consolidated"), "cash", "cash and deposit")]
    assert split.splits == [LineSplit(KEY, "dividend income", "dividend received")]


def test_a_split_keeps_lines_apart_that_their_equal_values_would_align(tmp_path):
    filings = _copies(tmp_path, "Dividends received\t91,407\t197,063")
    mapping = with_split(LineMapping(), KEY, ["Dividend income", "Dividends received"])
    statement = _income(filings, mapping).statement
    assert statement.find_line("Dividend income") is not None and statement.find_line("Dividends received") is not None


def test_past_restatements_are_those_the_workspace_reports(tmp_path):
    filings = _copies(tmp_path, "Dividend income\t91,407\t197,999")
    found = past_restatements(_income(filings), filings)
    assert [(r.first.value, r.latest.value) for r in found] == [(197063, 197999)]
