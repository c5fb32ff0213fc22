"""Classification: what one cell's text is, read once against the vocabulary.

`classify(text)` returns the cell's `Tags`: every reading the vocabulary
allows (a label of a header field, a level-1/level-2 name, an indicator-table
column heading, a money or goal label, a form title, an operator, a number, a
target, a unit, numbering, debris) and one coarse `shape` that table assembly
aligns columns by. It is the only module that matches wording against
vocab.toml; everything downstream reads tags. A cell may carry several
readings (`成本指标` is a level-1 and a level-2 name, `项目名称` a field label
and a column heading): the stage that knows the context picks.

Damaged wording is met by normalisation (vocab.key) and by fuzzy matching
(rapidfuzz) of short cells against the same lists, never by listing damage.
Results are cached per text for short cells only, so memory stays bounded.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import regex
from rapidfuzz import fuzz, process

from extract.normalise import (
    clean_text,
    compact_target,
    is_unit,
    operator_of,
    parse_amount,
    parse_number,
    parse_target,
)
from extract.settings import SETTINGS
from extract.tokens import tokenize
from extract.vocab import compiled, key, split_note, to_simplified, vocabulary
from schemas.record import Target

Shape = str  # empty | label | op | quant | number | unit | direction | numbering | short | long


@dataclass(frozen=True, slots=True)
class Tags:
    key: str
    shape: Shape
    level1: str | None = None
    level2: str | None = None
    umbrella: bool = False
    level_combined: bool = False
    soft_level: bool = False
    column: str | None = None
    field: str | None = None
    inline: tuple[tuple[str, str], ...] = ()
    known_label: bool = False
    money: str | None = None
    source: str | None = None
    scope: str | None = None
    goal: str | None = None
    achieved: bool = False
    plan: bool = False
    title: str | None = None
    self_evaluation: bool = False
    op: str | None = None
    qualitative_marker: bool = False
    direction: bool = False
    number: Decimal | None = None
    amount: Decimal | None = None
    in_yuan: bool = False
    target: Target | None = None
    unit: bool = False
    numbering: bool = False
    masked: bool = False
    boilerplate: bool = False
    basis_like: bool = False
    lead_in: bool = False  # `达到目标值`: what a 指标说明 cell says before the value
    value_phrase: bool = False  # `持续改善`, `2024年12月20日`: a value, never a name
    history_heading: bool = False

    @property
    def is_level(self) -> bool:
        return self.level1 is not None or self.level2 is not None or self.umbrella

    @property
    def is_label(self) -> bool:
        """Wording a form prints as a label, not as a value."""
        return bool(self.field or self.known_label or self.money or self.goal or self.plan
                    or self.column or self.is_level or self.achieved)


EMPTY = Tags(key="", shape="empty")


def classify(text: str) -> Tags:
    """The tags of one cell's (cleaned) text."""
    if len(text) <= _CACHED_CELL_LENGTH:
        return _classify_cached(text)
    return _classify(text) if text.strip() else EMPTY


COMPARATOR_SIGNS = "≥≤<>=≧≦＞＜"  # a value's comparator printed as a sign

# patterns used on every cell, compiled once (an inline pattern costs a cache lookup a call)
_READABLE = regex.compile(r"[\p{Han}\p{L}\d%≥≤<>=≧≦═]")  # a cell with anything but filler
_LEADING_DASHES = regex.compile(r"^[=\-—]+")
_SENTENCE_MARK = regex.compile(r"[。；;]")
_YEAR = regex.compile(r"(?:19|20)\d{2}")
_TEXT_FOLLOWS = regex.compile(r"[\p{Han}\d(]")


@cache
def _year_heading() -> regex.Pattern[str]:
    return regex.compile(rf"(?:19|20)\d{{2}}{regex.escape(vocabulary().marks.year)}?")


_CACHED_CELL_LENGTH = SETTINGS.cached_cell_length  # read once: `classify` runs per cell and stage


@lru_cache(maxsize=1 << 15)
def _classify_cached(text: str) -> Tags:
    return _classify(text) if text.strip() else EMPTY


def _classify(text: str) -> Tags:
    cell_key = key(text)
    if not cell_key or cell_key in _fillers() or not _READABLE.search(cell_key) \
            or _numbered_mark().fullmatch(cell_key) or page_number(text):
        return Tags(key=cell_key, shape="empty")
    short = len(cell_key) <= SETTINGS.max_label_length
    readings: dict[str, object] = {}
    if short:
        readings.update(_label_readings(cell_key))
    else:
        readings.update(_long_readings(cell_key))
    readings.update(_value_readings(text, cell_key))
    if any(word in cell_key for word in _boilerplate_words()) or \
            cell_key.startswith(_boilerplate_labels()):
        readings["boilerplate"] = True
    if _basis_like(cell_key):
        readings["basis_like"] = True
    if _history_heading(cell_key):
        readings["history_heading"] = True
    if cell_key in _lead_in_keys():
        readings["lead_in"] = True
    inline = inline_pairs(text)
    if inline:
        readings["inline"] = inline
    return Tags(key=cell_key, shape=_shape(cell_key, readings), **readings)


# ---------------------------------------------------------------- labels


def _label_readings(cell_key: str) -> dict[str, object]:
    readings: dict[str, object] = {}
    level1, level2, umbrella = level_of(cell_key)
    if level1 or level2 or umbrella:
        stem = split_note(cell_key)[0]
        readings.update(level1=level1, level2=level2, umbrella=umbrella,
                        level_combined=_combined_level(stem) is not None and not _direct_level(stem),
                        soft_level=not stem.endswith(vocabulary().marks.indicator_number))
    column = column_role(cell_key)
    if column:
        readings["column"] = column
    field = field_of(cell_key)
    if field:
        readings["field"] = field
    elif _is_known(cell_key):
        readings["known_label"] = True
    money = money_role(cell_key)
    if money:
        readings["money"], readings["source"] = money
    goal = goal_of(cell_key)
    if goal:
        readings["goal"] = goal
    if _starts_with_any(cell_key, vocabulary().goals.achieved):
        readings["achieved"] = True
    if _starts_with_any(cell_key, vocabulary().plan.labels):
        readings["plan"] = True
    scope = scope_of(cell_key)
    if scope:
        readings["scope"] = scope
    readings.update(_title_readings(cell_key))
    return readings


def _long_readings(cell_key: str) -> dict[str, object]:
    readings: dict[str, object] = dict(_title_readings(cell_key))
    field = field_of(cell_key, prefix=True)
    if field in _TEXT_FIELDS:
        readings["field"] = field
    return readings


_TEXT_FIELDS = ("overview", "schedule", "explanation")


@cache
def _level_tables() -> tuple[dict[str, str], dict[str, str]]:
    levels = vocabulary().levels
    tables = []
    for section in (levels.level1, levels.level2):
        table: dict[str, str] = {}
        for canonical, variants in section.items():
            for variant in (canonical, *variants):
                table.setdefault(key(variant), canonical)
        tables.append(table)
    return tables[0], tables[1]


@lru_cache(maxsize=1 << 14)
def level_of(cell_key: str) -> tuple[str | None, str | None, bool]:
    """(level-1, level-2, umbrella) a label names.

    `产出指标(50分)` names 产出指标; `产出数量指标` names both 产出指标 and
    数量指标; `数量指标 (必填硬性指标)` names 数量指标.
    """
    stem, _ = split_note(cell_key)
    stem = _strip_ordinal(stem) or stem  # `一、产出指标`, `1.数量目标`: numbered groups
    stem = _LEVEL_CODE.sub("", stem) or stem  # `01 产出指标`, `0101 数量指标`: a budget system's codes
    if len(stem) > SETTINGS.max_level_length:
        return None, None, False
    if stem in _umbrella_keys():
        return None, None, True
    level1_table, level2_table = _level_tables()
    level1, level2 = level1_table.get(stem), level2_table.get(stem)
    if level1 or level2:
        return level1, level2, False
    if stem in _unmapped_level1():
        return stem, None, False
    combined = _combined_level(stem)
    if combined:
        return combined[0], combined[1], False
    fuzzy = _fuzzy_level(stem)
    return fuzzy if fuzzy != (None, None, False) else _damaged_level(stem)


@cache
def _umbrella_keys() -> frozenset[str]:
    return frozenset(key(label) for label in vocabulary().levels.umbrella.labels)


def _damaged_level(stem: str) -> tuple[str | None, str | None, bool]:
    """A level label an OCR engine damaged in one place: its 指标 (`产出指杯`, `效益指木示`),
    its last character lost (`效益指`: lost, or wrapped onto a line of its own and read
    apart) or one character of its name before an intact 指标 (`质重指标`), where that
    repair names one level only."""
    if not _LEVEL_SHAPE.search(stem):
        return None, None, False
    level1_table, level2_table = _level_tables()
    mark = vocabulary().marks.indicator_number
    lost_end = [stem + mark[1:]] if len(mark) == 2 and stem.endswith(mark[0]) else []
    for candidate in (*repaired_marks(stem), *lost_end, *_one_off_heads(stem)):
        level1, level2 = level1_table.get(candidate), level2_table.get(candidate)
        if level1 or level2:
            return level1, level2, False
    return None, None, False


_LEVEL_SHAPE = regex.compile(r"^\p{Han}{2,8}$")


def repaired_marks(text: str) -> list[str]:
    """The text with a damaged 指标 repaired, each way it may have been damaged: one of its
    two characters misread (`指杯`, `拍标`) or 标 split in two (`指木示`)."""
    marks = vocabulary().marks
    mark = marks.indicator_number
    if len(mark) != 2 or mark in text or any(word in text for word in marks.indicator_lookalikes):
        return []
    first, second = mark
    found = []
    for index, char in enumerate(text[:-1]):
        if char == first:
            found.append(text[:index] + mark + text[index + 2:])  # 指杯 → 指标
            if index + 3 <= len(text):
                found.append(text[:index] + mark + text[index + 3:])  # 指木示 → 指标
        elif text[index + 1] == second:
            found.append(text[:index] + mark + text[index + 2:])  # 拍标 → 指标
    return list(dict.fromkeys(found))[:_MAX_REPAIRS]


_MAX_REPAIRS = 6


def _one_off_heads(stem: str) -> list[str]:
    """`质重指标` → `质量指标`: the level names that differ from the stem in one character of
    the name before an intact 指标, where exactly one does."""
    mark = vocabulary().marks.indicator_number
    if not stem.endswith(mark) or len(stem) - len(mark) < 2:
        return []
    matches = {name for name in _level_names_with_mark() if len(name) == len(stem)
               and sum(a != b for a, b in zip(name, stem, strict=True)) == 1}
    level1_table, level2_table = _level_tables()
    meanings = {(level1_table.get(name), level2_table.get(name)) for name in matches}
    return sorted(matches) if len(meanings) == 1 else []


@cache
def _level_names_with_mark() -> tuple[str, ...]:
    mark = vocabulary().marks.indicator_number
    level1_table, level2_table = _level_tables()
    return tuple(sorted(name for name in {*level1_table, *level2_table} if name.endswith(mark)))


@cache
def _unmapped_level1() -> frozenset[str]:
    return frozenset(key(word) for word in vocabulary().levels.unmapped.words)


def _direct_level(stem: str) -> bool:
    level1_table, level2_table = _level_tables()
    return stem in level1_table or stem in level2_table


def _combined_level(stem: str) -> tuple[str, str] | None:
    """`产出数量指标`: a level-1 stem run into a level-2 name; `产出指标-成本指标`, the two
    parted by a dash (a template that writes both levels in one 分类 cell)."""
    level1_table, level2_table = _level_tables()
    for variant, level1 in level1_table.items():
        if stem.startswith(variant) and stem != variant:
            rest = _LEVEL_PARTING.sub("", stem[len(variant):])
            if rest in level2_table and len(rest) >= 2:
                return level1, level2_table[rest]
    return None


_LEVEL_PARTING = regex.compile(r"^[-—－–/／·:：、]+")


def _fuzzy_level(stem: str) -> tuple[str | None, str | None, bool]:
    """A damaged label (`服务对象满意度指怀`): close to one name, and shaped like a label."""
    if len(stem) < 4:
        return None, None, False
    level1_table, level2_table = _level_tables()
    indicator_mark = vocabulary().marks.indicator_number
    if indicator_mark[0] not in stem and indicator_mark[-1] not in stem:
        return None, None, False
    cutoff = SETTINGS.fuzzy_level_cutoff
    best2 = process.extractOne(stem, list(level2_table), scorer=fuzz.ratio, score_cutoff=cutoff)
    best1 = process.extractOne(stem, list(level1_table), scorer=fuzz.ratio, score_cutoff=cutoff)
    if best1 and best2 and best1[0] == best2[0]:  # `满意度指`: a name both levels use, as read whole
        return level1_table[best1[0]], level2_table[best2[0]], False
    if best2 and (not best1 or best2[1] >= best1[1]):
        return None, level2_table[best2[0]], False
    if best1:
        return level1_table[best1[0]], None, False
    return None, None, False


@cache
def _role_words() -> tuple[tuple[str, str], ...]:
    """(word key, role), longest first."""
    pairs = {(key(word), role) for role, words in vocabulary().columns.roles.items()
             for word in words}
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair)))


@lru_cache(maxsize=1 << 14)
def column_role(cell_key: str) -> str | None:
    """The indicator-table column a header cell names (`三级指标` → name)."""
    stripped = _LEADING_DASHES.sub("", cell_key)
    stem, _ = split_note(stripped)
    words = _role_words()
    for candidate in (stripped, stem):
        for word, role in words:
            if candidate == word:
                return role
    if len(stripped) > SETTINGS.max_column_heading_length:
        if stem == stripped or len(stem) > SETTINGS.max_column_heading_length:
            return None
        stripped = stem  # `中期指标值(2024-2026年)`: a heading and its note
    by_word = dict(words)
    for word, role in words:  # `指标值上年`: a group heading glued to its sub-heading
        if stripped.endswith(word) and stripped[:-len(word)] in by_word:
            return role
    for word, role in words:
        if len(word) >= 3 and (stripped.startswith(word) or stripped.endswith(word)):
            return _cut_heading_role(stripped, words) or role
    for candidate in repaired_marks(stripped):  # `一级指杯`, `年度指杯值`: a damaged 指标
        for word, role in words:
            if candidate == word:
                return role
    return None


def _cut_heading_role(stripped: str, words: tuple[tuple[str, str], ...]) -> str | None:
    """`指标值确`: the first line of a longer heading a narrow cell wrapped (指标值确定依据, a
    basis), though it opens with a shorter one (指标值, the target): the longer one's role,
    where every heading it may be the start of names the same column."""
    roles = {role for word, role in words if len(word) > len(stripped) and word.startswith(stripped)}
    return roles.pop() if len(roles) == 1 else None


@lru_cache(maxsize=1 << 12)
def listed_heading(text: str) -> bool:
    """The text is a column heading as the vocabulary lists it (no fuzzy reading)."""
    return _listed_role(key(text)) is not None


def _listed_role(cell_key: str) -> str | None:
    """The column a heading names as the vocabulary lists it, its note in brackets aside
    (`指标值(包含数字及文字描述)`)."""
    by_word = _role_table()
    return by_word.get(cell_key) or by_word.get(split_note(cell_key)[0])


def bracketed_note(text: str) -> bool:
    """`(≥/≤/=/定性)`, `（2025—2027年）`: a note in brackets and nothing else, the part of a
    heading or label a line or a gap cut off."""
    return _BRACKETED_NOTE.fullmatch(text) is not None


_BRACKETED_NOTE = regex.compile(r"[(（][^()（）]*[)）]")


def listed_heading_role(text: str) -> str | None:
    """The column a heading names as the vocabulary lists it, with no damage forgiven."""
    return _listed_role(key(text))


@cache
def _role_table() -> dict[str, str]:
    return dict(_role_words())


@lru_cache(maxsize=1 << 12)
def whole_heading_role(text: str) -> str | None:
    """The column a heading names as a whole word, or one OCR damaged by a character
    (`预计当4年实现` for 预计当年实现值) — not by a prefix: pieces of a cut heading are joined
    only where together they are one heading (`三级指 | 标`), not a heading and more.
    Cached: table assembly asks it of each header piece and of their joins, again per row."""
    cell_key = key(text)
    listed = _listed_role(cell_key)
    if listed is not None:
        return listed
    if len(cell_key) < _FUZZY_HEADING_LENGTH:
        return None
    best = process.extractOne(cell_key, _long_role_words(), scorer=fuzz.ratio,
                              score_cutoff=SETTINGS.fuzzy_heading_cutoff)
    return _role_table()[best[0]] if best else None


@lru_cache(maxsize=1 << 12)
def misread_heading_role(text: str) -> str | None:
    """The column a short heading names with one character misread in place (`年度指标什`
    for 年度指标值; `whole_heading_role`'s ratio needs seven characters to forgive one, and
    a misread keeps the length). Asked of one cell of a header row, never of pieces joined
    (`绩效指标` + `差` is no 绩效指标值)."""
    cell_key = key(text)
    if len(cell_key) < _FUZZY_HEADING_LENGTH:
        return None
    misread = [word for word in _long_role_words() if len(word) == len(cell_key)
               and sum(a != b for a, b in zip(word, cell_key, strict=True)) == 1]
    roles = {_role_table()[word] for word in misread}
    return roles.pop() if len(roles) == 1 else None


@cache
def _long_role_words() -> tuple[str, ...]:
    """The headings long enough to be matched despite a damaged character."""
    return tuple(word for word, _ in _role_words() if len(word) >= _FUZZY_HEADING_LENGTH)


_FUZZY_HEADING_LENGTH = 5


@cache
def _field_words() -> tuple[tuple[str, str], ...]:
    pairs = {(key(label), field) for field, labels in vocabulary().fields.labels.items()
             for label in labels}
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair)))


@lru_cache(maxsize=1 << 14)
def field_of(cell_key: str, prefix: bool = False) -> str | None:
    """Which header field a label cell introduces (`项目名称` → project_name)."""
    stem, _ = split_note(cell_key)
    for word, field in _field_words():
        if cell_key == word or stem == word:
            return field
    if prefix:
        return next((field for word, field in _field_words()
                     if len(word) >= 4 and cell_key.startswith(word)), None)
    if len(cell_key) >= 4:
        choices = [word for word, _ in _field_words() if len(word) >= 4]
        best = process.extractOne(cell_key, choices, scorer=fuzz.ratio,
                                  score_cutoff=SETTINGS.fuzzy_label_cutoff)
        if best:
            return dict(_field_words())[best[0]]
    return None


def is_listed_label(text: str) -> bool:
    """The text is a field label exactly as the vocabulary lists it (`部门(单位)名称`)."""
    return key(text) in dict(_field_words())


@lru_cache(maxsize=1 << 12)
def pointed_levels(name: str) -> frozenset[tuple[str, str]]:
    """(level-1, level-2) pairs whose words an indicator's name holds (`…完成时间` → 产出指标 /
    时效指标): what the name says of its place where the table's layout leaves it open."""
    words = set(tokenize(name))
    return frozenset((level1, level2) for level1, table in vocabulary().levels.inference.items()
                     for level2, hints in table.items()
                     if any(hint in words or hint in name for hint in hints))


def headings_apart(cells: list[str]) -> list[str]:
    """A laid-out line's cells with the column headings a narrow gap left one space apart
    (`年度指标值 实际完成值`) parted, where the line's other gaps are mostly runs of spaces:
    on a line parted mostly by single spaces (OCR's), and in any other text, cells stay
    whole."""
    parted = [_parted_headings(cell) for cell in cells]
    narrow = sum(len(parts) - 1 for parts in parted)
    if not narrow or len(cells) < _RUNS_PER_NARROW_GAP * narrow:
        return cells
    return [part for parts in parted for part in parts]


_RUNS_PER_NARROW_GAP = 2


def _parted_headings(text: str) -> list[str]:
    parts = text.split(" ")
    if len(parts) > 1 and all(_HAN_EDGES.match(part) and whole_heading_role(part) for part in parts):
        return parts
    return [text]


_HAN_EDGES = regex.compile(r"^\p{Han}.*\p{Han}$")


@lru_cache(maxsize=1 << 12)
def opens_level_label(text: str) -> bool:
    """The text is a level label (or the side label `绩效指标`), or its opening short of the
    closing `指标` or `标` that its narrow cell wrapped onto another line (`服务对象满意度指`,
    `绩效指`)."""
    mark = vocabulary().marks.indicator_number
    return any(level_label(text + mark[cut:]) for cut in range(len(mark) + 1))


def level_label(text: str) -> bool:
    """The text is a level label (not a bare word that may be a name too) or the side label."""
    tags = classify(text)
    return tags.is_level and not tags.soft_level or tags.umbrella


@lru_cache(maxsize=1 << 12)
def whole_label(text: str) -> bool:
    """The text is a label exactly as the vocabulary lists it (a field, money, goal or other
    known label), so a piece cut off it at a gap (`项目名 | 称`) is told from a label and
    its value (`单位名称 | 局`)."""
    cell_key = key(text)
    return cell_key in dict(_field_words()) or cell_key in _known_words() \
        or cell_key in dict(_money_words()) or cell_key in dict(_goal_words())


def _basis_like(cell_key: str) -> bool:
    """Words a basis (指标值确定依据) is made of: a short text holding one of them (`行业标准`),
    or a longer one that opens as a basis does (`按营养改善计划资金管理办法确定`)."""
    hints = vocabulary().columns.hints
    if cell_key in hints.basis_options:
        return True
    if not _holds_basis(cell_key):
        return False
    return len(cell_key) <= SETTINGS.short_text_length or \
        len(cell_key) <= SETTINGS.short_text_length * 2 and cell_key.startswith(tuple(hints.basis_openers))


def framed_basis(text: str) -> bool:
    """`按服务对象满意度评价`: a basis that opens and closes as one does (vocab basis_openers,
    basis_closings), whatever label stands inside it."""
    hints = vocabulary().columns.hints
    return text.startswith(tuple(hints.basis_openers)) and text.endswith(tuple(hints.basis_closings))


def ends_as_name(text: str) -> bool:
    """The text ends as an indicator's name does (`…覆盖率`, `…人数`: vocab name_endings)."""
    return text.endswith(tuple(vocabulary().columns.hints.name_endings))


def completes_name(head: str, tail: str) -> bool:
    """The tail ends a name the head does not end alone (`…竣工验收` / `合格率`)."""
    return not ends_as_name(head) and ends_as_name(head + tail)


@cache
def qualitative_words(shortest: int = 1) -> tuple[str, ...]:
    """The qualitative values the vocabulary knows (`target.qualitative_values`) of at least
    `shortest` characters, longest first."""
    return tuple(sorted((word for word in vocabulary().target.qualitative_values if len(word) >= shortest),
                        key=len, reverse=True))


# the fields that name a body (a department, the unit that carries a project out)
UNIT_FIELDS = ("department", "implementing_unit")


def ends_as_unit(text: str) -> bool:
    """The text ends as a body's name does (`…技术推广站`, `…人民政府`: vocab unit_endings)."""
    return text.endswith(tuple(vocabulary().fields.unit_endings))


def holds_basis_word(text: str) -> bool:
    """The text holds a word a basis is made of (`历史标准：2023年7.6`), however long."""
    return _holds_basis(key(text))


def _holds_basis(cell_key: str) -> bool:
    return any(word in cell_key for word in vocabulary().columns.hints.basis)


def listed_level(text: str) -> bool:
    """The text is a level label as the vocabulary lists it (not a piece of one that fuzzy
    matching reads as the whole: `意度指标` is no listed label, `质量指标` is)."""
    stem, _ = split_note(key(text))
    level1_table, level2_table = _level_tables()
    return stem in level1_table or stem in level2_table or stem in _unmapped_level1() \
        or stem in _umbrella_keys()


def _is_known(cell_key: str) -> bool:
    stem, _ = split_note(cell_key)
    return any(cell_key.startswith(word) or stem == word for word in _known_words())


@cache
def _known_words() -> tuple[str, ...]:
    return tuple(key(label) for label in vocabulary().fields.known.labels)


@cache
def _money_words() -> tuple[tuple[str, str], ...]:
    money = vocabulary().money
    pairs = [(key(word), role) for role in ("rate", "executed", "budget", "budget_initial", "arrived",
                                            "annual", "total", "block")
             for word in getattr(money, role)]
    return tuple(sorted(set(pairs), key=lambda pair: (-len(pair[0]), pair)))


@cache
def _source_words() -> tuple[tuple[str, str], ...]:
    pairs = [(key(variant), canonical) for canonical, variants in vocabulary().money.sources.items()
             for variant in variants]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def money_role(cell_key: str) -> tuple[str, str | None] | None:
    """(role, funding source) of a money label: total / annual / budget / executed / rate /
    block / source / scope_own / scope_upper."""
    text = _strip_ordinal(_strip_line_prefix(cell_key))
    stem = split_note(text)[0]
    for word, role in _money_words():
        if text == word or stem == word or text.startswith(word) and not _han_at(text, len(word)):
            return role, None
    for word, source in _source_words():
        if word in text and len(text) <= len(word) + SETTINGS.max_money_label_extra:
            return "source", source
    money = vocabulary().money
    if any(key(word) in (text, stem) for word in money.scope_upper):
        return "scope_upper", None
    if any(key(word) in (text, stem) or text.endswith(key(word)) and len(text) - len(key(word))
           <= SETTINGS.max_money_label_extra for word in money.scope_own):
        return "scope_own", None
    return None


def _han_at(text: str, position: int) -> bool:
    return position < len(text) and regex.match(r"\p{Han}", text[position]) is not None


@cache
def _line_prefix() -> regex.Pattern[str]:
    words = "|".join(regex.escape(key(word)) for word in vocabulary().money.line_prefixes)
    return regex.compile(rf"^(?:{words}):?")


def _strip_line_prefix(text: str) -> str:
    """`其中:财政拨款` → `财政拨款`."""
    return _line_prefix().sub("", text)


@cache
def _ordinal_prefix() -> regex.Pattern[str]:
    numerals = regex.escape(vocabulary().marks.chinese_numerals)
    comma = regex.escape(vocabulary().marks.ordinal_comma)
    return regex.compile(rf"^(?:\(?[{numerals}\d]+[){comma}.]|[{numerals}]{comma})")


# a budget system's code before a level label (`01`, `0101`: zero-led, as codes are, not
# a row's figures run into the label), its digits run into the label's first character
_LEVEL_CODE = regex.compile(r"^0\d{1,7}(?=\p{Han})")


def _strip_ordinal(text: str) -> str:
    return _ordinal_prefix().sub("", text)


def run_in_level(text: str) -> tuple[Tags, str] | None:
    """(the label's tags, the text after it) of a sentence led by a level label and a colon
    (`1.产出指标：…`) or a full stop (`（一）产出指标。数量方面，…`: a run-in heading)."""
    text = strip_list_number(text).replace("：", ":")
    label, colon, rest = text.partition(":")
    if not colon or len(label) > _RUN_IN_LABEL:
        label, colon, rest = text.partition("。")
    if not colon or not rest.strip() or len(label) > _RUN_IN_LABEL:
        return None
    tags = classify(label.replace(" ", ""))
    return (tags, rest) if tags.is_level else None


_RUN_IN_LABEL = 12


def strip_list_number(text: str) -> str:
    """`1.新建机耕道路`, `一、产出指标` → the text after its list number (printed text; the
    keys' own `_strip_ordinal` works on normalised cells)."""
    return _list_number().sub("", text)


@cache
def _list_number() -> regex.Pattern[str]:
    marks = vocabulary().marks
    return regex.compile(rf"^[{regex.escape(marks.chinese_numerals)}\d]+"
                         rf"[{regex.escape(marks.ordinal_comma)}.、．]\s*")


@cache
def _goal_words() -> tuple[tuple[str, str], ...]:
    goals = vocabulary().goals
    pairs = [(key(word), scope) for scope in ("annual", "overall", "long_term", "mid_term")
             for word in getattr(goals, scope)]
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair)))


def goal_of(cell_key: str) -> str | None:
    text = _strip_ordinal(cell_key)
    return next((scope for word, scope in _goal_words() if text.startswith(word)), None)


@cache
def _scope_words() -> tuple[tuple[str, str], ...]:
    pairs = [(key(word), scope) for scope, words in vocabulary().columns.scope.items()
             for word in words]
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair)))


def scope_of(cell_key: str) -> str | None:
    """The indicator scope a table heading names (`长期绩效指标` → long_term)."""
    return next((scope for word, scope in _scope_words() if cell_key.startswith(word)), None)


@cache
def _title_patterns() -> dict[str, list[regex.Pattern[str]]]:
    titles = vocabulary().titles
    return {kind: [regex.compile(pattern) for pattern in getattr(titles, kind)]
            for kind in ("self_evaluation", "department", "project", "notice", "subtable", "foreign")}


def _title_readings(cell_key: str) -> dict[str, object]:
    """A form heading: a title wording that ends the text (give or take a bracketed note or
    a year), in a text that is no sentence (a report that mentions 绩效目标表 is no heading)
    and no file's name (`附件:某项目绩效目标表.xlsx` names an attachment)."""
    if len(cell_key) > SETTINGS.max_title_length or _SENTENCE_MARK.search(cell_key) or \
            names_a_file(cell_key):
        return {}  # a sentence, or an attached file's name
    patterns = _title_patterns()
    if any(p.search(cell_key) for p in patterns["subtable"]):
        return {}
    if _ends_with(cell_key, patterns["foreign"]):
        return {"title": "foreign"}
    self_evaluation = _ends_with(cell_key, patterns["self_evaluation"])
    if _ends_with(cell_key, patterns["department"]):
        return {"title": "department", "self_evaluation": self_evaluation}
    if self_evaluation or _ends_with(cell_key, patterns["project"]):
        return {"title": "project", "self_evaluation": self_evaluation}
    if _ends_with(cell_key, patterns["notice"]):
        return {"title": "notice"}
    return {}


def names_a_file(text: str) -> bool:
    """`附件:某项目绩效目标表.xlsx`: the name of an attached file."""
    return text.strip().lower().endswith(tuple(vocabulary().debris.file_extensions))


def _ends_with(cell_key: str, patterns: list[regex.Pattern[str]]) -> bool:
    return any(match.end() >= len(cell_key) - SETTINGS.max_title_tail
               for pattern in patterns for match in pattern.finditer(cell_key))


@cache
def _inline_pattern() -> regex.Pattern[str]:
    """A field's label and its colon; a statement of the money unit (`金额单位：万元`, which
    a form prints at the end of its unit's line) ends the value before it, and is no pair."""
    v = vocabulary()
    labels = sorted({key(label) for labels in v.fields.labels.values() for label in labels}
                    | {key(label) for label in v.money.unit_statement_labels}, key=len, reverse=True)
    alternatives = "|".join(regex.escape(label) for label in labels)
    return regex.compile(rf"({alternatives})\s*(?:\([^)]{{0,8}}\))?\s*:\s*")


_COLONS = str.maketrans({"：": ":", "（": "(", "）": ")"})


def inline_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """`label: value` pairs inside one cell (`填报人:杨昀 联系电话:2824138`), values as printed.

    The first label must open the cell: a sentence that mentions a label is not a pair.
    """
    if ":" not in text and "：" not in text:
        return ()
    printed = clean_text(text).translate(_COLONS)
    matches = list(_inline_pattern().finditer(to_simplified(printed)))
    if not matches or printed[: matches[0].start()].strip(" -•*"):
        return ()
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(printed)
        field = field_of(match.group(1))
        if field:
            pairs.append((field, printed[match.end():end].strip()))
    return tuple(pairs)


@cache
def _copulas() -> str:
    return "|".join(regex.escape(word) for word in vocabulary().fields.copulas)


_CLAUSE_VALUE = r"([^，,。；;:：]{2,40})[，,。；;]"  # a name up to the clause's end


def copula_clause(text: str) -> str | None:
    """`为某合作社，…`: a value a sentence gives after its copula, up to the clause's end."""
    match = _copula_clause_pattern().match(text)
    return match.group(1) if match else None


@cache
def _copula_clause_pattern() -> regex.Pattern[str]:
    return regex.compile(rf"(?:{_copulas()}){_CLAUSE_VALUE}")


@cache
def _sentence_pair_pattern() -> regex.Pattern[str]:
    labels = sorted({label for labels in vocabulary().fields.labels.values() for label in labels},
                    key=len, reverse=True)
    alternatives = "|".join(regex.escape(label) for label in labels)
    return regex.compile(rf"({alternatives})(?:{_copulas()}){_CLAUSE_VALUE}")


def sentence_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """`…项目实施单位为某村民委员会，建设地点为…`: fields a sentence names with a copula."""
    pairs = []
    for match in _sentence_pair_pattern().finditer(text):
        field = field_of(key(match.group(1)))
        if field:
            pairs.append((field, match.group(2).strip()))
    return tuple(pairs)


def _starts_with_any(cell_key: str, words: list[str]) -> bool:
    return any(cell_key.startswith(key(word)) for word in words)


def _history_heading(cell_key: str) -> bool:
    """A heading over a past year's value: `2021年`, `近两年指标值2022年`."""
    if _year_heading().fullmatch(cell_key):
        return True
    return any(word in cell_key for word in vocabulary().columns.history_markers.words) and \
        _YEAR.search(cell_key) is not None


@cache
def _boilerplate_words() -> tuple[str, ...]:
    return tuple(key(word) for word in vocabulary().debris.boilerplate)


@cache
def _boilerplate_labels() -> tuple[str, ...]:
    return tuple(key(word) for word in vocabulary().debris.boilerplate_labels)


@cache
def _fillers() -> frozenset[str]:
    return frozenset(key(word) for word in vocabulary().debris.fillers)


def page_number(text: str) -> bool:
    """`— 1 —`, `第 2 页 共 5 页`: page furniture."""
    pages = compiled(tuple(vocabulary().debris.page_numbers))
    return len(text) <= _PAGE_NUMBER and any(page.match(text.strip()) for page in pages)


_PAGE_NUMBER = 20


@cache
def _numbered_mark() -> regex.Pattern[str]:
    """`附件2`: an attachment's mark, no cell of a form."""
    marks = "|".join(regex.escape(key(word)) for word in vocabulary().debris.numbered_marks)
    return regex.compile(rf"(?:{marks})\d{{1,2}}[:：]?")


# ---------------------------------------------------------------- values


@cache
def _numbering_pattern() -> regex.Pattern[str]:
    marks = vocabulary().marks
    indicator, numerals = regex.escape(marks.indicator_number), regex.escape(marks.chinese_numerals)
    return regex.compile(rf"^(?:{indicator}\d{{1,2}}|\d{{1,2}}(?:-\d{{1,2}})?[.、]?|\(?[{numerals}]{{1,3}}\)"
                         rf"|[{numerals}]{{1,3}}{regex.escape(marks.ordinal_comma)})$")


def _value_readings(text: str, cell_key: str) -> dict[str, object]:
    readings: dict[str, object] = {}
    compact = compact_target(cell_key)
    if _numbering_pattern().match(cell_key) and not parse_number(cell_key):
        readings["numbering"] = True
    op = operator_of(cell_key)
    if op:
        readings["op"] = op
    target_words = vocabulary().target
    if cell_key in target_words.qualitative or cell_key in target_words.quantitative:
        readings["qualitative_marker"] = cell_key in target_words.qualitative
    if cell_key in {key(word) for word in target_words.directions}:
        readings["direction"] = True
    if cell_key in _value_phrases() or _DEADLINE_CELL.fullmatch(cell_key):
        readings["value_phrase"] = True
    number = parse_number(compact)
    if number is not None:
        readings["number"] = number
    amount, in_yuan = parse_amount(clean_text(text))
    if amount is not None:
        readings["amount"], readings["in_yuan"] = amount, in_yuan
    if "*" in compact and regex.search(r"\d[\d.]*\*", compact):
        readings["masked"] = True
    if is_unit(cell_key, strict=True) and number is None:
        readings["unit"] = True
    if len(cell_key) <= SETTINGS.max_target_length:
        target = parse_target(clean_text(text))
        readings["target"] = target
    return readings


@cache
def _value_phrases() -> frozenset[str]:
    """What a cell prints as a value and never as a name: the qualitative values of two
    characters or more and the achieved ones."""
    target = vocabulary().target
    return frozenset(key(word) for word in (*target.qualitative_values, *target.achieved_values)
                     if len(word) >= 2)


# what closes a deadline after its date: the part of the month, then before or within it
_BY_WHEN = r"(?:底|初|末|中旬|上旬|下旬)?(?:前|内|以前|之前)?"
# a date or a deadline, whole: `2024年12月20日`, `2024年12月31日前`, `2025年6月底`
_DEADLINE_CELL = regex.compile(rf"(?:19|20)\d{{2}}年(?:\d{{1,2}}月(?:\d{{1,2}}[日号])?)?{_BY_WHEN}")


def _shape(cell_key: str, readings: dict[str, object]) -> Shape:
    if readings.get("level1") or readings.get("level2") or readings.get("umbrella"):
        return "label"
    if readings.get("op") or readings.get("qualitative_marker") is not None:
        return "op"
    if readings.get("direction"):
        return "direction"
    if readings.get("number") is not None:
        return "number"
    target = readings.get("target")
    if readings.get("numbering") and isinstance(target, Target) and target.op == "range" \
            and not target.unit:
        return "numbering"  # `1-1`, `1-2`: an item's number in an old template, no bounds
    if isinstance(target, Target) and target.value is not None:
        return "quant"
    if readings.get("numbering"):
        return "numbering"
    if readings.get("unit"):
        return "unit"
    if len(cell_key) <= SETTINGS.short_text_length:
        return "short"
    return "long"


def simplified_key(text: str) -> str:
    """The key of a text for comparing two cells with each other (not with the vocabulary)."""
    return to_simplified(key(text))


# ---------------------------------------------------------------- glued text


@cache
def _glue_words() -> regex.Pattern[str]:
    """Every label wording a glued line may be cut at, longest first."""
    v = vocabulary()
    words: set[str] = set()
    for labels in v.fields.labels.values():
        words |= {key(label) for label in labels}
    for role in ("block", "total", "annual", "budget", "budget_initial", "arrived", "executed", "rate"):
        words |= {key(word) for word in getattr(v.money, role)}
    words |= {key(word) for variants in v.money.sources.values() for word in variants}
    for scope in ("annual", "overall", "long_term", "mid_term", "achieved"):
        words |= {key(word) for word in getattr(v.goals, scope)}
    words |= {key(word) for word in v.plan.labels}
    words |= {key(word) for heading in v.columns.scope.values() for word in heading}  # 年度绩效指标
    level1_table, level2_table = _level_tables()
    words |= {word for word in (*level1_table, *level2_table) if len(word) >= 3}
    mark = v.marks.indicator_number
    words |= {first + second for first in level1_table for second in level2_table
              if len(first) >= 2 and not first.endswith(mark) and second.endswith(mark)}
    words |= {key(word) for word in (*v.levels.umbrella.labels, *v.levels.unmapped.words)}
    words |= {key(word) for role, role_words in v.columns.roles.items() for word in role_words
              if len(key(word)) >= 2 and role not in _NOT_GLUE_ROLES or len(key(word)) >= _GLUE_SPECIFIC}
    words |= {key(word) for word in v.fields.known.labels if len(key(word)) >= 4}
    return regex.compile(trie_pattern({w for w in words if w}))


def trie_pattern(words: set[str]) -> str:
    """One pattern matching the longest of `words` at a position, factored by common
    prefix (`产出(?:指标|数量指标)`): a flat alternation of hundreds of words is tried word by
    word at every character, the factored one branches on the next character."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [regex.escape(char) + _node_pattern(child) for char, child in sorted(node.items())
                if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_GLUE_SHORT = 4
_NOT_GLUE_ROLES = {"project", "amount", "grade", "numbering", "department"}
_GLUE_SPECIFIC = 6  # a heading this long cuts glued text whatever its role (`绩效指标评价标准`)


@cache
def _figure_glue_words() -> frozenset[str]:
    """Short labels that a figure follows: money words (`合计1800`) and a self-evaluation's
    total (`总分10098.76`)."""
    v = vocabulary().money
    return frozenset([*(key(word) for role in ("total", "annual", "budget", "executed", "rate")
                        for word in getattr(v, role)),
                      *(key(word) for word in vocabulary().fields.labels["self_score"])])


@cache
def _title_span_pattern() -> regex.Pattern[str]:
    patterns = "|".join(f"(?:{p})" for p in
                        (*vocabulary().titles.self_evaluation, *vocabulary().titles.project,
                         *vocabulary().titles.department) if not p.endswith("$"))
    year = regex.escape(vocabulary().marks.year)
    return regex.compile(rf"^.{{0,60}}?(?:{patterns})(?:\((?:\d{{4}}{year})?[^)]{{0,12}}\))?")


def _whole_title(view: str) -> bool:
    """A line that is a form heading by how it ends (`关于…项目绩效目标的公示`): no cell of it
    is cut off, whatever labels it holds."""
    return len(view) <= SETTINGS.max_title_length and any(
        pattern.search(view) for pattern in _ending_title_patterns())


def _ending_title_patterns() -> tuple[regex.Pattern[str], ...]:
    titles = vocabulary().titles
    return compiled(tuple(p for p in (*titles.self_evaluation, *titles.project, *titles.department,
                                      *titles.notice) if p.endswith("$")))


def _view(text: str) -> tuple[str, tuple[int, ...]]:
    """A line is looked at several times (routing, cutting): a short one is cached."""
    return _view_cached(text) if len(text) <= _CACHED_LINE else _text_view(text)


@lru_cache(maxsize=1 << 12)
def _view_cached(text: str) -> tuple[str, tuple[int, ...]]:
    return _text_view(text)


_CACHED_LINE = 400  # characters: the caches stay small whatever a document holds


def _text_view(text: str) -> tuple[str, tuple[int, ...]]:
    """The text as keys compare it (simplified, half-width, no spaces or pinyin), with the
    index in `text` of every character of the view."""
    kept: list[tuple[int, str]] = []
    skip_until = -1
    pinyin = [match.span() for match in _GLUED_PINYIN.finditer(text)] if "(" in text else []
    spans = iter(pinyin)
    current = next(spans, None)
    for index, char in enumerate(text):
        while current and index >= current[1]:
            current = next(spans, None)
        if current and current[0] <= index < current[1] or index < skip_until or char.isspace():
            continue
        kept.append((index, char))
    view = "".join(char for _, char in kept)
    view = to_simplified(view.translate(_VIEW_MARKS))
    return view, tuple(index for index, _ in kept)


_GLUED_PINYIN = regex.compile(r"(?<=\p{Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")
_VIEW_MARKS = str.maketrans({"（": "(", "）": ")", "：": ":"})


def _label_spans(view: str) -> tuple[tuple[int, int], ...]:
    return _label_spans_cached(view) if len(view) <= _CACHED_LINE else _view_label_spans(view)


@lru_cache(maxsize=1 << 12)
def _label_spans_cached(view: str) -> tuple[tuple[int, int], ...]:
    return _view_label_spans(view)


def _view_label_spans(view: str) -> tuple[tuple[int, int], ...]:
    """Label matches in the view. A short one counts only where it touches another label,
    or is a money word or a total followed by its figure (`合计1800`, `总分10098.76`); a form
    title opening the text
    is one piece, whatever labels it contains."""
    title = _title_span_pattern().match(view)
    protected = len(view) if _whole_title(view) else title.end() if title else 0
    found = [match.span() for match in _glue_words().finditer(view, protected)]
    kept = [(0, protected)] if protected else []
    ends = {end for _, end in found}
    # a short label glued after a word's character (`用人单位`, `受益单位`) ends the word: it
    # is kept by touching no label, nor keeps the short one after it (`用人单位满意度`)
    word_tail = [end - start < _GLUE_SHORT and start > 0 and start not in ends
                 and _HAN_CHARACTER.match(view, start - 1) is not None for start, end in found]
    for position, (start, end) in enumerate(found):
        touching = (position and found[position - 1][1] == start and not word_tail[position - 1]
                    and not word_tail[position]) or (
            position + 1 < len(found) and found[position + 1][0] == end
            and not word_tail[position + 1] and not word_tail[position])
        money = view[start:end] in _figure_glue_words() and end < len(view) and view[end].isdigit()
        person = position + 1 < len(found) and _names_a_person(view, start, end, found[position + 1][0])
        if end - start >= _GLUE_SHORT or touching or money or person:
            kept.append((start, end + _points_note_length(view, start, end)))
    return tuple(_with_item_numbers(view, kept))


_HAN_CHARACTER = regex.compile(r"\p{Han}")


def _names_a_person(view: str, start: int, end: int, following: int) -> bool:
    """`联系人汪晓蕾联系电话`: a short contact label whose person's name (two to four Han)
    runs into the next label."""
    return _PERSON_NAME.fullmatch(view, end, following) is not None \
        and field_of(view[start:end]) in _PERSON_FIELDS


_PERSON_NAME = regex.compile(r"\p{Han}{2,4}")
_PERSON_FIELDS = ("filled_by", "unit_head", "project_head")


def _points_note_length(view: str, start: int, end: int) -> int:
    """`产出指标(40分)`, `质量指标(必填)`: the points or the note a level carries stay with
    its label."""
    note = _POINTS_NOTE.match(view, end) or \
        (_LEVEL_NOTE.match(view, end) if classify(view[start:end]).is_level else None)
    return note.end() - end if note else 0


_POINTS_NOTE = regex.compile(r"\(\d+(?:\.\d+)?分\)")
_LEVEL_NOTE = regex.compile(r"\([^()\d]{1,10}\)")


def _with_item_numbers(view: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`…指标1免费发放原原种…指标2企业自行采购…`: an item number (`指标1`) opens a row; a
    label it overlaps (`生态效益指标1病害…`) ends where the number starts."""
    numbers = [match.span() for match in _item_number().finditer(view)]
    if not numbers:
        return spans
    kept = []
    for start, end in spans:
        inside = next((n for n in numbers if start < n[0] < end), None)
        if inside is not None and inside[0] - start >= _GLUE_SHORT:
            kept.append((start, inside[0]))
        elif not any(n[0] <= start < n[1] for n in numbers):
            kept.append((start, end))
    return sorted(kept + numbers)


@cache
def _item_number() -> regex.Pattern[str]:
    """`指标1` before a name or a year (`指标12021年…` is 指标1, then 2021年…), not before a
    unit (`指标2项`); items are numbered up to 20 (`质量指标65岁以上…` is no item 65)."""
    mark = regex.escape(vocabulary().marks.indicator_number)
    return regex.compile(rf"{mark}(?:[1-9]|1\d|20)(?=(?:19|20)\d{{2}}年|\p{{Han}})"
                         rf"(?!(?:{units_pattern()})(?!\p{{Han}}))")


def spaces_inside_labels(line: str) -> bool:
    """`产出指标数量 指标实施营造林…`: every space of the line falls inside a label (a stray
    space in glued text), so the line is no row of space-separated cells."""
    gaps = _label_gaps(line)
    return bool(gaps) and all(inside for _, _, inside in gaps)


def join_label_spaces(line: str) -> str:
    """The line without the spaces that fall inside a label (`效益 指标社会效益 指标奖励…`
    → `效益指标社会效益指标奖励…`); other spaces stay."""
    text = line.strip()
    for start, end, inside in reversed(_label_gaps(line)):
        if inside:
            text = text[:start] + text[end:]
    return text


def _label_gaps(line: str) -> list[tuple[int, int, bool]]:
    """(start, end, inside a label) of each run of spaces of the stripped line; none where
    there are too many to be stray."""
    text = line.strip()[: SETTINGS.max_line_length]
    runs = [match.span() for match in regex.finditer(r"\s+", text)]
    if not runs or len(runs) > _STRAY_SPACES:
        return []
    view, index = _view(text)
    spans = [(start, end) for start, end in _label_spans(view)
             if end - start <= SETTINGS.max_label_length]  # a heading is no label split
    gaps = []
    for start, end in runs:
        at = bisect_left(index, start)  # the view position the space stood before
        gaps.append((start, end, any(a + _LABEL_PART <= at <= b - _LABEL_PART for a, b in spans)))
    return gaps


_STRAY_SPACES = 3
_LABEL_PART = 2  # a stray space leaves two characters of the label or more on either side


def glued_label_count(line: str) -> int:
    """How many labels on the line run straight into more text."""
    view, _ = _view(line[: SETTINGS.max_line_length])
    title = _title_span_pattern().match(view)
    return sum(1 for start, end in _label_spans(view)
               if end < len(view) and _TEXT_FOLLOWS.match(view[end]) and end - start >= 2
               and not (title and start == 0 and end == title.end()))


@cache
def units_pattern(single_han: bool = True) -> str:
    """The vocabulary's units as one alternation, longest first; without the units of one
    Han character where those would cut a word (`时间`: 间)."""
    return "|".join(regex.escape(unit) for unit in
                    sorted(vocabulary().units.words, key=len, reverse=True)
                    if single_han or len(unit) > 1 or not regex.match(r"\p{Han}", unit))


@cache
def _token() -> str:
    """One value: an optional comparator, a number, an optional unit and suffix (`≥95%以上`).
    A modifier symbol where the comparator stands (`^80%`, OCR damage) stays with the value,
    as printed: it belongs to no name and no other value."""
    multipliers = "".join(regex.escape(word) for word in vocabulary().units.multipliers)
    units, repeat = units_pattern(), regex.escape(vocabulary().units.repeat)
    return rf"(?:[{COMPARATOR_SIGNS}]+|\p{{Sk}})?\d+(?:\.\d+)?" \
        rf"(?:[{multipliers}]?(?:{units})(?:{repeat})?|[{multipliers}])?" \
        rf"(?:[/*·∙](?:{units}|\p{{Han}}))*(?:{_suffixes()})?"  # `元/人*月`, `/株`: a compound unit


@cache
def _value_run() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=\p{{Han}}|[)）])((?:{_token()})+)$")


@cache
def _unit_and_digits() -> regex.Pattern[str]:
    """`面积万亩2810810`: a unit column, then the row's numbers glued end to end (three digits
    or more, the unit not itself after a number: `550万粒88` is a value and a score). A unit
    of one Han character is not cut off a word (`到位时间44561`: 间 ends 时间)."""
    return regex.compile(rf"(?<=[\p{{Han}})）])(?<!\d(?:{units_pattern()}))({units_pattern(False)})?"
                         rf"(\d[\d.]{{{_GLUED_NUMBERS - 1},}})$")


@cache
def _row_boundary() -> regex.Pattern[str]:
    """A number run straight into the next row's name: three digits or more (a value, its
    weight and score), then Han text that is no unit (`…250105010森林火灾…`); or a value
    that opens with a comparator or closes with `%`, then the next name (`≥8500人乳腺癌…`,
    `100%阳性病例…`: a name's own quantity, `0-6岁残疾儿童`, has neither); or a quantity, then
    two digits (a weight and a score of one digit each), then the next name
    (`37250支66肉牛…`), which may open with a quote or a bracket (`…批次66“双随机…`)."""
    units = units_pattern()
    comparators = COMPARATOR_SIGNS
    run = _GLUED_NUMBERS
    return regex.compile(rf"(?:(?<=[\d.]{{{run},}})(?<![{comparators}][\d.]{{{run},12}})"
                         rf"|(?<=[{comparators}]\d+(?:\.\d+)?(?:{units}))"
                         rf"|(?<=\d(?:%|{units})\d\d)(?![月日号时])"
                         rf"|(?<=\d%))(?=[“《(（]?\p{{Han}}{{2}})(?!(?:{units})(?!\p{{Han}}))(?!{_suffixes()})")


@cache
def _value_token() -> regex.Pattern[str]:
    return regex.compile(_token())


def _suffixes() -> str:
    words = vocabulary().target
    return "|".join(regex.escape(w) for w in sorted(words.suffix_ge + words.suffix_le, key=len,
                                                   reverse=True))


def _split_values(piece: str) -> list[str]:
    """`资金支出率达到目标值95%10` → [`资金支出率达到目标值`, `95%`, `10`]; a piece of values
    alone (`95%10`) → its values."""
    whole = _value_token().fullmatch(piece)
    if whole:
        return [piece]
    opener = next((word for word in _comparator_words() if piece.startswith(word)), None)
    if opener and _value_token().fullmatch(piece, len(opener)):
        return [piece]  # `不超过15万元/公里`: a comparator in words and its value, one cell
    tokens = [token.group(0) for token in _value_token().finditer(piece)]
    if tokens and "".join(tokens) == piece:
        return _dates_whole(tokens)
    twice = _PRINTED_TWICE.fullmatch(piece) if len(piece) <= _VALUE_TAIL else None
    if twice and Decimal(twice.group(4)) <= Decimal(twice.group(2)):
        name, points, value, score = twice.groups()
        return [*_cut_lead_in(name), points, value, value, score]
    twice = _TWICE_THEN_POINTS.fullmatch(piece) if len(piece) <= _VALUE_TAIL else None
    if twice:  # `…机制建设持续完善持续完善1010`: the points and score follow the two values
        name, value, achieved, figures = twice.groups()
        return [*_cut_lead_in(name), value, achieved, figures]
    worded = _two_worded_values().match(piece)
    if worded:  # `…长效机制逐步健全基本建立76部分…`: planned and achieved in words, points, reason
        return [*_cut_lead_in(worded.group(1)), *(part for part in worded.groups()[1:] if part)]
    worded = _worded_value_then_points().fullmatch(piece) if len(piece) <= _VALUE_TAIL else None
    if worded and len(cut_kind_word(piece)) == 1:  # `…长效运行管护机制逐步健全6`: a value in
        # words, then the row's points (a kind word before the value, `…程度定性明显提升8`, is
        # cut by the reader of a 指标性质 column)
        return [*_cut_lead_in(worded.group(1)), worded.group(2), worded.group(3)]
    tail = max(0, len(piece) - _VALUE_TAIL)  # a row's values close it: bounded time on a long piece
    glued = _unit_and_digits().search(piece, tail)
    if glued and glued.start() >= 2:  # `%0.4100.110`: numbers glued end to end, cut in assembly
        return [*_cut_lead_in(piece[: glued.start()]), *(part for part in glued.groups() if part)]
    match = _value_run().search(piece, tail)
    if not match or match.start() < 2:
        recurring = _recurring_time(piece)
        if recurring is not None:  # `…发放时间每季度首月20日前`
            return [*_cut_lead_in(piece[:recurring]), piece[recurring:]]
        timed = _TIME_VALUE.search(piece, tail)
        if timed and timed.start() >= 2 and not _DATE_PART.search(piece, 0, timed.start()):
            # `项目实施时间2021年1月-12月`, `资金拨付12月底到位`; `2021年1月-12月` is one time
            name = piece[: timed.start()]
            earlier = _TIME_VALUE.search(name)  # `…时限2027年10月底前2025年10月底前`: two periods'
            if earlier and earlier.start() >= 2 and not _DATE_PART.search(name, 0, earlier.start()):
                return [*_cut_lead_in(name[: earlier.start()]), earlier.group(0), timed.group(0)]
            return [*_cut_lead_in(name), timed.group(0)]
        compared = _compared_to(piece)
        if compared:  # `…森林覆盖率不低于上年`: a bound set by a reference, in words
            return [*_cut_lead_in(piece[:compared]), piece[compared:]]
        return _values_then_text(piece) if len(piece) <= _INNER_SEARCH else [piece]
    values = _dates_whole([token.group(0) for token in _value_token().finditer(match.group(1))])
    name = piece[: match.start()]
    achieved = ending_word(name, _achieved_openers())
    if achieved and len(values) == 1:
        # `…2次宣传已完成100%`: what was achieved, printed after the planned value; a bare
        # figure after it (`…底前已完成66`) is the row's points and score
        if _BARE_FIGURE.fullmatch(values[0]):
            return [*_planned_in(name[: -len(achieved)]), achieved, values[0]]
        return [*_planned_in(name[: -len(achieved)]), achieved + values[0]]
    opener = ending_word(name, _comparator_words()) or ending_word(name, _period_openers())
    if opener:  # `培训人数不少于500人`, `…发放时间每季度首月20日前`: the words open the value
        name, values[0] = name[: -len(opener)], opener + values[0]
    timed = _TIME_VALUE.search(name)
    if timed and timed.start() >= _SHORTEST_NAME and not _DATE_PART.search(name, 0, timed.start()) \
            and (not _BARE_FIGURE.fullmatch(values[0]) or ends_as_name(name[: timed.start()])):
        # `改厕任务完成时间2024年10月底前` before the achieved `2024年10月28日`: the planned
        # deadline; before bare points only after a whole name (`…完工时间2025年10月31日前7`;
        # `…时间定性2024年10月底前6` stays for assembly)
        return [*_cut_lead_in(name[: timed.start()]), timed.group(0), *values]
    return [*_cut_lead_in(name), *values]


@cache
def _period_openers() -> tuple[str, ...]:
    return tuple(sorted(vocabulary().marks.period_openers, key=len, reverse=True))


def _recurring_time(piece: str) -> int | None:
    """Where a recurring time closing a glued name begins (`…发放时间每季度首月20日前`: at
    每), if the piece ends with one and keeps a name before it."""
    match = _recurring_pattern().search(piece)
    return match.start() if match and match.start() >= _SHORTEST_NAME else None


@cache
def _recurring_pattern() -> regex.Pattern[str]:
    openers = "|".join(regex.escape(word) for word in _period_openers())
    return regex.compile(rf"(?:{openers})\d{{1,2}}(?:[日号时]|个工作日){_BY_WHEN}(?:完成|到位|发放)?$")


_BARE_FIGURE = regex.compile(r"\d+(?:\.\d+)?")


def _compared_to(piece: str) -> int | None:
    """Where a comparator word opens the earlier year that closes a glued name
    (`镇域森林覆盖率不低于上年`: 不低于上年), if one does; a name may compare with anything
    else (`种薯采购价格不高于市场价`)."""
    for word in _comparator_words():
        at = piece.rfind(word)
        rest = piece[at + len(word):]
        if at >= _SHORTEST_NAME and 0 < len(rest) <= _REFERENCE and \
                any(rest.startswith(year) for year in vocabulary().columns.history_markers.words):
            return at
    return None


_REFERENCE = 4  # characters of the year a bound in words names (上年, 上年度, 上年同期)


def _dates_whole(tokens: list[str]) -> list[str]:
    """`2024年` `11月` `25日`: a date's parts, each read as a number and its unit, are one
    value (`2024年11月25日`)."""
    whole: list[str] = []
    for token in tokens:
        if whole and _DATE_GOES_ON.match(whole[-1] + " " + token):
            whole[-1] += token
        else:
            whole.append(token)
    return whole


_DATE_GOES_ON = regex.compile(r"^(?:(?:19|20)\d{2}年|.*\d{1,2}月) \d{1,2}(?:月|[日号])$")


def ending_word(name: str, words: tuple[str, ...], keep: int = 2) -> str | None:
    """The word (longest first) that ends the name, where a name of `keep` characters stays."""
    return next((word for word in words if name.endswith(word) and len(name) - len(word) >= keep),
                None)


def qualitative_ending(name: str, words: tuple[str, ...], keep: int = 2) -> str | None:
    """A qualitative value that ends a glued name (`ending_word`), with the degree word
    before it that belongs to the value (`…使用量逐年减少`: 逐年减少, not 减少)."""
    word = ending_word(name, words, keep)
    if word is None or len(word) < 2:
        return word  # `是`, `否`: no degree word before them (`…效果明显是`)
    rest = name[: -len(word)]
    modifier = next((m for m in _qualitative_modifiers() if rest.endswith(m)
                     and len(rest) - len(m) >= keep), "")
    return modifier + word


def opens_worded_value(text: str) -> bool:
    """`逐步缩小`, `持续提高`, `健全完善`: a value in words, opening with a degree word or a
    value the vocabulary knows (two characters or more)."""
    return text.startswith(_qualitative_modifiers()) or text.startswith(qualitative_words(2))


@cache
def _qualitative_modifiers() -> tuple[str, ...]:
    return tuple(sorted(vocabulary().target.qualitative_modifiers, key=len, reverse=True))


def printed_twice(text: str, shortest: int = 1) -> str | None:
    """`是是`, `持续发展持续发展`: the half of a text that is one phrase printed twice."""
    half = len(text) // 2
    if len(text) % 2 == 0 and half >= shortest and text[:half] == text[half:]:
        return text[:half]
    return None


def level2_votes(level1: str, name: str) -> dict[str, int]:
    """How many of each level-2's words (vocab `levels.inference`, under `level1`) a name's
    jieba tokens or text hold, in the vocabulary's order (the first is the default)."""
    words = set(tokenize(name))
    return {level2: sum(1 for word in hints if word in words or word in name)
            for level2, hints in vocabulary().levels.inference.get(level1, {}).items()}


def states_money_unit(text: str) -> bool:
    """`单位: 万元`, `金额单位：元`: the note that states the form's money unit."""
    return _unit_statement().fullmatch(key(text)) is not None


@cache
def _unit_statement() -> regex.Pattern[str]:
    money, marks = vocabulary().money, vocabulary().marks
    labels = "|".join(regex.escape(key(label)) for label in money.unit_statement_labels)
    wan, yuan = regex.escape(marks.wan), regex.escape(marks.yuan)
    return regex.compile(rf"[(（]?(?:{labels})[:：]?(?:{wan}{yuan}|{yuan}|{wan})?[)）]?")


def deadline_cut(date: str, tail: str) -> bool:
    """`2024年5月 | 底前`: a deadline a gap cut after its date; `2025年11月30 | 日前`: cut
    between a day's number and its `日`."""
    if tail and tail[0] in _DAY_MARKS and _DAY_NUMBER_END.search(date):
        date, tail = date + tail[0], tail[1:]
        if not tail:
            return True
    return _DATE_END.search(date) is not None and _DEADLINE_TAIL.fullmatch(tail) is not None


_DAY_NUMBER_END = regex.compile(r"\d月\d{1,2}$")
_DAY_MARKS = "日号"
_DATE_END = regex.compile(r"\d{1,4}[年月日号](?:底|初|末|中旬|上旬|下旬)?$")
_DEADLINE_TAIL = regex.compile(rf"(?=.*[底初末旬前内]){_BY_WHEN}(?:完成|到位)?")  # not `完成` alone


def opens_with_comparator(text: str) -> bool:
    """`不低于省定…`: a bound in words opens the text (a value or its explanation, no name)."""
    return text.startswith(_comparator_words())


@cache
def _comparator_words() -> tuple[str, ...]:
    """The comparators printed as words (`不少于`, `不超过`), longest first; `达到` before a
    value is a 指标说明's (lead-in) and stays with the name."""
    target = vocabulary().target
    words = {word for word in (*target.ge, *target.le, *target.gt, *target.lt)
             if regex.fullmatch(r"\p{Han}{2,}", word)
             and not any(lead_in.startswith(word) for lead_in in target.lead_in)}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _achieved_openers() -> tuple[str, ...]:
    """Achieved words that open an actual value (`已完成100%`): the past-tense ones."""
    words = vocabulary().target.achieved_values
    return tuple(sorted((w for w in words if w.startswith(vocabulary().marks.achieved)),
                        key=len, reverse=True))


def _planned_in(text: str) -> list[str]:
    """A name and its planned value glued before an achieved one: cut where a comparator
    word opens a phrase that holds a number (`宣传次数至少全年完成2次宣传`), where a value
    closes it (`成本10万元`), or at a closing qualitative value (`…维权意识不断提升`)."""
    if not text:
        return []
    for word in _comparator_words():
        at = text.find(word, 2)
        if at > 0 and any(char.isdigit() for char in text[at:]):
            return [*_cut_lead_in(text[:at]), text[at:]]
    pieces = _split_values(text)
    if len(pieces) > 1:
        return pieces
    quality = qualitative_ending(text, _closing_qualities(), _SHORTEST_NAME)
    return [text[: -len(quality)], quality] if quality else [text]


_SHORTEST_NAME = 4


@cache
def _closing_qualities() -> tuple[str, ...]:
    """Qualitative values of three characters or more: a shorter one (`完成`) ends names and
    phrases as often as it is a value of its own."""
    return qualitative_words(_CLOSING_QUALITY)


_CLOSING_QUALITY = 3


# a self-evaluation row whose planned and achieved values are printed alike, between its
# points and its score: `种薯采购价格不高于市场价8是是8`, `…收入8工5%工5%8` (as printed)
_PRINTED_TWICE = regex.compile(r"(.*?[\p{Han})）])(\d{1,3}(?:\.\d+)?)(\D.{0,15}?)\3(\d{1,3}(?:\.\d+)?)")
# … and where the template prints the points after the values (`…持续完善持续完善1010`)
# (the achieved value may add its figure: `…使用量较上年减少较上年减少2.3%77`)
_TWICE_THEN_POINTS = regex.compile(r"(.{2,}?[\p{Han})）])(\p{Han}.{0,15}?)(\2(?:\d+(?:\.\d+)?%)?)"
                                   r"(\d[\d.]{1,7})")


@cache
def _two_worded_values() -> regex.Pattern[str]:
    """A name, a planned value in words the vocabulary knows (a degree word before it kept),
    an achieved one (another such value, or an achieved word), then the points and score
    as one figure, and what follows (a reason): each value whole, so the name before them
    is the shortest that leaves two."""
    worded = _worded(qualitative_words())
    achieved = "|".join(map(regex.escape, sorted(vocabulary().target.achieved_values, key=len, reverse=True)))
    name = rf"\p{{Han}}[^\d，,。；;]{{1,{_NAME_BEFORE_WORDS}}}?"
    return regex.compile(rf"({name})({worded})({worded}|{achieved})"
                         r"(\d[\d.]{1,7})(?!\d|\.\d)(\p{Han}.*)?$", regex.DOTALL)


def _worded(words: tuple[str, ...]) -> str:
    """A pattern for a value in words: one of `words`, a degree word before it kept."""
    return "(?:{})?(?:{})".format("|".join(map(regex.escape, _qualitative_modifiers())),
                                  "|".join(map(regex.escape, words)))


_NAME_BEFORE_WORDS = 40


@cache
def _worded_value_then_points() -> regex.Pattern[str]:
    """A name (four characters or more), a value in words the vocabulary knows (two
    characters or more, a degree word before it kept), then points of one or two digits."""
    name = rf"\p{{Han}}[^\d，,。；;]{{3,{_NAME_BEFORE_WORDS}}}?"
    return regex.compile(rf"({name})({_worded(qualitative_words(_WHOLE_WORD))})(\d{{1,2}}(?:\.\d)?)")


_WHOLE_WORD = 2


def _values_then_text(piece: str) -> list[str]:
    """`…人数(≥**人)5≥4754人4604人5特困人员实行动态管理`: a row's values (two or more) between
    its name and a closing remark or reason; one number inside a name (`65岁以上…`) is not."""
    for match in _inner_value_run().finditer(piece):
        values = [token.group(0) for token in _value_token().finditer(match.group(1))]
        if match.start() >= 2 and len(values) >= _INNER_VALUES:
            return [*_cut_lead_in(piece[: match.start()]), *values, piece[match.end():]]
    return [piece]


_INNER_VALUES = 3
_DATE_PART = regex.compile(r"\d[年月]$")
# a time closing a glued piece after a name: a year or a month, then only dates, spans and
# the words a deadline ends with
def closing_deadline(clause: str) -> int | None:
    """Where a deadline that closes a sentence's clause begins, with the word that opens it
    (`全年培训及认定任务在2024年11月30日前完成`: at 在); None where none closes it."""
    timed = _TIME_VALUE.search(clause)
    if timed is None:
        return None
    opener = next((word for word in vocabulary().marks.deadline_openers
                   if clause[: timed.start()].endswith(word)), "")
    return timed.start() - len(opener)


_TIME_VALUE = regex.compile(
    r"(?<=\p{Han})(?:(?:19|20)\d{2}年(?:\d{1,2}月)?|\d{1,2}月)"
    r"(?:\d{1,2}[日号])?(?:[-—~至](?:(?:19|20)\d{2}年)?\d{1,2}[月日](?:\d{1,2}[日号])?)?"
    rf"{_BY_WHEN}(?:全部|全面)?(?:到位|完成|办结)?$")
_VALUE_TAIL = 120  # characters: the end of a piece where its values are looked for
_INNER_SEARCH = 400  # a piece longer than this is no glued row with a reason after its values


@cache
def _inner_value_run() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=\p{{Han}}|[)）])((?:{_token()})+)(?=\p{{Han}})")


@cache
def _lead_in_keys() -> frozenset[str]:
    return frozenset(key(word) for word in vocabulary().target.lead_in)


def _cut_lead_in(name: str) -> list[str]:
    """`资金支出率达到目标值` → [`资金支出率`, `达到目标值`]: the 指标说明 glued between a
    name and its value is a cell of its own."""
    for word in vocabulary().target.lead_in:
        if name.endswith(word) and len(name) - len(word) >= 2:
            return [name[: -len(word)], word]
    return [name]


def value_then_remark(text: str) -> tuple[list[str], str, str, str] | None:
    """`…常规统计调查项目实施数≥46项按统计调查制度完成…得满分`: under a header whose value
    column has a remark column after it (评分标准, 指标解释), a row's labels and name, its
    value and the remark, glued: cut at the first whole value (a comparator or a unit, a
    deadline with its month, or a qualitative value) that closes a name and opens a remark.
    Returns the labels that open the row, the name (whole: `…使用部门满意度`), the value and
    the remark; None where no value stands so."""
    if len(text) > _INNER_SEARCH:
        return None
    for start, end in _inner_values(text):
        head = text[:start]
        opener = ending_word(head, _comparator_words())
        if opener:  # `…上报率不低于95%`: the comparator word opens the value
            head, start = head[: -len(opener)], start - len(opener)
        labels, name = _labels_and_name(head)
        if len(name) < _SHORTEST_REMARKED_NAME:
            continue  # `时效指标1%人口…`: a number opening the name, after its labels
        if len(_HAN.findall(text, end)) >= _REMARK:
            return labels, name, text[start:end], text[end:]
        return None
    return None


def cut_kind_word(piece: str) -> list[str]:
    """`项目建设完成时间定性2024年10月底前6`: under a 指标性质 column, the kind word (定性,
    定量) glued between a name and the value it opens is a cell of its own; never inside a
    word of the name (`设备运行稳定性`)."""
    for match in _kind_word().finditer(piece):
        start, end = match.span()
        rest = piece[end:]
        if start >= 2 and rest and _opens_value(rest) and not _inside_compound(piece, start, end):
            return [piece[:start], match.group(0), rest]
    return [piece]


@cache
def _kind_word() -> regex.Pattern[str]:
    target = vocabulary().target
    words = sorted((word for word in (*target.qualitative, *target.quantitative) if len(word) >= 2),
                   key=len, reverse=True)
    return regex.compile("|".join(regex.escape(word) for word in words))


def _opens_value(text: str) -> bool:
    return text[0] in COMPARATOR_SIGNS or text[0].isdigit() or \
        any(text.startswith(word) for word in _closing_qualities())


def _inside_compound(piece: str, start: int, end: int) -> bool:
    return any(found.start() <= start and end <= found.end()
               for word in vocabulary().target.kind_compounds
               for found in regex.finditer(regex.escape(word), piece))


def _labels_and_name(head: str) -> tuple[list[str], str]:
    """The level and column labels that open a glued row, and the text after them."""
    pieces = cut_glued(head)
    leading = 0
    while leading < len(pieces) and (classify(pieces[leading]).is_level or classify(pieces[leading]).column):
        leading += 1
    return pieces[:leading], "".join(pieces[leading:])


_SHORTEST_REMARKED_NAME = 3


def _inner_values(text: str) -> list[tuple[int, int]]:
    """Where a whole value stands inside glued text, after Han text, in order."""
    spans = [match.span() for match in _value_after_text().finditer(text)
             if match.group(0)[0] in COMPARATOR_SIGNS or classify(match.group(0)).shape == "quant"]
    spans += [match.span() for match in _DEADLINE.finditer(text)]
    spans += [match.span() for match in _qualitative_after_text().finditer(text, _SHORTEST_NAME)]
    return sorted(spans)


@cache
def _value_after_text() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=[\p{{Han}})）\"”])(?:{_token()})")


@cache
def _qualitative_after_text() -> regex.Pattern[str]:
    words = "|".join(regex.escape(word) for word in _closing_qualities())
    return regex.compile(rf"(?<=\p{{Han}})(?:{words})(?=\p{{Han}})")


_DEADLINE = regex.compile(rf"(?<=\p{{Han}})(?:19|20)\d{{2}}年\d{{1,2}}月(?:\d{{1,2}}[日号])?{_BY_WHEN}"
                          r"(?=\p{Han})")
_HAN = regex.compile(r"\p{Han}")
_REMARK = 4  # Han characters a remark after a value holds at least


def column_run(pieces: list[str]) -> tuple[int, int]:
    """(length, end) of the longest run of column labels among the pieces: a glued header."""
    best = best_end = run = 0
    for index, piece in enumerate(pieces):
        run = run + 1 if classify(piece).column else 0
        if run > best:
            best, best_end = run, index + 1
    return best, best_end


def cut_glued_rows(pieces: list[str], in_table: bool = False) -> list[tuple[str, bool]]:
    """After an indicator table's header run (three column labels or more), or on a line
    under it (`in_table`), the rows of a line glued end to end:
    `…完成率%901010010国家级公益林管护面积万亩2810810…` is cut where a number runs into the
    next row's name, and each row at its values. Each piece comes with whether it starts a
    row found so."""
    result: list[tuple[str, bool]] = []
    header_run = 0
    for piece in pieces:
        tags = classify(piece)
        header_run = header_run + 1 if tags.column else 0
        in_table = in_table or header_run >= _HEADER_RUN
        if not in_table or tags.column or tags.is_label or tags.numbering:
            result.append((piece, False))
            continue
        for index, row in enumerate(part for part in _row_boundary().split(piece) if part):
            result.extend((cell, index > 0 and position == 0)
                          for position, cell in enumerate(_split_values(row)))
    return _names_after_reasons(result)


def _names_after_reasons(cells: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """`…下一步完善跨区域协查机制。特种设备定期检验率` `≥99%` `99.4%` `66`: a reason's last
    sentence, then the next row's name, glued before that row's values: the name after the
    full stop opens a row. A piece of clauses (`部分企业…仍在审查期，年内未获核准；`) after a
    row's points is the row's reason, and opens none."""
    found: list[tuple[str, bool]] = []
    for index, (text, starts) in enumerate(cells):
        starts = starts and not reads_as_reason(text)  # `…4.8部分企业…未获核准；`
        following = cells[index + 1: index + 1 + _VALUES_AFTER_NAME]
        match = _NAME_AFTER_STOP.search(text)
        if match and match.start() > 0 and len(following) == _VALUES_AFTER_NAME \
                and all(classify(piece).shape in ("quant", "number") for piece, _ in following):
            found.extend([(text[: match.start()], starts), (match.group(), True)])
        else:
            found.append((text, starts))
    return found


_NAME_AFTER_STOP = regex.compile(r"(?<=[。；;])[“《(（]?\p{Han}[^，,。；;：:\d%]{1,29}$")


def reads_as_reason(text: str) -> bool:
    """Clauses (`…审查期，年内未获核准；`): a reason's sentence, never a name or a value."""
    return bool(_REASON.search(text))


_REASON = regex.compile(r"\p{Han}[，,；;。]\p{Han}|[；;。]$")  # clauses: a sentence, no name
_VALUES_AFTER_NAME = 3  # planned, achieved, points: a sentence of the reason has no such run


_HEADER_RUN = 3
_GLUED_NUMBERS = 3  # a row's glued values hold three digits or more (value, weight, score)


def join_comparator(line: str) -> str:
    """`≥ 95%` → `≥95%`: a space between a comparator and its number with its unit is stray
    (a bare number may stand in a value column beside the comparator's own)."""
    return _COMPARATOR_SPACE.sub(r"\1", line)


def cut_glued(line: str) -> list[str]:
    """The cells of a line whose cells were glued together, cut at labels and values. A
    line is cut by the router and again by its reader: a short one is cut once."""
    if len(line) <= _CACHED_LINE:
        return list(_cut_glued_cached(line))
    return _cut_glued(line)


@lru_cache(maxsize=1 << 12)
def _cut_glued_cached(line: str) -> tuple[str, ...]:
    return tuple(_cut_glued(line))


def _cut_glued(line: str) -> list[str]:
    text = join_comparator(line[: SETTINGS.max_line_length])
    pieces: list[str] = []
    for chunk in text.split():
        view, index = _view(chunk)
        if not view:
            continue
        notes = [match.span() for match in _NOTE.finditer(view)]
        cuts = sorted({0, len(view), *(p for span in _label_spans(view) for p in span
                                       if not any(a < p < b for a, b in notes))})
        for start, end in zip(cuts, cuts[1:], strict=False):
            # up to where the next piece starts: pinyin glued after a piece's last character
            # (`醫(yī)療費(fèi)`) is the piece's own
            original = chunk[index[start]: index[end] if end < len(view) else len(chunk)] \
                if end > start else ""
            original = original.strip().lstrip(":：").strip()
            leading = _leading_values().match(original)
            if leading:  # `2456.182456.18…100%10按收入性质分:…`: a money row's figures, then text
                pieces.append(leading.group(0))
                original = original[leading.end():]
            if original:
                numbered = _numbering_pattern().match(original)
                pieces.extend([original] if numbered else _split_values(original))
    return [piece for piece in pieces if piece.strip()]


# `≥ 90%`: a stray space; `>= 98 %(百分比)` has the comparator, number and unit in columns
_COMPARATOR_SPACE = regex.compile(rf"([{COMPARATOR_SIGNS}])\s+(?=\d+(?:\.\d+)?[%‰/\p{{Han}}])")


# a note in brackets stays whole, with the piece before it: `绩效指标(权重分值90分,其中产出指标
# 权重分值50分,…)` is one heading, not labels and values
_NOTE = regex.compile(r"\([^()]{1,80}\)")


@cache
def _leading_values() -> regex.Pattern[str]:
    """Figures (three characters or more, thousands separators among them) that open a
    piece and run into text that opens with no unit: `10100%10按…`, `1,286.40按…`,
    `2,864.503,126.80…9.65其中：`, not `2024年度…`."""
    return regex.compile(rf"(?=[\d.,%]*\d)(?:[\d.%]|(?<=\d),(?=\d{{3}})){{{_GLUED_NUMBERS},}}"
                         rf"(?=\p{{Han}})(?!{units_pattern()})")
