"""One writer per output folder; Ctrl-C, SIGTERM and kills end every process cleanly.

The runs here are long on purpose (many copies of a sample), and each test
waits for an observable state (a staged result, a worker process, a message)
before it acts; nothing is asserted about durations.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, SAMPLES, documents, extract, manifest, table

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads process trees from /proc")
HEAVY = SAMPLES / "001_c8ab50cc96e69180.txt"


def archive(folder: Path, count: int, prefix: str = "doc") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = HEAVY.read_bytes()
    for index in range(count):
        (folder / f"{prefix}{index:03d}.txt").write_bytes(data)
    return folder


def as_from_a_terminal() -> None:
    """Give the run Ctrl-C's default disposition, as a shell gives a foreground job.

    A shell without job control starts background jobs with SIGINT ignored, and
    the ignore is inherited across exec; a suite run that way (`pytest &` in a
    script) would otherwise start `extract` deaf to Ctrl-C, as it should be there.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(inputs: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "extract", str(inputs),
                             "--out", str(out), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=as_from_a_terminal)


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, what: str, limit_s: float = 120) -> None:
    """Poll until `condition()`; the limit only keeps a broken run from hanging the suite."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def staged(out: Path) -> int:
    folder = out / ".perfforms" / "staging" / "documents"
    return len(list(folder.glob("*.json"))) if folder.is_dir() else 0


def running_with_workers(inputs: Path, out: Path) -> tuple[subprocess.Popen, set[int]]:
    process = start(inputs, out, "--jobs", "2")
    wait_for(lambda: staged(out) >= 1 and len(children(process.pid)) >= 2, "workers at work")
    return process, children(process.pid)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return archive(tmp_path_factory.mktemp("big") / "in", 40)


def test_sigterm_to_the_parent_ends_its_workers_and_keeps_the_previous_picture(big, tmp_path):
    out = tmp_path / "out"
    process, workers = running_with_workers(big, out)
    os.kill(process.pid, signal.SIGTERM)  # the parent only, as a service manager does
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 143
    assert "terminated" in stderr and "Traceback" not in stderr
    wait_for(lambda: not any(alive(pid) for pid in workers), "the workers to end")
    assert documents(out) == {}  # nothing committed: the previous (empty) picture
    resumed = extract(big, out, "--jobs", "2")  # and the lock was released
    assert resumed.returncode == 0
    assert len(documents(out)) == 40


def test_sigkill_to_the_parent_ends_its_workers(big, tmp_path):
    out = tmp_path / "out"
    process, workers = running_with_workers(big, out)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    wait_for(lambda: not any(alive(pid) for pid in workers), "the orphaned workers to end")
    again = extract(big, out, "--jobs", "2")  # the lock died with the processes
    assert again.returncode == 0 and len(documents(out)) == 40


def test_ctrl_c_exits_130_without_a_traceback(big, tmp_path):
    out = tmp_path / "out"
    process, workers = running_with_workers(big, out)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends to the foreground group
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    wait_for(lambda: not any(alive(pid) for pid in workers), "the workers to end")
    assert documents(out) == {}


def test_a_second_run_exits_2_while_the_folder_is_locked_or_waits(tmp_path):
    from filelock import FileLock

    inputs = archive(tmp_path / "in", 2)
    out = tmp_path / "out"
    (out / ".perfforms").mkdir(parents=True)
    lock = FileLock(str(out / ".perfforms" / "lock"))
    lock.acquire()  # as a run in progress holds it
    try:
        busy = extract(inputs, out, "--jobs", "1")
        assert busy.returncode == 2
        assert busy.stderr.strip().splitlines() == [
            f"error: another perfforms run is writing to {out}; wait for it to finish, or pass "
            "--wait to queue behind it"]
        waiting = start(inputs, out, "--jobs", "1", "--wait")
        first_line = waiting.stderr.readline()
        assert first_line.startswith(f"waiting for the other perfforms run writing to {out}")
        assert waiting.poll() is None
    finally:
        lock.release()
    stdout, _ = waiting.communicate(timeout=300)
    assert waiting.returncode == 0 and "total: 2 of 2 files" in stdout


def test_two_concurrent_runs_both_land_in_the_tables(tmp_path):
    one = archive(tmp_path / "one", 6, "one")
    two = archive(tmp_path / "two", 6, "two")
    out = tmp_path / "out"
    first = start(one, out, "--jobs", "1", "--wait", "--keep-missing")
    second = start(two, out, "--jobs", "1", "--wait", "--keep-missing")
    for process in (first, second):
        process.communicate(timeout=600)
        assert process.returncode == 0
    keys = set(manifest(out))
    assert keys == {f"one{i:03d}" for i in range(6)} | {f"two{i:03d}" for i in range(6)}
    assert set(table(out, "forms").column("document_key").to_pylist()) == keys
    assert set(documents(out)) == keys
