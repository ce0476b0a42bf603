"""The render tests skip without LibreOffice/poppler, but fail when CI requires them."""

from __future__ import annotations

import pytest

from tests.exports import rendering


def test_missing_tools_skip_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendering.shutil, "which", lambda name: None)
    monkeypatch.delenv(rendering.REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="soffice, pdftotext, pdfinfo"):
        rendering.require_renderer()


def test_missing_tools_fail_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendering.shutil, "which", lambda name: None)
    monkeypatch.setenv(rendering.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="WELFAREPLAN_REQUIRE_RENDER=1"):
        rendering.require_renderer()


def test_compact_removes_every_kind_of_space() -> None:
    assert rendering.compact("令和 6 年度\n実績　報告\t") == "令和6年度実績報告"
