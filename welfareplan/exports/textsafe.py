"""Making stored text safe to put into Word and Excel files.

Entries are typed by many people (and pasted from other programs), so any text may hold
control characters that XML forbids, Windows line endings, or a leading ``=`` that a
spreadsheet would take for a formula. Every exporter passes text through :func:`clean_text`;
the Excel writers additionally keep formula-looking text a string (see ``xlsx_cells``).
:func:`import_text` is the way back: a cell's text as the merge stores it.
"""

from __future__ import annotations

import re

from welfareplan.core.textclean import clean_text as _clean_typed

#: Excel's limit on the characters of one cell.
EXCEL_CELL_LIMIT = 32_767

#: Characters Excel treats as the start of a formula when typed (and some importers when read).
FORMULA_PREFIXES = ("=", "+", "-", "@")

#: OOXML's escape of a character XML cannot hold (only control characters are decoded: a
#: department does not type '_x0041_' meaning 'A').
_CONTROL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|007[Ff])_")

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
    """:func:`clean_text`, cut to Excel's cell limit (with a visible mark when cut)."""
    cleaned = clean_text(text)
    if len(cleaned) <= EXCEL_CELL_LIMIT:
        return cleaned
    mark = "…（以下省略）"
    return cleaned[: EXCEL_CELL_LIMIT - len(mark)] + mark


def import_text(text: str) -> str:
    """A typed cell's text as stored: OOXML escapes of control characters decoded
    ('_x000D_' → CR), then cleaned like any typed text."""
    return _clean_typed(_CONTROL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text))


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
