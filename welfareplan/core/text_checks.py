"""Gentle checks of the text fields (warnings, never blocking), generic over a form's text
fields: what will print badly or read badly in the report.

- **半角カタカナ** (U+FF61–U+FF9F): the report is set in full-width text.
- **機種依存文字**: characters that JIS X 0208 lacks and Windows' code page 932 adds — the NEC
  special characters of row 13 (①–⑳, Ⅰ–Ⅹ, ㈱ ㈲, ㍻, ㌔ ㎝, №, ℡, ∑ …; CP932 0x8740–0x879F),
  the NEC-selected IBM extensions (0xED40–0xEEFC) and the IBM extensions (0xFA40–0xFC4B; 髙,
  﨑, ⅰ–ⅹ, ￤ …). Decided by encoding the character as CP932 and looking at where it lands,
  so the set is exactly Windows' and needs no hand-kept list. Characters CP932 cannot encode
  at all (〜 U+301C and the like) are not flagged: Python encodes those it maps.
- **タブ**: a tab prints as a gap of unknown width.
- **長さ**: a text whose cell in the report would hold more lines than ``CellLimit.lines``
  (the exports compute the limit from the report's column width and page height:
  ``exports/cell_capacity.py``).
- **前年と同一** for the form's ``copy_from_last_year`` field: last year's text copied and left
  unchanged (fields flagged ``warn_same_as_last_year`` are checked by ``core/checks.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from welfareplan.core.checks import Check, Level, comparable
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.evaluation_form import EvaluationForm

HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]+")
#: CP932 lead-byte ranges of the vendor extensions (row 13, NEC-selected IBM, IBM).
VENDOR_RANGES = ((0x8740, 0x879F), (0xED40, 0xEEFC), (0xFA40, 0xFC4B))


@dataclass(frozen=True)
class CellLimit:
    """How a field's text lays out in its report cell: full-width characters per line, and
    the number of lines above which the cell is very long (it takes more than about half a
    page)."""

    chars_per_line: float
    lines: int

    def lines_of(self, text: str) -> int:
        per = max(self.chars_per_line, 1.0)
        return sum(max(1, math.ceil(len(p) / per)) for p in text.split("\n"))


def is_vendor_char(char: str) -> bool:
    """Whether ``char`` is one of Windows' CP932 extensions (機種依存文字)."""
    if char.isascii():
        return False
    try:
        code = char.encode("cp932")
    except UnicodeEncodeError:
        return False
    if len(code) != 2:
        return False
    value = int.from_bytes(code, "big")
    return any(low <= value <= high for low, high in VENDOR_RANGES)


def _shown(parts: list[str]) -> str:
    unique = list(dict.fromkeys(parts))
    return "、".join(unique[:6]) + ("…" if len(unique) > 6 else "")


def text_checks(
    form: EvaluationForm,
    values: EntryValues,
    previous: EntryValues | None = None,
    *,
    limits: Mapping[str, CellLimit] | None = None,
    previous_label: str = "前年度",
) -> list[Check]:
    """The warnings of the form's text fields, in the order of the form."""
    checks: list[Check] = []
    for f in form.text_fields:
        text = values.get(f.key)
        if not text.strip():
            continue
        kana = HALFWIDTH_KANA.findall(text)  # as written: ｶﾞｲﾄﾞ, not ｶﾞｲﾄ
        if kana:
            checks.append(
                Check(
                    f"{f.key}-halfwidth-kana",
                    Level.WARNING,
                    f"{f.label}に半角カタカナ（{_shown(kana)}）があります。全角で書いてください。",
                )
            )
        vendor = [c for c in text if is_vendor_char(c)]
        if vendor:
            checks.append(
                Check(
                    f"{f.key}-vendor-chars",
                    Level.WARNING,
                    f"{f.label}に機種依存文字（{_shown(vendor)}）があります。"
                    "ほかのパソコンや公表資料で正しく表示されないことがあります"
                    "（例: ①→(1)、㈱→(株)、髙→高）。",
                )
            )
        if "\t" in text:
            checks.append(
                Check(
                    f"{f.key}-tab",
                    Level.WARNING,
                    f"{f.label}にタブ文字があります。報告書では幅の決まらない空白になるため、"
                    "全角スペースか改行にしてください。",
                )
            )
        limit = (limits or {}).get(f.key)
        if limit is not None and limit.lines_of(text) > limit.lines:
            checks.append(
                Check(
                    f"{f.key}-very-long",
                    Level.WARNING,
                    f"{f.label}が長く、報告書の欄では約{limit.lines_of(text)}行"
                    f"（1行約{int(limit.chars_per_line)}字）になります。"
                    f"{limit.lines}行ほどに収まるよう、要点を絞ることを検討してください。",
                )
            )
    if previous is not None:
        for f in form.flagged("copy_from_last_year"):
            if f.warn_same_as_last_year:
                continue  # core/checks.py says it already
            text = values.get(f.key)
            if text.strip() and comparable(text) == comparable(previous.get(f.key)):
                checks.append(
                    Check(
                        f"{f.key}-copied-unchanged",
                        Level.WARNING,
                        f"前年と同一: {f.label}が{previous_label}のまま（写したまま）です。"
                        "今年度の内容に書き直してください。",
                    )
                )
    return checks
