"""What changed between two runs: documents, forms, fields, indicator rows, warnings.

Contract: `diff_outputs(old, new) -> (changes, notes)`, where each side is an
output folder or one JSON file. It reads only RECORD.md's JSON contract and
the folder's manifest, so outputs of older versions compare too.

Documents pair by key (`source.key`, the same whatever the spelling of the
input path), then, among the rest, by the sha256 of their source, so a moved
or renamed input is one document, not a removal and an addition. Forms pair
by aligning their sequence of keys (kind, project name or title, project
code), so one inserted form is one added form, not a shift of every form
after it. Indicator rows pair the same way on (scope, 一级, 二级, name). Line
numbers are reported, never compared: an edit above a form moves its lines
without changing it. A folder that holds no extraction output is an error,
never "no changes".
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import regex

from extract.manifest import INTERNAL, LEGACY_MANIFEST, read_documents

FORM_FIELDS = ("kind", "form_type", "title", "fiscal_year", "department", "implementing_unit",
               "project_name", "project_code", "unit_code", "category", "self_score")
_LINE_MENTION = regex.compile(r"\blines? \d+(?:-\d+)?")


class DiffError(Exception):
    """An output that cannot be compared; the message says which and why."""


@dataclass(frozen=True)
class Change:
    kind: str  # document_added/removed/failed/moved, form_added/removed, field, indicator_*, warning_*
    file: str  # the document's source path
    form: str | None = None
    label: str | None = None  # the form's project name or title, for people
    field: str | None = None
    old: Any = None
    new: Any = None
    line: int | None = None  # in the new source (the old one where the thing was removed)
    document: str | None = None  # the document key

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DocumentRef:
    """One document of an output: where its JSON is, and what identifies it."""

    key: str
    sha256: str | None
    file: Path | None  # its JSON; None for an input that failed
    path: str  # its source path as recorded
    error: str | None = None

    def load(self) -> dict:
        return load_document(self.file) if self.file else {}


def load_document(file: Path) -> dict:
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError) as error:
        raise DiffError(f"{file} is not readable JSON: {error}") from error
    if not is_document(data):
        raise DiffError(f"{file} is not an extractor document")
    return data


def is_document(data: object) -> bool:
    return isinstance(data, dict) and "forms" in data and "source" in data \
        and "schema_version" in data


def load_outputs(path: Path) -> tuple[dict[str, DocumentRef], list[str]]:
    """key → document of an output folder (or one JSON file), and notes for the user."""
    if path.is_file():
        data = load_document(path)
        key = data["source"].get("key") or path.stem
        return {key: DocumentRef(key, data["source"].get("sha256"), path,
                                 data["source"]["path"])}, []
    if not path.is_dir():
        raise DiffError(f"{path} does not exist")
    listed = read_documents(path)
    if listed is not None:
        rows, notes = listed
        return {row["key"]: DocumentRef(row["key"], row["sha256"],
                                        path / row["output"] if row["output"] else None,
                                        row["path"], row["error"] if not row["output"] else None)
                for row in rows}, notes
    documents = _scan(path)
    if not documents and not (path / LEGACY_MANIFEST).is_file():
        raise DiffError(f"{path} holds no extraction output (no manifest.sqlite and no document "
                        "JSON); give the folder `perfforms extract --out` wrote")
    return documents, []


def _scan(path: Path) -> dict[str, DocumentRef]:
    """Documents of a folder without a manifest (an earlier version's, or copied JSON)."""
    documents: dict[str, DocumentRef] = {}
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != INTERNAL and not d.endswith(".parquet"))
        for name in sorted(files):
            if not name.endswith(".json") or name == LEGACY_MANIFEST:
                continue
            file = Path(folder) / name
            try:
                data = json.loads(file.read_bytes())
            except (OSError, ValueError):
                continue
            if is_document(data):
                key = data["source"].get("key") or file.relative_to(path).with_suffix("").as_posix()
                documents[key] = DocumentRef(key, data["source"].get("sha256"), file,
                                             data["source"]["path"])
    return documents


def pair_documents(old: dict[str, DocumentRef], new: dict[str, DocumentRef]
                   ) -> list[tuple[DocumentRef | None, DocumentRef | None]]:
    """By key, then the rest by the sha256 of their source, then added and removed."""
    pairs = [(old[key], new[key]) for key in sorted(set(old) & set(new))]
    lone_old = [old[key] for key in sorted(set(old) - set(new))]
    lone_new = [new[key] for key in sorted(set(new) - set(old))]
    by_hash: dict[str, list[DocumentRef]] = {}
    for ref in lone_new:
        if ref.sha256:
            by_hash.setdefault(ref.sha256, []).append(ref)
    unpaired_old = []
    for ref in lone_old:
        match = by_hash.get(ref.sha256 or "")
        if match:
            partner = match.pop(0)
            lone_new.remove(partner)
            pairs.append((ref, partner))
        else:
            unpaired_old.append(ref)
    pairs += [(ref, None) for ref in unpaired_old] + [(None, ref) for ref in lone_new]
    return pairs


def diff_outputs(old_path: Path, new_path: Path) -> tuple[list[Change], list[str]]:
    (old, old_notes), (new, new_notes) = load_outputs(old_path), load_outputs(new_path)
    if old_path.is_file() and new_path.is_file():
        (old_ref,), (new_ref,) = old.values(), new.values()
        return diff_documents(new_ref.path, old_ref.load(), new_ref.load(), new_ref.key), []
    changes: list[Change] = []
    for old_ref, new_ref in pair_documents(old, new):
        changes.extend(_document_changes(old_ref, new_ref))
    return changes, old_notes + new_notes


def _document_changes(old: DocumentRef | None, new: DocumentRef | None) -> list[Change]:
    old_read = old is not None and old.file is not None
    new_read = new is not None and new.file is not None
    if old_read and not new_read:
        if new is not None:  # listed, but its input now fails
            return [Change("document_failed", new.path, old=_count(old), new=new.error,
                           document=new.key)]
        return [Change("document_removed", old.path, old=_count(old), document=old.key)]
    if new_read and not old_read:
        return [Change("document_added", new.path, new=_count(new), document=new.key)]
    if not (old_read and new_read):
        return []  # failed on both sides
    changes = []
    if old.key != new.key:
        changes.append(Change("document_moved", new.path, old=old.key, new=new.key,
                              document=new.key))
    return changes + diff_documents(new.path, old.load(), new.load(), new.key)


def _count(ref: DocumentRef) -> int:
    return len(ref.load().get("forms", [])) if ref.file else 0


def diff_documents(source: str, old: dict, new: dict, key: str | None = None) -> list[Change]:
    changes = _warning_changes(source, None, None, old.get("warnings", []),
                               new.get("warnings", []))
    for old_form, new_form in pair_forms(old["forms"], new["forms"]):
        if new_form is None:
            changes.append(Change("form_removed", source, old_form["form_id"], _label(old_form),
                                  line=old_form["lines"][0]))
        elif old_form is None:
            changes.append(Change("form_added", source, new_form["form_id"], _label(new_form),
                                  line=new_form["lines"][0]))
        else:
            changes.extend(diff_forms(source, old_form, new_form))
    return [Change(**{**c.as_dict(), "document": key}) for c in changes] if key else changes


def _form_key(form: dict) -> tuple:
    return (form.get("kind"), form.get("project_name") or form.get("title"),
            form.get("project_code"))


def _label(form: dict) -> str | None:
    return form.get("project_name") or form.get("title")


def pair_forms(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    return _align(old, new, _form_key)


def _align(old: list[dict], new: list[dict], key) -> list[tuple[dict | None, dict | None]]:
    """Pairs by the longest common runs of keys; within a replaced run, by position."""
    matcher = SequenceMatcher(a=[key(x) for x in old], b=[key(x) for x in new], autojunk=False)
    pairs: list[tuple[dict | None, dict | None]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        common = min(i2 - i1, j2 - j1) if op == "replace" else 0
        pairs.extend(zip(old[i1:i1 + common], new[j1:j1 + common], strict=True))
        pairs.extend((item, None) for item in old[i1 + common:i2])
        pairs.extend((None, item) for item in new[j1 + common:j2])
    return pairs


def _scalars(form: dict) -> dict[str, Any]:
    """The form's comparable values by dotted path (lines and provenance left out)."""
    values: dict[str, Any] = {name: form.get(name) for name in FORM_FIELDS}
    for name in ("continuity", "recurrence", "level"):
        values[f"attributes.{name}"] = (form.get("attributes") or {}).get(name)
    period = form.get("period") or {}
    values["period.start"], values["period.end"] = period.get("start"), period.get("end")
    funding = form.get("funding") or {}
    for name in ("total", "annual", "executed", "execution_rate"):
        values[f"funding.{name}"] = funding.get(name)
    values["funding.lines"] = [(line.get("source"), line.get("scope"), line.get("amount"))
                               for line in funding.get("lines", [])]
    values["spending_plan"] = [(p.get("checkpoint"), p.get("cumulative_pct"))
                               for p in form.get("spending_plan", [])]
    values["goals"] = [(g.get("scope"), g.get("label"), g.get("text")) for g in form.get("goals", [])]
    for name, value in (form.get("texts") or {}).items():
        values[f"texts.{name}"] = value
    for name, value in (form.get("contacts") or {}).items():
        values[f"contacts.{name}"] = value
    return values


def diff_forms(source: str, old: dict, new: dict) -> list[Change]:
    form_id, label = new["form_id"], _label(new)
    provenance = new.get("provenance") or {}
    changes = []
    old_values, new_values = _scalars(old), _scalars(new)
    for name, new_value in new_values.items():
        if old_values.get(name) != new_value:
            line = provenance.get(name) or provenance.get(name.split(".")[0]) or new["lines"][0]
            changes.append(Change("field", source, form_id, label, name, old_values.get(name),
                                  new_value, line))
    changes.extend(_indicator_changes(source, form_id, label, old.get("indicators", []),
                                      new.get("indicators", [])))
    changes.extend(_warning_changes(source, form_id, label, old.get("warnings", []),
                                    new.get("warnings", [])))
    return changes


def _indicator_key(row: dict) -> tuple:
    return (row.get("scope"), row.get("level1"), row.get("level2"), row.get("name"))


def _shape(value: dict | None) -> tuple:
    value = value or {}
    return value.get("op"), value.get("value"), value.get("unit"), value.get("text")


def _indicator_value(row: dict) -> tuple:
    return (_shape(row.get("target")), row.get("basis"), row.get("description"),
            json.dumps(row.get("history")), row.get("weight"), _shape(row.get("actual")),
            row.get("score"), row.get("deviation"))


def describe_indicator(row: dict) -> str:
    target = row.get("target") or {}
    value = target.get("raw") or target.get("text") or ""
    levels = "/".join(part for part in (row.get("level1"), row.get("level2")) if part)
    text = f"{levels} {row.get('name') or '(no name)'} {value}".strip()
    actual = row.get("actual") or {}
    extra = [f"{label} {shown}" for label, shown in (
        ("weight", row.get("weight")), ("actual", actual.get("raw") or actual.get("text")),
        ("score", row.get("score")), ("deviation", row.get("deviation"))) if shown]
    return text + (f" ({', '.join(extra)})" if extra else "")


def _indicator_changes(source: str, form_id: str, label: str | None, old: list[dict],
                       new: list[dict]) -> list[Change]:
    changes = []
    for old_row, new_row in _align(old, new, _indicator_key):
        if new_row is None:
            changes.append(Change("indicator_removed", source, form_id, label,
                                  old=describe_indicator(old_row), line=old_row.get("line")))
        elif old_row is None:
            changes.append(Change("indicator_added", source, form_id, label,
                                  new=describe_indicator(new_row), line=new_row.get("line")))
        elif (_indicator_key(old_row), _indicator_value(old_row)) != (
                _indicator_key(new_row), _indicator_value(new_row)):
            changes.append(Change("indicator_changed", source, form_id, label,
                                  old=describe_indicator(old_row), new=describe_indicator(new_row),
                                  line=new_row.get("line")))
    return changes


def _warning_key(warning: dict) -> tuple[str, str]:
    return warning.get("code", ""), _LINE_MENTION.sub("line #", warning.get("message", ""))


def _unmatched(items: list[dict], others: list[dict]) -> list[dict]:
    """The warnings of `items` with no equal warning left among `others`."""
    remaining = Counter(map(_warning_key, others))
    unmatched = []
    for item in items:
        key = _warning_key(item)
        if remaining[key]:
            remaining[key] -= 1
        else:
            unmatched.append(item)
    return unmatched


def _warning_changes(source: str, form_id: str | None, label: str | None, old: list[dict],
                     new: list[dict]) -> list[Change]:
    gained = [Change("warning_gained", source, form_id, label, w["code"], new=w["message"],
                     line=w.get("line")) for w in _unmatched(new, old)]
    lost = [Change("warning_lost", source, form_id, label, w["code"], old=w["message"],
                   line=w.get("line")) for w in _unmatched(old, new)]
    return gained + lost


def summary(changes: list[Change]) -> dict[str, int]:
    return dict(sorted(Counter(change.kind for change in changes).items()))


_SIGNS = {"document_added": "+", "document_removed": "-", "document_failed": "-",
          "document_moved": "~", "form_added": "+", "form_removed": "-",
          "field": "~", "indicator_added": "+", "indicator_removed": "-", "indicator_changed": "~",
          "warning_gained": "!", "warning_lost": "."}
_COLOURS = {"+": "green", "-": "red", "~": "yellow", "!": "magenta", ".": "cyan"}


def render_text(changes: list[Change], style=lambda text, **_: text) -> str:
    """Changes grouped by file and form; `style` (click.style) colours them on a terminal."""
    lines: list[str] = []
    current_file = current_form = None
    for change in changes:
        heading = (f"{change.document} ({change.file})" if change.document
                   and change.document != change.file else change.file)
        if heading != current_file:
            current_file, current_form = heading, None
            lines.append(style(heading, bold=True))
        if change.form and change.form != current_form and change.kind not in (
                "form_added", "form_removed"):
            current_form = change.form
            lines.append(f"  {change.form} {change.label or ''}".rstrip())
        sign = _SIGNS[change.kind]
        indent = "    " if change.form and change.kind not in ("form_added", "form_removed") else "  "
        where = f" (line {change.line})" if change.line else ""
        lines.append(style(f"{indent}{sign} {_describe(change)}{where}", fg=_COLOURS[sign]))
    return "\n".join(lines)


def _describe(change: Change) -> str:
    if change.kind == "field":
        return f"{change.field} {_show(change.old)} → {_show(change.new)}"
    if change.kind in ("form_added", "form_removed"):
        verb = "added" if change.kind == "form_added" else "removed"
        return f"form {change.form} {change.label or ''} {verb}"
    if change.kind == "document_failed":
        return f"document removed: its input now fails ({_show(change.new)})"
    if change.kind == "document_moved":
        return f"document moved: key {change.old} → {change.new} (same source sha256)"
    if change.kind in ("document_added", "document_removed"):
        count = change.new if change.kind == "document_added" else change.old
        verb = "added" if change.kind == "document_added" else "removed"
        return f"document {verb} ({count} forms)"
    if change.kind == "indicator_changed":
        return f"indicator {change.old} → {change.new}"
    if change.kind.startswith("indicator"):
        return f"indicator {change.new or change.old}"
    verb = "gained" if change.kind == "warning_gained" else "lost"
    return f"warning {verb}: {change.field}: {change.new or change.old}"


def _show(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, list):
        return "[" + "; ".join(" ".join(str(part) for part in item if part is not None)
                               for item in value) + "]"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"
