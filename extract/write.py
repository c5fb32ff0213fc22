"""Write outputs so that a user's file is never turned into something else.

- A regular file (or a new path) is replaced atomically: a temporary file in
  the same folder, then a rename, so a run killed at any moment leaves the old
  file or the new one, whole.
- A symlink is written through: its target file is replaced, the link stays.
- A directory, a device, a FIFO or a socket is refused with a clear message
  (`--html /dev/null` must not replace the device node).
- `-` means standard output, for commands that write a single file.
- New files get the modes the umask allows (0644 under umask 022); a file that
  already exists keeps its mode.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".perfforms-tmp"
STDOUT = "-"


class OutputError(Exception):
    """An output that cannot be written; the message is one line a user can act on."""


def current_umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)  # no way to read it but to set it; put it straight back
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    return 0o666 & ~current_umask()


def writable_target(path: Path) -> Path:
    """The file a write to `path` must replace: through symlinks; refuses non-files."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {path}: it is a directory; give a file name")
    if not stat.S_ISREG(mode):
        raise OutputError(f"cannot write {path}: it is a special file (device, FIFO or socket), "
                          "not a regular file; give a file name, or - for standard output")
    return target


def write_bytes(path: Path, data: bytes, temp_dir: Path | None = None) -> Path:
    """Replace the file at `path` (through a symlink) atomically; returns the file written.

    `temp_dir` is where the temporary file goes when it is on the same file
    system as the target (the output folder's own scratch folder, so stale
    temporaries from a killed run are found and removed by the next run).
    """
    with atomic_file(path, temp_dir) as stream:
        stream.write(data)
    return writable_target(path)


@contextmanager
def atomic_file(path: Path, temp_dir: Path | None = None) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends without an error."""
    target = writable_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else new_file_mode()
        temporary = _temporary_path(target, temp_dir)
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.fchmod(handle, mode)
            with os.fdopen(handle, "wb") as stream:
                yield stream
            _replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise OutputError(describe_os_error(error, path)) from error


def _temporary_path(target: Path, temp_dir: Path | None) -> Path:
    folder = temp_dir if temp_dir is not None and _same_device(temp_dir, target.parent) \
        else target.parent
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_SUFFIX}"


def _same_device(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def _replace(temporary: Path, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # the scratch folder is on another file system: copy beside the target, then rename
        beside = _temporary_path(target, None)
        try:
            shutil.copy2(temporary, beside)
            os.replace(beside, target)
        finally:
            beside.unlink(missing_ok=True)
            temporary.unlink(missing_ok=True)


def write_output(destination: str | Path, data: bytes) -> str:
    """Write a single-file output: `-` is standard output. Returns how to name it to a user."""
    with output_stream(destination) as (stream, name):
        stream.write(data)
    return name


@contextmanager
def output_stream(destination: str | Path) -> Iterator[tuple[BinaryIO, str]]:
    """A stream for a single-file output, `-` being standard output, and its name for people."""
    if str(destination) == STDOUT:
        yield sys.stdout.buffer, "standard output"
        sys.stdout.buffer.flush()
        return
    with atomic_file(Path(destination)) as stream:
        yield stream, str(writable_target(Path(destination)))


def describe_os_error(error: OSError, path: Path | str) -> str:
    """One line for a failed write: what, where, and what to do."""
    where = error.filename or path
    reason = error.strerror or str(error)
    advice = {
        errno.ENOSPC: "free some space and run again",
        errno.EDQUOT: "free some space (disk quota) and run again",
        errno.EROFS: "the file system is read-only; choose another output",
        errno.EACCES: "no permission; choose another output or fix its permissions",
        errno.EPERM: "no permission; choose another output or fix its permissions",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EISDIR: "it is a directory; give a file name",
    }.get(error.errno or 0, "")
    return f"cannot write {where}: {reason}" + (f"; {advice}" if advice else "")


def is_output_failure(error: BaseException) -> bool:
    """Errors that say the output side is broken (full, read-only), not the input."""
    if isinstance(error, OutputError):
        return True
    return isinstance(error, OSError) and error.errno in (
        errno.ENOSPC, errno.EDQUOT, errno.EROFS)
