"""The whole of a workspace file checked before any of it is used.

A ``.tickmark`` file is JSON a person can edit, and a damaged one must never stop the app from
starting: every field is checked for its kind and shape here, and the first that is wrong is
named in the one error, "this workspace file is damaged: <reason>". Unknown keys are ignored,
so that a file a later version adds keys to still opens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from model.analysis.line_alignment import LineJoin, LineMapping, LineSplit
from model.analysis.workspace import Choice

T = TypeVar("T")

MAX_ENTRIES = 100_000  # more filings or joins than any workspace holds: a damaged or hostile file
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
# what the window saves of its view, and the kind of each (gui/workspace_views.py _view_state)
VIEW_FIELDS: dict[str, type] = {"scale": str, "derived": bool, "common_size": bool, "periods": str, "filing": str, "statement": int, "workspace_statement": list}


class SchemaError(Exception):
    """What is wrong, in words: "'files' item 2: 'sha256' is not a SHA-256 hex digest"."""


_KIND_NAMES: dict[type, str] = {dict: "an object", list: "a list", str: "text", bool: "true or false", int: "a whole number", float: "a number"}


def expect(value: object, kind: type[T], where: str) -> T:
    # bool is an int to Python, not to a workspace file: "statement": true is damage
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SchemaError(f"{where} is {_KIND_NAMES.get(type(value), 'null')}, not {_KIND_NAMES[kind]}")
    return value


def _items(container: dict, key: str, read: Callable[[object, str], T], where: str) -> list[T]:
    values = expect(container.get(key, []), list, f"'{key}'{where}")
    if len(values) > MAX_ENTRIES:
        raise SchemaError(f"'{key}'{where} has {len(values):,} entries")
    return [read(value, f"'{key}'{where} item {number}") for number, value in enumerate(values, start=1)]


def _text_pair(value: object, where: str) -> tuple[str, str]:
    pair = expect(value, list, where)
    if len(pair) != 2:
        raise SchemaError(f"{where} has {len(pair)} parts, not 2")
    return expect(pair[0], str, f"{where} part 1"), expect(pair[1], str, f"{where} part 2")


def version_of(data: dict) -> int:
    version = expect(data.get("version", 1), int, "'version'")
    if version < 1:
        raise SchemaError(f"'version' is {version}")
    return version


def source_fields(value: object, where: str) -> tuple[str, str]:
    entry = expect(value, dict, where)
    path = expect(entry.get("path"), str, f"{where}: 'path'")
    digest = expect(entry.get("sha256"), str, f"{where}: 'sha256'")
    if not path:
        raise SchemaError(f"{where}: 'path' is empty")
    if not _SHA256_RE.fullmatch(digest):
        raise SchemaError(f"{where}: 'sha256' is not a SHA-256 hex digest")
    return path, digest


def mapping_of(data: dict) -> LineMapping:
    mapping = expect(data.get("mapping", {}), dict, "'mapping'")

    def join(value: object, where: str) -> LineJoin:
        entry = expect(value, dict, where)
        return LineJoin(_text_pair(entry.get("statement"), f"{where}: 'statement'"), expect(entry.get("keep"), str, f"{where}: 'keep'"), expect(entry.get("absorb"), str, f"{where}: 'absorb'"))

    def split(value: object, where: str) -> LineSplit:
        entry = expect(value, dict, where)
        return LineSplit(_text_pair(entry.get("statement"), f"{where}: 'statement'"), expect(entry.get("first"), str, f"{where}: 'first'"), expect(entry.get("second"), str, f"{where}: 'second'"))

    return LineMapping(joins=_items(mapping, "joins", join, " of 'mapping'"), splits=_items(mapping, "splits", split, " of 'mapping'"))


def choice_of(data: dict) -> Choice:
    text = expect(data.get("choice", Choice.LATEST.value), str, "'choice'")
    try:
        return Choice(text)
    except ValueError:
        raise SchemaError(f"'choice' is '{text[:40]}', not one of {', '.join(repr(c.value) for c in Choice)}") from None


def view_of(data: dict) -> dict[str, object]:
    view = expect(data.get("view", {}), dict, "'view'")
    checked: dict[str, object] = {}
    for key, kind in VIEW_FIELDS.items():
        if key not in view:
            continue
        where = f"'view': '{key}'"
        checked[key] = list(_text_pair(view[key], where)) if kind is list else expect(view[key], kind, where)
    return checked


def files_of(data: dict) -> list[tuple[str, str]]:
    return _items(data, "files", source_fields, "")
