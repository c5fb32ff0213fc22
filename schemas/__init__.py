"""Pydantic models of the output contract (RECORD.md)."""

from schemas.record import (
    SCHEMA_VERSION,
    Attributes,
    Contacts,
    Document,
    Form,
    Funding,
    FundingLine,
    Goal,
    Indicator,
    Period,
    Source,
    SpendingCheckpoint,
    Target,
    Texts,
    Warning,
)

__all__ = [
    "SCHEMA_VERSION", "Attributes", "Contacts", "Document", "Form", "Funding", "FundingLine",
    "Goal", "Indicator", "Period", "Source", "SpendingCheckpoint", "Target", "Texts", "Warning",
]
