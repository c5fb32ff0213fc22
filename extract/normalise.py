"""Normalisers: text, amounts, dates and targets, exactly as RECORD.md states.

Every function here is pure and total: it never raises on odd input; it
returns None (or a qualitative target) for what it cannot read. The words
they need (comparators, units, date marks) come from vocab.toml.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import regex

from extract.vocab import CharacterMap, to_simplified, vocabulary
from schemas.record import Target

_TAG = regex.compile(r"</?[a-zA-Z][^>]*>|<!--.*?-->|\[bookmark: [^\]]*\]")
# a converter's Markdown bolds a whole cell (`**一级指标**`); masked figures (`<**元`,
# `3581.**`) hold stars too, but never around words
_BOLD = regex.compile(r"^(\*\*|__)(?=[^*_]*[\p{Han}A-Za-z])([^*_]+)\1$")
# … or words inside a cell (`# **2025** 年部门整体…`, pymupdf4llm's heading), standing apart
# from any letter or digit outside the stars, none a comparator's or a point's mask (`2**20**1`,
# `(≥**株)，…(≥**%)` are masked figures)
_BOLD_WORDS = regex.compile(r"(?<![*\w≥≤<>=＞＜.．])\*\*(?=[^*]*[\p{Han}\p{L}\d])"
                            r"([^*\s](?:[^*]*[^*\s≥≤<>=＞＜.．])?)\*\*(?![*\w])")
_WS = regex.compile(r"[\s\u3000\xa0\u200b]+")
_CJK = r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u00b7]"
_CJK_GAP = regex.compile(rf"(?<={_CJK}) (?={_CJK})")
_HAS_SPACE = regex.compile(r"[\s\u3000\xa0\u200b]")
_CACHED_LENGTH = 200


def clean_text(text: str | None) -> str:
    """Whitespace-normalise a value: one space between words, none between CJK; radicals a PDF's
    font put for characters read as the characters (`same_glyphs`)."""
    if not text:
        return ""
    if len(text) <= _CACHED_LENGTH:
        return _clean_cached(text)
    return _clean(text)


@lru_cache(maxsize=1 << 15)
def _clean_cached(text: str) -> str:
    return _clean(text)


_CHECKED = regex.compile(r"<input\b[^>]*\bchecked\b[^>]*>", flags=regex.I)
_UNCHECKED = regex.compile(r"<input\b[^>]*checkbox[^>]*>", flags=regex.I)


def _clean(text: str) -> str:
    text = same_glyphs(text)
    if "\\" in text:  # `年度\n绩效目标`: a converter wrote a cell's line break as `\` and `n`
        text = _ESCAPED_BREAK.sub("\n", text)
    if "<" in text or "[" in text:
        if "<input" in text:  # a ticked box in saved HTML is `☑`, not nothing
            text = _UNCHECKED.sub("☐", _CHECKED.sub("☑", text))
        text = _TAG.sub("", text)
    if _HAS_SPACE.search(text):
        text = _WS.sub(" ", text).strip()
    if text[:1] in "*_" and text[:2] == text[-2:]:
        text = _BOLD.sub(r"\2", text)
    if text.count("**") >= 2:
        text = _BOLD_WORDS.sub(r"\1", text)
    if " " in text:
        text = _CJK_GAP.sub("", text)
    if text[-1:] in _OPENING_QUOTES or text[:1] in _CLOSING_QUOTES:
        text = text.rstrip(_OPENING_QUOTES).lstrip(_CLOSING_QUOTES).strip()
    if text[:1] in _SPECK_MARKS:
        text = _LEADING_SPECK.sub("", text)
    if _library_empty().match(text):
        return ""
    return _strip_cell_quotes(text) if '"' in text else text


@cache
def _library_empty() -> regex.Pattern[str]:
    """What a data library writes for a cell that holds nothing (`NaN`, `Unnamed: 3`): the
    vocabulary's patterns as one, anchored, so that most cells fail at their first character."""
    return regex.compile("|".join(f"(?:{pattern})" for pattern in vocabulary().debris.empty_cells))


_ESCAPED_BREAK = regex.compile(r"(?:\\r)?\\n(?![A-Za-z])")


# a cell that ends by opening a quotation or opens by closing one (`效益指标“`, `”新增项目`):
# no line of print does (an opening quote never ends a line, a closing one never starts it);
# an OCR engine read a rule or a speck so
_OPENING_QUOTES = "“‘"
_CLOSING_QUOTES = "”’"
# a dot before a cell's first word or comparator (`.补贴资金发放准确率`, `・≤24小时`), a comma
# before a comparator (`， >>85%`): no cell or wrapped line of a form opens so; a scanner's
# speck an OCR engine read as a mark (a comma or `、` may open a wrapped line of words, and
# `·` a unit's or a name's second part: `元/人` / `·月`)
_SPECK_MARKS = ".・•‧∙，,"
_LEADING_SPECK = regex.compile(r"^(?:[.・•‧∙]\s*(?=[\p{Han}≥≤＞＜<>=])|[，,]\s*(?=[≥≤＞＜<>=]))")


# radicals for characters (`same_glyphs`), and the private-use codes of the Symbol font's signs
_RADICAL = regex.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf\uf0a0-\uf0ff]")

# The Symbol font's signs by code (the Adobe Symbol encoding). Word stores a sign typed in
# that font as U+F000 plus its code (`F0B3` draws `≥`), Excel as the Latin-1 character of
# the code (`³`); its codes below 0x40 not listed here draw their ASCII characters.
SYMBOL_SIGNS = {0xA3: "≤", 0xB3: "≥", 0xB9: "≠", 0xBB: "≈", 0xBA: "≡", 0xB1: "±", 0xB4: "×",
                0xB8: "÷", 0xD6: "√", 0xB0: "°", 0xA5: "∞", 0xBC: "…", 0xB7: "•", 0xD7: "⋅",
                0xAE: "→", 0xAC: "←", 0x2D: "−", 0x2A: "∗", 0x22: "∀", 0x24: "∃", 0x27: "∋",
                0x40: "≅"}
_SYMBOL_PRIVATE = 0xF000


def symbol_font(text: str) -> str:
    """Text set in the Symbol font, as the font draws it: `³95%` is `≥95%`."""
    return "".join(SYMBOL_SIGNS.get(ord(c) - _SYMBOL_PRIVATE if ord(c) >= _SYMBOL_PRIVATE else ord(c), c)
                   for c in text)


def whole_value(text: str) -> str:
    """A whole cell's value (a field's, an indicator's name), its wrapped lines joined: print
    never opens one with a stop or a pause (`。某县水务局`, `，年度任务完成时间`); a scanner's
    speck that an OCR engine read as one. Wrapped lines may open so; whole values do not."""
    return _OPENING_STOP.sub("", text) if text[:1] in _STOPS_OPENING else text


_STOPS_OPENING = "。，、,;；:："
_OPENING_STOP = regex.compile(rf"^[{regex.escape(_STOPS_OPENING)}]+\s*(?=[\p{{Han}}\d])")


def same_glyphs(text: str) -> str:
    """Radicals a PDF's font mapped characters to, as the characters: 项⽬ is 项目 on the page
    (the Kangxi radicals by NFKC, the supplement's look-alikes from vocab.toml); the Symbol
    font's signs that a converter left as their private-use codes, with the font's name lost
    (`\uf0b395%` is `≥95%`)."""
    return text.translate(_ideographs()) if _RADICAL.search(text) else text


@cache
def _ideographs() -> dict[int, str]:
    table = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)}
    pairs = vocabulary().characters.radical_lookalikes
    table.update({ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)})
    table.update({_SYMBOL_PRIVATE + code: sign for code, sign in SYMBOL_SIGNS.items() if code >= 0xA0})
    return table


def _strip_cell_quotes(text: str) -> str:
    """Drop the straight quotes Word puts around a multi-line cell."""
    if text.count('"') == 1 and (text.startswith('"') or text.endswith('"')):
        return text.strip('"').strip()
    if len(text) > 1 and text.startswith('"') and text.endswith('"') and text.count('"') == 2:
        return text[1:-1].strip()
    return text


# ---------------------------------------------------------------- amounts


@cache
def _amount_pattern() -> regex.Pattern[str]:
    marks = vocabulary().marks
    wan, yuan = regex.escape(marks.wan), regex.escape(marks.yuan)
    return regex.compile(
        r"^\s*[¥￥]?\s*(?P<num>\d{1,3}(?:[,，]\s?\d{3})+(?:\s?\.\s?\d+)?|\d+(?:\s?\.\s?\d+)?)\s*"
        rf"(?P<unit>{wan}{yuan}|{wan}|{yuan})?\s*"
        # a note in brackets after the figure: its unit (`（万元）`), or a remark (`（自动合计）`)
        rf"(?:[(（]\s*(?:(?P<noted>{wan}{yuan}|{wan}|{yuan})|[^()（）]{{1,12}})\s*[)）])?\s*$")


_DIGIT_SEPARATORS = regex.compile(r"[\s,，]")
_OCR_POINT = regex.compile(r"(?<=\d)[:：](?=\d{2}(?!\d))")
_TEN_THOUSAND = Decimal(10000)


def parse_amount(text: str | None) -> tuple[Decimal | None, bool]:
    """Read a money cell as 万元: (amount, converted from 元).

    `774. 16` → 774.16, `4,000.00` → 4000.00, `232万元` → 232, `3000元` → 0.3, and
    `5632:30` → 5632.30 (a decimal point that OCR read as a colon).
    """
    if not text or len(text) > 40:
        return None, False
    match = _amount_pattern().match(_OCR_POINT.sub(".", _TAG.sub("", text).replace("\u3000", " ")))
    if not match:
        return None, False
    try:
        amount = Decimal(_DIGIT_SEPARATORS.sub("", match.group("num")))
    except InvalidOperation:
        return None, False
    if (match.group("unit") or match.group("noted")) == vocabulary().marks.yuan:
        return yuan_to_wan(amount), True
    return amount, False


def yuan_to_wan(amount: Decimal) -> Decimal:
    """元 → 万元, keeping every printed digit (387664.62 → 38.766462)."""
    return (amount / _TEN_THOUSAND).normalize() if amount else amount


_PERCENT_CELL = regex.compile(r"\s*(\d+(?:\.\d+)?)\s*[%％]?\s*")


def parse_percent(text: str | None) -> Decimal | None:
    """`50%`, `100.00`, `0` → Decimal; anything else → None."""
    if not text:
        return None
    match = _PERCENT_CELL.fullmatch(text)
    return Decimal(match.group(1)) if match else None


PLAIN_DECIMAL = regex.compile(r"\d+(?:\.\d+)?")
_YEAR_NUMBER = regex.compile(r"(?:19|20)\d{2}")
_SPECKS = (".", "·")


def parse_number(text: str | None) -> Decimal | None:
    """A plain decimal (`25.00`, `4,000`), or None. A point before a number that has its own
    (`.7.87`: a scanner speck read as a point) is no part of it."""
    if not text:
        return None
    compact = _DIGIT_SEPARATORS.sub("", text)
    if compact[:1] in _SPECKS and "." in compact[1:]:
        compact = compact[1:]
    if not PLAIN_DECIMAL.fullmatch(compact):
        return None
    return Decimal(compact)


def parse_points(text: str | None) -> Decimal | None:
    """A weight or a score: a plain decimal, where a point after a whole number (`10.`) is a
    scanner's speck too (a numbering's `2.` is no number, so `parse_number` keeps it)."""
    if text and text[-1:] in _SPECKS and text[:-1].strip().isdigit():
        text = text[:-1]
    return parse_number(text)


# ---------------------------------------------------------------- dates


@cache
def _date_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    marks = vocabulary().marks
    year, month, day = (regex.escape(m) for m in (marks.year, marks.month, marks.day))
    full = regex.compile(
        rf"(?P<y>(?:19|20)\d{{2}})\s*(?:(?:{year}|[./\-])\s*(?P<m>\d{{1,2}})(?!\d)\s*"
        rf"(?:(?:{month}|[./\-])\s*(?P<d>\d{{1,2}})(?!\d)\s*{day}?)?\s*{month}?)?(?:\s*{year})?")
    us = regex.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})")
    partial = regex.compile(rf"^\s*(?P<m>\d{{1,2}})\s*{month}\s*(?:(?P<d>\d{{1,2}})\s*{day})?")
    return full, us, partial


def parse_date(text: str) -> str | None:
    """ISO date at the precision printed: `2022.1.1`, `2022年1月`, `2020`, `12/31/2021`."""
    full, us, _ = _date_patterns()
    compact = text.replace(" ", "")
    match = us.search(compact) or full.search(compact)
    if not match:
        return None
    return _iso(match.group("y"), match.group("m"), match.group("d"))


def _iso(year: str, month: str | None, day: str | None) -> str:
    if not month or not 1 <= int(month) <= 12:
        return year
    if day and 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{year}-{int(month):02d}"


def parse_date_range(text: str) -> tuple[str | None, str | None]:
    """`2023.01.01-2023.12.31`, `2022年3月-2023年11月`, `2024年1月1日至12月31日`."""
    full, us, partial = _date_patterns()
    compact = text.replace(" ", "")
    matches = list(us.finditer(compact)) or list(full.finditer(compact))
    matches = [m for m in matches if m.group(0)]
    if not matches:
        return None, None
    first = matches[0]
    start = _iso(first.group("y"), first.group("m"), first.group("d"))
    if len(matches) > 1:
        second = matches[1]
        return start, _iso(second.group("y"), second.group("m"), second.group("d"))
    rest = regex.sub(r"^[\-—~～至到]+", "", compact[first.end():])
    tail = partial.match(rest) if rest != compact[first.end():] else None
    if tail:
        return start, _iso(first.group("y"), tail.group("m"), tail.group("d"))
    return start, None


@cache
def _year_mark() -> regex.Pattern[str]:
    return regex.compile(rf"((?:19|20)\d{{2}})\s*{regex.escape(vocabulary().marks.year)}")


def year_in(text: str) -> int | None:
    match = _year_mark().search(text.replace(" ", ""))
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------- targets

Comparator = tuple[str, str]


@cache
def comparators() -> tuple[list[Comparator], list[Comparator]]:
    """(prefix words, suffix words) with their operators, longest first."""
    words = vocabulary().target
    prefixes = [(w, op) for group, op in (("ge", ">="), ("le", "<="), ("gt", ">"), ("lt", "<"),
                                          ("eq", "="))
                for w in getattr(words, group)]
    suffixes = [(w, ">=") for w in words.suffix_ge] + [(w, "<=") for w in words.suffix_le]
    return (sorted(prefixes, key=lambda p: -len(p[0])), sorted(suffixes, key=lambda p: -len(p[0])))


def operator_of(text: str) -> str | None:
    """The operator a cell holding only a comparator means (`≧` → `>=`, `定性` → None)."""
    compact = compact_target(text)
    words = _operator_words()
    return words.get(compact) or words.get(to_simplified(compact))


@cache
def _operator_words() -> dict[str, str]:
    """Comparator wording → operator; the longest wording listed first wins a clash."""
    words: dict[str, str] = {}
    for word, op in comparators()[0]:
        words.setdefault(word, op)
    return words


_FULL_WIDTH = CharacterMap({"％": "%", "．": ".", "＞": ">", "＜": "<", "＝": "=", "，": ",",
                            "（": "(", "）": ")", "／": "/", "～": "~", "﹪": "%"})
_SPACES = regex.compile(r"\s+")
_ANGLE_SIGN = regex.compile(r"^[〉〈](?=\d)")
_ANGLE_SIGNS = {"〉": ">", "〈": "<"}
_STRAY_CLOSING_BRACKET = regex.compile(r"(?<=\d)[)）]")
_NUMBER = regex.compile(r"(\d+(?:\.\d+)?)(?:\s*[-~—至到]\s*(\d+(?:\.\d+)?))?")
_MASKED = regex.compile(r"\d[\d.]*\*|\*\d")
_THOUSANDS = regex.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def compact_target(text: str) -> str:
    """Drop OCR spaces and debris inside a target: `1 0 0 %` → `100%`, `100)%` → `100%`,
    `〉85%` → `>85%`,
    `≥0.9%o`, `≤0.9%0` → `≥0.9‰` (per mille as an OCR engine reads it), `100%.` → `100%` (a
    sentence's stop, or a speck read as one, after the value). Cached for a cell's text: the
    same values recur in every form and are read again by each stage."""
    return _compact_cached(text) if len(text) <= _CACHED_TARGET_LENGTH else _compact(text)


_CACHED_TARGET_LENGTH = 64


@lru_cache(maxsize=1 << 14)
def _compact_cached(text: str) -> str:
    return _compact(text)


def _compact(text: str) -> str:
    text = _SPACES.sub("", _FULL_WIDTH(text))
    if "〉" in text or "〈" in text:  # `〉85%`: an OCR engine's reading of `>` before a figure
        text = _ANGLE_SIGN.sub(lambda match: _ANGLE_SIGNS[match.group()], text)
    if "(" not in text:
        text = _STRAY_CLOSING_BRACKET.sub("", text)
    text = _OCR_LETTER.sub(lambda match: match.group(0).translate(_OCR_DIGITS), text)
    text = _TRAILING_STOP.sub("", _OCR_PER_MILLE.sub("‰", text))
    return without_thousands(text)


def without_thousands(text: str) -> str:
    """`2,864.50` → `2864.50`: a thousands separator parts only a figure's own digits."""
    return _THOUSANDS.sub("", text) if "," in text else text


def ocr_letters_in(text: str) -> bool:
    """Letters an OCR engine printed for digits inside a figure (`9O%`, `l00%`)."""
    return _OCR_LETTER.search(_SPACES.sub("", text)) is not None


_OCR_PER_MILLE = regex.compile(r"(?<=\d)%(?:[oO](?![A-Za-z])|0(?![\d.]))")
_TRAILING_STOP = regex.compile(r"(?<=\S)[.。;；,，、]+$")
# `9O%`, `1OO`, `l00%`: O for 0 and l or I for 1 where they touch a digit
_OCR_LETTER = regex.compile(r"(?<=\d)[Oo]+|[Oo]+(?=\.?\d)|(?<=\d)[lI](?=\d)|(?<![A-Za-z])[lI](?=\d)")
_OCR_DIGITS = str.maketrans("OolI", "0011")


def parse_target(raw: str | None) -> Target:
    """Split a printed target into op / value / unit, or keep it as text."""
    shown = clean_text(raw)
    if not shown:
        return Target(raw=None)
    compact = _UNIT_ON_LOWER_BOUND.sub(r"\1\3\2", compact_target(shown))  # `90%-95%` = `90-95%`
    quantitative = _quantitative(compact) if len(shown) <= 60 else None
    if quantitative is None:
        return Target(raw=shown, text=shown)
    op, value, unit = quantitative
    return Target(raw=shown, op=op, value=value, unit=unit)


_UNIT_ON_LOWER_BOUND = regex.compile(r"^(\d+(?:\.\d+)?)(%|‰)(\s*[-~—～至到]\s*\d+(?:\.\d+)?)\2$")


@lru_cache(maxsize=1 << 14)
def _quantitative(printed: str) -> tuple[str, Decimal, str | None] | None:
    """Comparator words compare in simplified form (不少於 = 不少于); the unit is as printed."""
    if _MASKED.search(printed):
        return None
    prefixes, suffixes = comparators()
    simple = to_simplified(printed)
    start, end, op = 0, len(simple), None
    for word, word_op in prefixes:
        if simple.startswith(word):
            op, start = word_op, len(word)
            break
    for word, word_op in suffixes:
        if simple.endswith(word) and end - start > len(word):
            if op not in (None, "=", word_op):  # (`控制在…以内` says ≤ twice)
                return None
            op, end = word_op, end - len(word)
            break
    leading_unit = ""
    if simple[start:end].startswith("%"):  # `≥%90`
        start += 1
        leading_unit = "%"
    number = _NUMBER.match(simple, start, end)
    if not number:
        return None
    unit = leading_unit + printed[number.end():end]
    if unit and not is_unit(unit):
        return None
    if _is_date(number.group(1), unit):
        return None
    try:
        value = Decimal(number.group(1))
    except InvalidOperation:
        return None
    if number.group(2):
        if unit.startswith(vocabulary().marks.month):
            return None  # `1-12月`: the months of a year, a time span, not bounds on a count
        return "range", value, unit or None
    return op or "=", value, unit or None


def _is_date(number: str, unit: str) -> bool:
    marks = vocabulary().marks
    return bool(unit) and _YEAR_NUMBER.fullmatch(number) is not None and \
        unit.startswith(marks.year)


@cache
def _unit_words() -> frozenset[str]:
    return frozenset(vocabulary().units.words)


@cache
def _unit_pattern() -> regex.Pattern[str]:
    words = sorted(_unit_words(), key=len, reverse=True)
    alternatives = "|".join(regex.escape(w) for w in words)
    verbs = "|".join(regex.escape(v) for v in vocabulary().target.verbs)
    compound = rf"(?:{alternatives}|\p{{Han}})"
    multipliers = "".join(vocabulary().units.multipliers)
    return regex.compile(
        rf"^(?!.*(?:{verbs}))(?:[{multipliers}]?(?:{alternatives})(?:[/·*]{compound}{{1,3}})*"
        rf"(?:[(（]\p{{Han}}{{1,4}}[)）])?"  # `元/台（套）`: an alternative unit in brackets
        rf"|[{multipliers}](?:[/·*]{compound}{{1,3}})+|/{compound}{{1,3}}"
        rf"|(?:{alternatives})?/\d{{1,4}}[{multipliers}]{compound}{{0,2}}"  # a rate: `/10万`, `人/10万人口`
        rf"|[{multipliers}]?\p{{Han}}{{1,2}}|[a-zA-Z²³]{{1,4}}(?:/\p{{Han}})?|(?:{alternatives})\(\p{{Han}}{{1,4}}\))$")


def is_unit(text: str, strict: bool = False) -> bool:
    """A unit of measure as printed after a number: `家`, `元/人·月`, `万亩`, `%(百分比)`.

    `strict`: only the vocabulary's units and their compounds (a cell standing
    alone), not any short word that follows a number.
    """
    if not text or len(text) > 10:
        return False
    text = to_simplified(text)
    if text in _unit_words():
        return True
    if strict:
        return _strict_unit_pattern().match(text) is not None
    return _unit_pattern().match(text) is not None


@cache
def _strict_unit_pattern() -> regex.Pattern[str]:
    """Units joined (`元/人·月`), a multiplier before (`万头`), an alternative in brackets after
    (`万头(只)`, `头（只）`)."""
    words = "|".join(regex.escape(w) for w in sorted(_unit_words(), key=len, reverse=True))
    multipliers = "|".join(regex.escape(w) for w in vocabulary().units.multipliers)
    return regex.compile(rf"^(?:{multipliers})?(?:{words})(?:[/·*](?:{words}))*"
                         rf"(?:[(（](?:{words})[)）])?$")


def target_from_columns(op_cell: str, value_cell: str, unit_cell: str,
                        op_column: bool = True) -> Target:
    """A target printed over an operator, a value and a unit column (`≥ | 70 | 万元`).

    `定性` in the operator column, or a value that is no number, makes the target
    qualitative: its text is the value (or the unit cell where the value is empty). A value
    that holds its own comparator (`≥1.2`, `不低于12`) is read with the unit cell after it,
    whatever a direction column (正向/反向) says. A
    number under a blank operator cell has no operator (the sign was lost, and may not have
    been `=`); with no operator column at all, a bare number means `=`.
    """
    op_text, value, unit = clean_text(op_cell), clean_text(value_cell), clean_text(unit_cell)
    raw = " ".join(part for part in (op_text, value, unit) if part) or None
    number = parse_number(compact_target(value)) if value else None
    if number is None:
        if op_text and operator_of(op_text) and value:
            combined = parse_target(f"{op_text}{value}{unit}")
            if combined.value is not None:
                return combined.model_copy(update={"raw": raw})
        if value and op_text not in vocabulary().target.qualitative:
            # `≥1.2 | 万亩`, `正向 | 不低于12 | 万亩`; `100% | %` prints its unit twice
            own = parse_target(value if unit and value.endswith(unit) else f"{value}{unit}")
            if own.value is not None:
                return own.model_copy(update={"raw": raw})
        text = value or unit or None
        if text and not op_text and not unit:
            return parse_target(text).model_copy(update={"raw": raw})
        return Target(raw=raw, text=text)
    op = operator_of(op_text) if op_text else None
    if op_text and op is None and op_text in vocabulary().target.qualitative:
        return Target(raw=raw, text=" ".join(p for p in (value, unit) if p))
    if op is None and not op_text and not op_column:
        op = "="
    return Target(raw=raw, op=op or ("=" if op_text else None), value=number, unit=unit or None)


_PLAIN_FIGURE = regex.compile(r"(?:0|0\.\d+|[1-9]\d*(?:\.\d+)?)%?")
_LONGEST_FIGURE = 12


def figure_cuts(text: str, count: int, percent_at: int | None = None) -> Iterator[list[str]]:
    """Every way to read `text` as `count` plain figures glued end to end (`901010010` →
    `90 | 10 | 100 | 10`, …): no leading zeros, a figure of 12 characters at most, a `%`
    only at a figure's end; with `percent_at`, the figure at that index ends in `%` and no
    other does (a matrix row's rate). Lazily, so a caller can stop after enough. Where each
    figure may end is worked out once per place (and only where the rest can still be cut),
    so the search costs the length of the text times `count`, not one try per dead end."""
    if count < 1 or len(text) > count * _LONGEST_FIGURE or \
            (percent_at is not None and percent_at >= 0 and "%" not in text):
        return
    ends: dict[tuple[int, int], list[int]] = {}

    def fits(start: int, end: int, index: int) -> bool:
        figure = text[start:end]
        return bool(_PLAIN_FIGURE.fullmatch(figure)) and \
            (percent_at is None or figure.endswith("%") == (index == percent_at))

    def ends_of(start: int, index: int) -> list[int]:
        """Where figure `index`, starting at `start`, may end with the rest still cuttable."""
        if (start, index) not in ends:
            if index == count - 1:
                found = [len(text)] if len(text) - start <= _LONGEST_FIGURE and \
                    fits(start, len(text), index) else []
            else:
                found = [end for end in range(start + 1, min(len(text), start + _LONGEST_FIGURE + 1))
                         if fits(start, end, index) and ends_of(end, index + 1)]
            ends[start, index] = found
        return ends[start, index]

    def cuts(start: int, index: int) -> Iterator[list[str]]:
        for end in ends_of(start, index):
            if index == count - 1:
                yield [text[start:end]]
            else:
                yield from ([text[start:end], *rest] for rest in cuts(end, index + 1))

    yield from cuts(0, 0)


