"""Shared fixtures. GUI tests live in tests/gui and are marked ``gui``."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never need a display in tests (CI has none); set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def next_schema_version(monkeypatch: pytest.MonkeyPatch, step: object) -> int:
    """Pretend the app writes schema version N + 1, reached from N by ``step`` (a migration
    step); the schema snapshot of N + 1 is what ``step`` makes of a new file of version N.
    Returns N."""
    import sqlite3
    import tempfile

    from welfareplan.core import fileformat, migrations
    from welfareplan.core.fileformat import FileKind
    from welfareplan.core.schema_snapshots import SNAPSHOTS
    from welfareplan.core.schemacheck import snapshot_file
    from welfareplan.core.storage import init_database

    version = fileformat.SCHEMA_VERSION
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "next.wpdb"
        init_database(path, FileKind.WORKBOOK, {})
        con = sqlite3.connect(path)
        try:
            step(con)  # type: ignore[operator]
            con.commit()
        except sqlite3.Error:
            pass  # a step that fails (the test's point): its snapshot is never reached
        finally:
            con.close()
        monkeypatch.setitem(SNAPSHOTS, version + 1, snapshot_file(path))
    monkeypatch.setattr(fileformat, "SCHEMA_VERSION", version + 1)
    monkeypatch.setitem(migrations.STEPS, version, step)
    return version


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workbook created once per session. Never modify it: use ``demo_copy``."""
    from welfareplan.core.shipped import create_demo_workbook

    path = tmp_path_factory.mktemp("demo") / "demo.wpdb"
    create_demo_workbook(path)
    path.chmod(0o444)
    return path


@pytest.fixture
def demo_copy(demo_master: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the demo workbook."""
    dest = tmp_path / "ワーク ブック.wpdb"
    shutil.copyfile(demo_master, dest)
    dest.chmod(0o644)
    return dest


@pytest.fixture
def demo_wb(demo_copy: Path) -> Iterator[object]:
    from welfareplan.core.storage import Workbook

    wb = Workbook.open(demo_copy)
    try:
        yield wb
    finally:
        wb.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A throwaway PostgreSQL cluster on loopback for the whole session
    (tests/helpers/pgcluster.py): skipped without the server's programs, failed instead with
    WELFAREPLAN_REQUIRE_PG=1."""
    from tests.helpers.pgcluster import find_bin_dir, missing_server, start_cluster

    bin_dir = find_bin_dir()
    if bin_dir is None:
        missing_server("PostgreSQL's initdb and pg_ctl were not found")
        return
    with start_cluster(bin_dir) as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: object) -> str:
    """The URL of a new empty database on the test cluster (no password: loopback is trusted)."""
    from tests.helpers.pgcluster import Cluster

    assert isinstance(pg_cluster, Cluster)
    return pg_cluster.url(pg_cluster.new_database())


@pytest.fixture(scope="session")
def demo_on_server(pg_cluster: object, demo_master: Path) -> str:
    """The URL of a copy of the demo master on the test cluster, made once per session.
    Never modify it."""
    from tests.helpers.pgcluster import Cluster
    from welfareplan.core.mastercopy import copy_master

    assert isinstance(pg_cluster, Cluster)
    url = pg_cluster.url(pg_cluster.new_database())
    copy_master(demo_master, url)
    return url


@pytest.fixture(params=["file", "server"])
def demo_at(request: pytest.FixtureRequest) -> str:
    """The demo master as a read command names it: the file, or its copy on the test server
    (``demo_on_server``). Never modify it."""
    if request.param == "file":
        return str(request.getfixturevalue("demo_master"))
    return str(request.getfixturevalue("demo_on_server"))


@pytest.fixture(params=["file", "server"])
def master_at(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh writable copy of the demo master, as a command names it: a file in
    ``tmp_path`` or a new database on the test server (issue 16: the workflow, merge, export and
    division-GUI tests run against both backends through this fixture)."""
    if request.param == "file":
        return str(request.getfixturevalue("demo_copy"))
    from tests.helpers.pgcluster import Cluster

    cluster = request.getfixturevalue("pg_cluster")
    assert isinstance(cluster, Cluster)
    name = cluster.new_database(template=request.getfixturevalue("demo_template"))
    request.addfinalizer(lambda: cluster.drop_database(name))
    return cluster.url(name)


@pytest.fixture(scope="session")
def demo_template(pg_cluster: object, demo_master: Path) -> str:
    """The name of a database on the test cluster holding a copy of the demo master, which
    nobody connects to: ``master_at`` makes each test's copy from it with CREATE DATABASE …
    TEMPLATE (a file copy on the server, many times faster than :func:`copy_master`)."""
    from tests.helpers.pgcluster import Cluster
    from welfareplan.core.mastercopy import copy_master

    assert isinstance(pg_cluster, Cluster)
    name = pg_cluster.new_database()
    copy_master(demo_master, pg_cluster.url(name))
    return name
