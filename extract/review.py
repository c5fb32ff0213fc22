"""A self-contained HTML page to check records against their source text.

Contract: `build_review(out_dir, source_root) -> str` (the page). It reads only
RECORD.md's JSON contract and the source files the documents name. The page
needs no server and makes no network request: every document's records and
source lines are gzip-compressed into the page and unpacked by the browser
only when one of its forms is opened; the form list is paginated, so an
archive of thousands of forms stays quick and the file stays compact.
"""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

from extract.diff import load_outputs
from extract.reader import UnreadableFile, read_source

TEMPLATE = Path(__file__).with_name("review.html")


def build_review(out_dir: Path, source_root: Path | None = None) -> str:
    documents = load_outputs(out_dir)
    index: list[dict] = []
    packed: list[str] = []
    for position, (path, document) in enumerate(sorted(documents.items())):
        payload = {"path": path, "layout": document["source"].get("layout"),
                   "forms": document["forms"], "warnings": document.get("warnings", []),
                   "lines": _source_lines(path, source_root, out_dir)}
        packed.append(_pack(payload))
        for form_position, form in enumerate(document["forms"]):
            index.append({
                "id": form["form_id"], "doc": position, "form": form_position, "file": path,
                "kind": form["kind"], "name": form.get("project_name") or form.get("title"),
                "indicators": len(form["indicators"]), "warnings": len(form["warnings"]),
                "total": (form.get("funding") or {}).get("total")})
    page = TEMPLATE.read_text(encoding="utf-8")
    return (page.replace("__TITLE__", _html(str(out_dir)))
            .replace("__INDEX__", _script_json(index))
            .replace("__DOCUMENTS__", _script_json(packed)))


def _source_lines(path: str, source_root: Path | None, out_dir: Path) -> list[str] | None:
    """The source's lines, decoded as the extractor decoded them; None if not found."""
    candidates = [Path(path)]
    if source_root:
        candidates.insert(0, source_root / path)
    candidates.append(out_dir.parent / path)
    for candidate in candidates:
        if candidate.is_file():
            try:
                return read_source(candidate).lines
            except UnreadableFile:
                return None
    return None


def _pack(payload: dict) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(data, compresslevel=6, mtime=0)).decode("ascii")


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
