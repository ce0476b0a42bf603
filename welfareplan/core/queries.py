"""Read queries shared by the CLI, the exports and the GUI (no writes here)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.model import Entry, Project, Round
from welfareplan.core.roundlookup import no_round_error


def rounds(session: Session) -> Sequence[Round]:
    return session.scalars(select(Round).order_by(Round.fiscal_year)).all()


def round_for_year(session: Session, fiscal_year: int) -> Round:
    rnd = session.scalar(select(Round).where(Round.fiscal_year == fiscal_year))
    if rnd is None:
        raise no_round_error(fiscal_year, (r.fiscal_year for r in rounds(session)))
    return rnd


def previous_round(session: Session, rnd: Round) -> Round | None:
    """The latest round before ``rnd`` (normally the previous fiscal year)."""
    return session.scalar(
        select(Round).where(Round.fiscal_year < rnd.fiscal_year).order_by(Round.fiscal_year.desc())
    )


def entries_of_round(session: Session, rnd: Round) -> Sequence[Entry]:
    # Fetched in chunks: one fetchall of a large round is a single long call that holds the
    # GIL, and would freeze the window while an export runs in the background.
    return session.scalars(
        select(Entry)
        .join(Project, Entry.project_id == Project.id)
        .where(Entry.round_id == rnd.id)
        .order_by(Project.sort, Entry.sort)
        .execution_options(yield_per=100)
    ).all()


def previous_entries(session: Session, rnd: Round) -> dict[tuple[str, str], Entry]:
    """Last round's entries keyed by (project id in ``rnd``'s plan, department id).

    Projects carried over into a new plan find their predecessor's entries, so "last year"
    still works across a plan change. (``core.previous.previous_values`` is the same lookup
    as plain values, for the hot paths that need no ORM objects.)
    """
    prev = previous_round(session, rnd)
    if prev is None:
        return {}
    old = {(e.project_id, e.department_id): e for e in entries_of_round(session, prev)}
    if prev.plan_id == rnd.plan_id:
        return old
    mapping = {
        p.predecessor_id: p.id
        for p in session.scalars(select(Project).where(Project.plan_id == rnd.plan_id))
        if p.predecessor_id
    }
    return {(mapping[pid], did): e for (pid, did), e in old.items() if pid in mapping}
