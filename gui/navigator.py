"""The navigator: with two or more filings open, the workspace first (one combined statement
per kind over every filing), then each open filing and its statements; every statement with
its kind and the number of check warnings."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSignalBlocker, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from gui.palette import muted_colour, ok_colour, warning_colour
from model.views.checks import CheckedFiling, StatementChecks
from model.views.workspace import CheckedWorkspace, CombinedView

NAME, CHECKS = range(2)
FILING_ROLE = Qt.ItemDataRole.UserRole + 1  # path of the filing an item belongs to
STATEMENT_ROLE = Qt.ItemDataRole.UserRole + 2  # index of the statement, -1 for a filing
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 3  # the grey second line: kind and size
COMBINED_ROLE = Qt.ItemDataRole.UserRole + 4  # position of a combined statement in the workspace, -1 for the workspace


class TwoLineDelegate(QStyledItemDelegate):
    """The item's text, and under it a smaller grey subtitle, so that a narrow dock still
    shows what each statement is."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() == NAME and index.data(SUBTITLE_ROLE):
            size.setHeight(option.fontMetrics.height() * 2 + 8)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        subtitle = index.data(SUBTITLE_ROLE) if index.column() == NAME else ""
        if not subtitle:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        title = item.text
        item.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget).adjusted(2, 3, -2, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(item.font)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        top = QRect(area.left(), area.top(), area.width(), area.height() // 2)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, item.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, top.width()))
        small = QFont(item.font)
        small.setPointSizeF(max(item.font.pointSizeF() * 0.86, 6.0))
        painter.setFont(small)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText) if selected else muted_colour(option.palette))
        bottom = QRect(area.left(), area.top() + area.height() // 2, area.width(), area.height() - area.height() // 2)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, painter.fontMetrics().elidedText(subtitle, Qt.TextElideMode.ElideRight, bottom.width()))
        painter.restore()


class Navigator(QTreeWidget):
    statement_selected = Signal(str, int)  # filing path, statement index
    combined_selected = Signal(object)  # key of a combined statement of the workspace

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace_keys: list[tuple[str, str]] = []
        self._workspace_files = 0
        self.setObjectName("navigator")
        self._warning, self._ok, self._unverified = warning_colour(self.palette()), ok_colour(self.palette()), muted_colour(self.palette())
        self.setColumnCount(2)
        self.setHeaderLabels(["Filings and statements", "Checks"])
        self.headerItem().setToolTip(CHECKS, "Totals that do not foot and printed changes that disagree")
        self.setItemDelegate(TwoLineDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(False)
        self.setIndentation(14)
        # every item is two lines high: Qt then asks one item for its size, not each of
        # hundreds (each question a call into Python that waits for the GIL while a filing loads)
        self.setUniformRowHeights(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHECKS, QHeaderView.ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(self._on_current_changed)

    def filing_item(self, path: str) -> QTreeWidgetItem | None:
        for number in range(self.topLevelItemCount()):
            item = self.topLevelItem(number)
            if item.data(NAME, FILING_ROLE) == path:
                return item
        return None

    def workspace_item(self) -> QTreeWidgetItem | None:
        first = self.topLevelItem(0)
        return first if first is not None and first.data(NAME, COMBINED_ROLE) == -1 else None

    def set_workspace(self, checked: CheckedWorkspace | None, combining: bool = False) -> None:
        """The workspace node first, with its combined statements; gone when it is None.
        The current item stays where it was (a combined statement by its key)."""
        current = self.currentItem()
        current_key = self._key_of(current) if current is not None else None
        keep_current = current is not None and current_key is None and current.data(NAME, COMBINED_ROLE) != -1
        old = self.workspace_item()
        with QSignalBlocker(self):
            if old is not None:
                self.takeTopLevelItem(0)
            self._workspace_keys = [view.key for view in checked.statements] if checked is not None else []
            self._workspace_files = len(checked.files) if checked is not None else 0
            if checked is not None:
                self.insertTopLevelItem(0, self._workspace_node(checked, combining))
                self.topLevelItem(0).setExpanded(True)
                if old is None:  # it just appeared: show it, above the filings
                    self.scrollToTop()
            if keep_current:
                self.setCurrentItem(current)
            elif current_key is not None and current_key in self._workspace_keys:
                self.setCurrentItem(self.topLevelItem(0).child(self._workspace_keys.index(current_key)))

    def set_combining(self, combining: bool) -> None:
        """Say on the workspace node that it is being combined again."""
        item = self.workspace_item()
        if item is not None:
            item.setData(NAME, SUBTITLE_ROLE, _workspace_subtitle(len(self._workspace_keys), self._workspace_files, combining))

    def _workspace_node(self, checked: CheckedWorkspace, combining: bool) -> QTreeWidgetItem:
        warnings = sum(view.checks.count for view in checked.statements)
        restated = sum(view.restated_count for view in checked.statements)
        settled = all(view.checks.verified for view in checked.statements)
        mark = f"\u26a0 {warnings}" if warnings else "" if not checked.statements else "\u2713" if settled else "unverified"
        item = QTreeWidgetItem(["Workspace", mark])
        item.setData(NAME, COMBINED_ROLE, -1)
        item.setData(NAME, STATEMENT_ROLE, -1)
        item.setData(NAME, SUBTITLE_ROLE, _workspace_subtitle(len(checked.statements), len(checked.files), combining))
        bold = QFont(self.font())
        bold.setBold(True)
        item.setFont(NAME, bold)
        names = "<br>".join(f"\u2022 {html.escape(name)}" for name in checked.files)
        item.setToolTip(
            NAME,
            f"<b>Workspace</b><br>One statement per kind over every period of {len(checked.files)} filings (earliest first):<br>{names}"
            f"<br>{restated} value(s) reported differently by a later filing",
        )
        item.setToolTip(CHECKS, f"{warnings} check warning(s) in the combined statements")
        item.setForeground(CHECKS, QBrush(self._warning if warnings else self._ok if settled else self._unverified))
        item.setTextAlignment(CHECKS, Qt.AlignmentFlag.AlignCenter)
        for number, view in enumerate(checked.statements):
            statement = view.statement
            child = QTreeWidgetItem([statement.title, view.checks.status_text()])
            child.setData(NAME, COMBINED_ROLE, number)
            child.setData(NAME, STATEMENT_ROLE, -1)
            periods = len(statement.period_columns())
            restated_text = f" \u00b7 {view.restated_count} restated" if view.restated_count else ""
            child.setData(NAME, SUBTITLE_ROLE, f"{statement.kind.value} \u00b7 {periods} periods \u00b7 {len(view.files)} filings{restated_text}")
            child.setToolTip(NAME, _combined_tooltip(view))
            self._mark_checks(child, view.checks)
            child.setTextAlignment(CHECKS, Qt.AlignmentFlag.AlignCenter)
            item.addChild(child)
        if not checked.statements:
            empty = QTreeWidgetItem(["No statement appears in two filings"])
            empty.setData(NAME, COMBINED_ROLE, -2)
            empty.setData(NAME, STATEMENT_ROLE, -1)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            item.addChild(empty)
        return item

    def _key_of(self, item: QTreeWidgetItem) -> tuple[str, str] | None:
        number = item.data(NAME, COMBINED_ROLE)
        return self._workspace_keys[number] if isinstance(number, int) and 0 <= number < len(self._workspace_keys) else None

    def select_combined(self, key: tuple[str, str]) -> None:
        item = self.workspace_item()
        if item is not None and key in self._workspace_keys:
            self.setCurrentItem(item.child(self._workspace_keys.index(key)))

    def _mark_checks(self, item: QTreeWidgetItem, checks: StatementChecks) -> None:
        """✓ only for a statement whose periods and scale have evidence and whose checks pass."""
        if checks.count:
            colour, tip = self._warning, "\n".join(checks.messages())
        elif checks.verified:
            colour = self._ok
            tip = "Every period and scale is settled by the document, every total foots and every printed change agrees"
        else:
            colour, tip = self._unverified, "No check fails, but not everything is settled:\n" + "\n".join(checks.messages())
        item.setToolTip(CHECKS, tip)
        item.setForeground(CHECKS, QBrush(colour))

    def add_filing(self, checked: CheckedFiling, position: int | None = None) -> QTreeWidgetItem:
        """Add a filing (replacing one of the same path) with its statements under it, at
        ``position`` among the filings (the end when None)."""
        filing = checked.filing
        old = self.filing_item(filing.path)
        if old is not None:
            position = self.indexOfTopLevelItem(old)
        elif position is None:
            position = self.topLevelItemCount()
        else:
            position = min(position + (self.workspace_item() is not None), self.topLevelItemCount())  # below the Workspace node
        if old is not None:
            self.takeTopLevelItem(position)
        item = QTreeWidgetItem([filing.file_name, checked.status_text()])
        item.setData(NAME, FILING_ROLE, filing.path)
        item.setData(NAME, STATEMENT_ROLE, -1)
        item.setData(NAME, SUBTITLE_ROLE, f"{filing.company} \u00b7 {len(filing.statements)} statements \u00b7 {filing.format}")
        bold = QFont(self.font())
        bold.setBold(True)
        item.setFont(NAME, bold)
        item.setToolTip(NAME, _filing_tooltip(checked))
        unverified = sum(1 for checks in checked.checks if not checks.count and not checks.verified)
        item.setToolTip(CHECKS, f"{checked.check_count} check warning(s) in this filing; {unverified} statement(s) unverified")
        item.setForeground(CHECKS, QBrush(self._warning if checked.check_count else self._ok if not unverified else self._unverified))
        item.setTextAlignment(CHECKS, Qt.AlignmentFlag.AlignCenter)
        for number, (statement, checks) in enumerate(zip(filing.statements, checked.checks, strict=True)):
            child = QTreeWidgetItem([statement.title, checks.status_text()])
            child.setData(NAME, FILING_ROLE, filing.path)
            child.setData(NAME, STATEMENT_ROLE, number)
            child.setData(NAME, SUBTITLE_ROLE, f"{statement.kind.value} \u00b7 {len(statement.lines)} lines")
            child.setToolTip(NAME, _statement_tooltip(statement, checks))
            self._mark_checks(child, checks)
            child.setTextAlignment(CHECKS, Qt.AlignmentFlag.AlignCenter)
            item.addChild(child)
        self.insertTopLevelItem(position, item)
        item.setExpanded(True)
        return item

    def remove_filing(self, path: str) -> None:
        item = self.filing_item(path)
        if item is not None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(item))

    def select_statement(self, path: str, index: int) -> None:
        item = self.filing_item(path)
        if item is not None and 0 <= index < item.childCount():
            self.setCurrentItem(item.child(index))

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        key = self._key_of(current)
        if key is not None:
            self.combined_selected.emit(key)
            return
        index = current.data(NAME, STATEMENT_ROLE)
        if index < 0 and current.childCount():
            self.setCurrentItem(current.child(0))  # a filing shows its first statement
            return
        if index >= 0:
            self.statement_selected.emit(current.data(NAME, FILING_ROLE), index)


def _workspace_subtitle(statements: int, filings: int, combining: bool) -> str:
    if combining:
        return f"combining {filings} filings\u2026"
    return f"{filings} filings \u00b7 {statements} combined statements"


def _combined_tooltip(view: CombinedView) -> str:
    statement = view.statement
    lines = [
        f"<b>{html.escape(statement.title)}</b>",
        f"{statement.kind.value} over every period of {len(view.files)} filings:",
        *(f"\u2022 {html.escape(name)}" for name in view.files),
    ]
    if view.restated_count:
        lines.append(f"{view.restated_count} value(s) a later filing reported differently (highlighted)")
    if view.checks.count:
        lines.append(f"{view.checks.count} check warning(s)")
    return "<br>".join(lines)


def _filing_tooltip(checked: CheckedFiling) -> str:
    filing = checked.filing
    lines = [f"<b>{html.escape(filing.company)}</b>", html.escape(filing.path), f"{len(filing.statements)} statement(s), read as {html.escape(filing.format)}"]
    if filing.page_count:
        lines.append(f"{filing.page_count} page(s)")
    if filing.warnings:
        lines.append("<br>While reading:<br>" + "<br>".join(f"\u2022 {html.escape(w)}" for w in filing.warnings))
    return "<br>".join(lines)


def _statement_tooltip(statement, checks) -> str:
    lines = [f"<b>{html.escape(statement.title)}</b>", f"{statement.kind.value} \u00b7 {len(statement.lines)} lines \u00b7 {len(statement.columns)} columns"]
    if checks.count or checks.unverified:
        lines.append(f"{checks.count} check warning(s)" + (", unverified:" if checks.unverified else ":"))
        lines.extend(f"\u2022 {html.escape(message)}" for message in checks.messages())
    for warning in statement.warnings:
        lines.append(f"\u2022 {html.escape(warning)}")
    return "<br>".join(lines)
