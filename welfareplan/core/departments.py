"""The department master: mapping the strings printed in 担当課 to reporting units.

Published tables write the same unit in many ways — ``地域福祉課(関係各課)``,
``社会福祉協議会 (地域福祉課)``, ``(広報秘書課)``, half- or full-width brackets, stray spaces,
even misprints. Each such string is an alias of one :class:`Department`; the printed form is
kept as the assignment's label so the report reads as before.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.model import Department, DepartmentAlias
from welfareplan.core.textclean import clean_text


def normalize_alias(text: str) -> str:
    """The lookup form of a department string: NFKC, no whitespace at all."""
    return "".join(unicodedata.normalize("NFKC", clean_text(text)).split())


def display_label(text: str) -> str:
    """The printed form: NFKC, no spaces, full-width brackets — '地域福祉課（関係各課）'."""
    return normalize_alias(text).replace("(", "（").replace(")", "）")


@dataclass
class DepartmentResolver:
    """Resolves 担当課 strings to departments of one workbook."""

    by_alias: dict[str, Department]

    @classmethod
    def from_session(cls, session: Session) -> DepartmentResolver:
        by_alias: dict[str, Department] = {}
        for dept in session.scalars(select(Department)):
            by_alias[normalize_alias(dept.name)] = dept
        for alias in session.scalars(select(DepartmentAlias)):
            by_alias.setdefault(alias.alias, alias.department)
        return cls(by_alias)

    def resolve(self, text: str) -> Department | None:
        return self.by_alias.get(normalize_alias(text))

    def unknown(self, texts: Iterable[str]) -> list[str]:
        return sorted({t for t in texts if self.resolve(t) is None})


def add_alias(session: Session, department: Department, alias: str) -> None:
    key = normalize_alias(alias)
    if not key or key == normalize_alias(department.name):
        return
    existing = session.get(DepartmentAlias, key)
    if existing is None:
        session.add(DepartmentAlias(alias=key, department=department))
