"""Cleaning typed or pasted text before it is stored.

Everything a user types is kept — characters of every script, emoji, combining marks — except
what no document can hold: control characters (other than line breaks and tabs) are removed
and Windows/Mac line endings become ``\\n``.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)
