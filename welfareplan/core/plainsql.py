"""Plain SQL beside the ORM: the hot paths (opening a window, merging) read and write with
``sqlite3`` directly, on a connection of their own or inside an ORM session's transaction.

SQLAlchemy is never imported here at run time: the department window reads and saves without
loading it (tests/gui/test_startup_imports.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    #: a file's own sqlite3 connection, or SQLAlchemy's (of any dialect: a server master too)
    Reader: TypeAlias = Session | Connection | sqlite3.Connection
    #: a connection inside a write transaction: a file's sqlite3 one or a server master's
    #: SQLAlchemy one (:meth:`welfareplan.core.storage.Workbook.writer`)
    Writer: TypeAlias = Connection | sqlite3.Connection


def rows(con: Reader, sql: str, params: Mapping[str, Any] | None = None) -> Sequence[Sequence[Any]]:
    """Run a read query with ``:name`` parameters on either kind of connection."""
    if isinstance(con, sqlite3.Connection):
        return con.execute(sql, dict(params or {})).fetchall()
    from sqlalchemy import text

    return [tuple(r) for r in con.execute(text(sql), dict(params or {})).all()]


def execute(con: Reader, sql: str, params: Mapping[str, Any] | None = None) -> int:
    """Run one write statement with ``:name`` parameters on either kind of connection, in the
    caller's transaction; the number of rows it changed."""
    if isinstance(con, sqlite3.Connection):
        return con.execute(sql, dict(params or {})).rowcount
    from sqlalchemy import text

    return int(getattr(con.execute(text(sql), dict(params or {})), "rowcount", -1))


def executemany(con: Reader, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
    """Run one write statement once per parameter set (``:name`` parameters), in the
    caller's transaction; nothing at all for no parameter sets."""
    if not params:
        return
    if isinstance(con, sqlite3.Connection):
        con.executemany(sql, [dict(p) for p in params])
        return
    from sqlalchemy import text

    con.execute(text(sql), [dict(p) for p in params])


def sqlite_connection(session: Session) -> sqlite3.Connection:
    """The ``sqlite3`` connection under ``session``, inside its transaction (begun if needed):
    what is written on it commits or rolls back with the session's own changes."""
    con = session.connection().connection.driver_connection
    assert isinstance(con, sqlite3.Connection)
    return con


def reader_of(session: Session) -> Reader:
    """The connection plain SQL should use inside ``session``'s transaction: a file's own
    ``sqlite3`` connection (the fast path), or the session's SQLAlchemy connection on a server."""
    if session.get_bind().dialect.name == "sqlite":
        return sqlite_connection(session)
    return session.connection()


def rows_in(
    con: Reader, sql: str, params: Mapping[str, Any], *, lists: Sequence[str]
) -> Sequence[Sequence[Any]]:
    """:func:`rows` where each parameter named in ``lists`` is a list of texts (ids), written
    ``IN :name`` in ``sql`` (any length, none too): a JSON array through ``json_each`` on a
    file's ``sqlite3`` connection, through ``json_array_elements_text`` on PostgreSQL (one
    parameter: a merge's hundreds of ids cost the driver no work per id), an expanding bind
    parameter elsewhere."""
    server = getattr(getattr(con, "dialect", None), "name", "") == "postgresql"  # a Connection
    if isinstance(con, sqlite3.Connection) or server:
        import json

        each = "json_array_elements_text(CAST(:{0} AS json))" if server else "json_each(:{0})"
        for name in lists:
            sql = sql.replace(f"IN :{name}", f"IN (SELECT value FROM {each.format(name)})")
        values = {k: json.dumps(sorted(v)) if k in lists else v for k, v in params.items()}
        if isinstance(con, sqlite3.Connection):
            return con.execute(sql, values).fetchall()
        from sqlalchemy import text

        return [tuple(r) for r in con.execute(text(sql), values).all()]
    from sqlalchemy import String, bindparam, text

    # typed: an empty list is rendered as an empty set of that type (ids are text)
    query = text(sql).bindparams(
        *(bindparam(name, expanding=True, type_=String()) for name in lists)
    )
    values = {k: sorted(v) if k in lists else v for k, v in params.items()}
    return [tuple(r) for r in con.execute(query, values).all()]


def executemany_set(
    con: Writer,
    sql: str,
    params: Sequence[Mapping[str, Any]],
    *,
    server: str,
    types: Mapping[str, str],
) -> None:
    """:func:`executemany` of ``sql`` on a file; on a server master one statement for all the
    parameter sets instead (a merge writes hundreds of rows per table: one round trip, no
    work per row in the driver): ``server``, in which ``{rows}`` stands for the parameter
    sets as the rows of ``x`` — a column per parameter named in ``types`` (its PostgreSQL
    type), and ``n``, their order — read from one JSON parameter (``json_to_recordset … WITH
    ORDINALITY``: Python's C encoder and the server's JSON parser, where arrays cost the
    driver a Python loop with a regular expression per value). The identifiers are the
    caller's constants, never a user's text."""
    if not params:
        return
    if isinstance(con, sqlite3.Connection):
        con.executemany(sql, [dict(p) for p in params])
        return
    import json

    from sqlalchemy import text

    names = list(types)
    quoted = [f'"{n}"' for n in names]
    columns = ", ".join(f"{q} {types[n]}" for q, n in zip(quoted, names, strict=True))
    rows = (
        f"ROWS FROM (json_to_recordset(CAST(:rows AS json)) AS ({columns})) "
        f"WITH ORDINALITY AS x({', '.join(quoted)}, n)"
    )
    payload = json.dumps([{n: p[n] for n in names} for p in params], ensure_ascii=False)
    con.execute(text(server.replace("{rows}", rows)), {"rows": payload})
