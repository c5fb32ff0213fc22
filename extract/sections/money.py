"""The money block: total, annual amount and funding lines, in 万元.

Contract: `parse_funding(rows, usage_text) -> FundingResult`. The block starts
at a row led by 项目预算安排资金 / 资金总额 / 资金投入 / 项目总预算 … and runs
while rows keep an empty first cell or a money label. Each row is read left
to right: a total or annual label takes the next amount; a source label
(一般公共预算 …) or scope label (本级/上级) opens a funding line that takes the
next amount. A row that prints the same source twice is two-sided (实施期 /
年度): only its first side makes lines. Forms without a money block state
their total in prose (`预算数368.55万元`), read from the usage text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import regex

from extract.normalise import clean_text, parse_amount
from extract.rows import Row
from extract.vocab import field_of_label, is_junk, label_key, vocabulary
from schemas.record import Funding, FundingLine, Warning

_WAN = regex.compile(r"万")

_MAX_BLOCK_ROWS = 12
_HEADER_AMOUNT = regex.compile(r"金额[(（]\s*([\d,.\s]+)\s*(万元|万|元)\s*[)）]")
_YUAN_HEADER = regex.compile(r"[(（]\s*元\s*[)）]|^单位\s*[:：]\s*元$")
_TEN_THOUSAND = Decimal(10000)


@dataclass
class FundingResult:
    funding: Funding | None
    provenance: dict[str, int] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


@cache
def _money() -> dict:
    return vocabulary().section("money")


@cache
def _sources() -> list[tuple[str, str]]:
    pairs = [(label_key(v), canonical) for canonical, variants in _money()["sources"].items()
             for v in variants]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _starts_block(row: Row) -> bool:
    """A row led by a money-block label, possibly broken over its first two cells."""
    texts = [t for _, t in row.filled[:2]]
    return any(_is_block_label(text) for text in (texts[0], "".join(texts)))


def _is_block_label(text: str) -> bool:
    key = label_key(text)
    if field_of_label(text, exact=False) == "overview":
        return False
    return any(key.startswith(label_key(label)) for label in _money()["block"])


def parse_funding(rows: list[Row], usage_text: str | None) -> FundingResult:
    start = next((i for i, row in enumerate(rows) if row.filled and not row.is_text
                  and _starts_block(row)), None)
    if start is None:
        return _funding_from_prose(usage_text, rows)
    reader = _BlockReader(in_yuan=_stated_in_yuan(rows[: start + 1]))
    block = _block_rows(rows, start)
    for row in block:
        reader.read_row(row)
    result = reader.result()
    result.used = set(range(start, start + len(block)))
    return result


def _stated_in_yuan(rows: list[Row]) -> bool:
    """`单位：元` above the block, or `金额（元）` in its header row: plain amounts are 元."""
    return any(_YUAN_HEADER.search(label_key(text)) for row in rows for _, text in row.filled)


def _block_rows(rows: list[Row], start: int) -> list[Row]:
    block = [rows[start]]
    for row in rows[start + 1: start + _MAX_BLOCK_ROWS]:
        first = row.texts[0] if row.texts else ""
        if row.is_text or (first and (field_of_label(first, exact=False) or _is_goal_label(first))):
            break
        block.append(row)
    return block


def _is_goal_label(text: str) -> bool:
    key = label_key(text)
    return any(key.startswith(label_key(label)) for labels in
               vocabulary().section("goal_labels").values() for label in labels)


def _is_money_cell(text: str) -> bool:
    key = label_key(text)
    money = _money()
    words = money["total"] + money["annual"] + money["scope_own"] + money["scope_upper"]
    return any(label_key(w) in key for w in words) or any(v in key for v, _ in _sources())


def _join_split_labels(filled: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`合` `计` in two cells (a PDF broke the label) → `合计`."""
    joined: list[tuple[int, str]] = []
    for column, text in filled:
        if joined and label_key(joined[-1][1]) == "合" and label_key(text).startswith("计"):
            joined[-1] = (joined[-1][0], "合计")
        else:
            joined.append((column, text))
    return joined


class _BlockReader:
    def __init__(self, in_yuan: bool = False) -> None:
        self.in_yuan = in_yuan
        self.total: Decimal | None = None
        self.header_total: Decimal | None = None
        self.annual: Decimal | None = None
        self.lines: list[FundingLine] = []
        self.provenance: dict[str, int] = {}
        self.source: str | None = None
        self.first_line: int | None = None
        self.yuan = False

    def read_row(self, row: Row) -> None:
        self.first_line = self.first_line or row.line
        pending: str | None = None
        line_source: str | None = None
        line_scope: str | None = None
        line_cells: list[str] = []
        line_amount: Decimal | None = None
        sources_seen: list[str] = []
        filled = _join_split_labels([(c, t) for c, t in row.filled if not is_junk(t)])
        for column, text in filled:
            header = _HEADER_AMOUNT.search(text)
            if header:
                self.header_total = parse_amount(header.group(1) + header.group(2))[0]
                self.provenance.setdefault("funding.total", row.cells[column].line)
                continue
            amount, converted = parse_amount(text)
            if amount is not None and self.in_yuan and not converted and not _WAN.search(text):
                amount, converted = (amount / _TEN_THOUSAND).normalize(), True
            if amount is not None:
                self.yuan |= converted
                if pending == "total" and self.total is None:
                    self.total = amount
                    self.provenance["funding.total"] = row.cells[column].line
                elif pending == "annual" and self.annual is None:
                    self.annual = amount
                    self.provenance["funding.annual"] = row.cells[column].line
                elif pending == "line" and line_amount is None:
                    line_amount = amount
                    line_cells.append(row.cells[column].raw)
                pending = None
                continue
            role, value = self._classify(text)
            if role is None:
                pending = None  # text between a label and its amount: the amount is not there
                continue
            if role == "source" and value in sources_seen:
                break  # the second side of a two-sided block repeats its sources
            if role == "total":
                pending = "total"
            elif role == "annual":
                pending = "annual"
            elif role in ("source", "scope"):
                if role == "source":
                    sources_seen.append(value)
                    line_source = self.source = value
                    scope_in_cell = self._scope_of(text)
                    line_scope = scope_in_cell or line_scope
                else:
                    line_scope = value
                pending = "line"
                line_cells.append(row.cells[column].raw)
        if line_source or line_scope:
            self._add_line(line_source or self.source, line_scope, line_amount, line_cells)

    def _classify(self, text: str) -> tuple[str | None, str | None]:
        key = label_key(text)
        money = _money()
        if any(key.startswith(label_key(w)) for w in money["total"]):
            return "total", None
        if any(key.startswith(label_key(w)) for w in money["annual"]):
            return "annual", None
        source = next((canonical for variant, canonical in _sources() if variant in key), None)
        if source:
            return "source", source
        scope = self._scope_of(text)
        return ("scope", scope) if scope else (None, None)

    @staticmethod
    def _scope_of(text: str) -> str | None:
        key = label_key(text)
        if any(w in key for w in _money()["scope_upper"]):
            return "上级"
        if any(w in key for w in _money()["scope_own"]):
            return "本级"
        return None

    def _add_line(self, source: str | None, scope: str | None, amount: Decimal | None,
                  cells: list[str]) -> None:
        raw = "\t".join(cells)
        if self.yuan and amount is not None:
            raw += " (元→万元)"
        self.lines.append(FundingLine(source=source or "未注明", scope=scope, amount=amount,
                                      raw=clean_text(raw.replace("\t", " ")) or raw))

    def result(self) -> FundingResult:
        warnings: list[Warning] = []
        total = self.total if self.total is not None else self.header_total
        stated = [line.amount for line in self.lines if line.amount is not None]
        if total is None and stated:
            warnings.append(Warning(code="funding_total_missing", line=self.first_line,
                                    message=f"合计 is blank; the lines add up to {sum(stated)}"))
        elif total is not None and stated and sum(stated) != total:
            warnings.append(Warning(code="funding_sum_mismatch", line=self.first_line,
                                    message=f"lines add up to {sum(stated)}, total is {total}"))
        if self.yuan:
            warnings.append(Warning(code="amounts_in_yuan", line=self.first_line,
                                    message="amounts printed in 元 were converted to 万元"))
        funding = Funding(total=total, annual=self.annual, lines=self.lines)
        return FundingResult(funding, self.provenance, warnings)


@cache
def _prose_pattern() -> tuple[regex.Pattern[str], set[str]]:
    keywords = vocabulary().section("money_text")["keywords"]
    alternatives = "|".join(regex.escape(k) for k in sorted(keywords, key=len, reverse=True))
    pattern = regex.compile(rf"({alternatives})\s*[为是:：]?\s*(\d+(?:\.\d+)?)\s*万")
    strong = {k for k in keywords if k not in ("共计", "累计", "合计", "累计金额")}
    return pattern, strong


def _funding_from_prose(text: str | None, rows: list[Row]) -> FundingResult:
    """`预算数368.55万元`: the first strong statement, else the last weak one."""
    if not text:
        return FundingResult(None)
    pattern, strong = _prose_pattern()
    matches = list(pattern.finditer(text.replace(" ", "")))
    if not matches:
        return FundingResult(Funding())
    chosen = next((m for m in matches if m.group(1) in strong), matches[-1])
    line = next((cell.line for row in rows for cell in row.cells
                 if chosen.group(0) in cell.text.replace(" ", "")), None)
    provenance = {"funding.total": line} if line else {}
    return FundingResult(Funding(total=Decimal(chosen.group(2))), provenance)
