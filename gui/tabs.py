"""Central tabs: the statement first (always there), chart tabs after it that can be
renamed by double-clicking their title and closed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import QLineEdit, QTabBar, QTabWidget, QWidget


class TabTitleEditor(QLineEdit):
    """An in-place editor over a tab's title: Enter or leaving it renames, Escape cancels."""

    def __init__(self, tabs: QTabWidget, index: int) -> None:
        super().__init__(tabs.tabBar())
        self._tabs = tabs
        self._page = tabs.widget(index)  # tabs can move while the title is edited
        self._done = False
        self.setText(tabs.tabText(index))
        self.setGeometry(tabs.tabBar().tabRect(index).adjusted(2, 2, -2, -2))
        self.selectAll()
        self.editingFinished.connect(self.commit)
        self.installEventFilter(self)

    @Slot()
    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        title = " ".join(self.text().split())
        index = self._tabs.indexOf(self._page)
        if title and index >= 0:
            self._tabs.setTabText(index, title)
            self._tabs.setTabToolTip(index, f"{title}\nDouble-click to rename")
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self._done = True
            self.deleteLater()
            return True
        return super().eventFilter(watched, event)


class ViewTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewTabs")
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        self.tabBar().tabBarDoubleClicked.connect(self.start_rename)
        self.tabCloseRequested.connect(self.close_tab)
        self.editor: TabTitleEditor | None = None

    def add_fixed_tab(self, widget: QWidget, title: str) -> None:
        """A tab without a close button (the statement table)."""
        index = self.addTab(widget, title)
        self.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, None)
        self.tabBar().setTabButton(index, QTabBar.ButtonPosition.LeftSide, None)

    def is_fixed(self, index: int) -> bool:
        return self.tabBar().tabButton(index, QTabBar.ButtonPosition.RightSide) is None

    def add_closable_tab(self, widget: QWidget, title: str, tooltip: str = "") -> int:
        index = self.addTab(widget, title)
        self.setTabToolTip(index, f"{tooltip or title}\nDouble-click to rename")
        self.setCurrentIndex(index)
        return index

    @Slot(int)
    def start_rename(self, index: int) -> None:
        if index < 0 or self.is_fixed(index):
            return
        self.editor = TabTitleEditor(self, index)
        self.editor.show()
        self.editor.setFocus()

    @Slot(int)
    def close_tab(self, index: int) -> None:
        if index < 0 or self.is_fixed(index):
            return
        widget = self.widget(index)
        self.removeTab(index)
        widget.deleteLater()


def elide(text: str, width: int) -> str:
    """A tab title of at most ``width`` characters."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
