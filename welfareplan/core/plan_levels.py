"""The levels of a plan above its projects, and how each level numbers its items.

A plan declares one to four levels (Koganei: 基本目標 → 施策の方向性 → 施策), each with its
name and a numbering style: ``arabic`` prints ``1``, ``paren`` ``(1)``, ``circled`` ``①`` (``(n)``
above 50), ``katakana`` ``ア イ ウ …``, ``kanji`` ``一 二 三 …`` and ``none`` prints no number
(a node of such a level may have no number at all).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The numbering styles, in the order the documentation lists them.
NUMBERINGS: tuple[str, ...] = ("arabic", "paren", "circled", "katakana", "kanji", "none")
#: How many levels a plan may have above its projects.
MIN_LEVELS, MAX_LEVELS = 1, 4

_CIRCLED_1_20 = 0x2460  # ①
_CIRCLED_21_35 = 0x3251  # ㉑
_CIRCLED_36_50 = 0x32B1  # ㊱
_KATAKANA = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
)
_KANJI_DIGITS = "〇一二三四五六七八九"


def circled(n: int) -> str:
    """1 → '①', 21 → '㉑', 50 → '㊿'; outside 1–50 falls back to '(n)'."""
    if 1 <= n <= 20:
        return chr(_CIRCLED_1_20 + n - 1)
    if 21 <= n <= 35:
        return chr(_CIRCLED_21_35 + n - 21)
    if 36 <= n <= 50:
        return chr(_CIRCLED_36_50 + n - 36)
    return f"({n})"


def _kanji(n: int) -> str:
    """1 → '一', 10 → '十', 23 → '二十三' (up to 99; larger numbers in digits)."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else _KANJI_DIGITS[tens]) + "十"
    return text + (_KANJI_DIGITS[ones] if ones else "")


def format_number(style: str, n: int | None) -> str:
    """The printed number of the ``n``-th item of a level numbered in ``style``."""
    if n is None or style == "none":
        return ""
    if style == "arabic":
        return str(n)
    if style == "paren":
        return f"({n})"
    if style == "circled":
        return circled(n)
    if style == "katakana":
        return _KATAKANA[n - 1] if 1 <= n <= len(_KATAKANA) else f"({n})"
    if style == "kanji":
        return _kanji(n)
    raise ValueError(f"unknown numbering style {style!r}")


@dataclass(frozen=True)
class PlanLevel:
    """One level of a plan above its projects: its name (基本目標) and numbering style."""

    name: str
    numbering: str = "arabic"

    def label(self, number: int | None) -> str:
        return format_number(self.numbering, number)

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "numbering": self.numbering}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlanLevel:
        return cls(str(data.get("name", "")), str(data.get("numbering", "arabic")))


def levels_from_json(data: Iterable[Mapping[str, Any]] | None) -> tuple[PlanLevel, ...]:
    return tuple(PlanLevel.from_json(item) for item in data or ())


def levels_to_json(levels: Sequence[PlanLevel]) -> list[dict[str, str]]:
    return [level.to_json() for level in levels]


def level_problems(levels: Sequence[PlanLevel]) -> list[str]:
    """What is wrong with ``levels`` (Japanese sentences; empty when sound)."""
    problems = []
    if not MIN_LEVELS <= len(levels) <= MAX_LEVELS:
        problems.append(
            f"計画の階層は {MIN_LEVELS}～{MAX_LEVELS} 段にしてください（{len(levels)} 段あります）。"
        )
    for depth, level in enumerate(levels, 1):
        if not level.name.strip():
            problems.append(f"{depth} 段目の階層の名前が空です。")
        if level.numbering not in NUMBERINGS:
            problems.append(
                f"階層「{level.name}」の番号の形式「{level.numbering}」は使えません"
                f"（{'、'.join(NUMBERINGS)} のどれか）。"
            )
    return problems


#: How the Excel plan template shows each numbering style (what a person picks from a list).
NUMBERING_SHOWN: dict[str, str] = {
    "arabic": "1",
    "paren": "(1)",
    "circled": "①",
    "katakana": "ア",
    "kanji": "一",
    "none": "なし",
}


def parse_number(text: str) -> int | None:
    """The number of an item as typed or printed in any numbering style: '3', '３', '(3)',
    '（3）', '③', 'ウ', '三' → 3; None for anything else (an empty text included)."""
    folded = unicodedata.normalize("NFKC", text).strip().strip("()[]")  # NFKC: '③' → '3'
    if folded.isdigit():
        return int(folded)
    if folded and folded in _KATAKANA:
        return _KATAKANA.index(folded) + 1
    kanji = {_kanji(n): n for n in range(1, 100)}
    return kanji.get(folded)
