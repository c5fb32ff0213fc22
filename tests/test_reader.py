"""Input robustness: encodings, line ends, control characters, binary files."""

from __future__ import annotations

import codecs

import pytest

from extract.reader import UnreadableFile, decode, read_source, split_lines

TEXT = "项目名称\t城市低保金\n合计\t974.12\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),
])
def test_encodings(data, encoding):
    text, detected = decode(data)
    assert (text.replace("\r\n", "\n"), detected) == (TEXT, encoding)


def test_line_ends_and_control_characters():
    assert split_lines("a\r\nb\rc\nd\x00e\x07") == ["a", "b", "c", "de"]
    # text pulled out of a PDF whose font maps 目 and 门 to radicals
    assert split_lines("项⽬名称\t主管部⻔") == ["项目名称\t主管部门"]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "is empty"),
    (b"%PDF-1.7 ...", "a PDF file"),
    (b"PK\x03\x04....", "zip archive"),
    (b"\xff\xfe\xfa\xfb\x81\x30", None),
])
def test_unreadable_inputs_say_what_to_do(data, message):
    if message is None:
        decode(data)  # UTF-16 BOM: decodes, never raises
        return
    with pytest.raises(UnreadableFile, match=message):
        decode(data)


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x80\x80\x80abc\xff")
    with pytest.raises(UnreadableFile, match="re-save it as UTF-8"):
        read_source(path)
