"""One crawl at a time on an output or state directory: ``<dir>/.congdoan.lock``.

The lock is an exclusive ``flock`` on the file, which the kernel releases when the process ends however it
ends, and the file names the holder (pid, host, crawl id, start time) so that a refused crawl can say which
crawl runs. A file that names a holder but whose lock is free was left by a killed crawl: it is stale, taken
over and reported. (``flock`` is reliable on local file systems; on NFS use one directory per machine.)
"""

from __future__ import annotations

import atexit
import fcntl
import json
import logging
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

LOCK_FILE = ".congdoan.lock"

#: Locks this process holds, by resolved directory: a second acquire in the same process is a no-op.
_HELD: dict[Path, DirectoryLock] = {}


class DirectoryInUseError(RuntimeError):
    """Another live crawl holds the directory's lock."""


def describe_holder(info: dict[str, Any]) -> str:
    """``crawl ID (pid N on host H, since T)`` from a lock file's content."""
    return (f"crawl {info.get('crawl_id') or '?'} (pid {info.get('pid', '?')} on host {info.get('host', '?')}, "
            f"since {info.get('started_at', '?')})")


def is_held(directory: str | Path) -> bool:
    """Whether this process holds the lock on ``directory``."""
    return Path(directory).resolve() in _HELD


class DirectoryLock:
    """An exclusive lock on ``directory`` for one crawl; :meth:`release` (or process exit) frees it."""

    def __init__(self, directory: Path, fd: int, info: dict[str, Any], stale: dict[str, Any] | None) -> None:
        self.directory = directory
        self._fd = fd
        self.info = info
        #: What a killed crawl left in the lock file, when this lock took it over.
        self.stale = stale

    @classmethod
    def acquire(cls, directory: str | Path, crawl_id: str, role: str = "directory") -> DirectoryLock:
        """Lock ``directory`` (created when missing) or raise :class:`DirectoryInUseError` naming the holder."""
        directory = Path(directory).resolve()
        held = _HELD.get(directory)
        if held is not None:
            return held
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            raise DirectoryInUseError(f"{role} {directory} is in use by {describe_holder(holder)}; wait for it "
                                      "to finish or use another directory") from None
        previous = _read(fd)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "crawl_id": crawl_id,
                "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        os.fsync(fd)
        lock = cls(directory, fd, info, previous or None)
        if previous:
            logger.warning("Stale lock on %s taken over: %s was killed before it finished", directory,
                           describe_holder(previous))
        _HELD[directory] = lock
        return lock

    def release(self) -> None:
        """Empty the lock file (a clean finish leaves no stale holder) and unlock it."""
        if _HELD.get(self.directory) is self:
            del _HELD[self.directory]
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)


@atexit.register
def _release_all() -> None:
    """A process that ends normally leaves no stale lock behind."""
    for lock in list(_HELD.values()):
        lock.release()


def _read(fd: int) -> dict[str, Any]:
    raw = os.pread(fd, 4096, 0)
    if not raw.strip():
        return {}
    try:
        info = json.loads(raw)
    except ValueError:
        return {"crawl_id": "unknown (unreadable lock file)"}
    return info if isinstance(info, dict) else {}
