"""The output folder is one consistent picture, keyed by document (issue 8, RECORD.md).

Each test is one situation from the issue that gave wrong numbers before:
same stem in two folders, relative vs absolute path, a deleted input, an input
turned bad, an empty table, two folders read together.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.helpers import ROOT, TABLES, TEXT, documents, extract, manifest, table, write_forms


def query(sql: str) -> list[tuple]:
    import duckdb

    return duckdb.connect().execute(sql).fetchall()


def columns(sql: str) -> list[str]:
    import duckdb

    return [d[0] for d in duckdb.connect().execute(sql).description]


def forms_joined_indicators(out: Path) -> int:
    return query(f"SELECT count(*) FROM read_parquet('{out}/indicators.parquet/*.parquet') i "
                 f"JOIN read_parquet('{out}/forms.parquet/*.parquet') f USING (form_id)")[0][0]


def test_same_stem_in_two_folders_gets_two_keys_and_unique_form_ids(tmp_path):
    archive = tmp_path / "archive"
    write_forms(archive, ["教育局/绩效目标表.txt", "卫健委/绩效目标表.txt"])
    out = tmp_path / "out"
    result = extract(archive, out, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    docs = documents(out)
    assert set(docs) == {"教育局/绩效目标表", "卫健委/绩效目标表"}
    assert docs["教育局/绩效目标表"]["source"]["key"] == "教育局/绩效目标表"
    form_ids = table(out, "forms").column("form_id").to_pylist()
    assert len(form_ids) == len(set(form_ids)) == 22
    assert "教育局/绩效目标表#1" in form_ids
    indicators = table(out, "indicators")
    assert forms_joined_indicators(out) == indicators.num_rows == 168  # 84 per document


def test_relative_and_absolute_spelling_give_the_same_documents(tmp_path):
    write_forms(tmp_path / "samples", ["a.txt", "sub/b.txt"])
    out = tmp_path / "out"
    assert extract("samples", "out", "--jobs", "1", cwd=tmp_path).returncode == 0
    before = {name: table(out, name).num_rows for name in TABLES}
    again = extract(tmp_path / "samples", out, "--jobs", "1", cwd=Path("/"))  # elsewhere
    assert again.returncode == 0, again.stderr
    assert "(2 unchanged, skipped)" in again.stdout
    assert {name: table(out, name).num_rows for name in TABLES} == before  # not doubled
    assert set(manifest(out)) == {"a", "sub/b"}
    assert manifest(out)["a"]["path"] == str(tmp_path / "samples" / "a.txt")  # where it came from
    assert set(documents(out)) == {"a", "sub/b"}


def test_a_file_named_directly_is_keyed_by_its_name(tmp_path):
    write_forms(tmp_path / "x", ["报告.txt"])
    out = tmp_path / "out"
    assert extract(tmp_path / "x" / "报告.txt", out, "--jobs", "1").returncode == 0
    assert set(documents(out)) == {"报告"}


def test_colliding_inputs_are_refused_not_overwritten(tmp_path):
    write_forms(tmp_path, ["a/x.txt", "b/x.txt"])
    result = extract(tmp_path / "a" / "x.txt", tmp_path / "out", "--jobs", "1")
    assert result.returncode == 0
    from tests.helpers import cli

    both = cli("extract", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"), "--out",
               str(tmp_path / "out"))
    assert both.returncode == 2
    assert "would both be document 'x'" in both.stderr and "common folder" in both.stderr
    assert len(both.stderr.strip().splitlines()) == 1


def test_same_name_with_two_extensions_keeps_the_extension_in_both_keys(tmp_path):
    write_forms(tmp_path / "in", ["报告.txt"])
    (tmp_path / "in" / "报告.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path / "out"
    result = extract(tmp_path / "in", out, "--jobs", "1")
    assert result.returncode == 1  # the PDF cannot be read (yet)
    assert set(manifest(out)) == {"报告.txt", "报告.pdf"}
    assert set(documents(out)) == {"报告.txt"}


def test_a_deleted_input_leaves_the_json_the_manifest_and_every_table(tmp_path):
    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt", "b.txt", "c/d.txt"])
    out = tmp_path / "out"
    assert extract(archive, out, "--jobs", "2").returncode == 0
    assert table(out, "forms").num_rows == 33
    (archive / "c" / "d.txt").unlink()
    result = extract(archive, out, "--jobs", "2")
    assert result.returncode == 0
    assert "c/d: removed" in result.stdout
    assert set(documents(out)) == {"a", "b"} and set(manifest(out)) == {"a", "b"}
    assert not (out / "c").exists()
    for name in TABLES:
        assert "c/d" not in set(table(out, name).column("document_key").to_pylist()), name
    assert table(out, "forms").num_rows == 22


def test_keep_missing_keeps_and_marks_the_document(tmp_path):
    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert extract(archive, out, "--jobs", "1").returncode == 0
    (archive / "b.txt").unlink()
    result = extract(archive, out, "--jobs", "1", "--keep-missing")
    assert result.returncode == 0 and "kept 1 documents whose inputs are missing" in result.stdout
    rows = manifest(out)
    assert rows["b"]["missing_since"] and rows["a"]["missing_since"] is None
    assert set(documents(out)) == {"a", "b"}
    assert table(out, "forms").num_rows == 22


def test_an_input_turned_bad_leaves_no_stale_json_or_rows(tmp_path):
    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert extract(archive, out, "--jobs", "1").returncode == 0
    (archive / "b.txt").write_bytes(b"%PDF-1.7 now a scan")
    result = extract(archive, out, "--jobs", "1")
    assert result.returncode == 1
    assert not (out / "b.json").exists()
    rows = manifest(out)
    assert rows["b"]["status"] == "failed" and "a damaged PDF" in rows["b"]["error"]
    assert rows["b"]["output"] is None
    for name in TABLES:
        assert "b" not in set(table(out, name).column("document_key").to_pylist()), name
    assert table(out, "forms").num_rows == 11


def test_every_table_has_every_column_even_when_empty(tmp_path):
    import pandas as pd

    from extract.tables import SCHEMAS

    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt"])
    (archive / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    extract(archive, out, "--jobs", "1")
    assert table(out, "spending_plan").num_rows == 0  # sample 004 has no spending plan
    for name in TABLES:
        assert table(out, name).schema.equals(SCHEMAS[name], check_metadata=False), name
    frame = pd.read_parquet(out / "spending_plan.parquet")
    assert list(frame.columns) == SCHEMAS["spending_plan"].names and frame.empty
    assert query(f"SELECT count(*) FROM '{out}/spending_plan.parquet/*.parquet'") == [(0,)]

    nothing = tmp_path / "nothing"  # a folder whose every input failed
    (tmp_path / "only-bad").mkdir()
    (tmp_path / "only-bad" / "x.txt").write_bytes(b"")
    assert extract(tmp_path / "only-bad", nothing, "--jobs", "1").returncode == 1
    for name in TABLES:
        empty = table(nothing, name)
        assert empty.num_rows == 0 and empty.schema.names == SCHEMAS[name].names
        assert columns(f"SELECT * FROM '{nothing}/{name}.parquet'") == SCHEMAS[name].names


def test_two_folders_read_together_keep_exact_decimals(tmp_path):
    import pandas as pd

    write_forms(tmp_path / "in-a", ["a.txt"], TEXT.replace("10.25", "213.868"))
    write_forms(tmp_path / "in-c", ["c.txt"], TEXT.replace("10.25", "1.5"))
    assert extract(tmp_path / "in-a", tmp_path / "out-a", "--jobs", "1").returncode == 0
    assert extract(tmp_path / "in-c", tmp_path / "out-c", "--jobs", "1").returncode == 0
    totals = [table(tmp_path / f"out-{x}", "forms").column("funding_total").to_pylist()
              for x in "ac"]
    expected = sum((v for values in totals for v in values if v is not None), Decimal(0))
    assert Decimal("213.868") in totals[0]
    both = (f"SELECT sum(funding_total), typeof(sum(funding_total)) FROM read_parquet("
             f"['{tmp_path}/out-c/forms.parquet/*.parquet', "
             f"'{tmp_path}/out-a/forms.parquet/*.parquet'])")
    [(total, kind)] = query(both)
    assert total == expected and "DECIMAL(38,6)" in kind
    glob = query(f"SELECT sum(funding_total) FROM '{tmp_path}/out-*/forms.parquet/*.parquet'")
    assert glob[0][0] == expected
    frame = pd.concat([pd.read_parquet(tmp_path / f"out-{x}" / "forms.parquet") for x in "ac"])
    assert sum(v for v in frame["funding_total"] if v is not None) == expected
    import pyarrow.dataset as ds

    dataset = ds.dataset([str(p) for p in sorted(tmp_path.glob("out-*/forms.parquet/*.parquet"))])
    assert dataset.to_table().num_rows == 22


def test_periods_as_printed_and_as_dates(tmp_path):
    write_forms(tmp_path / "in", ["a.txt"])
    out = tmp_path / "out"
    extract(tmp_path / "in", out, "--jobs", "1")
    forms = table(out, "forms").to_pylist()
    first = forms[0]
    assert (first["period_start"], first["period_end"]) == ("2023-01-01", "2023-12-31")
    assert str(first["period_start_date"]) == "2023-01-01"
    assert str(first["period_end_date"]) == "2023-12-31"


def test_a_one_file_change_rewrites_only_its_part(tmp_path, monkeypatch):
    """Parts hold a fixed group of documents; a change rewrites its part and no other."""
    from extract import commit

    monkeypatch.setattr(commit, "PART_DOCUMENTS", 2)
    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    out = tmp_path / "out"
    run_in_process(archive, out)
    parts = sorted(p.name for p in (out / "forms.parquet").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "indicators.parquet").iterdir()}
    (archive / "d.txt").write_text(TEXT.replace("10.25", "10.50"), encoding="utf-8")
    run_in_process(archive, out)
    after = {p.name: p.stat().st_mtime_ns for p in (out / "indicators.parquet").iterdir()}
    changed = {name for name in stamps if after[name] != stamps[name]}
    assert changed == {"part-00001.parquet"}  # c and d
    totals = {row["document_key"]: row["funding_total"] for row in table(out, "forms").to_pylist()
              if row["form_id"].endswith("#1")}
    assert totals["d"] == Decimal("10.50") and totals["c"] == Decimal("10.25")
    assert table(out, "forms").num_rows == 55


def run_in_process(archive: Path, out: Path):
    from extract.batch import Options, find_inputs, run_batch
    from extract.manifest import Folder

    Folder(out).prepare()
    return run_batch(out, find_inputs([archive]), Options(jobs=1))


def test_earlier_versions_output_is_replaced_not_mixed_in(tmp_path):
    """A folder an earlier version wrote (manifest.json, flat JSON, single-file tables)."""
    import json

    write_forms(tmp_path / "in", ["sub/a.txt"])
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text(json.dumps({"schema_version": "1.0"}), encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(
        {"files": {"in/sub/a.txt": {"output": "a.json", "status": "ok"}}}), encoding="utf-8")
    (out / "forms.parquet").write_bytes(b"old single file")
    (out / ".a.json.1234.tmp").write_bytes(b"")  # what a killed earlier run left
    assert extract(tmp_path / "in", out, "--jobs", "1").returncode == 0
    assert not (out / "a.json").exists() and not (out / "manifest.json").exists()
    assert not (out / ".a.json.1234.tmp").exists()
    assert set(documents(out)) == {"sub/a"}
    assert table(out, "forms").num_rows == 11


def test_a_change_of_the_tables_schema_rebuilds_every_part_with_every_document(tmp_path):
    import sqlite3

    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert extract(archive, out, "--jobs", "1").returncode == 0
    db = sqlite3.connect(out / "manifest.sqlite")
    db.execute("UPDATE meta SET value = 'an older schema' WHERE name = 'tables_fingerprint'")
    db.commit()
    db.close()
    result = extract(archive, out, "--jobs", "1")
    assert "(2 unchanged, skipped)" in result.stdout and "tables in" in result.stdout
    assert set(table(out, "forms").column("document_key").to_pylist()) == {"a", "b"}
    assert table(out, "forms").num_rows == 22


def test_a_lost_part_file_is_rebuilt(tmp_path):
    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert extract(archive, out, "--jobs", "1").returncode == 0
    (out / "indicators.parquet" / "part-00000.parquet").unlink()
    assert extract(archive, out, "--jobs", "1").returncode == 0
    assert table(out, "indicators").num_rows == 168


def test_the_manifest_keeps_the_hash_of_the_bytes_parsed(tmp_path, monkeypatch):
    """A file rewritten while the run goes: the half-written state parsed is what is hashed,
    so the next run sees the finished file as changed and reads it again."""
    import hashlib

    from extract import batch

    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt"])
    full = (archive / "a.txt").read_bytes()
    half = full[: len(full) // 2]
    original = batch.file_sha256

    def rewrite_after_hashing(path: Path) -> str:
        digest = original(path)
        path.write_bytes(half)  # the writer is half-way through rewriting it
        return digest

    monkeypatch.setattr(batch, "file_sha256", rewrite_after_hashing)
    out = tmp_path / "out"
    run_in_process(archive, out)
    row = manifest(out)["a"]
    assert row["sha256"] == hashlib.sha256(half).hexdigest()
    assert documents(out)["a"]["source"]["sha256"] == row["sha256"]
    monkeypatch.setattr(batch, "file_sha256", original)
    (archive / "a.txt").write_bytes(full)  # the writer finished
    summary = run_in_process(archive, out)
    assert [r.status for r in summary.results] == ["warnings"]  # read again, not skipped
    assert manifest(out)["a"]["sha256"] == hashlib.sha256(full).hexdigest()
    assert table(out, "forms").num_rows == 11


OLE2_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le")


def test_every_readable_format_is_collected_and_old_office_files_are_explained(tmp_path):
    archive = tmp_path / "archive"
    write_forms(archive, ["a.txt"])
    for name, data in {"b.html": b"<html>", "c.docx": b"PK\x03\x04", "d.xlsx": b"PK\x03\x04",
                       "e.PDF": b"%PDF-1.4", "f.png": b"\x89PNG", "g.jpeg": b"\xff\xd8\xff",
                       "h.tif": b"II*\x00", "old.doc": OLE2_WORD,
                       "word97.doc": (ROOT / "tests/golden/converted/t47_project_word_merged"
                                      ".libreoffice_doc.doc").read_bytes(),
                       "served.doc": (ROOT / "tests/golden/converted/t23_department_word"
                                      ".word_mht.doc").read_bytes(),
                       "page.mht": (ROOT / "tests/golden/converted/t47_project_word_merged"
                                    ".word_mht.mht").read_bytes(),
                       "sheet.xls": b"\xd0\xcf\x11\xe0", "sheet.xlsx": b"PK\x03\x04",
                       "k.xls": (ROOT / "tests/golden/converted/s06_self_eval_workbook"
                                 ".libreoffice_xls.xls").read_bytes(),
                       "r.rtf": (ROOT / "tests/golden/built/s143_hainan_pandoc_rtf_self_eval"
                                 ".rtf").read_bytes(),
                       "o.odt": (ROOT / "tests/golden/built/t291_jiangxi_libreoffice_docx_to_odt_project"
                                 ".odt").read_bytes(),
                       "o.docx": b"PK\x03\x04",  # (the .odt's converted copy beside it is read instead)
                       "w.wiki": (ROOT / "tests/golden/built/s151_jilin_pandoc_mediawiki_self_eval"
                                  ".wiki").read_bytes(),
                       "m.xlsm": (ROOT / "tests/golden/built/s153_chongqing_libreoffice_xlsm_self_eval"
                                  ".xlsm").read_bytes(),
                       "i.md": "# 项目支出绩效目标表".encode(), "j.csv": b"a,b,c\n1,2,3",
                       "notes.json": b"{}", "~$c.docx": b"lock",
                       ".hidden.txt": b"x"}.items():
        (archive / name).write_bytes(data)
    out = tmp_path / "out"
    result = extract(archive, out, "--jobs", "1")
    assert result.returncode == 1
    rows = manifest(out)
    assert set(rows) == {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "old", "sheet", "served",
                         "page", "word97", "r", "o", "w", "m"}
    assert rows["k"]["status"] != "failed"  # an old binary workbook is read
    assert rows["w"]["status"] != "failed" and rows["m"]["status"] != "failed"  # wiki text, .xlsm
    assert rows["r"]["status"] != "failed"  # and RTF
    assert rows["o"]["status"] == "failed"  # (the broken .docx beside the .odt)
    assert rows["word97"]["status"] != "failed"  # and an old binary Word document
    # a `.doc` a site served that is a single-file web page is read by its bytes, as is a `.mht`
    assert rows["served"]["status"] != "failed" and rows["page"]["status"] != "failed"
    assert "damaged Word 97–2003 document" in rows["old"]["error"]  # (a stream name, no document)
    assert "re-save it as .docx" in rows["old"]["error"]
    assert rows["sheet"]["status"] == "failed" and "old Office" not in rows["sheet"]["error"]
    assert all(rows[k]["status"] == "failed" for k in "cdefg")  # not real files of their kind
    failed_lines = [line for line in result.stdout.splitlines() if ": FAILED: " in line]
    assert len(failed_lines) == sum(row["status"] == "failed" for row in rows.values())
    assert "a.txt" in result.stdout


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(tmp_path):
    write_forms(tmp_path, ["a.txt"])
    assert extract(".", "out", "--jobs", "1", cwd=tmp_path).returncode == 0
    from tests.helpers import cli

    assert cli("review", "out", cwd=tmp_path).returncode == 0  # out/review.html is .html
    again = extract(".", "out", "--jobs", "1", cwd=tmp_path)
    assert again.returncode == 0 and set(manifest(tmp_path / "out")) == {"a"}


def test_preparing_a_folder_while_a_run_clears_its_scratch_space(tmp_path):
    """A second run prepares the folder before it queues for the lock, while the run that
    holds it clears the scratch space: the second run's probe is its own file, not in the
    scratch space, so preparing never fails."""
    import threading

    from extract.manifest import Folder

    folder = Folder(tmp_path / "out")
    folder.prepare()
    stop = threading.Event()

    def clear() -> None:
        while not stop.is_set():
            folder.clean_scratch()

    holder = threading.Thread(target=clear)
    holder.start()
    try:
        for _ in range(300):
            folder.prepare()
    finally:
        stop.set()
        holder.join()
    assert not list(folder.internal.glob(".probe-*"))
