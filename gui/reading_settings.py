"""Edit -> Reading Settings: how many files are read at once, the memory and time one file may
take, and the cache of parsed files."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from model.parsing.cache import ParseCache
from model.parsing.limits import GB, MB, ParseSettings, describe_bytes, machine_cores


class ReadingSettingsDialog(QDialog):
    """Shows ``settings``; ``chosen()`` is what the user set."""

    def __init__(self, settings: ParseSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingSettingsDialog")
        self.setWindowTitle("Reading Settings")
        self._settings = settings
        cores = machine_cores()

        intro = QLabel(
            "Each file is read in a process of its own, so that a file too large to read or one that never "
            "finishes costs one error for that file, never the window or the other files."
        )
        intro.setWordWrap(True)

        self.jobs_box = QSpinBox()
        self.jobs_box.setObjectName("readingJobs")
        self.jobs_box.setRange(1, max(64, cores * 4))
        self.jobs_box.setSuffix(" at once")
        self.jobs_box.setToolTip(f"This machine has {cores} core(s); more files at once than cores only shares them.")
        self.memory_box = QDoubleSpinBox()
        self.memory_box.setObjectName("readingMemory")
        self.memory_box.setRange(0.25, 256.0)
        self.memory_box.setSingleStep(0.25)
        self.memory_box.setDecimals(2)
        self.memory_box.setSuffix(" GB")
        self.memory_box.setToolTip("A file that needs more is reported as too large to read safely")
        self.time_box = QSpinBox()
        self.time_box.setObjectName("readingTime")
        self.time_box.setRange(5, 3600)
        self.time_box.setSuffix(" s")
        self.time_box.setToolTip("Reading a file that takes longer is stopped and reported")
        limits = QFormLayout()
        limits.addRow("Files read:", self._with_hint(self.jobs_box, f"this machine has {cores} core(s)"))
        limits.addRow("Memory per file:", self._with_hint(self.memory_box, "a file that needs more is reported"))
        limits.addRow("Time per file:", self._with_hint(self.time_box, "a file that takes longer is stopped"))

        self.cache_check = QCheckBox("Keep parsed files, so that a file opened again loads at once")
        self.cache_check.setObjectName("readingCache")
        self.cache_size_box = QSpinBox()
        self.cache_size_box.setObjectName("readingCacheSize")
        self.cache_size_box.setRange(16, 1_000_000)
        self.cache_size_box.setSingleStep(64)
        self.cache_size_box.setSuffix(" MB")
        self.cache_size_box.setToolTip("The files used longest ago are dropped first")
        self.cache_use_label = QLabel()
        self.cache_use_label.setObjectName("readingCacheUse")
        self.clear_button = QPushButton("Clear Cache")
        self.clear_button.setObjectName("readingClearCache")
        self.clear_button.setToolTip("Forget every parsed file: each is read again when opened")
        self.clear_button.clicked.connect(self.clear_cache)
        use_row = QHBoxLayout()
        use_row.addWidget(self.cache_use_label, 1)
        use_row.addWidget(self.clear_button)
        cache_form = QFormLayout()
        cache_form.addRow(self.cache_check)
        cache_form.addRow("Size limit:", self._with_hint(self.cache_size_box, "the files used longest ago go first"))
        cache_form.addRow("In use:", use_row)
        folder = self._hint(f"<code>{html.escape(str(settings.folder))}</code>")
        folder.setObjectName("readingCacheFolder")
        cache_form.addRow("Folder:", folder)
        cache_group = QGroupBox("Cache of parsed files")
        cache_group.setLayout(cache_form)
        self.cache_check.toggled.connect(self.cache_size_box.setEnabled)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(limits)
        layout.addWidget(cache_group)
        layout.addWidget(buttons)
        self.show_settings(settings)
        self.setMinimumWidth(520)

    @classmethod
    def _with_hint(cls, box: QWidget, hint: str) -> QHBoxLayout:
        box.setMinimumWidth(120)
        row = QHBoxLayout()
        row.addWidget(box)
        row.addWidget(cls._hint(hint), 1)
        return row

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("hint")
        label.setWordWrap(True)
        label.setEnabled(False)  # the palette's quieter text: a note, not a control
        return label

    def show_settings(self, settings: ParseSettings) -> None:
        self.jobs_box.setValue(settings.jobs)
        self.memory_box.setValue((settings.memory_limit or 0) / GB)
        self.time_box.setValue(round(settings.time_limit or 0))
        self.cache_check.setChecked(settings.cache)
        self.cache_size_box.setValue(settings.cache_max_bytes // MB)
        self.cache_size_box.setEnabled(settings.cache)
        self._show_cache_use()

    def chosen(self) -> ParseSettings:
        return replace(
            self._settings,
            jobs=self.jobs_box.value(),
            memory_limit=round(self.memory_box.value() * GB),
            time_limit=float(self.time_box.value()),
            cache=self.cache_check.isChecked(),
            cache_max_bytes=self.cache_size_box.value() * MB,
        )

    @Slot()
    def restore_defaults(self) -> None:
        self.show_settings(replace(ParseSettings(), cache_folder=self._settings.cache_folder))

    @Slot()
    def clear_cache(self) -> None:
        self._cache().clear()
        self._show_cache_use()

    def _cache(self) -> ParseCache:
        return ParseCache(self._settings.folder, self._settings.cache_max_bytes)

    def _show_cache_use(self) -> None:
        use = self._cache().use()
        self.cache_use_label.setText(f"{use.entries} file(s), {describe_bytes(use.size)}" if use.entries else "empty")
        self.clear_button.setEnabled(bool(use.entries))
