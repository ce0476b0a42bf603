"""How wide a field's column is in the exports: every table sizes its columns by the kind of
the form's field they hold — the first text field is the widest (事業実績・評価理由), other
text fields wide, ratings and numbers narrow. A number field's unit is in its column heading
('実績値（人）'), so its cells hold the number alone."""

from __future__ import annotations

from welfareplan.core.evaluation_form import EvaluationForm, FormField


def width_kind(form: EvaluationForm, f: FormField) -> str:
    """'first' (the form's first text field), 'text', 'code' (the rating) or 'number'."""
    if f.is_rating:
        return "code"
    if f.is_number:
        return "number"
    return "first" if form.text_fields and form.text_fields[0] is f else "text"
