"""A throwaway PostgreSQL cluster for the tests of a master on a server.

:func:`start_cluster` runs ``initdb`` into a new temporary folder and starts the server with
``pg_ctl`` on 127.0.0.1 at a free port, its unix socket in that folder too: nothing listens
beyond loopback and nothing of the machine's own PostgreSQL (a ``main`` cluster, its
configuration) is used. PostgreSQL refuses to run as root, so as root (CI) the cluster belongs
to ``nobody`` and every server program runs as that user (``setpriv``).

The binaries are looked for on PATH and in Debian's ``/usr/lib/postgresql/*/bin`` (the newest
version). Without them the tests that need a server are skipped — unless
``WELFAREPLAN_REQUIRE_PG=1`` (set by ``.ci/run``), in which case they fail.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REQUIRE_ENV = "WELFAREPLAN_REQUIRE_PG"
#: The user the cluster runs as when the tests run as root.
UNPRIVILEGED_USER = "nobody"
#: The cluster's superuser (``initdb -U``); loopback connections are trusted (``-A trust``).
SUPERUSER = "postgres"
_TOOLS = ("initdb", "pg_ctl")


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None."""
    on_path = shutil.which("initdb")
    candidates = [Path(on_path).resolve().parent] if on_path else []

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in p.parent.name.split(".") if x.isdigit())

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in _TOOLS):
            return folder
    return None


def missing_server(reason: str) -> None:
    """Skip the test — or fail it when the environment requires a server."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1: the server tests must run)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Cluster:
    bin_dir: Path
    folder: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE …)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database, autocommit=True
        ) as con:
            con.execute(statement)  # type: ignore[arg-type]

    def new_database(self, *, template: str = "") -> str:
        """A new database, empty or a copy of database ``template`` (which nobody may be
        connected to: PostgreSQL copies its files, far faster than copying a master row by
        row); its name."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        like = f' TEMPLATE "{template}"' if template else ""
        self.sql(f'CREATE DATABASE "{name}"{like}')
        return name

    def drop_database(self, name: str) -> None:
        """Remove database ``name`` (a test's copy: hundreds of them would fill the disk),
        ending any connection left to it."""
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_server_user() -> list[str]:
    """The prefix that runs a server program as an unprivileged user ([] when not root)."""
    if os.getuid() != 0:
        return []
    return [
        "setpriv",
        f"--reuid={UNPRIVILEGED_USER}",
        f"--regid={pwd.getpwnam(UNPRIVILEGED_USER).pw_gid}",
        "--clear-groups",
        "--",
    ]


def _run(cmd: list[str], folder: Path) -> None:
    done = subprocess.run(
        [*_as_server_user(), *cmd],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"},
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )


@contextlib.contextmanager
def start_cluster(bin_dir: Path, *, settings: str = "") -> Iterator[Cluster]:
    """A running cluster, stopped and removed when the block ends (also after a failure);
    ``settings``: more ``-c name=value`` for the server (TLS: tests/server/test_server_tls.py)."""
    folder = Path(tempfile.mkdtemp(prefix="welfareplan-pg-"))
    started = False
    try:
        if os.getuid() == 0:
            entry = pwd.getpwnam(UNPRIVILEGED_USER)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        cluster = Cluster(bin_dir, folder, free_port())
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(cluster.data_dir),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            folder,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={cluster.port} "
            f"-c unix_socket_directories={folder} -c fsync=off -c max_connections=40 {settings}"
        )
        started = True
        _run(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(cluster.data_dir),
                "-l",
                str(folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            folder,
        )
        yield cluster
    finally:
        if started:
            with contextlib.suppress(RuntimeError, subprocess.SubprocessError, OSError):
                _run(
                    [
                        str(bin_dir / "pg_ctl"),
                        "-D",
                        str(folder / "data"),
                        "-m",
                        "immediate",
                        "-w",
                        "stop",
                    ],
                    folder,
                )
        shutil.rmtree(folder, ignore_errors=True)
