"""What the app remembers between runs, through one small typed wrapper over QSettings."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from model.parsing.limits import DEFAULT_CACHE_BYTES, DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT_S, ParseSettings, machine_cores
from model.views.formatting import DisplayScale

ORGANIZATION = "Tickmark"
APPLICATION = "Tickmark"
MAX_RECENT = 10


class AppSettings:
    """Window geometry and dock layout, the last folder of a file dialog, the display scale,
    whether derived periods are shown, recent files, and how files are read."""

    def __init__(self) -> None:
        # INI everywhere, so that tests can redirect it with QSettings.setPath
        self._store = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    def sync(self) -> None:
        self._store.sync()

    # window
    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, state: QByteArray) -> None:
        self._store.setValue("window/state", state)

    # files
    def last_folder(self) -> str:
        folder = self._store.value("files/last_folder", "")
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)  # a moved or deleted folder: home

    def remember_folder_of(self, path: str | Path) -> None:
        self._store.setValue("files/last_folder", str(Path(path).parent))

    def recent_files(self) -> list[str]:
        # stored as JSON: an INI list of one item reads back as a plain string
        try:
            paths = json.loads(self._store.value("files/recent", "[]"))
        except (TypeError, json.JSONDecodeError):
            return []
        return [p for p in paths if isinstance(p, str)][:MAX_RECENT]

    def add_recent_file(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        paths = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self._store.setValue("files/recent", json.dumps(paths))

    def clear_recent_files(self) -> None:
        self._store.setValue("files/recent", "[]")

    # view
    def scale(self) -> DisplayScale:
        try:
            return DisplayScale(self._store.value("view/scale", DisplayScale.AS_REPORTED.value))
        except ValueError:
            return DisplayScale.AS_REPORTED

    def set_scale(self, scale: DisplayScale) -> None:
        self._store.setValue("view/scale", scale.value)

    def show_derived(self) -> bool:
        return self._store.value("view/show_derived", "false") in (True, "true")

    def set_show_derived(self, show: bool) -> None:
        self._store.setValue("view/show_derived", "true" if show else "false")

    # reading
    def reading_settings(self) -> ParseSettings:
        """Worker processes, limits and cache as last chosen; a value that does not read back
        as a sensible number is the default."""
        defaults = ParseSettings()
        return ParseSettings(
            jobs=self._number("reading/jobs", int, machine_cores(), 1),
            memory_limit=self._number("reading/memory_limit", int, DEFAULT_MEMORY_LIMIT, 64 * 2**20),
            time_limit=self._number("reading/time_limit", float, DEFAULT_TIME_LIMIT_S, 1.0),
            cache=self._store.value("reading/cache", "true") in (True, "true"),
            cache_max_bytes=self._number("reading/cache_max_bytes", int, DEFAULT_CACHE_BYTES, 0),
            cache_folder=defaults.cache_folder,
        )

    def set_reading_settings(self, settings: ParseSettings) -> None:
        self._store.setValue("reading/jobs", settings.jobs)
        self._store.setValue("reading/memory_limit", settings.memory_limit or DEFAULT_MEMORY_LIMIT)
        self._store.setValue("reading/time_limit", settings.time_limit or DEFAULT_TIME_LIMIT_S)
        self._store.setValue("reading/cache", "true" if settings.cache else "false")
        self._store.setValue("reading/cache_max_bytes", settings.cache_max_bytes)

    def _number(self, key: str, kind: type, default: int | float, least: int | float) -> int | float:
        try:
            value = kind(self._store.value(key, default))
        except (TypeError, ValueError):
            return default
        return value if value >= least else default
