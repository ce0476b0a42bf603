"""Making stored text safe to put into Word and Excel files.

Entries are typed by many people (and pasted from other programs), so any text may hold
control characters that XML forbids, Windows line endings, or a leading ``=`` that a
spreadsheet would take for a formula. Every exporter passes text through :func:`clean_text`;
the Excel writers additionally keep formula-looking text a string (see ``xlsx_cells``).

Excel's files escape characters as ``_xHHHH_`` (ECMA-376 ``ST_Xstring``): Excel writes a
pasted carriage return as ``_x000D_`` and the literal text ``_x000D_`` as ``_x005F_x000D_``,
and reads them back so. :func:`excel_text` escapes like Excel (openpyxl writes the text as it
is, so a stored ``_x000D_`` would come back as a line break), :func:`ooxml_unescape` decodes
every escape exactly (openpyxl leaves them, except that it drops each ``x005F_`` of a shared
string: :mod:`welfareplan.exports.xlsx_reading` reads them untouched).
"""

from __future__ import annotations

import re

from welfareplan.core.textclean import clean_text as _clean_typed

#: Excel's limit on the characters of one cell.
EXCEL_CELL_LIMIT = 32_767

#: Characters Excel treats as the start of a formula when typed (and some importers when read).
FORMULA_PREFIXES = ("=", "+", "-", "@")

#: An OOXML escape: ``_x`` four hex digits ``_``.
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: An underscore that starts something a reader would take for an escape.
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")

# Characters printed half as wide as a kanji: ASCII, Latin and other alphabets, half-width kana.
_NARROW = re.compile("[\u0000-\u10ff\uff61-\uffdc]")


def clean_text(text: str | None) -> str:
    """The text with line breaks normalised to ``\\n`` and every control character but
    ``\\n`` and ``\\t`` removed: :func:`welfareplan.core.textclean.clean_text`, the cleaning
    of typed text, so exported text equals stored text. ``None`` becomes ``''``."""
    return _clean_typed(text) if text else ""


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula if it were typed in."""
    return text.startswith(FORMULA_PREFIXES)


def excel_text(text: str | None) -> str:
    """:func:`clean_text`, cut to Excel's cell limit (with a visible mark when cut), escaped
    as Excel escapes (:func:`ooxml_escape`): the string to put into a cell."""
    cleaned = clean_text(text)
    if len(cleaned) > EXCEL_CELL_LIMIT:
        mark = "…（以下省略）"
        cleaned = cleaned[: EXCEL_CELL_LIMIT - len(mark)] + mark
    return ooxml_escape(cleaned)


def ooxml_escape(text: str) -> str:
    """Text as a cell stores it: a literal ``_xHHHH_`` gets its underscore escaped
    (``_x005F_``), so no reader takes it for an escape. (Control characters other than line
    breaks and tabs never reach here: :func:`clean_text` removed them.)"""
    return _LOOKS_ESCAPED.sub("_x005F_", text) if "_x" in text else text


def ooxml_unescape(text: str) -> str:
    """A cell's stored string as the text it stands for: every ``_xHHHH_`` decoded, left to
    right (``_x005F_x000D_`` is the literal ``_x000D_``)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def display_width(text: str) -> float:
    """Width of one line in full-width character units (half-width characters count 0.5)."""
    if text.isascii():
        return len(text) * 0.5
    narrow = len(_NARROW.findall(text))  # quicker than removing them and measuring the rest
    return len(text) - narrow * 0.5


def wrapped_lines(text: str, chars_per_line: float) -> int:
    """How many lines ``text`` takes in a column holding ``chars_per_line`` full-width
    characters (each ``\\n`` starts a new line; an empty text takes one line)."""
    capacity = max(chars_per_line, 1.0)
    if len(text) <= capacity and "\n" not in text:
        return 1  # short: no character is wider than a full-width one
    lines = 0
    for paragraph in text.split("\n"):
        width = display_width(paragraph)
        lines += max(1, -int(-width // capacity))
    return lines
