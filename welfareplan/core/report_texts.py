"""The texts a plan's report prints: title, subtitle, heading, the committee's name and the
headings of the plan columns of the table.

The defaults are Koganei's (the published 地域福祉計画の進捗状況及び評価表); a plan states only
the texts that differ (``plan.texts`` stores only those). ``{year}`` is replaced by the fiscal
year's 和暦 label (令和6年度). An empty ``committee`` means the plan has no reviewing committee:
the report then prints no committee block unless opinions were entered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from welfareplan.core.errors import DataError

#: The Japanese names of the texts, for the Excel template and messages.
TEXT_LABELS: dict[str, str] = {
    "title": "報告書の題名",
    "subtitle": "副題",
    "heading": "見出し",
    "committee": "委員会の名称",
    "node_column": "施策の列の見出し",
    "project_number_column": "事業番号の列の見出し",
    "project_name_column": "事業名の列の見出し",
    "description_column": "内容の列の見出し",
    "department_column": "担当課の列の見出し",
    "worksheet_title": "評価シートの題名",
}


@dataclass(frozen=True)
class ReportTexts:
    title: str = "地域福祉計画の進捗状況及び評価表"
    subtitle: str = "（{year}実績報告）"
    heading: str = "地域福祉計画の{year}実績報告及び評価"
    committee: str = "地域福祉推進委員会"
    node_column: str = "施策No"
    project_number_column: str = "事業No"
    project_name_column: str = "【個別事業・取り組み】"
    description_column: str = "内容"
    department_column: str = "担当課"
    #: The department worksheet's title after the year: '令和6年度 地域福祉計画 事業評価シート'.
    worksheet_title: str = "地域福祉計画 事業評価シート"

    def with_year(self, text: str, year_label: str) -> str:
        return text.replace("{year}", year_label)

    def to_json(self) -> dict[str, str]:
        """Only the texts that differ from the defaults."""
        default = ReportTexts()
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(default, f.name)
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None, where: str = "報告書の文言") -> ReportTexts:
        if not data:
            return cls()
        if not isinstance(data, Mapping):
            raise DataError(f"{where}: 形式が正しくありません。", code="plan-json")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise DataError(
                f"{where}: 「{'」「'.join(unknown)}」は使えません（使えるのは {'、'.join(sorted(known))}）。",
                code="plan-json",
            )
        for key, value in data.items():
            if not isinstance(value, str):
                raise DataError(f"{where}: 「{key}」は文字で書いてください。", code="plan-json")
        return replace(cls(), **dict(data))
