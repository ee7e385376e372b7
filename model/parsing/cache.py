"""Parsed files kept on disk, so that a file opened again (in this session or a later one)
loads without parsing.

An entry is keyed by the file's content hash, its path (a parsed filing names its file), the
job that parsed it and the parser's version: a hash of the model's own source files and of the
versions of the libraries that read files, so that any change to the code misses. An entry is a
header naming its key followed by the pickled result; one that is damaged, truncated, written
by another version or not ours at all fails to load, is deleted, and the file is parsed again.
The folder is bounded in size: the entries used longest ago go first.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import model
from model.readers.files import file_hash

MAGIC = b"tickmark-parse-cache 1\n"
SUFFIX = ".pickle"
READERS = ("pdfplumber", "pdfminer.six", "pypdfium2", "lxml")
STALE_TEMPORARY_S = 3600  # a worker killed while writing leaves its temporary file behind


@functools.cache
def parser_version() -> str:
    """Changes whenever any source file of the model, Python or a reading library changes."""
    digest = hashlib.sha256()
    root = Path(model.__file__).parent
    for source in sorted(root.rglob("*.py")):
        digest.update(source.relative_to(root).as_posix().encode())
        digest.update(source.read_bytes())
    digest.update(f"{sys.version_info[:2]} pickle {pickle.HIGHEST_PROTOCOL}".encode())
    for name in READERS:
        try:
            digest.update(f"{name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()


def content_hash(path: str | Path) -> str | None:
    """SHA-256 of a regular file's bytes; None for anything else (a FIFO or a device would
    block or never end) or a file that cannot be read."""
    try:
        return file_hash(path)
    except OSError:
        return None


def entry_key(content: str, path: str | Path, job: str) -> str:
    identity = "\0".join((parser_version(), job, str(Path(path).absolute()), content))
    return hashlib.sha256(identity.encode()).hexdigest()


@dataclass(frozen=True)
class CacheUse:
    entries: int
    size: int


class ParseCache:
    """A folder of entries, at most ``max_bytes`` in all."""

    def __init__(self, folder: str | Path, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes

    def _entry(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def load(self, key: str) -> object | None:
        """The value stored under ``key``, or None; an entry that does not load is deleted."""
        entry = self._entry(key)
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        header = MAGIC + key.encode() + b"\n"
        try:
            if not data.startswith(header):
                raise ValueError("not an entry of this cache")
            value = pickle.loads(memoryview(data)[len(header) :])
        except Exception:  # noqa: BLE001 - a damaged pickle can raise nearly anything; the file is parsed again
            self._discard(entry)
            return None
        try:
            os.utime(entry)  # recently used: evicted last
        except OSError:
            pass  # a read-only cache still serves its entries
        return value

    def store(self, key: str, payload: bytes) -> None:
        """Keep ``payload`` (a pickled value) under ``key``, atomically, then bound the folder.
        A cache that cannot be written is no cache: parsing goes on."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".tmp-", delete=False) as stream:
                stream.write(MAGIC + key.encode() + b"\n")
                stream.write(payload)
            os.replace(stream.name, self._entry(key))
        except OSError:
            return
        self.evict()

    def evict(self) -> None:
        """Delete the entries used longest ago until the folder holds at most ``max_bytes``,
        and temporary files that a killed worker left."""
        entries = []
        now = time.time()
        try:
            listing = list(os.scandir(self.folder))
        except OSError:
            return
        for item in listing:
            try:
                info = item.stat()
            except OSError:
                continue
            if item.name.startswith(".tmp-"):
                if now - info.st_mtime > STALE_TEMPORARY_S:
                    self._discard(Path(item.path))
            elif item.name.endswith(SUFFIX):
                entries.append((info.st_mtime, info.st_size, Path(item.path)))
        total = sum(size for _, size, _ in entries)
        for _, size, entry in sorted(entries):
            if total <= self.max_bytes:
                break
            self._discard(entry)
            total -= size

    def use(self) -> CacheUse:
        sizes = []
        try:
            for item in os.scandir(self.folder):
                if item.name.endswith(SUFFIX):
                    sizes.append(item.stat().st_size)
        except OSError:
            pass
        return CacheUse(len(sizes), sum(sizes))

    def clear(self) -> None:
        for item in self.folder.glob(f"*{SUFFIX}"):
            self._discard(item)

    @staticmethod
    def _discard(entry: Path) -> None:
        try:
            entry.unlink()
        except OSError:
            pass  # another worker evicted it first, or the folder is read-only
