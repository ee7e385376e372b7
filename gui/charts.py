"""Chart tabs (pyqtgraph): grouped bars per period or lines, period labels on the x axis, a
legend, a y axis named with unit and scale, and a read-out of the exact values under the
mouse. Derived periods (computed by Tickmark, not printed) are pale, hatched bars and hollow
points. This module imports pyqtgraph, so the window imports it only when a chart is made."""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget
from pyqtgraph.exporters import ImageExporter

from model.export import write_bytes_atomic
from model.views.charts import ChartData

# Okabe-Ito: distinguishable for colour-blind readers, in print and on screen
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
GROUP_WIDTH = 0.8  # of the space one period takes on the x axis
AXIS_COLOUR = "#444444"
LEGEND_COLUMNS = 4  # series side by side in the legend: one short row over the plot
LEGEND_GAP = 16  # pixels between the legend and the tallest bar


class ChartMode(Enum):
    BARS = "Bars"
    LINES = "Lines"


class AmountAxis(pg.AxisItem):
    """Tick labels with thousands separators and no SI prefixes: an analyst reads 82,988,
    not 82.99 k."""

    def tickStrings(self, values, scale, spacing):
        decimals = 0 if spacing >= 1 else min(6, max(0, -math.floor(math.log10(spacing))))
        return [f"{value * scale:,.{decimals}f}" for value in values]


class PeriodAxis(pg.AxisItem):
    """Period labels under their bars: on one line when they fit, else on two lines, and
    with many periods on a narrow chart only every n-th one (the read-out names each)."""

    def __init__(self, categories: tuple[str, ...], derived: tuple[bool, ...]) -> None:
        self._categories = categories  # before the base class, whose set-up already resizes
        self._derived = derived
        super().__init__("bottom")
        self.setTicks([list(enumerate(categories))])

    def resizeEvent(self, event=None) -> None:
        super().resizeEvent(event)
        labels = self.fitted_labels(self.width())
        self.setTicks([list(enumerate(labels))])
        lines = max((label.count("\n") + 1 for label in labels), default=1)
        # pyqtgraph grows the axis for taller labels only after a paint: make room now
        self.setHeight(QFontMetrics(self.style["tickFont"] or QFont()).lineSpacing() * lines + 20 if lines > 1 else None)

    def fitted_labels(self, width: float) -> list[str]:
        if not self._categories:
            return []
        metrics = QFontMetrics(self.style["tickFont"] or QFont())
        room = width / len(self._categories) - 8
        if max(metrics.horizontalAdvance(label) for label in self._categories) <= room:
            return list(self._categories)
        stacked = [_two_lines(label.removesuffix(" (derived)"), derived) for label, derived in zip(self._categories, self._padded_derived(), strict=True)]
        widest = max(metrics.horizontalAdvance(line) for label in stacked for line in label.split("\n"))
        step = max(1, math.ceil(widest / max(room, 1.0)))
        return [label if number % step == 0 else "" for number, label in enumerate(stacked)]

    def _padded_derived(self) -> tuple[bool, ...]:
        return tuple(self._derived) + (False,) * (len(self._categories) - len(self._derived))


def _two_lines(label: str, derived: bool) -> str:
    """``6M Apr 2023`` as ``6M Apr`` over ``2023``, split at the space nearest the middle; a
    derived period ends in an asterisk."""
    spaces = [n for n, character in enumerate(label) if character == " "]
    if spaces:
        middle = min(spaces, key=lambda n: abs(n - len(label) / 2))
        label = label[:middle] + "\n" + label[middle + 1 :]
    return label + ("*" if derived else "")


class ChartPanel(QWidget):
    def __init__(self, data: ChartData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self._items: list = []
        self._overlays: list = []  # hollow markers of derived points in the line view
        self._mode = ChartMode.BARS

        self.plot_widget = pg.PlotWidget(background="w", axisItems={"left": AmountAxis("left"), "bottom": PeriodAxis(data.categories, data.derived)})
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
        plot.getAxis("bottom").setStyle(tickTextOffset=6)
        self.legend = plot.addLegend(
            offset=(10, 6), labelTextColor=AXIS_COLOUR, brush=pg.mkBrush(255, 255, 255, 220), pen=pg.mkPen("#cccccc"), colCount=LEGEND_COLUMNS
        )
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
        derived = sum(data.derived)
        derived_note = f" \u00b7 {derived} derived (pale bars, hollow points, * on the axis when labels are stacked)" if derived else ""
        caption = QLabel(f"<span style='color:#555'>{html.escape(data.y_caption)} \u00b7 {len(data.series)} series \u00b7 {len(data.categories)} periods{derived_note}</span>")
        caption.setObjectName("chartCaption")
        bar.addWidget(caption)
        bar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.readout)

        self.mode_buttons.buttonClicked.connect(lambda button: self.set_mode(ChartMode(button.property("mode"))))
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot_item.getViewBox().sigResized.connect(self._fit_y_range)
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
        for overlay in self._overlays:
            plot.removeItem(overlay)
        self._items = []
        self._overlays = []
        count = len(self.data.series)
        width = GROUP_WIDTH / max(count, 1)
        derived = np.array([self.data.is_derived(n) for n in range(len(self.data.categories))], dtype=bool)
        for number, series in enumerate(self.data.series):
            colour = QColor(PALETTE[number % len(PALETTE)])
            pale = QColor(colour)
            pale.setAlpha(90)
            values = np.array(series.values, dtype=float)
            x = np.arange(len(values), dtype=float)
            if self._mode is ChartMode.BARS:
                offset = (number - (count - 1) / 2) * width
                present = ~np.isnan(values)
                item = pg.BarGraphItem(
                    x=x[present] + offset,
                    height=values[present],
                    width=width * 0.92,
                    brush=pg.mkBrush(colour),  # the legend's sample
                    brushes=[pg.mkBrush(pale if d else colour) for d in derived[present]],
                    pens=[pg.mkPen(colour.darker(130), style=Qt.PenStyle.DashLine if d else Qt.PenStyle.SolidLine) for d in derived[present]],
                    name=series.name,
                )
            else:
                item = pg.PlotDataItem(
                    x, values, pen=pg.mkPen(colour, width=2.5), symbol="o", symbolSize=8, symbolBrush=pg.mkBrush(colour), symbolPen=pg.mkPen("w"), connect="finite", name=series.name
                )
                hollow = derived & ~np.isnan(values)
                if hollow.any():  # drawn over the line's own points, outside the legend
                    overlay = pg.ScatterPlotItem(x[hollow], values[hollow], symbol="o", size=9, brush=pg.mkBrush("w"), pen=pg.mkPen(colour, width=2))
                    overlay.setZValue(1)
                    plot.addItem(overlay)
                    self._overlays.append(overlay)
            plot.addItem(item)
            self._items.append(item)
        plot.setXRange(-0.6, len(self.data.categories) - 0.4, padding=0)
        self._fit_y_range()

    @Slot()
    def _fit_y_range(self) -> None:
        """Every value in view, and above the tallest one room for the legend, which sits
        over the plot: measured in pixels, so it holds at any size of the chart."""
        finite = [v for s in self.data.series for v in s.values if not math.isnan(v)]
        low, high = min([0.0, *finite]), max([0.0, *finite])
        margin = (high - low) * 0.08 or 1.0
        plot_height = self.plot_item.getViewBox().height()
        legend_share = min((self.legend.boundingRect().height() + LEGEND_GAP) / plot_height, 0.5) if plot_height > 0 else 0.2
        headroom = (high - low) * legend_share / (1 - legend_share)
        self.plot_item.setYRange(low - (margin if low < 0 else 0), high + (max(margin, headroom) if high > 0 else 0), padding=0)

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
        name = self.data.categories[category]
        if self.data.is_derived(category) and "derived" not in name:
            name += " (derived)"
        return f"<b>{html.escape(name)}</b> <span style='color:#666'>({period})</span><br>" + " &nbsp; ".join(parts) + f" <span style='color:#666'>{html.escape(self.data.y_caption)}</span>"

    # ------------------------------------------------------------------ exports (take a path)

    def export_png(self, path: str | Path) -> None:
        """pyqtgraph's ImageExporter, at the plot widget's size, without the hover line."""
        with self._without_hover_line():
            self._export_png(path)

    def export_svg(self, path: str | Path) -> None:
        with self._without_hover_line():
            self._export_svg(path)

    @contextmanager
    def _without_hover_line(self) -> Iterator[None]:
        """The dashed line that follows the mouse belongs to the screen, not to an exported chart."""
        visible = self.hover_line.isVisible()
        self.hover_line.setVisible(False)
        try:
            yield
        finally:
            self.hover_line.setVisible(visible)

    def _export_png(self, path: str | Path) -> None:
        exporter = ImageExporter(self.plot_widget.scene())
        size = self.plot_widget.viewport().size()
        exporter.parameters()["width"] = size.width()
        exporter.parameters()["height"] = size.height()
        image = exporter.export(toBytes=True)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        write_bytes_atomic(path, bytes(buffer.data()))

    def _export_svg(self, path: str | Path) -> None:
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
