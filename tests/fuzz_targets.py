"""Stand-in extractors for testing the fuzz harness itself."""

from __future__ import annotations

import time


def fragile(data: bytes, name: str, key: str, display_path: str) -> None:
    """Crashes on one line, hangs on another, reads anything else."""
    if b"BOOM" in data:
        raise IndexError("list index out of range")
    if b"HANG" in data:
        time.sleep(60)
