"""Outputs never turn a user's file into something else, and follow the umask."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.helpers import TEXT, cli, documents, extract, table, write_forms


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("writes")
    write_forms(work / "in", ["a.txt", "b/c.txt"])
    assert extract(work / "in", work / "out", "--jobs", "1").returncode == 0
    return work / "out"


def test_a_symlinked_target_is_written_through(extracted, tmp_path):
    real = tmp_path / "pages" / "review.html"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    result = cli("review", str(extracted), "--html", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_symlinked_document_is_written_through(tmp_path):
    write_forms(tmp_path / "in", ["a.txt"])
    out = tmp_path / "out"
    assert extract(tmp_path / "in", out, "--jobs", "1").returncode == 0
    kept = tmp_path / "elsewhere" / "a.json"
    kept.parent.mkdir()
    (out / "a.json").rename(kept)
    (out / "a.json").symlink_to(kept)
    (tmp_path / "in" / "a.txt").write_text(TEXT.replace("10.25", "10.50"), encoding="utf-8")
    assert extract(tmp_path / "in", out, "--jobs", "1").returncode == 0
    assert (out / "a.json").is_symlink()
    assert '"10.50"' in kept.read_text(encoding="utf-8")


def test_special_files_and_directories_are_refused(extracted, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli("review", str(extracted), "--html", str(fifo))
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        f"error: cannot write {fifo}: it is a special file (device, FIFO or socket), not a "
        "regular file; give a file name, or - for standard output"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    folder = cli("review", str(extracted), "--html", str(tmp_path))
    assert folder.returncode == 3 and "it is a directory" in folder.stderr
    assert len(folder.stderr.strip().splitlines()) == 1


def test_dev_null_is_not_replaced(extracted):
    before = os.stat("/dev/null")
    result = cli("review", str(extracted), "--html", "/dev/null")
    assert result.returncode == 3 and "special file" in result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_dash_is_standard_output(extracted, tmp_path):
    result = cli("review", str(extracted), "--html", "-", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("<!doctype html>")
    assert not (tmp_path / "-").exists()
    lines = cli("export", str(extracted), "--format", "jsonl", "-o", "-", cwd=tmp_path)
    assert len(lines.stdout.splitlines()) == 2 and not (tmp_path / "-").exists()


def test_unwritable_outputs_are_one_line_errors(extracted, tmp_path):
    a_file = tmp_path / "plain"
    a_file.write_text("x", encoding="utf-8")
    result = extract(extracted.parent / "in", a_file, "--jobs", "1")
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        f"error: cannot write to {a_file}: it is a file, not a folder"]
    below = extract(extracted.parent / "in", a_file / "out", "--jobs", "1")
    assert below.returncode == 3 and len(below.stderr.strip().splitlines()) == 1
    assert "Traceback" not in below.stderr and "not a directory" in below.stderr.lower()


def modes(folder: Path) -> dict[str, int]:
    found = {}
    for path in folder.rglob("*"):
        if ".perfforms" not in path.parts:
            found[path.relative_to(folder).as_posix()] = stat.S_IMODE(path.stat().st_mode)
    return found


@pytest.mark.parametrize(("umask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755),
                                                              (0o077, 0o600, 0o700)])
def test_output_modes_follow_the_umask(tmp_path, umask, file_mode, dir_mode):
    write_forms(tmp_path / "in", ["a.txt", "sub/b.txt"])
    out = tmp_path / "out"
    assert extract(tmp_path / "in", out, "--jobs", "2", umask=umask).returncode == 0
    assert cli("review", str(out), umask=umask).returncode == 0
    assert cli("export", str(out), "--format", "csv", "-o", str(out / "rows.csv"),
               umask=umask).returncode == 0
    found = modes(out)
    assert {"a.json", "sub/b.json", "manifest.sqlite", "review.html", "rows.csv",
            "forms.parquet/part-00000.parquet"} <= set(found)
    for name, mode in found.items():
        expected = dir_mode if (out / name).is_dir() else file_mode
        assert mode == expected, f"{name}: {oct(mode)}"


def test_disk_full_changes_nothing_in_the_folder(tmp_path, monkeypatch):
    """In-process: every write of the second run fails with ENOSPC."""
    from extract import batch, write
    from extract.manifest import Folder

    write_forms(tmp_path / "in", ["a.txt", "b.txt"])
    out = tmp_path / "out"
    Folder(out).prepare()
    batch.run_batch(out, batch.find_inputs([tmp_path / "in"]), batch.Options(jobs=1))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".perfforms" not in p.parts
              and p.suffix != ".sqlite" and "-wal" not in p.name and "-shm" not in p.name}

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write, "_temporary_path", full)
    (tmp_path / "in" / "a.txt").write_text(TEXT.replace("10.25", "10.50"), encoding="utf-8")
    with pytest.raises(batch.OutputFailure, match="No space left on device; free some space"):
        batch.run_batch(out, batch.find_inputs([tmp_path / "in"]),
                        batch.Options(jobs=1, force=True))
    after = {p: p.read_bytes() for p in before}
    assert after == before
    assert table(out, "forms").num_rows == 22


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                            capture_output=True)
    return result.returncode == 0


def test_a_really_full_disk_is_one_error_and_keeps_the_good_outputs(tmp_path):
    disk = tmp_path / "disk"
    if os.geteuid() != 0 or not _mount_tmpfs(disk, "2m"):
        pytest.skip("needs root and tmpfs to make a small disk")
    try:
        write_forms(tmp_path / "in", ["a.txt", "b.txt"])
        out = disk / "out"
        assert extract(tmp_path / "in", out, "--jobs", "1").returncode == 0
        good = {key: doc["forms"][0]["funding"]["total"] for key, doc in documents(out).items()}
        (disk / "filler").write_bytes(b"")
        with (disk / "filler").open("ab") as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        for name in ("a", "b", "c", "d"):
            (tmp_path / "in" / f"{name}.txt").write_text(TEXT * 3, encoding="utf-8")
        result = extract(tmp_path / "in", out, "--jobs", "1", "--force")
        assert result.returncode == 3, result.stdout + result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "No space left on device" in errors[0]
        assert "nothing in" in errors[0] and "Traceback" not in result.stderr
        (disk / "filler").unlink()
        assert {key: doc["forms"][0]["funding"]["total"]
                for key, doc in documents(out).items()} == good
        assert table(out, "forms").num_rows == 22
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
