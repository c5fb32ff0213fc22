"""Shared fixtures: the samples, extracted once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def documents():
    """Sample stem → extracted Document."""
    return {path.stem: extract_document(path, display_path=f"samples/{path.name}")
            for path in sorted(SAMPLES.glob("*.txt"))}
