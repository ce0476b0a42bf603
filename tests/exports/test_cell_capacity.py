"""The length hint's capacity follows the Word report's layout."""

from __future__ import annotations

from welfareplan.core.koganei_form import KOGANEI_FORM
from welfareplan.exports import cell_capacity, docx_report


def test_layout_numbers_are_the_reports() -> None:
    assert cell_capacity.REPORT_CONTEXT_COLUMNS == docx_report.CONTEXT_COLUMNS
    assert cell_capacity.REPORT_FIELD_COLUMNS == docx_report.FIELD_COLUMNS
    assert cell_capacity.REPORT_CELL_MARGIN == docx_report.CELL_MARGIN
    assert cell_capacity.REPORT_LINE_FACTOR == docx_report.LINE_FACTOR


def test_koganei_limits() -> None:
    limits = cell_capacity.report_cell_limits(KOGANEI_FORM)
    assert set(limits) == {"result", "outlook"}
    # A4 landscape, 8.5 pt: about 22 characters a line in 事業実績, 17 in 展望, 23 lines
    assert 21 < limits["result"].chars_per_line < 24
    assert 16 < limits["outlook"].chars_per_line < 19
    assert limits["result"].lines == limits["outlook"].lines == 23
