"""User settings in the profile: kept between starts, and a damaged or odd settings file is
never a reason to fail — the program starts with the defaults instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from welfareplan.core.settings import MAX_RECENT, Settings


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_saved_settings_come_back(home: Path, tmp_path: Path) -> None:
    settings = Settings()
    for n in range(MAX_RECENT + 2):
        settings.add_recent(tmp_path / f"課 {n}.wpdb")
    settings.add_recent(tmp_path / "課 3.wpdb")  # opened again: first, not twice
    settings.zoom_in()
    settings.entered_by = "山田 花子"
    settings.save()
    assert Settings.path() == home / "config" / "settings.json"
    loaded = Settings.load()
    assert loaded == settings
    assert loaded.recent_files[0] == str((tmp_path / "課 3.wpdb").resolve())
    assert len(loaded.recent_files) == MAX_RECENT and loaded.zoom == 110


def test_settings_already_saved_are_not_written_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing the window saves the settings; when nothing changed the file is left alone
    (no atomic replace, no wait for the disk), and a change is written as before."""
    from welfareplan.core import settings as module

    settings = Settings(entered_by="山田 花子")
    settings.save()
    written: list[Path] = []
    real = module.atomic_target

    def counting(path: Path):  # type: ignore[no-untyped-def]
        written.append(path)
        return real(path)

    monkeypatch.setattr(module, "atomic_target", counting)
    Settings.load().save()
    assert written == []
    settings.zoom_in()
    settings.save()
    assert written == [Settings.path()] and Settings.load().zoom == 110


def test_zoom_stays_within_its_steps() -> None:
    settings = Settings(zoom=200)
    assert settings.zoom_in() == 200
    settings.zoom = 80
    assert settings.zoom_out() == 80
    assert settings.zoom_in() == 90


@pytest.mark.parametrize(
    "content",
    [
        "",  # empty
        "{",  # cut off
        "[1, 2, 3]",  # JSON, but not an object
        '"settings"',
        "null",
        "\udcff".encode("utf-8", "surrogateescape").decode("latin-1"),  # not UTF-8 text
    ],
)
def test_a_damaged_settings_file_means_the_defaults(content: str) -> None:
    path = Settings.path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content.encode("latin-1"))
    assert Settings.load() == Settings()


def test_odd_values_are_cleaned_and_unknown_keys_ignored() -> None:
    path = Settings.path()
    path.parent.mkdir(parents=True)
    data = {
        "recent_files": ["a.wpdb", 3, None, *[f"{n}.wpdb" for n in range(20)]],
        "zoom": 333,
        "entered_by": "佐藤",
        "from_a_newer_version": True,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    settings = Settings.load()
    assert settings.recent_files[:2] == ["a.wpdb", "0.wpdb"]
    assert len(settings.recent_files) == MAX_RECENT
    assert settings.zoom == 100 and settings.entered_by == "佐藤"
    odd = {"recent_files": "a.wpdb", "entered_by": 5, "last_folder": None, "zoom": "110"}
    path.write_text(json.dumps(odd), encoding="utf-8")
    assert Settings.load() == Settings()  # values of the wrong kind: their defaults


def test_an_unwritable_profile_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("WELFAREPLAN_HOME", str(blocker))
    Settings(zoom=125).save()  # best effort: nothing raised
    assert Settings.load() == Settings()
