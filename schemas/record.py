"""The output contract of RECORD.md as pydantic models.

These models are the single source of truth in code for what `cli.py extract`
writes. Money and target values are `Decimal` and serialise as strings, so an
importer never sees a float. Every model forbids unknown fields: a typo in a
parser is caught at validation time, not by a consumer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

SCHEMA_VERSION = "1.1"

DecimalStr = Annotated[
    Decimal,
    PlainSerializer(lambda d: format(d, "f"), return_type=str, when_used="always"),
]

IndicatorScope = Literal["annual", "long_term", "mid_term", "overall"]
GoalScope = Literal["annual", "overall", "long_term", "mid_term"]
SourceFormat = Literal["text", "html", "docx", "xlsx", "pdf", "image"]
FormType = Literal["target", "self_evaluation"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Warning(Strict):
    """Something questionable found in a form or file; never a silent fix."""

    code: str
    message: str
    line: int | None = None


class Source(Strict):
    """Where a document came from. `key` identifies it in an output folder (RECORD.md);
    `layout` names the reader that built its tables — an open list, so a plain string."""

    path: str
    key: str
    sha256: str
    bytes: int
    format: SourceFormat = "text"
    encoding: str | None = None
    layout: str


class Attributes(Strict):
    continuity: Literal["new", "continuing"] | None = None
    recurrence: Literal["one_off", "recurring", "multi_year"] | None = None
    level: Literal["own", "allocated"] | None = None
    raw: str | None = None


class Period(Strict):
    start: str | None = None
    end: str | None = None
    raw: str


class FundingLine(Strict):
    source: str
    scope: Literal["本级", "上级"] | None = None
    amount: DecimalStr | None = None
    raw: str


class Funding(Strict):
    unit: Literal["万元"] = "万元"
    total: DecimalStr | None = None
    annual: DecimalStr | None = None
    executed: DecimalStr | None = None  # self-evaluation forms: 全年执行数
    execution_rate: DecimalStr | None = None  # self-evaluation forms: 执行率, percent
    lines: list[FundingLine] = Field(default_factory=list)


class SpendingCheckpoint(Strict):
    checkpoint: str
    cumulative_pct: DecimalStr | None = None


class Texts(Strict):
    overview: str | None = None
    schedule: str | None = None
    explanation: str | None = None


class Goal(Strict):
    scope: GoalScope
    label: str | None = None
    text: str


class Target(Strict):
    raw: str | None = None
    op: Literal[">=", "<=", ">", "<", "=", "range"] | None = None
    value: DecimalStr | None = None
    unit: str | None = None
    text: str | None = None


class Indicator(Strict):
    scope: IndicatorScope = "annual"
    level1: str | None = None
    level1_raw: str | None = None
    level2: str | None = None
    level2_raw: str | None = None
    name: str | None = None
    description: str | None = None
    target: Target = Field(default_factory=Target)
    basis: str | None = None
    history: dict[str, str] | None = None
    weight: DecimalStr | None = None
    actual: Target | None = None  # self-evaluation forms: 实际完成值, shaped like target
    score: DecimalStr | None = None
    deviation: str | None = None
    line: int
    location: str | None = None  # non-text sources: "table 2, row 5", "Sheet1!C7", "page 2 (x0,y0,x1,y1)"


class Contacts(Strict):
    filled_by: str | None = None
    phone: str | None = None
    unit_head: str | None = None
    project_head: str | None = None


class Form(Strict):
    form_id: str
    kind: Literal["project", "department"]
    form_type: FormType = "target"
    title: str | None = None
    fiscal_year: int | None = None
    lines: tuple[int, int]
    department: str | None = None
    implementing_unit: str | None = None
    project_name: str | None = None
    project_code: str | None = None
    unit_code: str | None = None
    category: str | None = None
    attributes: Attributes = Field(default_factory=Attributes)
    period: Period | None = None
    funding: Funding | None = None
    spending_plan: list[SpendingCheckpoint] = Field(default_factory=list)
    texts: Texts = Field(default_factory=Texts)
    goals: list[Goal] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    contacts: Contacts = Field(default_factory=Contacts)
    self_score: DecimalStr | None = None
    warnings: list[Warning] = Field(default_factory=list)
    provenance: dict[str, int] = Field(default_factory=dict)


class Document(Strict):
    schema_version: str = SCHEMA_VERSION
    source: Source
    extractor_version: str
    forms: list[Form] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


_COMPARE = {">=": lambda a, t: a >= t, ">": lambda a, t: a > t, "<=": lambda a, t: a <= t,
            "<": lambda a, t: a < t, "=": lambda a, t: a == t}


def met(target: Target | None, actual: Target | None) -> bool | None:
    """Was the planned value reached? Derived from `target` and `actual` only, never the score.

    Null unless both carry a number and their units agree (or one has none); `>=`, `>`,
    `<=`, `<` compare the achieved number with the planned one, `=` needs them equal, and a
    `range` or a qualitative target gives null. Not a field of the record: derived wherever
    it is shown (Parquet, review, validation).
    """
    if target is None or actual is None or target.value is None or actual.value is None:
        return None
    compare = _COMPARE.get(target.op or "")
    if compare is None:
        return None
    units = {(unit or "").strip() for unit in (target.unit, actual.unit)} - {""}
    return compare(actual.value, target.value) if len(units) <= 1 else None
