"""The app opens no socket: department PCs have no network and must not try. A whole cycle
through the CLI's main and the department app's save path, with every socket refused."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.reliability.cycle import NetworkUsed, cli_cycle, no_network


def test_a_whole_cycle_opens_no_socket(tmp_path: Path) -> None:
    with no_network() as attempts:
        cli_cycle(tmp_path / "年度 作業")
    assert attempts == []


def test_the_guard_catches_a_socket() -> None:
    """The guard can fail: a connection attempt inside it is caught and reported."""
    with pytest.raises(NetworkUsed), no_network():
        socket.create_connection(("192.0.2.1", 80), timeout=0.01)
    with pytest.raises(NetworkUsed), no_network():
        import _socket

        _socket.socket()  # below the module's functions: the audit hook sees it
