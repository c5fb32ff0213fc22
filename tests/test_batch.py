"""Batch runs over messy archives: encodings, bad files, the manifest, re-runs, kills."""

from __future__ import annotations

import codecs
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, TEXT, extract, manifest


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
    files = manifest(out)
    assert {key for key, e in files.items() if e["status"] == "failed"} == {
        "empty", "scan", "photo", "noise"}
    assert "is empty" in files["empty"]["error"]
    assert "a damaged PDF" in files["scan"]["error"]  # read as a PDF from its bytes, whatever its name
    assert "not a readable image" in files["photo"]["error"]
    assert "re-save it" in files["noise"]["error"]
    assert not any((out / f"{key}.json").exists() for key in ("empty", "scan", "photo", "noise"))
    assert "failed:" in result.stderr and "scan.txt" in result.stderr
    clean = records(out / "clean.json")
    for key in ("bom", "2023/gbk", "2023/utf16", "2023/web/cr", "nul"):
        assert records(out / f"{key}.json") == clean, key
    cut = records(out / "truncated.json")  # its damaged last line joins the last form's span
    assert [(f["funding"], f["indicators"]) for f in cut] == [
        (f["funding"], f["indicators"]) for f in clean]
    encodings = {key: json.loads((out / f"{key}.json").read_text())["source"]["encoding"]
                 for key in ("bom", "2023/gbk", "2023/utf16", "clean")}
    assert encodings == {"bom": "utf-8-sig", "2023/gbk": "gb18030", "2023/utf16": "utf-16",
                         "clean": "utf-8"}
    truncated = json.loads((out / "truncated.json").read_text())
    assert [w["code"] for w in truncated["warnings"]] == ["decoding_repaired"]
    assert files["truncated"]["status"] == "warnings"


def test_rerun_skips_unchanged_and_redoes_changed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a", "b", "c"):
        (inputs / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert extract(inputs, out, "--jobs", "1").returncode == 0
    first = manifest(out)
    (inputs / "b.txt").write_text(TEXT.replace("10.25", "10.50"), encoding="utf-8")
    second = extract(inputs, out, "--jobs", "1")
    statuses = manifest(out)
    assert re.search(r"a\.txt: tab_rows, 11 forms, 84 indicators, \d+ warnings \(unchanged, skipped\)",
                     second.stdout)
    assert statuses["a"]["extracted"] == first["a"]["extracted"]
    assert statuses["b"]["sha256"] != first["b"]["sha256"]
    assert "(2 unchanged, skipped)" in second.stdout
    assert '"10.50"' in (out / "b.json").read_text()
    forced = extract(inputs, out, "--jobs", "1", "--force")
    assert "(0 unchanged, skipped)" in forced.stdout


def test_file_deleted_mid_run_is_a_failure_not_a_crash(tmp_path, monkeypatch):
    from extract import batch
    from extract.manifest import Folder

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
    out = tmp_path / "out"
    Folder(out).prepare()
    summary = batch.run_batch(out, batch.find_inputs([inputs]), batch.Options(jobs=1))
    status = {r.key: r for r in summary.results}
    assert status["a"].status == "warnings"
    assert status["b"].status == "failed" and "cannot be read" in status["b"].error
    assert manifest(out)["b"]["status"] == "failed" and not (out / "b.json").exists()


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
    staged = resumed / ".perfforms" / "staging" / "documents"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(staged.glob("*.json"))) < 8:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    # the killed run committed nothing: the folder still shows the previous (empty) picture
    assert not list(resumed.glob("*.json")) and not list(resumed.glob("*.parquet"))

    again = extract(inputs, resumed, "--jobs", "2")
    assert again.returncode == 0
    for path in sorted(clean.glob("doc*.json")):
        assert records(resumed / path.name) == records(path), path.name
    import pyarrow.parquet as pq

    assert pq.read_table(resumed / "indicators.parquet").num_rows == \
        pq.read_table(clean / "indicators.parquet").num_rows
    assert not list((resumed / ".perfforms" / "tmp").iterdir())
