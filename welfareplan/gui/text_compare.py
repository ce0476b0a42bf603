"""Two texts side by side, what differs marked (the merge tab's conflicts, the entries
editor's stale edits)."""

from __future__ import annotations

import html

from welfareplan.core.textdiff import diff_html


def side_by_side(title_left: str, left: str, title_right: str, right: str) -> str:
    old_html, new_html = diff_html(left, right)
    return (
        '<table width="100%" cellspacing="0" cellpadding="6" border="1">'
        f"<tr><th width='50%'>{html.escape(title_left)}</th><th>{html.escape(title_right)}</th></tr>"
        f"<tr><td valign='top'>{old_html}</td><td valign='top'>{new_html}</td></tr></table>"
    )
