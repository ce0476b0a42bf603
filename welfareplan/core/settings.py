"""User settings (recent files, zoom, the 入力者 name, where the window was and which project
was last open per file), a small JSON file in the profile."""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from welfareplan.core.appdirs import config_dir
from welfareplan.core.atomic import atomic_target

MAX_RECENT = 10
ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200)


@dataclass
class Settings:
    recent_files: list[str] = field(default_factory=list)
    zoom: int = 100
    first_run_done: bool = False
    entered_by: str = ""
    last_folder: str = ""
    #: the main window's geometry (Qt's saveGeometry, base64) and its splitters' states
    window_geometry: str = ""
    splitter_state: str = ""
    reference_state: str = ""
    reference_shown: bool = True
    #: file path → the entry last shown in it
    last_entries: dict[str, str] = field(default_factory=dict)
    #: saved connections to server masters (core/serverprofiles.py), never a password
    server_profiles: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            data: Any = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):  # valid JSON, but not our settings: the defaults
            return cls()
        settings, defaults = cls(), cls()
        for name in cls.__dataclass_fields__:
            value = data.get(name)
            if isinstance(value, type(getattr(defaults, name))):  # else: a hand edit, a bug …
                setattr(settings, name, value)
        settings.recent_files = [p for p in settings.recent_files if isinstance(p, str)][
            :MAX_RECENT
        ]
        settings.last_entries = {
            k: v
            for k, v in list(settings.last_entries.items())[-MAX_RECENT * 4 :]
            if isinstance(k, str) and isinstance(v, str)
        }
        if settings.zoom not in ZOOM_STEPS:
            settings.zoom = 100
        return settings

    def save(self) -> None:
        """Best effort: settings are a convenience, never a reason to fail. Settings the
        file already holds are not written again (no wait for the disk when nothing changed)."""
        path = self.path()
        try:
            text = json.dumps(asdict(self), ensure_ascii=False, indent=2)
            with contextlib.suppress(OSError, ValueError):
                if path.read_text(encoding="utf-8") == text:
                    return
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_target(path) as tmp:
                tmp.write_text(text, encoding="utf-8")
        except Exception:
            pass

    def add_recent(self, file: Path) -> None:
        text = str(Path(file).resolve())
        self.recent_files = [text] + [p for p in self.recent_files if p != text]
        del self.recent_files[MAX_RECENT:]

    def remember_entry(self, file: Path, entry_id: str) -> None:
        key = str(Path(file).resolve())
        self.last_entries.pop(key, None)
        self.last_entries[key] = entry_id
        while len(self.last_entries) > MAX_RECENT * 4:
            del self.last_entries[next(iter(self.last_entries))]

    def last_entry(self, file: Path) -> str:
        return self.last_entries.get(str(Path(file).resolve()), "")

    def zoom_in(self) -> int:
        bigger = [z for z in ZOOM_STEPS if z > self.zoom]
        self.zoom = bigger[0] if bigger else self.zoom
        return self.zoom

    def zoom_out(self) -> int:
        smaller = [z for z in ZOOM_STEPS if z < self.zoom]
        self.zoom = smaller[-1] if smaller else self.zoom
        return self.zoom
