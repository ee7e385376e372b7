"""The source view: the selected cell where the filing printed it. A PDF page rendered with
pypdfium2 (off the GUI thread) with the cell's box highlighted, zoomable; for a text or HTML
filing, its lines around the cell with the cell's line marked. It follows the selection of the
table while it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap, QTextCharFormat, QTextCursor, QTextFormat, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.workers import TaskRunner
from model.statements.statement import Cell
from model.views.source import Location, PdfLocation, SourceUnavailable, RenderedPage, TextLocation, locate, render_pdf_page

HIGHLIGHT = QColor(255, 196, 0)
MARKED_LINE = QColor(255, 214, 102, 110)
ZOOMS = (0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
DEFAULT_ZOOM = 3  # index into ZOOMS: 1.5 pixels per point, print-sized on most screens


class PageView(QGraphicsView):
    """A rendered page; Ctrl+wheel zooms."""

    zoom_requested = Signal(int)  # +1 in, -1 out

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePage")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QBrush(QColor(128, 128, 128)))
        self.page_item = QGraphicsPixmapItem()
        self.box_item = QGraphicsRectItem()
        self.box_item.setPen(QPen(HIGHLIGHT.darker(150), 2))
        fill = QColor(HIGHLIGHT)
        fill.setAlpha(90)
        self.box_item.setBrush(QBrush(fill))
        self.box_item.setZValue(1)
        self.scene().addItem(self.page_item)
        self.scene().addItem(self.box_item)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)


class SourcePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePanel")
        self.location: Location | None = None
        self.page: RenderedPage | None = None
        self.zoom_index = DEFAULT_ZOOM
        self.path_of: Callable[[str], str | None] = lambda _name: None
        self._cell: Cell | None = None
        self.renderer = TaskRunner(self)
        self.renderer.returned.connect(self._on_rendered)
        self.renderer.crashed.connect(self._on_failed)

        self.where = QLabel("Select a cell to see where it was printed.")
        self.where.setObjectName("sourceWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zoom_out = self._tool("\u2212", "Zoom out (Ctrl+wheel)", lambda: self.set_zoom(self.zoom_index - 1))
        self.zoom_in = self._tool("+", "Zoom in (Ctrl+wheel)", lambda: self.set_zoom(self.zoom_index + 1))
        self.zoom_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.where, 1)
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in)

        self.page_view = PageView()
        self.page_view.zoom_requested.connect(lambda step: self.set_zoom(self.zoom_index + step))
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("sourceText")
        self.text_view.setReadOnly(True)
        self.text_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        for widget in (self.message, self.page_view, self.text_view):
            self.stack.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._show_message("Select a cell, then double-click it or press Ctrl+G, to see where the filing printed it.")

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    @property
    def zoom(self) -> float:
        return ZOOMS[self.zoom_index]

    def set_zoom(self, index: int) -> None:
        index = max(0, min(index, len(ZOOMS) - 1))
        if index != self.zoom_index:
            self.zoom_index = index
            if isinstance(self.location, PdfLocation):
                self._render(self.location)

    # ------------------------------------------------------------------ showing a cell

    def show_cell(self, cell: Cell | None) -> None:
        """Find the cell's place (and render a PDF page) off the GUI thread."""
        if cell is None or cell is self._cell:
            return
        self._cell = cell
        path_of = self.path_of

        def find(_cancelled) -> Location | None:
            return locate(cell, path_of)

        self.where.setText(f"Finding {cell.source.describe()}\u2026")
        self.renderer.run(lambda cancelled: ("located", cell, find(cancelled)))

    def _render(self, location: PdfLocation) -> None:
        zoom = self.zoom * self.devicePixelRatioF()
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self.renderer.run(lambda _cancelled: ("rendered", location, render_pdf_page(location.path, location.page, zoom)))

    @Slot(object)
    def _on_rendered(self, result: tuple) -> None:
        what, subject, value = result
        if what == "located":
            self._show_location(subject, value)
        elif isinstance(value, RenderedPage) and subject == self.location:
            self._show_page(subject, value)

    def _show_location(self, cell: Cell, location: Location | None) -> None:
        self.location = location
        if location is None:
            self._show_message(f"{cell.source.file} is not open, or the cell has no place in it ({cell.source.describe()}).")
            return
        if isinstance(location, PdfLocation):
            self.where.setText(f"<b>{cell.text or cell.note}</b> \u2014 {cell.source.file}, page {location.page}")
            self._render(location)
        else:
            self._show_text(cell, location)

    def _show_page(self, location: PdfLocation, page: RenderedPage) -> None:
        self.page = page
        image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(self.devicePixelRatioF())
        pixmap = QPixmap.fromImage(image)
        view = self.page_view
        view.page_item.setPixmap(pixmap)
        ratio = self.devicePixelRatioF()
        view.scene().setSceneRect(QRectF(0, 0, page.width / ratio, page.height / ratio))
        if location.bbox is not None:
            x, y, w, h = page.box(location.bbox)
            margin = 2
            view.box_item.setRect(QRectF(x / ratio - margin, y / ratio - margin, w / ratio + 2 * margin, h / ratio + 2 * margin))
            view.box_item.setVisible(True)
            self.stack.setCurrentWidget(view)
            view.centerOn(view.box_item)
        else:
            view.box_item.setVisible(False)
            self.stack.setCurrentWidget(view)
        for widget in (self.zoom_in, self.zoom_out, self.zoom_label):
            widget.setEnabled(True)

    def _show_text(self, cell: Cell, location: TextLocation) -> None:
        width = len(str(location.lines[-1].number)) if location.lines else 1
        self.text_view.setPlainText("\n".join(f"{line.number:>{width}}  {line.text}" for line in location.lines))
        selections = []
        marked = location.marked_index()
        if marked is not None:
            block = self.text_view.document().findBlockByNumber(marked)
            line_selection = QTextEdit.ExtraSelection()
            line_selection.format.setBackground(MARKED_LINE)
            line_selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            line_selection.cursor = QTextCursor(block)
            selections.append(line_selection)
            at = block.text().find(location.text, width + 2) if location.text else -1
            if at >= 0:
                cell_selection = QTextEdit.ExtraSelection()
                cell_format = QTextCharFormat()
                cell_format.setBackground(HIGHLIGHT)
                cell_format.setForeground(QColor("black"))
                cell_selection.format = cell_format
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + at)
                cursor.setPosition(block.position() + at + len(location.text), QTextCursor.MoveMode.KeepAnchor)
                cell_selection.cursor = cursor
                selections.append(cell_selection)
            self.text_view.setTextCursor(QTextCursor(block))
            self.text_view.centerCursor()
        self.text_view.setExtraSelections(selections)
        self.where.setText(f"<b>{cell.text or cell.note}</b> \u2014 {cell.source.file}, line {location.marked}")
        for widget in (self.zoom_in, self.zoom_out, self.zoom_label):
            widget.setEnabled(False)
        self.stack.setCurrentWidget(self.text_view)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        if isinstance(error, (OSError, SourceUnavailable)):
            self._show_message(f"The source cannot be shown: {error}")
            return
        raise error  # a bug: to the error route

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
