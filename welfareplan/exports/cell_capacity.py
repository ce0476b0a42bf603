"""How much text a field's cell in the report holds before it becomes very long: the length
hint of the department window (``core/text_checks.py``). The column widths and line height are
the Word report's (``exports/docx_report.py``), on its default paper (A4 landscape), with the
plan columns of a plan that has a 施策No column (the narrower case); "very long" is a cell
taller than half the page's text height.

The report's layout numbers are repeated here because the department window must not import
the report writer (it loads SQLAlchemy, which the department window never does:
``tests/gui/test_startup_imports.py``); ``tests/exports/test_cell_capacity.py`` holds them
equal to the report's."""

from __future__ import annotations

from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.text_checks import CellLimit
from welfareplan.exports.columns import width_kind
from welfareplan.exports.paper import PT_PER_MM, PaperSize, paper

#: As in exports/docx_report.py: the plan columns, the form's field columns, the horizontal
#: cell margin (twips) and the line height relative to the font size.
REPORT_CONTEXT_COLUMNS: tuple[float, ...] = (14, 13, 29, 51, 24)
REPORT_FIELD_COLUMNS = {"first": 68.0, "text": 54.0, "code": 14.0, "number": 18.0}
REPORT_CELL_MARGIN = 57
REPORT_LINE_FACTOR = 1.3

#: The share of the page's text height above which a cell counts as very long.
PAGE_SHARE = 0.5


def report_cell_limits(
    form: EvaluationForm, size: PaperSize = PaperSize.A4
) -> dict[str, CellLimit]:
    pp = paper(size)
    fractions = [
        *REPORT_CONTEXT_COLUMNS,
        *(REPORT_FIELD_COLUMNS[width_kind(form, f)] for f in form.fields),
    ]
    total_pt = pp.text_width_mm * PT_PER_MM
    line_pt = pp.table_pt * REPORT_LINE_FACTOR
    lines = int(pp.text_height_mm * PT_PER_MM * PAGE_SHARE / line_pt)
    limits = {}
    for f, share in zip(form.fields, fractions[len(REPORT_CONTEXT_COLUMNS) :], strict=True):
        if not f.is_text:
            continue
        inner_pt = total_pt * share / sum(fractions) - 2 * REPORT_CELL_MARGIN / 20
        limits[f.key] = CellLimit(chars_per_line=inner_pt / pp.table_pt, lines=lines)
    return limits
