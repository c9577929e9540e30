"""Canonical text: decoded once, line breaks unified, everything else kept; offsets in code points."""

import pytest

from annotator.core.errors import RejectedInput
from annotator.core.text import (
    Utf16Index,
    canonical_offset_map,
    canonical_text,
    checked_text,
    code_point_to_utf16,
    decode_bytes,
    text_sha256,
    utf16_to_code_point,
)

TORTURE = "Flag 🇺🇦, family 👨‍👩‍👧, café (e\u0301), NBSP\u00a0here,\ttab, עברית 12, 😀 end"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\u2028b\u2029c\u0085d", "a\nb\nc\nd"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("keep\u00a0nbsp\tand tabs", "keep\u00a0nbsp\tand tabs"),
        ("e\u0301 stays decomposed", "e\u0301 stays decomposed"),
    ],
)
def test_canonical_text_unifies_line_breaks_only(raw, expected):
    assert canonical_text(raw) == expected


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("Grüße 😀".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Grüße".encode(), "utf-8-sig"),
        ("Grüße".encode("utf-16"), "utf-16"),
        ("Grüße".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    ],
)
def test_decode_bytes_reads_utf8_and_bom_marked_files(data, encoding):
    text, found = decode_bytes(data)
    assert text.startswith("Grüße")
    assert found == encoding


def test_decode_bytes_detects_legacy_encodings():
    data = ("Le gouvernement a déclaré que près de 3 000 maisons étaient détruites. " * 3).encode("cp1252")
    text, encoding = decode_bytes(data)
    assert "déclaré" in text
    assert encoding.startswith(("cp125", "latin", "iso8859"))  # recorded, and not utf-8


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"abc\x00def", "NUL"),
        (bytes(range(256)) * 4, "NUL"),
        (b"\x89PNG\r\n\x1a\n" + bytes([1, 2, 3, 4, 5]) * 50, "binary"),
    ],
)
def test_decode_bytes_refuses_binary_and_empty_input(data, reason):
    with pytest.raises(RejectedInput, match=reason):
        decode_bytes(data, source="bad.txt")


def test_canonical_text_refuses_lone_surrogates():
    with pytest.raises(RejectedInput, match="surrogate"):
        canonical_text("abc\ud800def")


REFUSED = {0, *range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x1B), *range(0x1C, 0x20), *range(0xD800, 0xE000)}


SPECIAL = (0x85, 0xA0, 0x2028, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFD)


@pytest.mark.parametrize("code", [*range(0x80), *SPECIAL])
def test_checked_text_refuses_exactly_nul_binary_controls_and_surrogates(code):
    """Tab, newline, carriage return and escape (ANSI colour codes in pasted text) are kept."""
    text = f"Grüße 😀 {chr(code)} end"
    if code in REFUSED:
        with pytest.raises(RejectedInput, match="NUL|control|surrogate"):
            checked_text(text)
    else:
        assert checked_text(text) is text


def test_a_lone_surrogate_beside_a_control_character_is_named_as_either():
    with pytest.raises(RejectedInput, match="surrogate|control"):
        checked_text("a\ud800b\x01")


def test_offset_map_follows_crlf_collapse():
    raw = "a\r\nb\rc\r\n"
    canon = canonical_text(raw)
    mapping = canonical_offset_map(raw)
    assert len(mapping) == len(raw) + 1
    for start in range(len(raw)):
        for end in range(start + 1, len(raw) + 1):
            if raw[start:end].startswith("\n") or raw[end - 1 : end + 1] == "\r\n":
                continue  # offsets inside a CRLF pair have no exact canonical position
            assert canon[mapping[start] : mapping[end]] == canonical_text(raw[start:end])


def test_hash_identifies_the_canonical_text():
    assert text_sha256(canonical_text("a\r\nb")) == text_sha256("a\nb")
    assert text_sha256("a\nb") != text_sha256("a\nb ")


def test_code_points_and_qt_positions_differ_after_emoji():
    assert len("a😀b") == 3
    assert code_point_to_utf16("a😀b", 3) == 4
    assert utf16_to_code_point("a😀b", 4) == 3


def test_utf16_index_agrees_with_the_slow_conversion_everywhere():
    index = Utf16Index(TORTURE)
    for offset in range(len(TORTURE) + 1):
        position = code_point_to_utf16(TORTURE, offset)
        assert index.to_utf16(offset) == position
        assert index.to_code_point(position) == offset


def test_utf16_index_rounds_a_split_surrogate_pair_down():
    index = Utf16Index("a😀b")
    assert index.to_code_point(2) == 1
