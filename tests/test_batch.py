"""Batch runs over messy archives: encodings, bad files, the manifest, re-runs, kills."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "004_1c981b526f6e6f3d.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")


def extract(inputs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", str(inputs), "--out",
                           str(out), *extra], capture_output=True, text=True, timeout=600)


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]


def records(path: Path) -> list[dict]:
    """The forms of a document, without what depends on the file's bytes and name."""
    forms = json.loads(path.read_text(encoding="utf-8"))["forms"]
    for form in forms:
        form.pop("form_id")
    return forms


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    inputs = tmp_path / "archive"
    (inputs / "2023" / "web").mkdir(parents=True)
    (inputs / "clean.txt").write_text(TEXT, encoding="utf-8")
    (inputs / "bom.txt").write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    (inputs / "2023" / "gbk.txt").write_bytes(TEXT.replace("\n", "\r\n").encode("gb18030"))
    (inputs / "2023" / "utf16.txt").write_bytes(TEXT.encode("utf-16"))
    (inputs / "2023" / "web" / "cr.txt").write_bytes(TEXT.replace("\n", "\r").encode("utf-8"))
    (inputs / "nul.txt").write_bytes(TEXT.encode("utf-8").replace(b"\n", b"\x00\n", 3))
    (inputs / "truncated.txt").write_bytes((TEXT + "\n").encode("utf-8") + "卫".encode()[:2])
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary")
    (inputs / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (inputs / "noise.txt").write_bytes(bytes(range(128, 256)) * 40)
    return inputs


def test_bad_inputs_statuses_messages_and_identical_records(archive, tmp_path):
    out = tmp_path / "out"
    result = extract(archive, out, "--jobs", "2")
    assert result.returncode == 1
    files = {Path(path).name: entry for path, entry in manifest(out).items()}
    assert {name for name, e in files.items() if e["status"] == "failed"} == {
        "empty.txt", "scan.txt", "photo.txt", "noise.txt"}
    assert "is empty" in files["empty.txt"]["error"]
    assert "a PDF file" in files["scan.txt"]["error"]
    assert "a PNG image" in files["photo.txt"]["error"]
    assert "re-save it" in files["noise.txt"]["error"]
    assert "failed:" in result.stderr and "scan.txt" in result.stderr
    clean = records(out / "clean.json")
    for name in ("bom", "gbk", "utf16", "cr", "nul"):
        assert records(out / f"{name}.json") == clean, name
    cut = records(out / "truncated.json")  # its damaged last line joins the last form's span
    assert [(f["funding"], f["indicators"]) for f in cut] == [
        (f["funding"], f["indicators"]) for f in clean]
    encodings = {name: json.loads((out / f"{name}.json").read_text())["source"]["encoding"]
                 for name in ("bom", "gbk", "utf16", "clean")}
    assert encodings == {"bom": "utf-8-sig", "gbk": "gb18030", "utf16": "utf-16",
                         "clean": "utf-8"}
    truncated = json.loads((out / "truncated.json").read_text())
    assert [w["code"] for w in truncated["warnings"]] == ["decoding_repaired"]
    assert files["truncated.txt"]["status"] == "warnings"


def test_rerun_skips_unchanged_and_redoes_changed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a", "b", "c"):
        (inputs / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert extract(inputs, out, "--jobs", "1").returncode == 0
    (inputs / "b.txt").write_text(TEXT.replace("10.25", "10.50"), encoding="utf-8")
    second = extract(inputs, out, "--jobs", "1")
    statuses = {Path(p).name: e for p, e in manifest(out).items()}
    assert statuses["a.txt"].get("skipped_unchanged") and statuses["c.txt"].get("skipped_unchanged")
    assert not statuses["b.txt"].get("skipped_unchanged")
    assert "(2 unchanged, skipped)" in second.stdout
    assert '"10.50"' in (out / "b.json").read_text()
    forced = extract(inputs, out, "--jobs", "1", "--force")
    assert "(0 unchanged, skipped)" in forced.stdout


def test_file_deleted_mid_run_is_a_failure_not_a_crash(tmp_path, monkeypatch):
    from extract import batch

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a", "b"):
        (inputs / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    original = batch.file_sha256

    def delete_b_first(path: Path) -> str:
        digest = original(path)
        (inputs / "b.txt").unlink(missing_ok=True)
        return digest

    monkeypatch.setattr(batch, "file_sha256", delete_b_first)
    results = list(batch.run(batch.find_inputs([inputs]), tmp_path / "out", jobs=1))
    status = {Path(r.path).name: r for r in results}
    assert status["a.txt"].status == "warnings"
    assert status["b.txt"].status == "failed" and "cannot be read" in status["b.txt"].error


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_batch_resumes_to_the_same_outputs(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    samples = sorted((ROOT / "samples").glob("*.txt"))
    for index in range(30):
        source = samples[index % len(samples)]
        (inputs / f"doc{index:02d}.txt").write_bytes(source.read_bytes())
    clean = tmp_path / "clean"
    assert extract(inputs, clean, "--jobs", "2").returncode == 0

    resumed = tmp_path / "resumed"
    process = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "extract", str(inputs),
                                "--out", str(resumed), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(resumed.glob("doc*.json"))) < 8:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not list(resumed.glob("*.tmp")) or all(p.name.startswith(".") for p in resumed.glob("*.tmp"))
    for path in resumed.glob("doc*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # every file written is whole

    assert extract(inputs, resumed, "--jobs", "2").returncode == 0
    for path in sorted(clean.glob("doc*.json")):
        assert records(resumed / path.name) == records(path), path.name
    assert (resumed / "indicators.parquet").read_bytes()
    import pyarrow.parquet as pq

    assert pq.read_table(resumed / "indicators.parquet").num_rows == \
        pq.read_table(clean / "indicators.parquet").num_rows
