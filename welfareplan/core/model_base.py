"""The base of the data model: the declarative base with the column types every table uses,
the row id and the file's own facts (``wp_meta``). :mod:`welfareplan.core.model` re-exports
all of it."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from welfareplan.core.columntypes import IsoDate, IsoDateTime


def new_id() -> str:
    return str(uuid.uuid4())


def uuid_pk() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


class Base(DeclarativeBase):
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's documented configuration hook
        dt.datetime: IsoDateTime(),
        dt.date: IsoDate(),
        str: Text(),
    }


class MetaItem(Base):
    """Key/value facts about the file itself: kind, file UUID, app version, created_at, …"""

    __tablename__ = "wp_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str]
