"""The navigator: open filings and their statements, each statement with its kind and the
number of check warnings."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
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

from model.views import CheckedFiling

NAME, CHECKS = range(2)
FILING_ROLE = Qt.ItemDataRole.UserRole + 1  # path of the filing an item belongs to
STATEMENT_ROLE = Qt.ItemDataRole.UserRole + 2  # index of the statement, -1 for a filing
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 3  # the grey second line: kind and size
WARNING_COLOUR = QColor(176, 0, 32)
OK_COLOUR = QColor(30, 120, 50)
SUBTITLE_COLOUR = QColor(110, 110, 110)


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
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText) if selected else SUBTITLE_COLOUR)
        bottom = QRect(area.left(), area.top() + area.height() // 2, area.width(), area.height() - area.height() // 2)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, painter.fontMetrics().elidedText(subtitle, Qt.TextElideMode.ElideRight, bottom.width()))
        painter.restore()


class Navigator(QTreeWidget):
    statement_selected = Signal(str, int)  # filing path, statement index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setColumnCount(2)
        self.setHeaderLabels(["Filings and statements", "Checks"])
        self.headerItem().setToolTip(CHECKS, "Totals that do not foot and printed changes that disagree")
        self.setItemDelegate(TwoLineDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(False)
        self.setIndentation(14)
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

    def add_filing(self, checked: CheckedFiling) -> QTreeWidgetItem:
        """Add a filing (replacing one of the same path) with its statements under it."""
        filing = checked.filing
        old = self.filing_item(filing.path)
        position = self.indexOfTopLevelItem(old) if old is not None else self.topLevelItemCount()
        if old is not None:
            self.takeTopLevelItem(position)
        item = QTreeWidgetItem([filing.file_name, _count_text(checked.check_count)])
        item.setData(NAME, FILING_ROLE, filing.path)
        item.setData(NAME, STATEMENT_ROLE, -1)
        item.setData(NAME, SUBTITLE_ROLE, f"{filing.company} \u00b7 {len(filing.statements)} statements \u00b7 {filing.format}")
        bold = QFont(self.font())
        bold.setBold(True)
        item.setFont(NAME, bold)
        item.setToolTip(NAME, _filing_tooltip(checked))
        item.setToolTip(CHECKS, f"{checked.check_count} check warning(s) in this filing")
        item.setForeground(CHECKS, QBrush(WARNING_COLOUR if checked.check_count else OK_COLOUR))
        item.setTextAlignment(CHECKS, Qt.AlignmentFlag.AlignCenter)
        for number, (statement, checks) in enumerate(zip(filing.statements, checked.checks, strict=True)):
            child = QTreeWidgetItem([statement.title, _count_text(checks.count)])
            child.setData(NAME, FILING_ROLE, filing.path)
            child.setData(NAME, STATEMENT_ROLE, number)
            child.setData(NAME, SUBTITLE_ROLE, f"{statement.kind.value} \u00b7 {len(statement.lines)} lines")
            child.setToolTip(NAME, _statement_tooltip(statement, checks))
            child.setToolTip(CHECKS, "\n".join(checks.messages()) or "Every total foots and every printed change agrees")
            child.setForeground(CHECKS, QBrush(WARNING_COLOUR if checks.count else OK_COLOUR))
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
        index = current.data(NAME, STATEMENT_ROLE)
        if index < 0 and current.childCount():
            self.setCurrentItem(current.child(0))  # a filing shows its first statement
            return
        if index >= 0:
            self.statement_selected.emit(current.data(NAME, FILING_ROLE), index)


def _count_text(count: int) -> str:
    return f"\u26a0 {count}" if count else "\u2713"


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
    if checks.count:
        lines.append(f"{checks.count} check warning(s):")
        lines.extend(f"\u2022 {html.escape(message)}" for message in checks.messages())
    for warning in statement.warnings:
        lines.append(f"\u2022 {html.escape(warning)}")
    return "<br>".join(lines)
