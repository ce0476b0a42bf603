"""No field key of Koganei's form and no rating code is spelled in the code outside the form
definition itself (issue 14): everything that shows, checks, exchanges or counts what
departments write follows the plan's form.

The allow-list is Koganei's default form (``core/koganei_form.py``) alone: the schema upgrade
to 3 (``core/migration_v3.py``) and the readers of files written before it
(``workflow/returns/legacy.py``), which the design allows to spell them, take the keys from
that module too — and, in the form
definition (``core/evaluation_form.py``) the name of the kind of a rating field, which plan files
spell ``"rating"`` too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from welfareplan.core.koganei_form import KOGANEI_CODES, KOGANEI_FIELD_KEYS

ROOT = Path(__file__).resolve().parent.parent / "welfareplan"
ALLOWED = {"core/koganei_form.py"}
#: Literals allowed in one module only.
ALLOWED_LITERALS = {"core/evaluation_form.py": {"rating"}}
#: What must not be spelled: the keys of Koganei's fields and the codes of its scale.
FORBIDDEN = frozenset(KOGANEI_FIELD_KEYS) | frozenset(KOGANEI_CODES)


def literals(source: str, forbidden: frozenset[str] = FORBIDDEN) -> list[tuple[int, str]]:
    """(line, text) of every string constant of ``source`` that is one of ``forbidden``
    (also inside f-strings)."""
    tree = ast.parse(source)
    pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in pieces
            and node.value in forbidden
        ):
            found.append((node.lineno, node.value))
    return sorted(found)


def offenders() -> list[str]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if rel in ALLOWED or rel.startswith("gui/forms/"):
            continue
        allowed = ALLOWED_LITERALS.get(rel, set())
        out += [
            f"{rel}:{line}: {text!r}"
            for line, text in literals(path.read_text("utf-8"))
            if text not in allowed
        ]
    return out


def test_no_field_key_or_rating_code_outside_the_form_definition() -> None:
    assert offenders() == []


def test_the_allow_list_is_where_they_are() -> None:
    for rel in ALLOWED | set(ALLOWED_LITERALS):
        assert literals((ROOT / rel).read_text("utf-8")), rel


def test_the_check_can_fail() -> None:
    """A hard-coded key or letter is found, wherever it is (a dict, a comparison, an f-string
    piece is not a whole literal and is not flagged)."""
    source = (
        "def summary(e):\n"
        '    if e.values.get("rating") == "A":\n'
        '        return {"result": e.text}\n'
        '    return f"{e.code}件"\n'
    )
    assert literals(source) == [(2, "A"), (2, "rating"), (3, "result")]
