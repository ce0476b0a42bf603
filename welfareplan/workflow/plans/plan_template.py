"""The Excel plan template: sheet and column names (documented in docs/plan-template.md).

Version 2 (written by ``plan export``, read by :mod:`.template_read_v2`) holds a plan of any
shape: sheet 計画 (item / value rows, with テンプレートの版 = 2), 階層, 体系 (the nodes), 事業,
担当, 評価項目, 評価区分, 事業の属性 and 担当課. Version 1 (read by :mod:`.template_read`) has no
版 row and holds Koganei's shape only: one sheet per level (基本目標 / 施策の方向性 / 施策).

Header in row 1; columns are found by their header text (order does not matter; full-/half-width
differences are ignored).
"""

from __future__ import annotations

from welfareplan.core.evaluation_form import NUMBER, RATING, TEXT
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


# ---------------------------------------------------------------------------- version 2

VERSION_LABEL = "テンプレートの版"
VERSION = 2
SHEET_LEVELS = "階層"
SHEET_NODES = "体系"
SHEET_FORM = "評価項目"
SHEET_SCALE = "評価区分"
SHEET_ATTRIBUTES = "事業の属性"
SHEET_DEPARTMENTS_V2 = "担当課"

#: 計画 sheet of version 2: the plan's items, then the report texts (report_texts.TEXT_LABELS).
PLAN_ITEMS_V2: tuple[tuple[str, str], ...] = (
    *(item for item in PLAN_ITEMS if not item[0].startswith(("criteria_", "outlook_"))),
    ("scale_heading", "評価区分の見出し"),
)

LEVEL_COLUMNS = ("段", "名前", "番号の形式")
NODE_NAME = "名前"  # after one column per level, headed by the level's name
PROJECT_LABEL, PROJECT_SORT, PROJECT_NAME = "事業番号", "並び順", "事業名"
PROJECT_DESCRIPTION, PROJECT_PREDECESSORS = "内容", "前計画の事業番号"
FORM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("key", "キー"),
    ("label", "見出し"),
    ("kind", "種類"),
    ("required", "完了に必要"),
    ("unit", "単位"),
    ("target_attribute", "目標の属性"),
    ("note", "注記"),
    ("year_in_heading", "見出しに年度"),
    ("explains_rating", "評価の理由を書く"),
    ("warn_same_as_last_year", "前年と同じなら注意"),
    ("copy_from_last_year", "前年の文を写せる"),
)
FORM_FLAGS = (
    "required",
    "year_in_heading",
    "explains_rating",
    "warn_same_as_last_year",
    "copy_from_last_year",
)
FIELD_KINDS_SHOWN = {TEXT: "文章", RATING: "評価", NUMBER: "数値"}
SCALE_COLUMNS = ("順番", "記号", "表示", "評価基準", "キー", "必要な項目")
ATTRIBUTE_COLUMNS = ("キー", "名前", "種類", "単位")
ATTRIBUTE_KINDS_SHOWN = {"text": "文字", "number": "数値", "year": "年度"}
DEPARTMENT_KINDS_SHOWN = {"city": "市の課", "council": "社会福祉協議会など"}
YES, NO = "はい", "いいえ"
#: The separator of lists in one cell (aliases, predecessor labels, required fields).
LIST_SEPARATOR = "、"

HELP_LINES_V2 = (
    "計画のテンプレート（版2）です。welfareplan new … --plan このファイル、"
    "または welfareplan plan import で取り込みます。",
    "シート「計画」: キー（英数字、他の計画と重複しない）・計画名・期間・基本理念・報告書の文言など。",
    "シート「階層」: 事業より上の階層（1～4段）。名前と番号の形式（1、(1)、①、ア、一、なし）。",
    "シート「体系」: 階層の項目。1行に1項目で、自分の段までの番号（上の段の番号と自分の番号）と名前を書きます。"
    "番号のない項目は番号の代わりに名前を書きます。",
    "シート「事業」: 所属する最も下の段までの番号、事業番号（報告書に印刷するとおり: 4、31～34、新）、"
    "並び順、事業名、内容、事業の属性、前計画の事業番号（複数は「、」で区切る）。",
    "シート「担当」: 1行に1つの担当課。報告書に印刷する表記のまま書きます（例: 地域福祉課（関係各課））。",
    "シート「評価項目」: 担当課が記入する項目。種類は 文章・評価・数値。評価の項目は1つまで。",
    "シート「評価区分」: 評価の項目の区分（上から良い順）。必要な項目は、その区分のときに記入が必要な"
    "項目のキー（「、」で区切る）。",
    "シート「事業の属性」: 内容のほかに事業が持つ項目（指標・目標値など）。シート「事業」の列になります。",
    "シート「担当課」: この計画の担当課と種類、別名（「、」で区切る）。マスタにない担当課は追加されます。"
    "別名はこの計画の担当の表記を読むために使い、担当課マスタには登録しません"
    "（welfareplan new --store-aliases のときだけ登録します）。",
    "シート「説明」は参考用で、取り込みでは読みません。",
)


def header_key(text: object) -> str:
    """Header text compared loosely: NFKC, no spaces."""
    return loose_key(text)


def where(sheet: str, row: int) -> str:
    return f"シート「{sheet}」 {row}行目"
