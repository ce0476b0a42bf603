"""Old and new text side by side with the changed parts marked (for the merge preview).

Japanese has no spaces between words, so the comparison is by character
(:class:`difflib.SequenceMatcher`): each run of characters it finds deleted, inserted or
replaced is marked as one span, however short; unchanged text between two changes is not
marked, so a one-character edit shows as one character. The merge preview
(:mod:`welfareplan.gui.division.merge_tab`) shows the two HTML fragments side by side.
"""

from __future__ import annotations

import difflib
import html

DELETED_STYLE = "background:#ffd7d5;text-decoration:line-through"
INSERTED_STYLE = "background:#ccffd8"


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")


def diff_html(old: str, new: str) -> tuple[str, str]:
    """HTML for the old text (deletions marked) and the new text (insertions marked)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = old[i1:i2], new[j1:j2]
        if op == "equal":
            left.append(_esc(a))
            right.append(_esc(b))
            continue
        if a:
            left.append(f'<span style="{DELETED_STYLE}">{_esc(a)}</span>')
        if b:
            right.append(f'<span style="{INSERTED_STYLE}">{_esc(b)}</span>')
    return "".join(left) or "（空欄）", "".join(right) or "（空欄）"


def changed_ratio(old: str, new: str) -> float:
    """How much of the text changed, 0.0 (same) to 1.0 (all different)."""
    if not old and not new:
        return 0.0
    return 1.0 - difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()
