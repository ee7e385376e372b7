"""Side by side: one column of each of two statements (two filings, two companies, or two
periods of the workspace) on aligned lines with their difference, shown in a tab that
exports like any table."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from gui.statement_panel import StatementPanel
from model.interpretation.headers import ColumnKind
from model.statements.statement import Statement
from model.views.columns import short_label


@dataclass(frozen=True)
class StatementChoice:
    """A statement the user can pick, named by where it comes from."""

    source: str  # a file name, or "Workspace"
    statement: Statement

    @property
    def name(self) -> str:
        return f"{self.source} \u2014 {self.statement.title}"


def value_columns(statement: Statement) -> list[int]:
    """The columns worth comparing: periods and other printed amounts, not printed changes."""
    return [j for j, column in enumerate(statement.columns) if column.kind is not ColumnKind.CHANGE]


class SideBySideDialog(QDialog):
    """Pick a statement and a column for each side; the left side starts on what is shown."""

    def __init__(self, choices: list[StatementChoice], current: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideBySideDialog")
        self.setWindowTitle("Compare Side by Side")
        self.choices = choices
        self.left_statement, self.left_column = QComboBox(), QComboBox()
        self.right_statement, self.right_column = QComboBox(), QComboBox()
        for box in (self.left_statement, self.right_statement):
            box.setMinimumContentsLength(48)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            for choice in choices:
                box.addItem(choice.name)
        sides = QHBoxLayout()
        for title, statement_box, column_box in (("Left", self.left_statement, self.left_column), ("Right", self.right_statement, self.right_column)):
            group = QGroupBox(title)
            form = QFormLayout(group)
            form.addRow("Statement:", statement_box)
            form.addRow("Column:", column_box)
            sides.addWidget(group)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Compare")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(sides)
        layout.addWidget(buttons)

        self.left_statement.currentIndexChanged.connect(lambda number: self._fill_columns(self.left_column, number))
        self.right_statement.currentIndexChanged.connect(lambda number: self._fill_columns(self.right_column, number))
        self.left_statement.setCurrentIndex(current)
        self._fill_columns(self.left_column, current)
        self.right_statement.setCurrentIndex(self._counterpart(current))
        self._fill_columns(self.right_column, self.right_statement.currentIndex())
        if self.right_statement.currentIndex() == current and self.right_column.count() > 1:
            self.right_column.setCurrentIndex(self.right_column.count() - 2)  # one statement: its two latest columns

    def _counterpart(self, current: int) -> int:
        """A statement of the same kind from somewhere else, else the same one."""
        mine = self.choices[current]
        others = [n for n, c in enumerate(self.choices) if c.source != mine.source and c.statement.kind is mine.statement.kind]
        return others[0] if others else current

    @Slot()
    def _fill_columns(self, box: QComboBox, number: int) -> None:
        box.clear()
        if not 0 <= number < len(self.choices):
            return
        statement = self.choices[number].statement
        for column in value_columns(statement):
            spec = statement.columns[column]
            box.addItem(short_label(spec) if spec.period is not None else spec.label, column)
            box.setItemData(box.count() - 1, spec.tooltip(), Qt.ItemDataRole.ToolTipRole)
        box.setCurrentIndex(box.count() - 1)  # the latest period

    def selection(self) -> tuple[Statement, int, Statement, int] | None:
        left, right = self.left_statement.currentIndex(), self.right_statement.currentIndex()
        if left < 0 or right < 0 or self.left_column.currentData() is None or self.right_column.currentData() is None:
            return None
        return self.choices[left].statement, self.left_column.currentData(), self.choices[right].statement, self.right_column.currentData()


class SideBySidePanel(StatementPanel):
    """The aligned view: a statement table without period tools (its columns are no periods)."""

    def __init__(self, statement: Statement, parent: QWidget | None = None, **table_options) -> None:
        super().__init__(parent=parent, **table_options)
        self.setObjectName("sideBySidePanel")
        for widget in (self.derived_box, self.common_size_box):
            widget.hide()
        self.growth_action.setVisible(False)
        self.derived_box.setChecked(False)
        self.show_statement(statement, file_name="side by side")
