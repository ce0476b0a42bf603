"""Cleaning typed or pasted text before it is stored.

Everything a user types is kept — characters of every script, emoji, combining marks — except
what no document can hold: control characters (C0 other than line breaks and tabs, DEL, C1),
lone surrogates and the two non-characters XML forbids are removed, and every kind of line
break (Windows ``\\r\\n``, old Mac ``\\r``, Unicode's line and paragraph separators, NEL)
becomes ``\\n``. The exports clean with this same function, so a stored text and the text of
its Word or Excel cell are equal.
"""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, C1 controls, lone surrogates and the two non-characters
# XML 1.0 forbids. CR is handled with the line breaks.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")
_SUSPECT = re.compile(f"{_UNSAFE.pattern}|[\r\u2028\u2029\x85]")


def clean_text(text: str) -> str:
    if _SUSPECT.search(text) is None:  # the usual case: nothing to clean
        return text
    return _UNSAFE.sub("", _NEWLINES.sub("\n", text))


_SURROGATES = re.compile("[\ud800-\udfff]")


def display_name(name: str) -> str:
    """A file name as text that can be stored and shown: bytes that were not valid in the
    file system's encoding (Python keeps them as lone surrogates) become U+FFFD, and the one
    cleaning rule removes control characters (an ESC in a name never reaches a terminal)."""
    return clean_text(_SURROGATES.sub("\ufffd", name))


def loose_key(text: object) -> str:
    """A heading compared loosely: NFKC, no spaces ('事業 No' = '事業Ｎｏ' = '事業No')."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", str(text or "")).split())
