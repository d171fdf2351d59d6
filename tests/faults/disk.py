"""A disk that fills up halfway through a write: the bytes before it land, then ENOSPC."""

import errno
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pytest

from wio import file_writes


def fill_disk_after(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """Every file write stores at most `room` bytes, then fails as a full file system does."""

    def write_until_full(handle: BinaryIO, chunks: Iterable[bytes]) -> None:
        left = room
        for chunk in chunks:
            handle.write(chunk[:left])
            handle.flush()
            if len(chunk) > left:
                raise OSError(errno.ENOSPC, "No space left on device")
            left -= len(chunk)

    monkeypatch.setattr(file_writes, "_write_chunks", write_until_full)


def stored_files(root: Path) -> list[Path]:
    """Every file under `root`, fragments included."""
    return sorted(path for path in root.rglob("*") if path.is_file())
