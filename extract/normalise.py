"""Normalisers: text, amounts, dates and targets, exactly as RECORD.md states.

Every function here is pure and total: it never raises on odd input, it
returns None (or a qualitative target) for what it cannot read.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import regex

from extract.vocab import to_simplified, vocabulary
from schemas.record import Target

_DIGIT_SEPARATORS = regex.compile(r"[\s,，]")
_PERCENT_CELL = regex.compile(r"\s*(\d+(?:\.\d+)?)\s*[%％]?\s*")
_YEAR_MARK = regex.compile(r"((?:19|20)\d{2})\s*年")
_SPACES = regex.compile(r"\s+")
_STRAY_CLOSING_BRACKET = regex.compile(r"(?<=\d)[)）]")
_PLAIN_NUMBER = regex.compile(r"\d+(?:\.\d+)?")

_TAG = regex.compile(r"</?[a-zA-Z][^>]*>|\[bookmark: [^\]]*\]")
_WS = regex.compile(r"[\s\u3000\xa0]+")
_CJK = r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u00b7]"
_CJK_GAP = regex.compile(rf"(?<={_CJK}) (?={_CJK})")
_HAS_SPACE = regex.compile(r"[\s\u3000\xa0]")


@lru_cache(maxsize=1 << 16)
def clean_text(text: str | None) -> str:
    """Whitespace-normalise a value: one space between words, none between CJK."""
    if not text:
        return ""
    if "<" in text or "[" in text:
        text = _TAG.sub("", text)
    if _HAS_SPACE.search(text):
        text = _WS.sub(" ", text).strip()
        if " " in text:
            text = _CJK_GAP.sub("", text)
    return _strip_cell_quotes(text) if '"' in text else text


def _strip_cell_quotes(text: str) -> str:
    """Drop the straight quotes Word puts around a multi-line cell."""
    if text.count('"') == 1 and (text.startswith('"') or text.endswith('"')):
        return text.strip('"').strip()
    if len(text) > 1 and text.startswith('"') and text.endswith('"'):
        return text[1:-1].strip()
    return text


# ---------------------------------------------------------------- amounts

_AMOUNT = regex.compile(
    r"^\s*[¥￥]?\s*(?P<num>\d{1,3}(?:[,，]\s?\d{3})+(?:\s?\.\s?\d+)?|\d+(?:\s?\.\s?\d+)?)\s*"
    r"(?P<unit>万元|万|元)?\s*$"
)


def parse_amount(text: str | None) -> tuple[Decimal | None, bool]:
    """Read a money cell as 万元. Returns (amount, converted_from_yuan).

    `774. 16` → 774.16, `4,000.00` → 4000.00, `232万元` → 232, `3000元` → 0.3.
    """
    if not text:
        return None, False
    match = _AMOUNT.match(_TAG.sub("", text).replace("\u3000", " "))
    if not match:
        return None, False
    digits = _DIGIT_SEPARATORS.sub("", match.group("num"))
    try:
        amount = Decimal(digits)
    except InvalidOperation:
        return None, False
    if match.group("unit") == "元":
        return (amount / Decimal(10000)).normalize(), True
    return amount, False


def parse_percent(text: str | None) -> Decimal | None:
    """`50%`, `100.00`, `0` → Decimal; anything else → None."""
    if not text:
        return None
    match = _PERCENT_CELL.fullmatch(text)
    return Decimal(match.group(1)) if match else None


# ---------------------------------------------------------------- dates

_DATE = regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[年./\-]\s*(?P<m>\d{1,2})(?!\d)\s*"
    r"(?:[月./\-]\s*(?P<d>\d{1,2})(?!\d)\s*日?)?\s*月?)?"
)


def parse_date(text: str) -> str | None:
    """ISO date at the precision printed: `2022.1.1`, `2022年1月`, `2020`."""
    match = _DATE.search(text.replace(" ", ""))
    if not match:
        return None
    year, month, day = match.group("y"), match.group("m"), match.group("d")
    if month and not 1 <= int(month) <= 12:
        return year
    if day and 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{year}-{int(month):02d}" if month else year


def parse_date_range(text: str) -> tuple[str | None, str | None]:
    """`2023.01.01-2023.12.31` → ('2023-01-01', '2023-12-31')."""
    compact = text.replace(" ", "")
    dates = [m.group(0) for m in _DATE.finditer(compact)]
    if not dates:
        return None, None
    return parse_date(dates[0]), parse_date(dates[1]) if len(dates) > 1 else None


def year_in(text: str) -> int | None:
    match = _YEAR_MARK.search(text.replace(" ", ""))
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------- targets


@cache
def _comparators() -> tuple[list[tuple[str, str]], list[tuple[str, str]], tuple[str, ...]]:
    words = vocabulary().section("target")
    prefixes = [(w, op) for key, op in (("ge", ">="), ("le", "<="), ("gt", ">"), ("lt", "<"),
                                        ("eq", "=")) for w in words[key]]
    suffixes = [(w, ">=") for w in words["suffix_ge"]] + [(w, "<=") for w in words["suffix_le"]]
    return (sorted(prefixes, key=lambda p: -len(p[0])), sorted(suffixes, key=lambda p: -len(p[0])),
            tuple(words["verbs"]))


_NUMBER = regex.compile(r"(\d+(?:\.\d+)?)(?:\s*[-~～—至]\s*(\d+(?:\.\d+)?))?")
_UNIT = regex.compile(r"^[\p{Han}%‰/·a-zA-Z²³.]{1,8}$")


_OCR_UNIT = str.maketrans({"↑": "个"})


def compact_target(text: str) -> str:
    """Drop OCR spaces and debris inside a target: `1 0 0 %` → `100%`, `100)%` → `100%`."""
    text = _SPACES.sub("", text.replace("％", "%").replace("．", ".")).translate(_OCR_UNIT)
    if text.count("(") + text.count("（") == 0:
        text = _STRAY_CLOSING_BRACKET.sub("", text)
    return text


def parse_target(raw: str | None) -> Target:
    """Split a printed target into op / value / unit, or keep it as text."""
    shown = clean_text(raw)
    if not shown:
        return Target(raw=None)
    quantitative = _quantitative(compact_target(shown))
    if quantitative is None:
        return Target(raw=shown, text=shown)
    op, value, unit = quantitative
    return Target(raw=shown, op=op, value=value, unit=unit)


@lru_cache(maxsize=1 << 16)
def _quantitative(printed: str) -> tuple[str, Decimal, str | None] | None:
    """Comparator words are matched in simplified form (不少於 = 不少于); the unit
    is kept as printed."""
    prefixes, suffixes, verbs = _comparators()
    simple = to_simplified(printed)
    if len(simple) != len(printed):
        simple = printed
    start, end, op = 0, len(simple), None
    for word, word_op in prefixes:
        if simple.startswith(word):
            op, start = word_op, len(word)
            break
    for word, word_op in suffixes:
        if simple.endswith(word) and end - start > len(word):
            if op not in (None, "="):
                return None
            op, end = word_op, end - len(word)
            break
    if simple[start:end].startswith("%"):  # `≥%90`
        start += 1
        leading_unit = "%"
    else:
        leading_unit = ""
    number = _NUMBER.match(simple, start, end)
    if not number:
        return None
    unit = leading_unit + printed[number.end():end]
    if unit and (not _UNIT.match(unit) or any(v in simple[number.end():end] for v in verbs)):
        return None
    if number.group(2):
        return "range", Decimal(number.group(1)), unit or None
    return op or "=", Decimal(number.group(1)), unit or None


def target_from_columns(symbol: str, value: str, unit: str) -> Target:
    """Read the 符号 / 值 / 单位（文字描述） columns of sample-001-style tables."""
    symbol, value, unit = clean_text(symbol), clean_text(value), clean_text(unit)
    raw = " ".join(part for part in (symbol, value, unit) if part) or None
    number = _PLAIN_NUMBER.fullmatch(compact_target(value)) if value else None
    text_words = vocabulary().section("target")["symbol_text"]
    if symbol in text_words or not number:
        text = unit or value or None
        return Target(raw=raw, text=text)
    prefixes, _, _ = _comparators()
    op = next((word_op for word, word_op in prefixes if compact_target(symbol) == word), "=")
    return Target(raw=raw, op=op, value=Decimal(number.group(0)), unit=unit or None)
