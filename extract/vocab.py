"""Load the shared vocabulary (vocab.toml) once and answer label questions.

Label matching is done on a *key*: the text with all whitespace, HTML tags and
full-width/half-width bracket differences removed, so that `合 计`, `合计` and
`<u>合计</u>` are one label. Damaged labels fall back to rapidfuzz, but only
for short cells, so a sentence that happens to contain a label never matches.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import opencc
import regex
from rapidfuzz import fuzz, process

_ENDS_LIKE_LABEL = regex.compile(r"指[标怀示]?$|标$")
_ONE_JUNK_CHARACTER = regex.compile(r"^[^\p{Han}]*\p{Han}?[^\p{Han}]*")
_MEANINGFUL = regex.compile(r"[\p{Han}\p{L}\d%％≥≤<>＜＞=]")
_LABEL_COLON_VALUE = regex.compile(r"^\s*[-•]?\s*([^:：]{2,24}?)\s*[:：]\s*(.*)$", flags=regex.S)

VOCAB_PATH = Path(__file__).with_name("vocab.toml")

_TAG = regex.compile(r"</?[a-zA-Z][^>]*>")
_SPACE = regex.compile(r"[\s\u3000\xa0]+")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "：": ":", "％": "%"})


_TO_SIMPLIFIED = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional → simplified, character for character (項目 → 项目)."""
    return _TO_SIMPLIFIED.convert(text)


@lru_cache(maxsize=1 << 16)
def label_key(text: str) -> str:
    """The form of a cell used to compare it with a label.

    Traditional characters (項目名稱) compare as simplified (项目名称); the
    output keeps the source's own characters.
    """
    key = _SPACE.sub("", _TAG.sub("", text)).translate(_BRACKETS)
    return to_simplified(key) if len(key) <= 64 else key


@dataclass(frozen=True)
class Vocabulary:
    raw: dict

    def section(self, name: str) -> dict:
        return self.raw[name]

    @property
    def level2_parent(self) -> dict[str, str]:
        return self.raw["level2_parent"]


@cache
def vocabulary() -> Vocabulary:
    with VOCAB_PATH.open("rb") as handle:
        return Vocabulary(tomllib.load(handle))


@cache
def _variant_table(section: str) -> dict[str, str]:
    """Map each printed variant's key to its canonical name."""
    table: dict[str, str] = {}
    for canonical, variants in vocabulary().section(section).items():
        for variant in [canonical, *variants]:
            table.setdefault(label_key(variant), canonical)
    return table


@lru_cache(maxsize=1 << 16)
def match_label(text: str, section: str, *, fuzzy_cutoff: float = 86.0) -> str | None:
    """Canonical name of a level-1 / level-2 label, or None.

    A fuzzy match is only tried for cells that end in 指标 (or a damaged
    form of it) and are short, so a 三级 name such as 服务对象满意度 is never
    mistaken for a label.
    """
    key = label_key(text)
    if not key or len(key) > 12:
        return None
    table = _variant_table(section)
    if key in table:
        return table[key]
    doubled = _after_fragment(key, table)
    if doubled:
        return doubled
    if not _ENDS_LIKE_LABEL.search(key):
        return None
    best = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=fuzzy_cutoff)
    return table[best[0]] if best else None


def _after_fragment(key: str, table: dict[str, str]) -> str | None:
    """`出指标产出指标`: a label printed after a broken copy of a label's tail."""
    for variant, canonical in table.items():
        if len(variant) >= 4 and key.endswith(variant) and key != variant:
            prefix = key[: -len(variant)]
            if any(other.endswith(prefix) for other in table):
                return canonical
    return None


@cache
def keyed_labels(section: str) -> tuple[tuple[str, str], ...]:
    """(label key, name) for every printed label of a section, longest first, so
    项目实施单位 is tried before 实施单位."""
    pairs = {(label_key(label), name)
             for name, labels in vocabulary().section(section).items() for label in labels}
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair)))


@lru_cache(maxsize=1 << 16)
def field_of_label(text: str, section: str = "header_labels", *, exact: bool = True) -> str | None:
    """Which field a label cell introduces (`项目名称` → project_name).

    With exact=False the cell may carry more after the label (`项目概况(…)`),
    but must start with it.
    """
    key = label_key(text).rstrip(":")
    for label, field in keyed_labels(section):
        if key == label or (not exact and key.startswith(label)):
            return field
    junk_prefix = _ONE_JUNK_CHARACTER.sub("", key)
    for label, field in keyed_labels(section):
        if len(label) >= 4 and junk_prefix == label and len(key) - len(label) <= 3:
            return field
    return None


@lru_cache(maxsize=1 << 16)
def is_junk(text: str) -> bool:
    """OCR debris: no Han character, letter, digit, percent or comparator."""
    return not _MEANINGFUL.search(text)


@lru_cache(maxsize=1 << 16)
def split_label_value(text: str, section: str = "header_labels") -> tuple[str, str] | None:
    """Split `部门(单位)名称(盖章): 柳北区科技局` into (field, value)."""
    match = _LABEL_COLON_VALUE.match(text)
    if not match:
        return None
    field = field_of_label(match.group(1), section)
    return (field, match.group(2)) if field else None
