"""What an issue run on a server master (issue 16) starts from, as one digest per round.

A file master proves that nothing changed while the files were written by its fingerprint;
a server master changes all the time (other staff edit other rounds, opinions, plans), so an
issue run checks, under the round's advisory lock (:mod:`welfareplan.core.serverlocks`), only
what its files were built from and its records depend on: the round's issued files, its entries
and their values, its 差戻し comments and their notes, and whether the signing secret exists.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from welfareplan.core.plainsql import rows

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Reader

_PARTS = (
    "SELECT id, department_id FROM issued_file WHERE round_id = :r",
    "SELECT id, department_id, project_id FROM entry WHERE round_id = :r",
    "SELECT v.entry_id, v.field, v.value FROM entry_value v "
    "JOIN entry e ON e.id = v.entry_id WHERE e.round_id = :r",
    "SELECT id, status, sent_file_id FROM review_comment WHERE round_id = :r",
    "SELECT n.id, n.text FROM review_note n "
    "JOIN review_comment c ON c.id = n.comment_id WHERE c.round_id = :r",
    "SELECT count(*) FROM issue_secret",
)


def round_state(con: Reader, round_id: str) -> str:
    """The digest of what an issue run of ``round_id`` depends on (see the module's text)."""
    digest = hashlib.sha256()
    for sql in _PARTS:
        found = sorted(repr(tuple(r)) for r in rows(con, sql, {"r": round_id}))
        digest.update("\n".join(found).encode("utf-8") + b"\x00")
    return digest.hexdigest()
