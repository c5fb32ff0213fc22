"""The vocabulary (vocab.toml) as a validated model, and the key wording is compared on.

The vocabulary is data: a form family that prints a new label is one line in
vocab.toml, checked against `Vocabulary` when loaded, so a typo in a section
name fails loudly instead of silently matching nothing. Only extract/classify.py
matches cells against it; other modules read its word lists to build patterns.

`key(text)` is the form of a cell that wording is compared on: HTML tags,
whitespace and pinyin glued on by mirror sites (`項(xiàng)目`) are dropped,
full-width brackets, colons and percent signs become half-width, leading
markers (`*`, `★`) go, and traditional characters become simplified. Output
always keeps the source's own characters.
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from pathlib import Path

import opencc
import regex
from pydantic import BaseModel, ConfigDict, field_validator

VOCAB_PATH = Path(__file__).with_name("vocab.toml")

_TAG = regex.compile(r"</?[a-zA-Z][^>]*>|〈[^〉]*〉")
_PINYIN = regex.compile(r"(?<=\p{Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")
_SPACE = regex.compile(r"[\s\u3000\xa0\u200b]+")
_MARKERS = regex.compile(r"^[*★☆※]+")
class CharacterMap:
    """`str.translate` with a table, applied only where a search finds one of its characters:
    `translate` looks up every character, a regular expression search only skims, and most
    cells hold none of them."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.table = str.maketrans(mapping)
        self.signs = regex.compile("[" + regex.escape("".join(mapping)) + "]")

    def __call__(self, text: str) -> str:
        return text.translate(self.table) if self.signs.search(text) else text


_HALF_WIDTH = CharacterMap({"（": "(", "）": ")", "：": ":", "％": "%", "，": ",", "［": "[",
                            "］": "]", "【": "[", "】": "]", "〔": "[", "〕": "]", "／": "/",
                            "＝": "=", "＞": ">", "＜": "<", "．": ".", "—": "—"})
_NOTE = regex.compile(r"^(.+?)\(([^()]{1,16})\)$")
_CACHED_KEY_LENGTH = 64


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Umbrella(_Model):
    labels: list[str]


class Levels(_Model):
    level1: dict[str, list[str]]
    level2: dict[str, list[str]]
    level2_parent: dict[str, str]
    unmapped: WordList
    umbrella: Umbrella
    inference: dict[str, dict[str, list[str]]]
    value_units: dict[str, list[str]]
    prose_aspects: list[str]


class WordList(_Model):
    words: list[str]


class ColumnHints(_Model):
    basis: list[str]
    basis_openers: list[str]
    basis_closings: list[str]
    basis_options: list[str]
    name_endings: list[str]


class Units(_Model):
    multipliers: list[str]
    words: list[str]
    repeat: str


class Columns(_Model):
    roles: dict[str, list[str]]
    hints: ColumnHints
    scope: dict[str, list[str]]
    history_markers: WordList


class LabelList(_Model):
    """A list of labels under one table of the vocabulary."""

    labels: list[str]


class Hierarchy(_Model):
    heading: list[str]
    amount: list[str]


class Fields(_Model):
    labels: dict[str, list[str]]
    department_form: LabelList
    both_units: LabelList
    hierarchy: Hierarchy
    known: LabelList
    copulas: list[str]
    unit_endings: list[str]


class MoneyProse(_Model):
    keywords: list[str]
    weak: list[str]


class Money(_Model):
    block: list[str]
    total: list[str]
    sums: list[str]
    annual: list[str]
    budget: list[str]
    budget_initial: list[str]
    arrived: list[str]
    executed: list[str]
    rate: list[str]
    scope_own: list[str]
    scope_upper: list[str]
    line_prefixes: list[str]
    period_mid_term: list[str]
    period_annual: list[str]
    yuan_markers: list[str]
    unit_statement_labels: list[str]
    sources: dict[str, list[str]]
    prose: MoneyProse


class Plan(_Model):
    labels: list[str]


class Goals(_Model):
    annual: list[str]
    overall: list[str]
    long_term: list[str]
    mid_term: list[str]
    achieved: list[str]


class Titles(_Model):
    self_evaluation: list[str]
    department: list[str]
    project: list[str]
    notice: list[str]
    listing: list[str]
    subtable: list[str]
    foreign: list[str]
    name_prefixes: list[str]
    name_suffixes: list[str]
    prose_name: list[str]
    cover_department: list[str]
    signature: list[str]
    department_suffixes: list[str]


class TargetWords(_Model):
    ge: list[str]
    le: list[str]
    gt: list[str]
    lt: list[str]
    eq: list[str]
    suffix_ge: list[str]
    suffix_le: list[str]
    qualitative: list[str]
    qualitative_values: list[str]
    qualitative_modifiers: list[str]
    achieved_values: list[str]
    quantitative: list[str]
    kind_compounds: list[str]
    verbs: list[str]
    ocr_damaged: list[str]
    date_words: list[str]
    directions: list[str]
    lead_in: list[str]


class Marks(_Model):
    year: str
    month: str
    day: str
    wan: str
    yuan: str
    points: str
    goal_number: str
    indicator_number: str
    chinese_numerals: str
    ordinal_comma: str
    achieved: str
    byline: str
    project: str
    deadline_openers: list[str]
    period_openers: list[str]
    indicator_lookalikes: list[str]
    conjunctions: list[str]


class Judgements(_Model):
    met: list[str]
    unmet: list[str]


class Debris(_Model):
    fillers: list[str]
    numbered_marks: list[str]
    file_extensions: list[str]
    page_numbers: list[str]
    empty_cells: list[str]
    boilerplate: list[str]
    boilerplate_labels: list[str]
    ocr_rule_marks: str
    ocr_rule_quotes: str


class Characters(_Model):
    radical_lookalikes: str

    @field_validator("radical_lookalikes")
    @classmethod
    def _pairs(cls, value: str) -> str:
        if len(value) % 2 or not all("\u2e80" <= value[i] <= "\u2eff" for i in range(0, len(value), 2)):
            raise ValueError("radical_lookalikes holds pairs: a CJK Radicals Supplement radical, "
                             "then its character")
        return value


class Vocabulary(_Model):
    levels: Levels
    columns: Columns
    fields: Fields
    money: Money
    plan: Plan
    goals: Goals
    titles: Titles
    attributes: dict[str, tuple[str, str]]
    target: TargetWords
    units: Units
    marks: Marks
    debris: Debris
    judgements: Judgements
    characters: Characters


@cache
def vocabulary() -> Vocabulary:
    with VOCAB_PATH.open("rb") as handle:
        return Vocabulary.model_validate(tomllib.load(handle))


_TO_SIMPLIFIED = opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified (項目 → 项目); same length, so offsets carry over."""
    converted = _TO_SIMPLIFIED.convert(text)
    return converted if len(converted) == len(text) else text


def key(text: str) -> str:
    """The comparable form of a cell (see the module docstring)."""
    if len(text) <= _CACHED_KEY_LENGTH:
        return _cached_key(text)
    return _make_key(text)


@lru_cache(maxsize=1 << 15)
def _cached_key(text: str) -> str:
    return _make_key(text)


def _make_key(text: str) -> str:
    if "<" in text or "〈" in text:
        text = _TAG.sub("", text)
    if "(" in text:
        text = _PINYIN.sub("", text)
    text = _HALF_WIDTH(_SPACE.sub("", text))
    if "(" in text:
        text = _PINYIN.sub("", text)
    text = _MARKERS.sub("", text).rstrip(":")
    return to_simplified(text)


def strip_pinyin(text: str) -> str:
    """The printed text without pinyin glued on by mirror sites (for splitting, not output)."""
    return _PINYIN.sub("", text) if "(" in text else text


def pinyin_spans(text: str) -> list[tuple[int, int]]:
    """Where pinyin is glued on (`財(cái)政` → the span of `(cái)`), to map a match on the
    stripped text back to the printed one."""
    return [match.span() for match in _PINYIN.finditer(text)] if "(" in text else []


def split_note(label_key: str) -> tuple[str, str | None]:
    """`产出指标(50分)` → (`产出指标`, `50分`); a key without a trailing note → (key, None)."""
    match = _NOTE.match(label_key)
    return (match.group(1), match.group(2)) if match else (label_key, None)


@lru_cache(maxsize=64)
def compiled(patterns: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    """A vocabulary list of regular expressions, compiled once."""
    return tuple(regex.compile(pattern) for pattern in patterns)


def named(patterns: list[str], text: str) -> str | None:
    """The group `name` of the first of a vocabulary list of patterns that the text holds."""
    match = next((m for m in (pattern.search(text) for pattern in compiled(tuple(patterns))) if m), None)
    return match.group("name") if match else None
