"""The real command on the real samples, as a user runs it."""

from __future__ import annotations

import json
import shutil
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
    assert "FAILED" in result.stdout and "a damaged PDF" in result.stdout
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


def test_installed_console_script_runs_the_readme_command(tmp_path):
    script = Path(sys.executable).with_name("perfforms")
    if not script.exists():
        pytest.skip("perfforms is not installed in this environment (pip install -e .)")
    (tmp_path / "samples").mkdir()
    shutil.copy(ROOT / "samples" / "004_1c981b526f6e6f3d.txt", tmp_path / "samples")
    result = subprocess.run([str(script), "extract", "samples", "--out", "out"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "004_1c981b526f6e6f3d.json").exists()
    assert "perfforms extract samples --out out" in (ROOT / "README.md").read_text(
        encoding="utf-8")


def test_help_short_option_and_exit_codes():
    for args in (["-h"], ["extract", "-h"], ["diff", "-h"]):
        result = run(*args)
        assert result.returncode == 0
        assert "Exit codes:" in result.stdout and "130" in result.stdout
        assert "disk full" in result.stdout


def test_quiet_prints_errors_only(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(ROOT / "samples" / "004_1c981b526f6e6f3d.txt", tmp_path / "in" / "a.txt")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    result = run("extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q")
    assert result.returncode == 1
    assert result.stdout.strip().splitlines() == [f"{tmp_path / 'in' / 'b.txt'}: FAILED: "
                                                  "b.txt is empty"]
    assert "progress" not in result.stderr
    verbose = run("extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-v")
    assert "total: 1 of 2 files" in verbose.stdout


def test_no_color_turns_colour_off(tmp_path):
    """diff colours only a terminal; NO_COLOR wins even where colour is forced."""
    from click.testing import CliRunner

    out = tmp_path / "out"
    (tmp_path / "in").mkdir()
    shutil.copy(ROOT / "samples" / "004_1c981b526f6e6f3d.txt", tmp_path / "in" / "a.txt")
    assert run("extract", str(tmp_path / "in"), "--out", str(out)).returncode == 0
    edited = json.loads((out / "a.json").read_text(encoding="utf-8"))
    edited["forms"][0]["funding"]["total"] = "99"
    (tmp_path / "b.json").write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    coloured = runner.invoke(cli.main, ["diff", str(out / "a.json"), str(tmp_path / "b.json")],
                             color=True, env={"NO_COLOR": ""})
    plain = runner.invoke(cli.main, ["diff", str(out / "a.json"), str(tmp_path / "b.json")],
                          color=True, env={"NO_COLOR": "1"})
    assert coloured.exit_code == plain.exit_code == 1
    assert "funding.total 10.25 → 99" in plain.output and "\x1b[" not in plain.output
    assert "\x1b[" in coloured.output
    piped = run("diff", str(out / "a.json"), str(tmp_path / "b.json"))
    assert "\x1b[" not in piped.stdout


def test_export_lines_and_csv(extracted, tmp_path):
    out, _ = extracted
    documents = run("export", str(out), "--format", "jsonl")
    lines = documents.stdout.splitlines()
    assert documents.returncode == 0 and len(lines) == 5
    assert {json.loads(line)["source"]["key"] for line in lines} >= {"004_1c981b526f6e6f3d"}
    rows = run("export", str(out), "--format", "jsonl", "--table", "forms").stdout.splitlines()
    assert len(rows) == 129 and json.loads(rows[0])["document_key"] == "000_78038c64ab0faba2"
    assert json.loads(rows[0])["funding_total"] == "265.50"  # exact, as printed
    result = run("export", str(out), "--format", "csv", "-o", str(tmp_path / "ind.csv"))
    assert result.returncode == 0
    import csv

    with (tmp_path / "ind.csv").open(encoding="utf-8") as stream:
        table = list(csv.DictReader(stream))
    assert len(table) == pq.read_table(out / "indicators.parquet").num_rows
    assert {"document_key", "form_id", "met", "actual_value"} <= set(table[0])
    assert run("export", str(out), "--format", "csv", "--table", "documents").returncode == 2
    assert run("export", str(tmp_path), "--format", "jsonl").returncode == 2  # not an output


def test_schema_is_the_serialised_shape_with_schema_and_id():
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(":1.1")
    total = schema["$defs"]["Funding"]["properties"]["total"]
    assert {"type": "string"} in total["anyOf"]  # decimals are strings in the JSON
    assert "number" not in json.dumps(total)
