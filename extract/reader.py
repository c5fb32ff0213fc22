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

from extract.normalise import same_glyphs

MAX_BYTES = 100 * 1024 * 1024
_MAX_BAD_UTF8 = 8
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # a form feed stays: it parts pages
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
    notes: tuple[str, ...] = ()  # what decoding had to repair, for the document's warnings


def read_limited(path: Path) -> bytes:
    """The file's bytes, refusing files over the size limit with a message."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableFile(
            f"{path} is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit "
            "for one form file; split it into smaller files first"
        )
    return path.read_bytes()


def source_from_bytes(data: bytes, name: str = "input") -> SourceText:
    """Decode bytes already read; the sha256 is of exactly these bytes."""
    text, encoding, notes = decode_with_notes(data, name)
    return SourceText(split_lines(text), encoding, hashlib.sha256(data).hexdigest(), len(data),
                      notes)


def read_source(path: Path) -> SourceText:
    return source_from_bytes(read_limited(path), str(path))


def decode(data: bytes, path: Path | str = "input") -> tuple[str, str]:
    text, encoding, _ = decode_with_notes(data, path)
    return text, encoding


def decode_with_notes(data: bytes, path: Path | str = "input") -> tuple[str, str, tuple[str, ...]]:
    """Text, the encoding it was read as, and what had to be repaired."""
    if not data.strip(b" \t\r\n\x00"):
        raise UnreadableFile(f"{path} is empty")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(f"{path} is {kind}, not text; convert it to text first")
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[3:], "utf-8-sig", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", ()
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    utf16 = _as_utf16(data)
    if utf16:
        return utf16
    if _mostly_utf8(data):
        return _utf8(data, "utf-8", path)
    try:
        return data.decode("gb18030"), "gb18030", ()
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"{path} is neither UTF-8 nor GB18030 text (bad byte at offset {error.start}); "
            "re-save it as UTF-8 or GB18030"
        ) from error


def _utf8(data: bytes, encoding: str, path: Path | str) -> tuple[str, str, tuple[str, ...]]:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad > _MAX_BAD_UTF8:
        raise UnreadableFile(f"{path} has {bad} invalid UTF-8 sequences; re-save it as UTF-8")
    notes = (f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD",) if bad else ()
    return text, encoding, notes


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes (a truncated last character), not another encoding."""
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") <= _MAX_BAD_UTF8 and len(text) > 4 * _MAX_BAD_UTF8


def _as_utf16(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """UTF-16 without a BOM: its line ends and tabs leave NUL bytes, which UTF-8
    and GB18030 text never holds, and it decodes cleanly."""
    if len(data) % 2 or data.count(0) < 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\n" in text or "\t" in text:
            return text, encoding, ()
    return None


def split_lines(text: str) -> list[str]:
    """Lines without their ends; CRLF, CR and LF all end a line. Radicals a PDF's font put for
    characters (text pulled out of such a PDF) are read as the characters from the start."""
    text = same_glyphs(text.replace("\r\n", "\n").replace("\r", "\n"))
    return [_CONTROL.sub("", line) for line in text.split("\n")]
