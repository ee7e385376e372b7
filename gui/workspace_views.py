"""The workspace in the main window: its combined statements shown as they are computed
again, joining and splitting rows, the view a workspace file remembers, and side-by-side
comparisons. A mixin of MainWindow, which provides the widgets and ``session``."""

from __future__ import annotations

import html

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMessageBox

from gui.errors import show_message
from gui.side_by_side import SideBySideDialog, SideBySidePanel, StatementChoice
from gui.tabs import elide
from model.analysis.analyst_views import column_file, side_by_side
from model.filing import company_key
from model.statements.statement import Statement
from model.views.period_filters import PeriodFilter
from model.views.formatting import DisplayScale
from model.views.workspace import CheckedWorkspace, CombinedView, join_refusal, split_refusal
from model.analysis.line_alignment import with_join, with_split

WORKSPACE = "Workspace"


class WorkspaceViews:
    """Needs ``session``, ``filings``, ``current``/``current_key``, ``navigator``,
    ``statement_panel``, ``diff_panel``, ``tabs``, ``loader``, ``status_label``, and the
    window's ``show_combined``, ``add_chart`` and ``_show_some_filing``."""

    def combined_view(self, key: tuple[str, str] | None = None) -> CombinedView | None:
        """A statement of the workspace by key (the one shown when None)."""
        checked = self.session.checked
        key = self.current_key if key is None else key
        position = checked.find(key) if checked is not None and key is not None else None
        return None if position is None else checked.statements[position]

    @Slot(object)
    def _on_combined(self, checked: CheckedWorkspace | None) -> None:
        self.navigator.set_workspace(checked, self.session.combining)
        if self.current_key is not None:
            if checked is not None and checked.find(self.current_key) is not None:
                self.show_combined(self.current_key, keep_place=True)
            else:
                self._show_some_filing()
        elif checked is not None and checked.statements and self._show_workspace_next:
            self.show_combined(checked.statements[0].key)
        if checked is not None:
            self._show_workspace_next = False
            self.status_label.setText(f"Workspace: {len(checked.files)} filings combined into {len(checked.statements)} statements")
        self._show_expected_view()

    @Slot(bool)
    def _on_combining_changed(self, combining: bool) -> None:
        self.navigator.set_combining(combining)
        if combining:
            self.status_label.setText(f"Combining {len(self.session.filings)} filings\u2026")

    @Slot(int, int)
    def join_rows(self, first: int, second: int) -> None:
        view = self.combined_view()
        if view is None:
            return
        refusal = join_refusal(view, first, second)
        if refusal:
            show_message(self, "Tickmark", "These rows cannot be joined.", QMessageBox.Icon.Information, details=html.escape(refusal))
            return
        keep, absorb = view.earliest_first([first, second])
        self.session.set_mapping(with_join(self.session.mapping, view.key, view.wordings(keep), view.wordings(absorb)))
        lines = view.statement.lines
        self.status_label.setText(f"Joining \u201c{lines[absorb].label}\u201d into \u201c{lines[keep].label}\u201d\u2026")

    @Slot(int)
    def split_row(self, line: int) -> None:
        view = self.combined_view()
        if view is None:
            return
        refusal = split_refusal(view, line)
        if refusal:
            show_message(self, "Tickmark", "This row cannot be split.", QMessageBox.Icon.Information, details=html.escape(refusal))
            return
        self.session.set_mapping(with_split(self.session.mapping, view.key, view.wordings(line)))
        self.status_label.setText(f"Splitting \u201c{view.statement.lines[line].label}\u201d into one line per label\u2026")

    def _view_state(self) -> dict[str, object]:
        """What a workspace file remembers of the window."""
        panel = self.statement_panel
        state: dict[str, object] = {"scale": panel.scale.value, "derived": panel.show_derived, "common_size": panel.common_size, "periods": panel.period_filter.value}
        if self.current_key is not None:
            state["workspace_statement"] = list(self.current_key)
        elif self.current is not None:
            state["filing"], state["statement"] = self.current
        return state

    def expect_view(self, view: dict[str, object]) -> None:
        """A workspace file's view, shown once its filings are loaded (and combined)."""
        self._expected_view = dict(view)
        if isinstance(view.get("scale"), str) and view["scale"] in {s.value for s in DisplayScale}:
            self.statement_panel.set_scale(DisplayScale(view["scale"]))
        if isinstance(view.get("derived"), bool):
            self.statement_panel.set_show_derived(view["derived"])
        if isinstance(view.get("common_size"), bool):
            self.statement_panel.set_common_size(view["common_size"])
        if isinstance(view.get("periods"), str) and view["periods"] in {p.value for p in PeriodFilter}:
            self.statement_panel.set_period_filter(PeriodFilter(view["periods"]))
        self.statement_panel.set_choice(self.session.choice)

    def _show_expected_view(self) -> None:
        view = self._expected_view
        if view is None or self.loader.busy or self.session.combining:
            return
        self._expected_view = None
        key = view.get("workspace_statement")
        if isinstance(key, list) and len(key) == 2 and self.combined_view(tuple(key)) is not None:
            self.show_combined(tuple(key))
        elif isinstance(view.get("filing"), str) and isinstance(view.get("statement"), int) and view["filing"] in self.filings:
            self.navigator.select_statement(view["filing"], view["statement"])

    @Slot(str)
    def _on_autosave_failed(self, reason: str) -> None:
        show_message(self, "Tickmark", "Tickmark cannot autosave the workspace.", details=f"{html.escape(reason)}<br>Save it with File \u2192 Save Workspace.")

    @Slot()
    def compare_side_by_side(self):
        """Pick two statements and columns; the aligned view opens in a new tab."""
        checked = self.session.checked
        choices = [StatementChoice(WORKSPACE, view.statement) for view in (checked.statements if checked is not None else [])]
        choices += [StatementChoice(c.filing.file_name, statement) for c in self.filings.values() for statement in c.filing.statements]
        if not choices:
            return None
        shown = self.statement_panel.statement
        current = next((n for n, choice in enumerate(choices) if choice.statement is shown), 0)
        dialog = SideBySideDialog(choices, current, self)
        dialog.accepted.connect(lambda: self._compare_chosen(dialog))
        dialog.open()
        return dialog

    def _compare_chosen(self, dialog: SideBySideDialog) -> None:
        chosen = dialog.selection()
        if chosen is not None:
            self.add_side_by_side(*chosen)

    def company_of(self, statement: Statement, column: int) -> str:
        """The issuer of the filing a column comes from, as a key two spellings share."""
        path = self.path_of_file(column_file(statement, column))
        return company_key(self.filings[path].filing.company) if path is not None else ""

    def add_side_by_side(self, left: Statement, left_column: int, right: Statement, right_column: int) -> SideBySidePanel:
        """Two filings of one company line up as printed; two companies by what each line is."""
        by_meaning = self.company_of(left, left_column) != self.company_of(right, right_column)
        statement = side_by_side(left, left_column, right, right_column, self.session.mapping, by_meaning)
        panel = SideBySidePanel(statement, scale=self.statement_panel.scale)
        panel.chart_requested.connect(self.add_chart)
        labels = [column.label for column in statement.columns[:2]]
        self.tabs.add_closable_tab(panel, elide(f"Side by side: {left.title}", 32), " vs ".join(labels))
        self.status_label.setText(f"Side by side: {' vs '.join(labels)}")
        self._update_actions()
        return panel

