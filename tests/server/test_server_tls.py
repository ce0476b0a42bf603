"""TLS to a server master (docs/server.md, 「TLS（暗号化とサーバーの確認）」): with
``sslmode=verify-full`` and the root certificate the connection is encrypted and the server's
name checked; a server that cannot be checked is refused with a message, nothing sent."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from welfareplan.cli.main import main


def test_verify_full_refuses_a_server_without_tls(
    demo_on_server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGSSLMODE", raising=False)
    # the session's cluster speaks no TLS: with verify-full nothing is sent to it
    code = main(["server", "check", demo_on_server + "?sslmode=verify-full"])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "に接続できません（" in err and "Traceback" not in err
    assert "TLS を確かめてください" in err

    # the option is passed on as written: without TLS the same server answers, and says so
    code = main(["server", "check", demo_on_server + "?sslmode=disable"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "接続しているロール: postgres（所有者（すべての権限））" in out
    assert "通信の暗号化: なし（" in out


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def _certificates(folder: Path) -> None:
    """A root CA (ca.crt), a server certificate it signed for 127.0.0.1 only (server.crt,
    server.key) and another CA that signed nothing here (other.crt)."""
    for name in ("ca", "other"):
        _openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", f"/CN=welfareplan test {name}",
            "-keyout", f"{name}.key", "-out", f"{name}.crt", cwd=folder,
        )  # fmt: skip
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", "server.key", "-out", "server.csr", cwd=folder,
    )  # fmt: skip
    (folder / "san.ext").write_text("subjectAltName = IP:127.0.0.1\n")
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt", cwd=folder,
    )  # fmt: skip


@pytest.fixture(scope="module")
def tls_master(demo_master: Path) -> Iterator[tuple[str, Path]]:
    """The demo master on a cluster of its own with TLS on; (URL without options, folder of
    the certificates)."""
    from tests.helpers.pgcluster import (
        UNPRIVILEGED_USER,
        find_bin_dir,
        missing_server,
        start_cluster,
    )
    from welfareplan.core.mastercopy import copy_master

    bin_dir = find_bin_dir()
    if bin_dir is None:
        missing_server("PostgreSQL's initdb and pg_ctl were not found")
        return
    if shutil.which("openssl") is None:
        pytest.skip("openssl (to make the test certificates) was not found")
    folder = Path(tempfile.mkdtemp(prefix="welfareplan-tls-"))  # the server user reads the key
    try:
        _certificates(folder)
        (folder / "server.key").chmod(0o600)
        if os.getuid() == 0:
            entry = pwd.getpwnam(UNPRIVILEGED_USER)
            for path in (folder, folder / "server.key", folder / "server.crt"):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        settings = (
            f"-c ssl=on -c ssl_cert_file={folder / 'server.crt'} "
            f"-c ssl_key_file={folder / 'server.key'}"
        )
        with start_cluster(bin_dir, settings=settings) as cluster:
            url = cluster.url(cluster.new_database())
            copy_master(demo_master, url + "?sslmode=require")
            yield url, folder
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)


def test_verify_full_with_the_root_certificate(
    tls_master: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url, certs = tls_master
    code = main(["server", "check", f"{url}?sslmode=verify-full&sslrootcert={certs / 'ca.crt'}"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "通信の暗号化: TLSv1." in out and "（TLS）" in out


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("sslrootcert={ca}", "sslrootcert={other}"), "another CA signed the server's certificate"),
        (("127.0.0.1", "localhost"), "the certificate names 127.0.0.1, not localhost"),
    ],
)
def test_verify_full_refuses_a_server_it_cannot_check(
    tls_master: tuple[str, Path],
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    why: str,
) -> None:
    url, certs = tls_master
    good = f"{url}?sslmode=verify-full&sslrootcert={{ca}}"
    bad = good.replace(*change).format(ca=certs / "ca.crt", other=certs / "other.crt")
    code = main(["server", "check", bad])
    out, err = capsys.readouterr()
    assert code == 2, (why, out + err)
    assert "に接続できません（" in err and "Traceback" not in err, why
    assert "TLS を確かめてください" in err, why
