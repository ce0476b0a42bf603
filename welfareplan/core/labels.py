"""How plan items are numbered and labelled in the published report."""

from __future__ import annotations

#: The four ratings of 事業評価, best first.
RATINGS: tuple[str, ...] = ("A", "B", "C", "D")
#: The three fields a department fills in for each entry, in the report's column order.
ENTRY_FIELDS: tuple[str, ...] = ("result", "rating", "outlook")
#: Their Japanese names as printed.
FIELD_LABELS: dict[str, str] = {
    "result": "事業実績・評価理由",
    "rating": "事業評価",
    "outlook": "今後の事業計画・展望",
}

_CIRCLED_1_20 = 0x2460  # ①
_CIRCLED_21_35 = 0x3251  # ㉑
_CIRCLED_36_50 = 0x32B1  # ㊱


def circled(n: int) -> str:
    """1 → '①', 21 → '㉑', 50 → '㊿'; outside 1–50 falls back to '(n)'."""
    if 1 <= n <= 20:
        return chr(_CIRCLED_1_20 + n - 1)
    if 21 <= n <= 35:
        return chr(_CIRCLED_21_35 + n - 21)
    if 36 <= n <= 50:
        return chr(_CIRCLED_36_50 + n - 36)
    return f"({n})"


def direction_label(number: int) -> str:
    """施策の方向性 number → '(1)'."""
    return f"({number})"


def measure_label(direction_number: int, measure_number: int) -> str:
    """施策No as printed in the table: '(1) ①'."""
    return f"{direction_label(direction_number)} {circled(measure_number)}"


def project_number_label(number: int, number_end: int | None = None) -> str:
    """事業No: '4', or '31～34' for a grouped project."""
    return str(number) if number_end is None else f"{number}～{number_end}"


def goal_label(number: int, name: str) -> str:
    return f"基本目標{number} {name}"


def opinion_heading(project_number: int | None, project_name: str | None) -> str:
    """The bracketed heading of a committee opinion: '【事業番号4:移送サービスへの支援】' or '【全般】'."""
    if project_number is None:
        return "【全般】"
    return f"【事業番号{project_number}:{project_name}】"


RATING_CRITERIA_DEFAULT: dict[str, str] = {
    "A": "ほぼ施策内容を達成した。",
    "B": "施策内容をある程度達成したが、今後の改善、検討を要する。",
    "C": "施策内容を達成したとは言えず、現状について大きな課題がある。",
    "D": "未実施",
}
