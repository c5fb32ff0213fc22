"""A self-contained HTML page to check records against their source text.

Contract: `build_review(out_dir, source_root) -> (page, problems)`. It reads
only RECORD.md's JSON contract, the folder's manifest and the source files the
documents name. A source is shown only if its sha256 is the one the run
recorded: a source edited or replaced since would put the highlight on the
wrong line, so it is marked on the page instead (and returned in `problems`
for stderr). Failed inputs and documents with no forms are listed too.

The page needs no server and makes no network request: every document's
records and source lines are gzip-compressed into the page and unpacked by
the browser only when one of its forms is opened; the list is paginated, so
an archive of thousands of forms stays quick and the file stays compact.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import sqlite3
from pathlib import Path

from extract.diff import DocumentRef, load_outputs
from extract.manifest import Folder
from extract.tables import met

TEMPLATE = Path(__file__).with_name("review.html")
_NEWLINES = str.maketrans({"\r": "\n"})


def build_review(out_dir: Path, source_root: Path | None = None) -> tuple[str, list[str]]:
    documents, notes = load_outputs(out_dir)
    absolute = _recorded_paths(out_dir)
    index: list[dict] = []
    packed: list[str] = []
    problems = list(notes)
    for position, ref in enumerate(sorted(documents.values(), key=lambda r: r.key)):
        if ref.file is None:
            index.append({"id": ref.key, "doc": None, "form": None, "file": ref.path,
                          "key": ref.key, "status": "failed", "name": ref.key,
                          "error": ref.error, "warnings": 0, "indicators": 0})
            packed.append("")
            continue
        document = ref.load()
        payload, problem = _payload(ref, document, source_root, absolute.get(ref.key), out_dir)
        if problem:
            problems.append(problem)
        packed.append(_pack(payload))
        index.extend(_entries(ref, document, position, payload["source_status"]))
    page = TEMPLATE.read_text(encoding="utf-8")
    return (page.replace("__TITLE__", _html(str(out_dir)))
            .replace("__INDEX__", _script_json(index))
            .replace("__DOCUMENTS__", _script_json(packed))), problems


def _entries(ref: DocumentRef, document: dict, position: int, source: str) -> list[dict]:
    common = {"doc": position, "file": ref.path, "key": ref.key, "source": source}
    doc_warnings = len(document.get("warnings", []))
    if not document["forms"]:
        return [{**common, "id": ref.key, "form": None, "status": "noforms",
                 "name": f"{ref.key} (no forms)", "warnings": doc_warnings, "indicators": 0}]
    return [{**common, "id": form["form_id"], "form": n, "status": "form",
             "kind": form["kind"], "type": form.get("form_type") or "target",
             "name": form.get("project_name") or form.get("title"),
             "indicators": len(form["indicators"]),
             "warnings": len(form["warnings"]) + doc_warnings,
             "total": (form.get("funding") or {}).get("total")}
            for n, form in enumerate(document["forms"])]


def _payload(ref: DocumentRef, document: dict, source_root: Path | None, absolute: str | None,
             out_dir: Path) -> tuple[dict, str | None]:
    source = document["source"]
    lines, status, found = _source_lines(ref, source, source_root, absolute, out_dir)
    problem = None
    hint = ("give --source-root DIR, the folder holding the inputs as they were extracted"
            if source_root is None else f"not under --source-root {source_root} either")
    if status == "changed":
        problem = (f"{ref.key}: source {found} has changed since extraction (sha256 differs); "
                   f"its lines are not shown; {hint}")
    elif status == "missing":
        problem = f"{ref.key}: source {source['path']} was not found; {hint}"
    forms = [{**form, "indicators": [{**item, "met": met(item.get("target"), item.get("actual"))}
                                     for item in form["indicators"]]}
             for form in document["forms"]]
    return {"path": source["path"], "key": ref.key, "layout": source.get("layout"),
            "format": source.get("format", "text"), "forms": forms,
            "warnings": document.get("warnings", []), "lines": lines, "source_status": status,
            "source_found": str(found) if found else None}, problem


def _recorded_paths(out_dir: Path) -> dict[str, str]:
    """key → the absolute input path the manifest recorded."""
    manifest = Folder(out_dir).manifest
    if not manifest.is_file():
        return {}
    try:
        db = sqlite3.connect(manifest.absolute().as_uri() + "?mode=ro", uri=True)
        try:
            return dict(db.execute("SELECT key, abspath FROM documents WHERE abspath IS NOT NULL"))
        finally:
            db.close()
    except sqlite3.Error:
        return {}


def _candidates(ref: DocumentRef, recorded: str, source_root: Path | None,
                absolute: str | None, out_dir: Path) -> list[Path]:
    path = Path(recorded)
    found = []
    if source_root is not None:
        found += [source_root / recorded, source_root / f"{ref.key}{path.suffix}",
                  source_root / path.name]
    if absolute:
        found.append(Path(absolute))
    found += [path, out_dir.parent / recorded]
    unique: list[Path] = []
    for candidate in found:
        if candidate not in unique:
            unique.append(candidate)
    return unique


def _source_lines(ref: DocumentRef, source: dict, source_root: Path | None,
                  absolute: str | None, out_dir: Path) -> tuple[list[str] | None, str, Path | None]:
    """(lines, status, file found): ok, changed (sha256 differs), missing, or not_text."""
    changed = None
    for candidate in _candidates(ref, source["path"], source_root, absolute, out_dir):
        try:
            data = candidate.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != source.get("sha256"):
            changed = changed or candidate
            continue
        if not source.get("encoding"):
            return None, "not_text", candidate
        return split_lines(data, source["encoding"]), "ok", candidate
    return None, ("changed" if changed else "missing"), changed


def split_lines(data: bytes, encoding: str) -> list[str]:
    """The source's lines as RECORD.md counts them: CRLF, CR and LF each end a line."""
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").translate(_NEWLINES).lstrip("\ufeff").split("\n")


def _pack(payload: dict) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(data, compresslevel=6, mtime=0)).decode("ascii")


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
