"""``plainsql.executemany_set`` on a server: many parameter sets in one statement, read from
one JSON parameter — every text arrives exactly as given (quotes, backslashes, line breaks,
braces and commas, which an array's text form escapes; NULL; '' and the word NULL), in the
order given, with a column named by a reserved word."""

from __future__ import annotations

from welfareplan.core.plainsql import executemany_set
from welfareplan.core.serverdb import connected, parse_server_url

ODD = [
    'a "quoted" text',
    "back\\slash \\n not a break",
    "line\nbreak\r\nand tab\t",
    "{braces}, commas, and (parens)",
    "",
    "NULL",
    None,
    "全角の文字と　空白、絵文字🙂",
    "'single' quotes; DROP TABLE t; --",
]


def test_every_text_arrives_as_given_and_in_order(pg_url: str) -> None:
    params = [{"k": f"k{i:02}", "by": text, "v": str(i)} for i, text in enumerate(ODD)]
    with connected(parse_server_url(pg_url)) as engine, engine.begin() as conn:
        conn.exec_driver_sql('CREATE TEMP TABLE t (k text, "by" text, v integer, n integer)')
        executemany_set(
            conn,
            "unused on a server",
            params,
            server='INSERT INTO t (k, "by", v, n) SELECT x.k, x.by, x.v, n FROM {rows} ORDER BY n',
            types={"k": "text", "by": "text", "v": "integer"},
        )
        rows = conn.exec_driver_sql('SELECT k, "by", v, n FROM t ORDER BY n').all()
    assert [tuple(r) for r in rows] == [(f"k{i:02}", text, i, i + 1) for i, text in enumerate(ODD)]
