"""What the window shows before any filing is open: an invitation to drop one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from model.readers import SUPPORTED_SUFFIXES


class EmptyState(QWidget):
    open_requested = Signal()
    sample_requested = Signal()

    def __init__(self, icon: QPixmap | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        picture = QLabel()
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if icon is not None and not icon.isNull():
            picture.setPixmap(icon.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        heading = QLabel("Drop filings here")
        heading.setObjectName("emptyHeading")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        types = QLabel(
            "PDF, HTML and text or markdown filings: " + "  ".join(SUPPORTED_SUFFIXES) + "<br>One file or many: each becomes statements you can check, chart and compare."
        )
        types.setObjectName("emptyTypes")
        types.setAlignment(Qt.AlignmentFlag.AlignCenter)
        types.setWordWrap(True)
        open_button = QPushButton("Open Filings\u2026")
        open_button.setToolTip("Choose one or more filings (Ctrl+O)")
        sample_button = QPushButton("Open the Sample Filing")
        sample_button.setToolTip("The IIJ first-half FY2017 earnings release that ships with Tickmark")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(sample_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(picture)
        layout.addWidget(heading)
        layout.addWidget(types)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(3)
        open_button.clicked.connect(self.open_requested)
        sample_button.clicked.connect(self.sample_requested)
