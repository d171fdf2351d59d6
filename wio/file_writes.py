"""Files appear whole or not at all: written under a temporary name, moved into place when complete.

A full disk, a killed worker or any other failure halfway leaves no fragment under the real name:
the temporary file is removed on the way out (a killed process can leave one `.part-*` file, which
never has a name the application serves; the nightly `wio.outbox.purge` removes those).
`os.replace` is atomic on one file system, so a reader sees the old file or the new one, never half.
"""

import contextlib
import errno
import os
import secrets
import time
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from django.core.files.storage import Storage

PART_MARK = ".part-"


class FileWriteError(OSError):
    """Storing a file failed (full disk, no permission, I/O error); nothing partial was left."""

    @property
    def disk_full(self) -> bool:
        return self.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _write_chunks(handle: BinaryIO, chunks: Iterable[bytes]) -> None:
    for chunk in chunks:
        handle.write(chunk)


def write_atomically(target: Path, chunks: Iterable[bytes], *, replace: bool = True) -> None:
    """Write `chunks` to `target` via a temporary sibling; `replace=False` refuses an existing target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}{PART_MARK}{secrets.token_hex(6)}")
    try:
        with open(temporary, "xb") as handle:
            _write_chunks(handle, chunks)
            handle.flush()
            os.fsync(handle.fileno())
        if not replace and target.exists():
            raise FileExistsError(errno.EEXIST, "target exists", str(target))
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise FileWriteError(error.errno, error.strerror or type(error).__name__) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def store_atomically(storage: Storage, name: str, chunks: Iterable[bytes], *, replace: bool = True) -> str:
    """Store under exactly `name` on a file-system storage; returns the name."""
    write_atomically(Path(storage.path(name)), chunks, replace=replace)
    return name


def clear_fragments(directory: Path, *, older_than_seconds: int) -> int:
    """Remove temporary files a killed process left behind (old enough not to be a write in
    progress); returns how many."""
    cutoff = time.time() - older_than_seconds
    removed = 0
    for fragment in directory.rglob(f"*{PART_MARK}*"):
        with contextlib.suppress(OSError):
            if fragment.stat().st_mtime < cutoff:
                fragment.unlink()
                removed += 1
    return removed
