"""The reports of plans of other shapes (issue 14) rendered by LibreOffice: the Council's plan
without rating (no criteria, no codes), and the eight-code plan with numbers (its criteria,
its number columns, its codes) — Word and Excel, one LibreOffice run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exports.rendering import compact, render_to_pdf, require_renderer
from tests.helpers.shaped_plans import OTHER_CITY, SHAKYO, shaped

pytestmark = pytest.mark.render


def test_reports_of_other_shapes_render(tmp_path: Path) -> None:
    require_renderer()
    for folder in ("council", "other"):
        (tmp_path / folder).mkdir()
    council = shaped(tmp_path / "council", SHAKYO, 2024)
    council.fill(
        "地域福祉係", {"1-1-1-①": {"progress": "連絡会を年4回開いた。", "issues": "担い手の確保。"}}
    )
    council.merge(council.file("地域福祉係"))
    council.export(tmp_path / "council")
    other = shaped(tmp_path / "other", OTHER_CITY, 2025)
    other.fill(
        "福祉総務課",
        {
            "4": {
                "year_target": "120",
                "actual": "118",
                "achievement": "A",
                "activities": "研修を実施",
            }
        },
    )
    other.merge(other.file("福祉総務課"))
    other.export(tmp_path / "other")
    rendered = render_to_pdf(
        {
            "council_docx": tmp_path / "council" / "報告.docx",
            "council_xlsx": tmp_path / "council" / "報告.xlsx",
            "other_docx": tmp_path / "other" / "報告.docx",
            "other_xlsx": tmp_path / "other" / "報告.xlsx",
        },
        tmp_path / "pdf",
    )
    for key in ("council_docx", "council_xlsx"):
        text = compact(rendered[key].text)
        assert compact("連絡会を年4回開いた。") in text, key
        assert compact("その後の取組") in text and compact("評価・課題") in text, key
        assert "評価基準" not in text and "事業評価" not in text, key
    for key in ("other_docx", "other_xlsx"):
        text = compact(rendered[key].text)
        assert compact("【達成度の評価基準】") in text, key
        assert compact("研修を実施") in text and compact("実績値（人）") in text, key
        assert compact("評価困難") in text, key
