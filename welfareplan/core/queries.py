"""Read queries shared by the CLI, the exports and the GUI (no writes here)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from welfareplan.core.model import Entry, Project, Round
from welfareplan.core.previous import previous_round_of
from welfareplan.core.roundlookup import no_round_error, round_row


def rounds(session: Session) -> Sequence[Round]:
    return session.scalars(select(Round).order_by(Round.fiscal_year)).all()


def round_for_year(session: Session, fiscal_year: int) -> Round:
    rnd = session.scalar(select(Round).where(Round.fiscal_year == fiscal_year))
    if rnd is None:
        raise no_round_error(fiscal_year, (r.fiscal_year for r in rounds(session)))
    return rnd


def previous_round(session: Session, rnd: Round) -> Round | None:
    """The latest earlier round in ``rnd``'s plan lineage (see :mod:`welfareplan.core.previous`:
    a round of an unrelated plan is never "last year")."""
    row = round_row((rnd.id, rnd.fiscal_year, rnd.plan_id, rnd.status, None))
    found = previous_round_of(session, row)
    return session.get(Round, found.id) if found is not None else None


def entries_of_round(session: Session, rnd: Round) -> Sequence[Entry]:
    # Fetched in chunks: one fetchall of a large round is a single long call that holds the
    # GIL, and would freeze the window while an export runs in the background.
    return session.scalars(
        select(Entry)
        .join(Project, Entry.project_id == Project.id)
        .where(Entry.round_id == rnd.id)
        .order_by(Project.sort, Entry.sort)
        .options(selectinload(Entry.value_rows))
        .execution_options(yield_per=100)
    ).all()
