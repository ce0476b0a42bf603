"""Text that can be searched and copied in the PDFs Qt writes.

A PDF stores glyphs; what a reader extracts, searches or copies comes from each font's
``ToUnicode`` CMap (glyph → character). Qt's PDF writer builds that map by asking, for every
code point from U+0000 up, which glyph the font draws, and keeps the **lowest** code point of
each glyph (``QFontSubset::getReverseMap``). Japanese fonts (Noto Sans/Serif CJK here, and
the fonts of Windows) draw a Kangxi radical (U+2F00–U+2FDF) or a CJK radicals supplement
character (U+2E80–U+2EFF) with the very glyph of the ideograph — and those blocks lie below
the ideographs — so 子 支 行 長 come out as ⼦ ⽀ ⾏ ⻑: the printed page looks right, but
「子ども」 cannot be found or copied. (NFKC maps the Kangxi radicals back, but not most of the
supplement: ⻑ U+2ED1 stays ⻑.)

:func:`fix_pdf_text` corrects the written file: every destination of a ToUnicode CMap in the
radical blocks — and any other character the printed text does not hold, such as U+2027 for
the ・ of 【個別事業・取り組み】 — becomes the character of the printed text that the font draws
with the same glyph (:func:`text_equivalents`, asked of the fonts themselves). Both are four
hex digits, so the file keeps its length and every offset of its cross-reference table stays
valid.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

#: The code points Qt may wrongly name: CJK radicals supplement and Kangxi radicals.
RADICALS = range(0x2E80, 0x2FE0)

_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_RANGE_LINE = re.compile(rb"^<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4})> (.*)$", re.MULTILINE)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def is_radical(ch: str) -> bool:
    return ord(ch) in RADICALS


def _bmp(chars: Iterable[str]) -> str:
    return "".join(sorted({c for c in chars if 0x20 < ord(c) < 0x10000 and c.isprintable()}))


def text_equivalents(text: str, fonts: Iterable[QFont], codes: Iterable[int]) -> dict[int, int]:
    """For each of ``codes`` (characters a PDF's CMaps name) that is not in ``text`` but one of
    ``fonts`` draws with the glyph of a character of ``text``: code → that character. Kangxi
    radicals no font pairs so get their NFKC ideograph."""
    wrong = _bmp(chr(c) for c in codes if 0 < c < 0x10000 and chr(c) not in text)
    printed = _bmp(text)
    out: dict[int, int] = {}
    if wrong and printed:
        for font in fonts:
            raw = QRawFont.fromFont(font, QFontDatabase.WritingSystem.Japanese)
            if not raw.isValid():
                continue
            by_glyph: dict[int, str] = {}
            for ch, glyph in zip(printed, raw.glyphIndexesForString(printed), strict=True):
                if glyph:
                    by_glyph.setdefault(glyph, ch)
            for ch, glyph in zip(wrong, raw.glyphIndexesForString(wrong), strict=True):
                if glyph in by_glyph:
                    out.setdefault(ord(ch), ord(by_glyph[glyph]))
    for ch in wrong:
        folded = unicodedata.normalize("NFKC", ch)
        if is_radical(ch) and ord(ch) not in out and len(folded) == 1 and not is_radical(folded):
            out[ord(ch)] = ord(folded)
    return out


def cmap_destinations(pdf: bytes) -> set[int]:
    """Every character the ToUnicode CMaps of ``pdf`` name."""
    out: set[int] = set()
    for m in _STREAM.finditer(pdf):
        body = m.group(1)
        if b"begincmap" in body:
            for line in _RANGE_LINE.finditer(body):
                out.update(int(h, 16) for h in _HEX.findall(line.group(3)))
    return out


def _fix_destinations(line: re.Match[bytes], mapping: dict[int, int]) -> bytes:
    first, last, dest = line.group(1), line.group(2), line.group(3)
    if first != last and not dest.startswith(b"["):
        return line.group(0)  # a run of consecutive characters: no radical run is ever this long

    def swap(hexcode: re.Match[bytes]) -> bytes:
        code = int(hexcode.group(1), 16)
        return b"<%04X>" % mapping[code] if code in mapping else hexcode.group(0)

    return line.group(0)[: line.start(3) - line.start(0)] + _HEX.sub(swap, dest)


def fix_to_unicode(pdf: bytes, mapping: dict[int, int]) -> bytes:
    """``pdf`` with the radical destinations of its (uncompressed) ToUnicode CMaps replaced
    through ``mapping``; same length, every other byte unchanged."""

    def stream(m: re.Match[bytes]) -> bytes:
        body = m.group(1)
        if b"begincmap" not in body or b"beginbfrange" not in body:
            return m.group(0)
        fixed = _RANGE_LINE.sub(lambda line: _fix_destinations(line, mapping), body)
        assert len(fixed) == len(body)
        return m.group(0)[: m.start(1) - m.start(0)] + fixed + m.group(0)[m.end(1) - m.start(0) :]

    return _STREAM.sub(stream, pdf)


def fix_pdf_text(path: Path, text: str, fonts: Iterable[QFont]) -> None:
    """Correct the ToUnicode CMaps of the PDF at ``path`` (written by Qt from ``text`` in
    ``fonts``) in place; the file keeps its length."""
    data = path.read_bytes()
    mapping = text_equivalents(text, fonts, cmap_destinations(data))
    fixed = fix_to_unicode(data, mapping) if mapping else data
    if fixed != data:
        with path.open("r+b") as f:
            f.write(fixed)
