"""The view logic of the desktop app, without Qt: formatting in a display scale, the diff
panel rows, exported and copied selections, chart series and check markers."""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from decimal import Decimal

import pytest

from model.analysis.compare import Basis, CheckStatus
from model.errors import LoadCancelled
from model.filing import load_filing
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.raw import SourceRef
from model.statements.statement import Cell, Column, Line, Statement, StatementKind
from model.views.charts import chart_of_changes, chart_of_lines
from model.views.checks import check_statement, load_checked_filing, main_statement_index
from model.views.columns import header_text, short_label
from model.views.diff import FAVOURABLE_RGB, UNFAVOURABLE_RGB, DiffOrder, MoveGroup, diff_rows, highlight_rgb
from model.views.formatting import EM_DASH, DisplayScale, ScaledValue, format_amount, format_change_pct, format_difference, scaled, unit_caption
from model.views.growth import growth_rows, span_years
from model.views.selections import selection_csv, selection_tsv
from model.views.table import statement_table
from model.views.workspace import check_workspace, join_refusal, split_refusal
from model.analysis.workspace import Choice
from model.analysis.line_alignment import LineMapping, with_join, with_split
from tests.support import SAMPLE

Q2_16 = Period(start=date(2016, 7, 1), end=date(2016, 9, 30))
H1_16 = Period(start=date(2016, 4, 1), end=date(2016, 9, 30))
Q2_17 = Period(start=date(2017, 7, 1), end=date(2017, 9, 30))
H1_17 = Period(start=date(2017, 4, 1), end=date(2017, 9, 30))


def _cell(text: str, value: str | None, row: int, unit: str = "JPY", scale: int = 1_000_000) -> Cell:
    return Cell(
        value=None if value is None else Decimal(value),
        text=text,
        source=SourceRef("synthetic.txt", line=row),
        unit=unit,
        scale=scale,
    )


def synthetic_statement() -> Statement:
    """Columns printed out of order (halves first), a total that does not foot in 1H17, a
    printed YoY % that disagrees for Costs, a nil and a negative."""
    columns = [
        Column("1H17", ColumnKind.DURATION, H1_17),
        Column("1H16", ColumnKind.DURATION, H1_16),
        Column("2Q17", ColumnKind.DURATION, Q2_17),
        Column("2Q16", ColumnKind.DURATION, Q2_16),
        Column("YoY %", ColumnKind.CHANGE, percent_change=True, compares=(H1_17, H1_16)),
    ]
    lines = [
        Line("Revenues"),
        Line("Costs"),
        Line("Other", level=1),
        Line("Total", is_total=True),
    ]
    printed = {
        0: [("82,988", "82988"), ("74,123", "74123"), ("42,024", "42024"), ("37,944", "37944"), ("12.0", "12.0")],
        1: [("(69,962)", "-69962"), ("(62,275)", "-62275"), ("(35,000)", "-35000"), ("(31,000)", "-31000"), ("9.9", "9.9")],
        2: [("-", None), ("150", "150"), ("-", None), ("75", "75"), ("", None)],
        3: [("13,100", "13100"), ("11,998", "11998"), ("7,024", "7024"), ("7,019", "7019"), ("", None)],
    }
    cells = {}
    for line, row in printed.items():
        for column, (text, value) in enumerate(row):
            if not text:
                continue
            unit = "%" if column == 4 else "JPY"
            cells[(line, column)] = _cell(text, value, 10 + line, unit, 1 if unit == "%" else 1_000_000)
    return Statement("Synthetic income", StatementKind.INCOME, columns, lines, cells, unit="JPY", scale=1_000_000, file_name="synthetic.txt")


@pytest.fixture
def statement() -> Statement:
    return synthetic_statement()


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "expected"),
    [
        ("1234567", 0, "JPY", "1,234,567"),
        ("-1234.5", 1, "JPY", "(1,234.5)"),
        ("-0.04", 1, "JPY", "(0.0)"),  # a small negative stays negative, never a red 0.0
        (None, 0, "JPY", EM_DASH),
        ("-0.4", 1, "%", "(0.4)%"),
        ("0.05", 1, "", "0.1"),
    ],
)
def test_amounts_have_separators_parentheses_for_negatives_and_a_dash_for_nil(value, decimals, unit, expected):
    assert format_amount(None if value is None else Decimal(value), decimals, unit) == expected


def test_a_display_scale_applies_to_money_only():
    money = _cell("82,988,454", "82988454", 1, "JPY", 1_000)
    assert scaled(money, DisplayScale.AS_REPORTED).value == Decimal("82988454")
    in_millions = scaled(money, DisplayScale.MILLIONS)
    assert (in_millions.value, in_millions.decimals, in_millions.scale) == (Decimal("82988.454"), 1, 1_000_000)
    in_thousands = scaled(_cell("82,988", "82988", 1, "JPY", 1_000_000), DisplayScale.THOUSANDS)
    assert (in_thousands.value, in_thousands.decimals) == (Decimal("82988000"), 0)
    per_share = _cell("33.02", "33.02", 1, "JPY/share", 1)
    assert scaled(per_share, DisplayScale.BILLIONS).value == Decimal("33.02")
    assert scaled(_cell("12.0", "12.0", 1, "%", 1), DisplayScale.BILLIONS).value == Decimal("12.0")


def test_unit_captions_name_the_currency_and_scale():
    assert unit_caption("JPY", 1_000_000) == "JPY millions"
    assert unit_caption("USD", 1) == "USD"
    assert unit_caption("", 1) == "units as printed"


def test_change_percentages_carry_their_sign():
    assert format_change_pct(Decimal("11.9598")) == "+12.0 %"
    assert format_change_pct(Decimal("-0.36")) == "\u22120.4 %"
    assert format_change_pct(None) == "n/m"


def test_long_headers_wrap_and_short_labels_come_from_dates():
    column = Column("Three Months Ended September 30, 2016", ColumnKind.DURATION, Q2_16)
    assert header_text(column) == "3M Sep 30 2016\nThree Months Ended\nSeptember 30, 2016"
    assert short_label(column) == "3M Sep 30 2016"
    assert short_label(Column("1H17", ColumnKind.DURATION, H1_17)) == "6M YTD Sep 30 2017"
    assert short_label(Column("As of March 31, 2017", ColumnKind.INSTANT, Period(date(2017, 3, 31)))) == "Mar 31 2017"


# ----------------------------------------------------------------------------- table


def test_the_table_puts_periods_in_chronological_order_and_changes_last(statement):
    table = statement_table(statement)
    assert [c.label for c in table.columns] == ["2Q16", "1H16", "2Q17", "1H17", "YoY %"]
    assert [c.label for c in statement.columns][0] == "1H17", "the statement itself is never reordered"


def test_table_cells_are_formatted_and_say_where_they_were_printed(statement):
    table = statement_table(statement, DisplayScale.THOUSANDS)
    costs_2q16 = table.cells[(1, 0)]
    assert costs_2q16.text == "(31,000,000)"
    assert costs_2q16.negative and costs_2q16.value == -31_000_000
    assert "printed: (31,000)" in costs_2q16.tooltip
    assert "synthetic.txt, line 11" in costs_2q16.tooltip
    assert table.cells[(2, 3)].text == EM_DASH
    assert table.cells[(0, 4)].text == "12.0%"
    assert "value: 12.0%\n" in table.cells[(0, 4)].tooltip
    assert table.caption == "JPY thousands"


def test_derived_periods_are_added_marked_and_explained(statement):
    table = statement_table(statement, show_derived=True)
    labels = [c.label for c in table.columns]
    assert len(labels) == 7
    derived = [j for j, c in enumerate(table.columns) if c.derived]
    assert len(derived) == 2
    first_quarter_17 = derived[1]
    cell = table.cells[(0, first_quarter_17)]
    assert cell.derived and cell.value == 82988 - 42024
    assert "not printed in the filing" in cell.tooltip and "1H17 - 2Q17" in cell.tooltip


def test_checks_mark_a_total_that_does_not_foot_and_a_printed_change_that_disagrees(statement):
    checks = check_statement(statement)
    assert len(checks.footing_failures) == 1
    assert len(checks.disagreements) == 1
    assert checks.count == 2
    table = statement_table(statement, checks=checks)
    total_1h17 = next(j for j, c in enumerate(table.columns) if c.label == "1H17")
    assert "does not foot" in table.cells[(3, total_1h17)].problem
    printed_change = table.cells[(1, 4)]
    assert "9.9 % disagrees with the computed -12.34 %" in printed_change.problem
    assert "\u26a0 check" in printed_change.tooltip
    assert table.cells[(0, total_1h17)].problem == ""


# ----------------------------------------------------------------------------- selections


def test_csv_of_a_selection_holds_exactly_the_selected_cells_in_the_display_scale(statement):
    table = statement_table(statement, DisplayScale.BILLIONS)
    text = selection_csv(table, [0, 1], [2, 3], {(0, 2), (1, 3)})
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["Line item", "2Q17 (JPY billions)", "1H17 (JPY billions)"], ["Revenues", "42.024", ""], ["Costs", "", "-69.962"]]


def test_a_whole_table_exports_when_nothing_is_selected(statement):
    table = statement_table(statement)
    rows = list(csv.reader(io.StringIO(selection_csv(table, range(4), range(5)))))
    assert len(rows) == 5 and rows[3] == ["Other", "75", "150", "", "", ""]


def test_clipboard_text_is_tab_separated_and_a_single_cell_is_just_its_number(statement):
    table = statement_table(statement)
    assert selection_tsv(table, [0, 1], [0, 1]) == "Line item\t2Q16 (JPY millions)\t1H16 (JPY millions)\nRevenues\t37944\t74123\nCosts\t-31000\t-62275\n"
    assert selection_tsv(table, [1], [0], {(1, 0)}) == "-31000"


# ----------------------------------------------------------------------------- diff rows


def test_yoy_rows_carry_values_changes_and_the_printed_check(statement):
    rows = diff_rows(statement, Basis.YOY)
    revenues_1h = next(r for r in rows if r.label == "Revenues" and r.period_label == "6M YTD Sep 30 2017")
    assert (revenues_1h.prior_label, format_change_pct(revenues_1h.change_pct)) == ("6M YTD Sep 30 2016", "+12.0 %")
    assert revenues_1h.change.status is CheckStatus.TIED and revenues_1h.check_text() == "\u2713 printed 12.0 %"
    costs_1h = next(r for r in rows if r.label == "Costs" and r.period_label == "6M YTD Sep 30 2017")
    assert costs_1h.flagged and "9.9" in costs_1h.check_text() and "12.34" in costs_1h.check_text()


def test_qoq_rows_use_derived_quarters_and_say_so(statement):
    rows = diff_rows(statement, Basis.QOQ)
    revenues = [r for r in rows if r.label == "Revenues"]
    assert {r.period_label for r in revenues} == {"3M Sep 30 2016", "3M Sep 30 2017"}
    assert all(r.derived and "(derived)" in r.prior_label for r in revenues)
    assert "uses derived values" in revenues[0].tooltip()


def test_the_threshold_hides_small_moves_and_movers_sort_first(statement):
    everything = diff_rows(statement, Basis.YOY)
    big = diff_rows(statement, Basis.YOY, threshold_pct=13, order=DiffOrder.MOVERS)
    assert 0 < len(big) < len(everything)
    assert all(r.change_pct is None or abs(r.change_pct) >= 13 for r in big)
    groups = [r.group for r in big]
    assert groups == sorted(groups), "money moves first, then shares, per-share amounts and ratios"
    sizes = [r.size for r in big if r.group is MoveGroup.MONEY]
    assert sizes == sorted(sizes, reverse=True), "money moves rank by their size"


def test_highlight_colour_follows_the_effect_and_deepens_with_the_move():
    assert highlight_rgb(1, 1.0, moved=False) is None
    small_good, big_good = highlight_rgb(1, 0.1), highlight_rgb(1, 1.0)
    assert big_good[1] > big_good[0] and big_good[1] > big_good[2]
    assert sum(big_good) < sum(small_good), "a bigger move is a deeper colour"
    assert abs(big_good[0] - FAVOURABLE_RGB[0]) < abs(small_good[0] - FAVOURABLE_RGB[0])
    big_bad = highlight_rgb(-1, 1.0)
    assert big_bad[0] > big_bad[1] and abs(big_bad[1] - UNFAVOURABLE_RGB[1]) < 255 - UNFAVOURABLE_RGB[1]
    neither = highlight_rgb(0, 1.0)
    assert neither[2] > neither[0], "a move that is neither good nor bad is blue"
    dark = highlight_rgb(1, 0.5, base=(30, 30, 30))
    assert max(dark) < 130, "over a dark background the highlight stays dark, so light text stays readable"


# ----------------------------------------------------------------------------- charts


def test_a_chart_of_lines_has_one_series_per_line_and_one_point_per_period(statement):
    table = statement_table(statement, DisplayScale.MILLIONS, show_derived=True)
    data = chart_of_lines(table, [0, 2])
    assert len(data.series) == 2 and len(data.categories) == 6
    assert all(len(s.values) == 6 for s in data.series)
    assert data.series[0].values[-1] == 82988
    assert math.isnan(data.series[1].values[-1]), "a printed nil is no point"
    assert data.y_caption == "JPY millions"


def test_a_chart_of_changes_plots_change_percent_per_period(statement):
    rows = diff_rows(statement, Basis.YOY)
    data = chart_of_changes(rows, [0])
    assert data.categories == ("3M Jun 30 2017 (derived)", "3M Sep 30 2017", "6M YTD Sep 30 2017")
    assert [round(v, 2) for v in data.series[0].values] == [13.23, 10.75, 11.96]
    assert data.y_caption == "YoY change (%)"


def test_the_sample_filing_diff_shows_the_reference_moves():
    filing = load_filing(SAMPLE)
    summary = next(s for s in filing.statements if s.title == "Operating Results Summary")
    yoy = {(r.label, r.period_label): r for r in diff_rows(summary, Basis.YOY, filing.rounding)}
    assert format_change_pct(yoy[("Total revenues", "6M YTD Sep 30 2017")].change_pct) == "+12.0 %"
    qoq = {(r.label, r.period_label): r for r in diff_rows(summary, Basis.QOQ, filing.rounding)}
    quarter = qoq[("Total revenues", "3M Sep 30 2017")]
    assert format_change_pct(quarter.change_pct) == "+2.6 %" and quarter.derived


def test_a_checked_filing_goes_through_the_one_loader_and_checks_every_statement():
    checked = load_checked_filing(str(SAMPLE))
    assert checked.path == str(SAMPLE)
    assert len(checked.checks) == len(checked.filing.statements) > 0
    assert checked.check_count == sum(c.count for c in checked.checks)
    assert len(checked.changes) == len(checked.filing.statements), "changes are computed with the load, off the GUI thread"


def test_a_filing_opens_on_its_income_statement():
    filing = load_filing(SAMPLE)
    statement = filing.statements[main_statement_index(filing)]
    assert statement.kind is StatementKind.INCOME
    assert statement.title.startswith("Consolidated Statements of Income")


def test_diff_rows_from_changes_computed_ahead_match_computing_them_now(statement):
    from model.analysis.compare import compute_changes

    ahead = diff_rows(statement, Basis.QOQ, changes=compute_changes(statement))
    now = diff_rows(statement, Basis.QOQ)
    assert [(r.label, r.period_label, r.change_pct) for r in ahead] == [(r.label, r.period_label, r.change_pct) for r in now]


# ----------------------------------------------------------------------------- the workspace


def _sample_copies(tmp_path, later_line: str | None = None):
    """Two copies of the bundled sample; the later one (by name) with its dividend-income line
    replaced."""
    earlier, later = tmp_path / "sample-a.txt", tmp_path / "sample-b.txt"
    earlier.write_bytes(SAMPLE.read_bytes())
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("Dividend income\t91,407\t197,063"))
    if later_line is not None:
        lines[number] = later_line + "\n"
    later.write_text("".join(lines), encoding="utf-8")
    return load_checked_filing(str(earlier)), load_checked_filing(str(later))


def _income(workspace):
    return next(view for view in workspace.statements if view.key == ("income statement", "consolidated"))


def test_a_restated_cell_is_marked_and_its_tooltip_lists_every_value_with_its_source(tmp_path):
    filings = _sample_copies(tmp_path, "Dividend income\t91,407\t197,999")
    workspace = check_workspace(list(reversed(filings)), LineMapping(), Choice.LATEST)
    assert workspace.files == ("sample-a.txt", "sample-b.txt"), "earliest first, whatever the order they were opened in"
    view = _income(workspace)
    assert view.restated_count == 1 and view.files == workspace.files
    table = statement_table(view.statement, combined=view)
    line = view.statement.find_line("Dividend income")
    column = next(j for j, c in enumerate(table.columns) if c.label == "Six Months Ended September 30, 2017")
    cell = table.cells[(line, column)]
    assert cell.restated and cell.text == "197,999"
    assert "197,063 in sample-a.txt, line 361, column 3 \u2014 as first reported" in cell.tooltip
    assert "197,999 in sample-b.txt, line 361, column 3 \u2014 latest" in cell.tooltip
    alike = table.cells[(line, column - 1)]
    assert not alike.restated and "Printed alike in 2 filings" in alike.tooltip
    first = _income(check_workspace(filings, LineMapping(), Choice.FIRST))
    assert statement_table(first.statement, combined=first).cells[(line, column)].text == "197,063"


def test_lines_printed_under_different_labels_can_be_split_and_joined(tmp_path):
    filings = _sample_copies(tmp_path, "Dividends received\t91,407\t197,063")
    view = _income(check_workspace(filings, LineMapping(), Choice.LATEST))
    line = view.statement.find_line("Dividend income")
    assert view.wordings(line) == ["Dividend income", "Dividends received"], "aligned by their equal values"
    table = statement_table(view.statement, combined=view)
    assert "\u201cDividends received\u201d in sample-b.txt" in table.line_tooltip(line)
    assert split_refusal(view, line) == ""
    revenues = view.statement.find_line("Total revenues")
    assert "nothing to split" in split_refusal(view, revenues)
    assert "sample-a.txt prints both lines" in join_refusal(view, revenues, line)
    assert "two different lines" in join_refusal(view, line, line)

    split = with_split(LineMapping(), view.key, view.wordings(line))
    apart = _income(check_workspace(filings, split, Choice.LATEST))
    first, second = apart.statement.find_line("Dividend income"), apart.statement.find_line("Dividends received")
    assert None not in (first, second) and join_refusal(apart, first, second) == ""
    keep, absorb = apart.earliest_first([second, first])
    assert (keep, absorb) == (first, second), "the line keeps the label the earliest filing printed"
    joined = with_join(split, apart.key, apart.wordings(keep), apart.wordings(absorb))
    assert joined.splits == [] and len(joined.joins) == 1
    again = _income(check_workspace(filings, joined, Choice.LATEST))
    assert again.statement.find_line("Dividends received") is None


def test_workspace_statements_lead_with_the_primary_ones_and_need_two_filings(tmp_path):
    workspace = check_workspace(_sample_copies(tmp_path), LineMapping(), Choice.LATEST)
    kinds = [view.statement.kind for view in workspace.statements]
    assert kinds[0] is StatementKind.INCOME
    first_other = next(n for n, kind in enumerate(kinds) if not kind.is_primary)
    assert all(not kind.is_primary for kind in kinds[first_other:])
    assert all(len(view.files) == 2 for view in workspace.statements)
    assert workspace.find(("no such", "statement")) is None


def test_a_cancelled_combination_stops(tmp_path):
    with pytest.raises(LoadCancelled):
        check_workspace(_sample_copies(tmp_path), LineMapping(), Choice.LATEST, cancelled=lambda: True)


# ----------------------------------------------------------------------------- common size, growth, derived in exports


def test_common_size_shows_every_amount_as_a_share_of_revenue(statement):
    table = statement_table(statement, common_sized=True)
    assert table.common_size_base == "Revenues" and table.caption == "% of Revenues"
    assert table.cells[(0, 0)].text == "100.00%"
    assert table.cells[(1, 0)].text == "(81.70)%"  # 31,000 / 37,944
    plain = statement_table(synthetic_statement_without_revenue(), common_sized=True)
    assert plain.common_size_base is None and plain.caption == "JPY millions"


def synthetic_statement_without_revenue() -> Statement:
    source = synthetic_statement()
    lines = [Line("Costs"), *source.lines[1:]]
    return Statement(source.title, source.kind, source.columns, lines, source.cells, unit="JPY", scale=1_000_000, file_name="synthetic.txt")


def test_growth_rows_give_the_compound_annual_rate_between_two_periods(statement):
    table = statement_table(statement)
    first, last = [j for j, c in enumerate(table.columns) if c.label in ("1H16", "1H17")]
    assert round(span_years(table, first, last), 2) == 1.0
    revenues, costs = growth_rows(table, [0, 1], first, last)
    assert (revenues.first, revenues.last, revenues.cagr_text) == ("74,123", "82,988", "+12.0 % a year")
    assert costs.cagr is None and costs.cagr_text == "n/m", "negative amounts have no growth rate"


def test_changes_of_percentages_are_in_percentage_points():
    share = ScaledValue(Decimal("-1.25"), 2, "%", 1)
    assert format_difference(share) == "(1.25) pp"
    assert format_difference(ScaledValue(Decimal("1234"), 0, "JPY", 1)) == "1,234"


def test_derived_periods_are_marked_in_charts_and_in_exported_headers(statement):
    table = statement_table(statement, show_derived=True)
    data = chart_of_lines(table, [0])
    derived = [data.categories[n] for n in range(len(data.categories)) if data.is_derived(n)]
    assert derived == ["3M Jun 30 2016 (derived)", "3M Jun 30 2017 (derived)"]
    header = next(csv.reader(io.StringIO(selection_csv(table, [0], range(len(table.columns))))))
    assert sum("(derived)" in label for label in header) == 2
    changes = chart_of_changes(diff_rows(statement, Basis.QOQ), [0])
    assert all(changes.is_derived(n) == ("derived" in changes.categories[n]) for n in range(len(changes.categories)))


def test_the_filings_own_checks_mark_the_combined_cells_that_show_their_values(tmp_path):
    earlier = tmp_path / "sample-a.txt"
    earlier.write_bytes(SAMPLE.read_bytes())
    later = tmp_path / "sample-b.txt"
    later.write_text(SAMPLE.read_text(encoding="utf-8").replace("Total revenues\t74,123,270\t82,988,285", "Total revenues\t74,123,270\t82,988,000", 1), encoding="utf-8")
    checked = [load_checked_filing(str(earlier)), load_checked_filing(str(later))]
    latest = _income(check_workspace(checked, LineMapping(), Choice.LATEST))
    line = latest.statement.find_line("Total revenues")
    column = next(c for c in latest.statement.columns if c.label == "Six Months Ended September 30, 2017")
    assert "does not foot" in latest.checks.problems[(line, column)], "the later filing's total, shown, with its failed check"
    assert latest.checks.count == 1
    assert "does not foot" in statement_table(latest.statement, checks=latest.checks, combined=latest).cells[
        (line, latest.statement.columns.index(column))
    ].problem
    first = _income(check_workspace(checked, LineMapping(), Choice.FIRST))
    assert first.checks.count == 0 and (line, column) not in first.checks.problems, "as first reported, the earlier filing's total shows, and it foots"
