"""Checks on one entry, shown to the user as they type (never as blocking pop-ups).

The same rules serve the department app, the division's editor and the 提出 (submit) summary.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    MISSING = "missing"  # something required is not filled in yet
    WARNING = "warning"  # filled in, but probably wrong


@dataclass(frozen=True)
class Check:
    code: str
    level: Level
    message: str


@dataclass(frozen=True)
class EntryValues:
    """The three fields a department fills in for one entry (事業実績・評価理由, 事業評価,
    今後の事業計画・展望): what is typed and saved, last year's values, the values issued in a
    file and those a returned file holds."""

    result: str = ""
    rating: str = ""
    outlook: str = ""

    def get(self, field: str) -> str:
        """The value of ``field`` ('result', 'rating' or 'outlook')."""
        value: str = getattr(self, field)
        return value

    @property
    def is_blank(self) -> bool:
        return not (self.result.strip() or self.rating or self.outlook.strip())

    @property
    def is_complete(self) -> bool:
        return bool(self.result.strip() and self.rating and self.outlook.strip())


class Status(StrEnum):
    BLANK = "blank"
    PARTIAL = "partial"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return {"blank": "未記入", "partial": "記入中", "complete": "完了"}[self.value]


def comparable(text: str) -> str:
    """Text as compared for 前年と同一: width-normalised, whitespace ignored."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def entry_checks(values: EntryValues, previous: EntryValues | None = None) -> list[Check]:
    checks: list[Check] = []
    result, outlook = values.result.strip(), values.outlook.strip()
    if not result:
        checks.append(Check("result-empty", Level.MISSING, "事業実績・評価理由が未記入です。"))
    if not values.rating:
        checks.append(
            Check("rating-missing", Level.MISSING, "事業評価（A〜D）が選ばれていません。")
        )
    if not outlook:
        if values.rating in ("C", "D"):
            checks.append(
                Check(
                    "cd-without-outlook",
                    Level.WARNING,
                    f"評価が{values.rating}のときは、今後の事業計画・展望に課題と改善策を記入してください。",
                )
            )
        else:
            checks.append(
                Check("outlook-empty", Level.MISSING, "今後の事業計画・展望が未記入です。")
            )
    if (
        previous is not None
        and previous.rating
        and values.rating
        and values.rating != previous.rating
        and not result
    ):
        checks.append(
            Check(
                "rating-changed-without-reason",
                Level.WARNING,
                f"前年度の評価（{previous.rating}）から{values.rating}に変わりました。理由を事業実績・評価理由に記入してください。",
            )
        )
    if previous is not None and result and comparable(result) == comparable(previous.result):
        checks.append(
            Check(
                "same-as-last-year",
                Level.WARNING,
                "前年と同一: 事業実績・評価理由が前年度とまったく同じです。今年度の実績を記入してください。",
            )
        )
    return checks


def entry_status(values: EntryValues, checks: list[Check] | None = None) -> Status:
    if values.is_blank:
        return Status.BLANK
    checks = entry_checks(values) if checks is None else checks
    if values.is_complete and not any(c.level is Level.MISSING for c in checks):
        return Status.COMPLETE
    return Status.PARTIAL
