"""Read a source file: bytes → text lines, with the encoding it was written in.

Archives hold text written by many Windows tools: UTF-8 with or without BOM,
GB18030/GBK, UTF-16 with BOM, CRLF or CR line ends, stray NUL and control
characters. Binary files renamed .txt are refused with a clear message.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

import regex

MAX_BYTES = 100 * 1024 * 1024
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (or .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
}


class UnreadableFile(Exception):
    """A file that is not text we can read; the message says what to do."""


@dataclass(frozen=True)
class SourceText:
    lines: list[str]
    encoding: str
    sha256: str
    size: int


def read_source(path: Path) -> SourceText:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableFile(
            f"{path} is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit "
            "for one form file; split it into smaller files first"
        )
    data = path.read_bytes()
    text, encoding = decode(data, path)
    return SourceText(split_lines(text), encoding, hashlib.sha256(data).hexdigest(), len(data))


def decode(data: bytes, path: Path | str = "input") -> tuple[str, str]:
    if not data.strip():
        raise UnreadableFile(f"{path} is empty")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(f"{path} is {kind}, not text; convert it to text first")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"{path} is neither UTF-8 nor GB18030 text (bad byte at offset {error.start}); "
            "re-save it as UTF-8"
        ) from error


def split_lines(text: str) -> list[str]:
    """Lines without their ends; CRLF, CR and LF all end a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_CONTROL.sub("", line) for line in text.split("\n")]
