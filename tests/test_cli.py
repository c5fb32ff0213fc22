"""The real command on the real samples, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run("extract", "samples", "--out", str(out), "--jobs", "2")
    return out, result


def test_extract_samples(extracted):
    out, result = extracted
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 6  # five files and a total
    assert "total: 5 of 5 files (0 unchanged, skipped), 129 forms" in result.stdout
    document = json.loads((out / "000_78038c64ab0faba2.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == "1.1"
    assert document["forms"][0]["funding"]["total"] == "265.50"  # a string, never a float


def test_parquet_tables_match_json(extracted):
    out, _ = extracted
    forms = pq.read_table(out / "forms.parquet")
    indicators = pq.read_table(out / "indicators.parquet")
    assert forms.num_rows == 129
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("0*.json")]
    assert indicators.num_rows == sum(len(f["indicators"]) for d in documents for f in d["forms"])
    assert str(forms.schema.field("funding_total").type).startswith("decimal128")
    assert str(indicators.schema.field("value").type).startswith("decimal128")


def test_one_bad_file_does_not_stop_the_batch(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "nested").mkdir(parents=True)
    (inputs / "nested" / "good.txt").write_bytes(
        (ROOT / "samples" / "004_1c981b526f6e6f3d.txt").read_bytes())
    (inputs / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    (inputs / "empty.txt").write_bytes(b"")
    result = run("extract", str(inputs), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.returncode == 1
    assert "FAILED" in result.stdout and "a PDF file" in result.stdout
    assert "failed:" in result.stderr
    assert (tmp_path / "out" / "nested" / "good.json").exists()  # keyed by its relative path


def test_usage_errors_exit_2(tmp_path):
    assert run("extract").returncode == 2
    assert run("extract", str(tmp_path / "missing")).returncode == 2
    assert run("extract", str(tmp_path)).returncode == 2  # no .txt inside


def test_schema_command_prints_json_schema():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert result.returncode == 0 and "Form" in schema["$defs"]


def test_every_command_is_documented_with_an_example():
    for name, command in cli.main.commands.items():
        assert command.help and "Example:" in command.help, f"{name} lacks a docstring example"
    assert CliRunner().invoke(cli.main, ["--help"]).exit_code == 0
