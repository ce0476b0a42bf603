"""Number fields: what a user may type and how the value is stored.

A number is stored as normalised text ('1234', '12.5', '-3'): typed full-width digits, digit
group commas and spaces are accepted, as is the field's own unit after the number ('300人');
anything else is refused with a Japanese message naming the field, and nothing is saved.
"""

from __future__ import annotations

import re
import unicodedata

from welfareplan.core.errors import DataError

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
#: Characters of a number as typed that carry no value: digit group separators and spaces.
_IGNORED = str.maketrans("", "", ",、 \u3000\t")
#: Minus signs people type (after NFKC): the hyphen-minus and the Unicode minus sign.
_MINUS = str.maketrans({"\u2212": "-", "\u2010": "-", "\u2013": "-", "\u30fc": "-"})


def normalize_number(typed: str, *, unit: str = "") -> str | None:
    """The stored form of a typed number ('' for nothing typed), or None when it is none."""
    text = unicodedata.normalize("NFKC", typed).translate(_MINUS).strip()
    if unit:
        folded = unicodedata.normalize("NFKC", unit).strip()
        if folded and text.endswith(folded):
            text = text[: -len(folded)]
    text = text.translate(_IGNORED)
    if not text:
        return ""
    if not _NUMBER.fullmatch(text):
        return None
    from decimal import Decimal, InvalidOperation  # only plans with number fields need it

    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def parse_number(typed: str, label: str, *, unit: str = "") -> str:
    """:func:`normalize_number`, raising :class:`DataError` naming the field ``label``."""
    value = normalize_number(typed, unit=unit)
    if value is None:
        raise DataError(
            f"{label}の「{typed.strip()}」は数値ではありません。数字だけで入力してください"
            f"（例: 1234、12.5{'、300' + unit if unit else ''}）。",
            code="bad-number",
        )
    return value
