"""Canonical forms → PDF with a text layer (Chromium printing the HTML rendering)."""

from __future__ import annotations

from tests.render.browser import print_pdf
from tests.render.canonical import CanonicalForm
from tests.render.html import render_html


def render_pdf(forms: list[CanonicalForm]) -> bytes:
    """One page per form at least; long tables run over page breaks (the reader stitches them)."""
    return print_pdf(render_html(forms))
