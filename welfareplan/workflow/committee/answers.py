"""The city's answers to the committee's opinions (市の考え方・対応), entered by the division.

Each opinion of the report can get one answer and the department responsible for it; the
exports print them as 「主な意見と市の考え方」. An empty answer removes it. Every change is
audited (field ``opinion_answer``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from welfareplan.core import audittrail
from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError
from welfareplan.core.identity import os_user
from welfareplan.core.model import CommitteeOpinion, Department, OpinionAnswer, now
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text

MAX_ANSWER = 4000


@dataclass(frozen=True)
class AnswerInfo:
    opinion_id: str
    text: str
    department_name: str


def answers_of_round(wb: Workbook, fiscal_year: int) -> dict[str, AnswerInfo]:
    """opinion id → its answer, for the round's opinions that have one."""
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        rows = s.execute(
            select(OpinionAnswer, Department.name)
            .join(CommitteeOpinion, CommitteeOpinion.id == OpinionAnswer.opinion_id)
            .outerjoin(Department, Department.id == OpinionAnswer.department_id)
            .where(CommitteeOpinion.round_id == rnd.id)
        ).all()
        return {a.opinion_id: AnswerInfo(a.opinion_id, a.text, name or "") for a, name in rows}


def set_answer(wb: Workbook, opinion_id: str, text: str, department: str | None) -> None:
    """Give opinion ``opinion_id`` the answer ``text`` by ``department`` (a name or alias of
    the department master, or None); an empty ``text`` removes the answer."""
    body = clean_text(text).strip()
    if len(body) > MAX_ANSWER:
        raise DataError(
            f"市の考え方・対応は {MAX_ANSWER} 文字以内にしてください。", code="bad-answer"
        )
    with wb.transaction() as s:
        opinion = s.get(CommitteeOpinion, opinion_id)
        if opinion is None:
            raise DataError("この意見は削除されています。", code="no-opinion")
        department_id = None
        name = (department or "").strip()
        if name and body:
            found = DepartmentResolver.from_session(s).resolve(name)
            if found is None:
                raise DataError(
                    f"担当課「{name}」は担当課マスタにありません。", code="bad-department"
                )
            department_id = found.id
        row = s.get(OpinionAnswer, opinion_id)
        old = row.text if row is not None else None
        if not body:
            if row is None:
                return
            s.delete(row)
        elif row is None:
            s.add(
                OpinionAnswer(
                    opinion_id=opinion_id,
                    department_id=department_id,
                    text=body,
                    updated_at=now(),
                    updated_by=os_user(),
                )
            )
        else:
            row.text, row.department_id = body, department_id
            row.updated_at, row.updated_by = now(), os_user()
        audittrail.record(
            s,
            "opinion-answer",
            round_id=opinion.round_id,
            project_id=opinion.project_id,
            department_id=department_id,
            field="opinion_answer",
            old=old,
            new=body or None,
        )
