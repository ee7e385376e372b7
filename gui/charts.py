"""Chart tabs (pyqtgraph): grouped bars per period or lines, period labels on the x axis, a
legend, a y axis named with unit and scale, and a read-out of the exact values under the
mouse. This module imports pyqtgraph, so the window imports it only when a chart is made."""

from __future__ import annotations

import html
import math
from enum import Enum
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget
from pyqtgraph.exporters import ImageExporter

from model.export import write_bytes_atomic
from model.views import ChartData

# Okabe-Ito: distinguishable for colour-blind readers, in print and on screen
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
GROUP_WIDTH = 0.8  # of the space one period takes on the x axis
AXIS_COLOUR = "#444444"


class ChartMode(Enum):
    BARS = "Bars"
    LINES = "Lines"


class AmountAxis(pg.AxisItem):
    """Tick labels with thousands separators and no SI prefixes: an analyst reads 82,988,
    not 82.99 k."""

    def tickStrings(self, values, scale, spacing):
        decimals = 0 if spacing >= 1 else min(6, max(0, -math.floor(math.log10(spacing))))
        return [f"{value * scale:,.{decimals}f}" for value in values]


class ChartPanel(QWidget):
    def __init__(self, data: ChartData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self._items: list = []
        self._mode = ChartMode.BARS

        self.plot_widget = pg.PlotWidget(background="w", axisItems={"left": AmountAxis("left")})
        self.plot_widget.setObjectName("chartPlot")
        self.plot_widget.setAntialiasing(True)
        self.plot_widget.setMinimumSize(QSize(320, 240))
        plot = self.plot_item
        plot.setMenuEnabled(False)
        plot.hideButtons()  # the "A" auto-range button means nothing to an analyst; the range is set
        plot.showGrid(x=False, y=True, alpha=0.25)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(AXIS_COLOUR))
            axis.setTextPen(pg.mkPen(AXIS_COLOUR))
        left = plot.getAxis("left")
        left.enableAutoSIPrefix(False)
        plot.setLabel("left", data.y_caption, color=AXIS_COLOUR)
        left.setWidth(max(72, 9 * max((len(f"{abs(v):,.0f}") for s in data.series for v in s.values if not math.isnan(v)), default=4) + 24))
        plot.getAxis("bottom").setTicks([list(enumerate(data.categories))])
        plot.getAxis("bottom").setStyle(tickTextOffset=6)
        self.legend = plot.addLegend(offset=(10, 10), labelTextColor=AXIS_COLOUR, brush=pg.mkBrush(255, 255, 255, 220), pen=pg.mkPen("#cccccc"))
        self.hover_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#999999", style=Qt.PenStyle.DashLine))
        self.hover_line.setVisible(False)
        plot.addItem(self.hover_line, ignoreBounds=True)

        self.readout = QLabel("Point at a period to read its exact values.")
        self.readout.setObjectName("chartReadout")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mode_buttons = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for mode in ChartMode:
            button = QToolButton()
            button.setText(mode.value)
            button.setCheckable(True)
            button.setChecked(mode is self._mode)
            button.setToolTip("Grouped bars per period" if mode is ChartMode.BARS else "One line per row across the periods")
            button.setProperty("mode", mode.value)
            self.mode_buttons.addButton(button)
            bar.addWidget(button)
        bar.addSpacing(12)
        caption = QLabel(f"<span style='color:#555'>{html.escape(data.y_caption)} \u00b7 {len(data.series)} series \u00b7 {len(data.categories)} periods</span>")
        bar.addWidget(caption)
        bar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.readout)

        self.mode_buttons.buttonClicked.connect(lambda button: self.set_mode(ChartMode(button.property("mode"))))
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._draw()

    @property
    def plot_item(self) -> pg.PlotItem:
        return self.plot_widget.getPlotItem()

    @property
    def mode(self) -> ChartMode:
        return self._mode

    def set_mode(self, mode: ChartMode) -> None:
        if mode is not self._mode:
            self._mode = mode
            for button in self.mode_buttons.buttons():
                button.setChecked(button.property("mode") == mode.value)
            self._draw()

    def series_items(self) -> list:
        """One plot item per series, in series order."""
        return list(self._items)

    def _draw(self) -> None:
        plot = self.plot_item
        for item in self._items:
            plot.removeItem(item)
            self.legend.removeItem(item)
        self._items = []
        count = len(self.data.series)
        width = GROUP_WIDTH / max(count, 1)
        for number, series in enumerate(self.data.series):
            colour = QColor(PALETTE[number % len(PALETTE)])
            values = np.array(series.values, dtype=float)
            x = np.arange(len(values), dtype=float)
            if self._mode is ChartMode.BARS:
                offset = (number - (count - 1) / 2) * width
                present = ~np.isnan(values)
                item = pg.BarGraphItem(
                    x=x[present] + offset, height=values[present], width=width * 0.92, brush=pg.mkBrush(colour), pen=pg.mkPen(colour.darker(130)), name=series.name
                )
            else:
                item = pg.PlotDataItem(
                    x, values, pen=pg.mkPen(colour, width=2.5), symbol="o", symbolSize=8, symbolBrush=pg.mkBrush(colour), symbolPen=pg.mkPen("w"), connect="finite", name=series.name
                )
            plot.addItem(item)
            self._items.append(item)
        plot.setXRange(-0.6, len(self.data.categories) - 0.4, padding=0)
        finite = [v for s in self.data.series for v in s.values if not math.isnan(v)]
        low, high = min([0.0, *finite]), max([0.0, *finite])
        margin = (high - low) * 0.08 or 1.0
        plot.setYRange(low - (margin if low < 0 else 0), high + (margin if high > 0 else 0), padding=0)

    @Slot(object)
    def _on_mouse_moved(self, position: QPointF) -> None:
        view_box = self.plot_item.getViewBox()
        if not view_box.sceneBoundingRect().contains(position):
            self.hover_line.setVisible(False)
            return
        x = view_box.mapSceneToView(position).x()
        category = round(x)
        if not 0 <= category < len(self.data.categories):
            self.hover_line.setVisible(False)
            return
        self.hover_line.setPos(category)
        self.hover_line.setVisible(True)
        self.readout.setText(self.readout_text(category))

    def readout_text(self, category: int) -> str:
        """The exact values of one period, each in its series colour."""
        parts = []
        for number, series in enumerate(self.data.series):
            colour = PALETTE[number % len(PALETTE)]
            parts.append(f"<span style='color:{colour}'>\u25a0</span> {html.escape(series.name)}: <b>{html.escape(series.texts[category])}</b>")
        period = html.escape(self.data.category_tooltips[category].replace("\n", " \u00b7 "))
        return f"<b>{html.escape(self.data.categories[category])}</b> <span style='color:#666'>({period})</span><br>" + " &nbsp; ".join(parts) + f" <span style='color:#666'>{html.escape(self.data.y_caption)}</span>"

    # ------------------------------------------------------------------ exports (take a path)

    def export_png(self, path: str | Path) -> None:
        """pyqtgraph's ImageExporter, at the plot widget's size."""
        exporter = ImageExporter(self.plot_widget.scene())
        size = self.plot_widget.viewport().size()
        exporter.parameters()["width"] = size.width()
        exporter.parameters()["height"] = size.height()
        image = exporter.export(toBytes=True)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        write_bytes_atomic(path, bytes(buffer.data()))

    def export_svg(self, path: str | Path) -> None:
        """The scene rendered into a QSvgGenerator: pyqtgraph 0.14's SVGExporter fails with
        Qt >= 6.11 (it cannot parse the closing ``Z`` Qt now writes; pyqtgraph issue 3495)."""
        view = self.plot_widget
        rect = QRectF(view.viewport().rect())
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setResolution(view.logicalDpiX())
        generator.setSize(rect.size().toSize())
        generator.setViewBox(rect)
        generator.setTitle(self.data.title)
        generator.setDescription(f"Tickmark chart: {self.data.y_caption}")
        painter = QPainter(generator)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.scene().render(painter, rect, view.mapToScene(view.viewport().rect()).boundingRect())
        finally:
            painter.end()
        buffer.close()
        write_bytes_atomic(path, bytes(data))
