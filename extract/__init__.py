"""Extract performance-target forms from OCR'd Chinese budget documents."""

__version__ = "0.1.0"
