"""Opening a filing without hanging or running out of memory: only a regular file is read
(a named pipe or a device given as a file would block or never end), never past a size
limit, and every way a path can fail is said in plain words."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from model.errors import FilingError

MAX_FILE_BYTES = 200 * 1024 * 1024
NOT_FOUND_REASON = "file not found"
FOLDER_REASON = "is a folder, not a file"
NOT_REGULAR_REASON = "not a regular file"
LOOP_REASON = "a symbolic link that loops: it leads back to itself and never to a file"
REMOVED_REASON = "the file was removed before it could be read"
EMPTY_REASON = "the file is empty"

# O_NONBLOCK: opening a named pipe that was swapped in for the file after it was checked
# returns at once instead of waiting for a writer; a regular file reads the same either way
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def open_without_waiting(path: str | Path, flags: int) -> int:
    """An ``opener`` for ``open()`` that never blocks on a named pipe."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def file_hash(path: str | Path) -> str:
    """The SHA-256 of a regular file's content. Raises OSError for anything else: a device
    such as /dev/zero never ends, and a named pipe waits for a writer."""
    with open(path, "rb", opener=open_without_waiting) as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(errno.EINVAL, NOT_REGULAR_REASON, str(path))
        digest = hashlib.sha256()
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def too_large_reason(size: int, limit: int = MAX_FILE_BYTES) -> str:
    return f"the file is too large ({size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)"


def regular_file_size(path: str | Path, limit: int = MAX_FILE_BYTES) -> int:
    """The size of a regular, non-empty file no larger than ``limit``; otherwise a
    FilingError saying what the path is instead."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise FilingError(path, _missing_reason(Path(path))) from None
    except PermissionError:
        raise FilingError(path, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise FilingError(path, _os_reason(error)) from None
    _check_status(path, status, limit)
    return status.st_size


def read_file_bytes(path: str | Path, limit: int = MAX_FILE_BYTES, head: int | None = None) -> bytes:
    """The bytes of a regular file (its first ``head`` bytes when given), read through one open
    handle that is checked again, so a file swapped or removed after it was chosen is reported,
    not read; never more than ``limit`` bytes."""
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise FilingError(path, REMOVED_REASON) from None
    except PermissionError:
        raise FilingError(path, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise FilingError(path, _os_reason(error)) from None
    try:
        _check_status(path, os.fstat(handle), limit)
        wanted = limit + 1 if head is None else min(head, limit + 1)
        chunks: list[bytes] = []
        got = 0
        while got < wanted:
            chunk = os.read(handle, min(wanted - got, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as error:
        raise FilingError(path, _os_reason(error)) from None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    if len(data) > limit:  # the file grew since it was checked
        raise FilingError(path, too_large_reason(len(data), limit))
    return data


def _check_status(path: str | Path, status: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise FilingError(path, FOLDER_REASON)
    if not stat.S_ISREG(status.st_mode):
        raise FilingError(path, NOT_REGULAR_REASON)
    if status.st_size == 0:
        raise FilingError(path, EMPTY_REASON)
    if status.st_size > limit:
        raise FilingError(path, too_large_reason(status.st_size, limit))


def _missing_reason(path: Path) -> str:
    if path.is_symlink():
        return f"a symbolic link to {os.readlink(path)}, which does not exist"
    return NOT_FOUND_REASON


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return LOOP_REASON
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long for this system"
    return f"cannot be read ({error.strerror or error})"
