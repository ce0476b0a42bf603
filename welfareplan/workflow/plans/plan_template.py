"""The Excel plan template: sheet and column names (documented in docs/plan-template.md).

One sheet per level of the plan, one row per item, header in row 1. Columns are found by their
header text (order does not matter; full-/half-width differences are ignored).
"""

from __future__ import annotations

from welfareplan.core.textclean import loose_key

SHEET_PLAN = "計画"
SHEET_GOALS = "基本目標"
SHEET_DIRECTIONS = "施策の方向性"
SHEET_MEASURES = "施策"
SHEET_PROJECTS = "事業"
SHEET_ASSIGNMENTS = "担当"
SHEET_DEPARTMENTS = "担当課マスタ"  # reference only, ignored on import
SHEET_HELP = "説明"  # reference only, ignored on import

#: 計画 sheet: (field, label) rows of 項目 / 値.
PLAN_ITEMS: tuple[tuple[str, str], ...] = (
    ("key", "キー"),
    ("name", "計画名"),
    ("period_start", "開始年度"),
    ("period_end", "終了年度"),
    ("philosophy", "基本理念"),
    ("issuer", "発行者"),
    ("predecessor_key", "前の計画のキー"),
    ("criteria_A", "評価基準A"),
    ("criteria_B", "評価基準B"),
    ("criteria_C", "評価基準C"),
    ("criteria_D", "評価基準D"),
    ("outlook_note", "展望の注記"),
)
PLAN_HEADER = ("項目", "値")
REQUIRED_PLAN_ITEMS = ("key", "name", "period_start", "period_end")

GOAL_COLUMNS = ("番号", "名前")
DIRECTION_COLUMNS = ("基本目標", "番号", "名前")
MEASURE_COLUMNS = ("基本目標", "施策の方向性", "番号", "名前")
PROJECT_COLUMNS = (
    "基本目標",
    "施策の方向性",
    "施策",
    "事業番号",
    "事業番号（終）",
    "事業名",
    "内容",
    "前計画の事業番号",
)
OPTIONAL_PROJECT_COLUMNS = ("事業番号（終）", "内容", "前計画の事業番号")
ASSIGNMENT_COLUMNS = ("事業番号", "担当課")
DEPARTMENT_COLUMNS = ("担当課", "種類", "別名")

HELP_LINES = (
    "地域福祉計画のテンプレートです（welfareplan plan import で取り込みます）。",
    "シート「計画」: 計画のキー（英数字、他の計画と重複しない）・名前・期間など。",
    "シート「基本目標」「施策の方向性」「施策」: 番号と名前。上の階層は番号で指定します。",
    "シート「事業」: 事業番号・事業名・内容。31～34 のようなまとまりは「事業番号（終）」に 34。",
    "前の計画から引き継ぐ事業は「前計画の事業番号」に前の計画での番号を書き、シート「計画」の"
    "「前の計画のキー」に前の計画のキーを書きます（前年度の記入を参照できるようになります）。",
    "シート「担当」: 1行に1つの担当課。報告書に印刷する表記のまま書きます（例: 地域福祉課（関係各課））。",
    "シート「担当課マスタ」と「説明」は参考用で、取り込みでは読みません。",
)


def header_key(text: object) -> str:
    """Header text compared loosely: NFKC, no spaces."""
    return loose_key(text)


def where(sheet: str, row: int) -> str:
    return f"シート「{sheet}」 {row}行目"
