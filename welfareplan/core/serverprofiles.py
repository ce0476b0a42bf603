"""Saved connections to server masters (issue 16): what the GUI's 「サーバーに接続」 keeps in the
user's settings — name, host, port, database, user and TLS — and never a password (libpq finds
it in pgpass or PGPASSWORD, or the window asks for it and keeps it in memory only).

A profile becomes a URL only through :func:`welfareplan.core.serverdb.parse_server_url`, so
every check a URL typed on the command line gets (no password, a database named, a known TLS
mode) holds for a profile too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields

from welfareplan.core.errors import DataError
from welfareplan.core.serverdb import SSL_MODES, describe, parse_server_url

DEFAULT_PORT = 5432
MAX_PROFILES = 20


@dataclass(frozen=True)
class ServerProfile:
    name: str
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    #: libpq's sslmode ('' = libpq's default, prefer)
    sslmode: str = ""
    #: the file of the root certificate that signed the server's (verify-ca, verify-full)
    sslrootcert: str = ""

    def url(self) -> str:
        """The server master's URL (checked by :func:`parse_server_url`); raises
        :class:`DataError` (Japanese) for an incomplete or odd profile."""
        from sqlalchemy import URL

        missing = [
            label
            for label, value in (
                ("ホスト", self.host),
                ("データベース", self.database),
                ("ユーザー", self.user),
            )
            if not value.strip()
        ]
        if missing:
            raise DataError(f"{'・'.join(missing)}を入力してください。", code="bad-profile")
        if not 1 <= self.port <= 65535:
            raise DataError("ポートは 1〜65535 の番号です。", code="bad-profile")
        query = {
            k: v
            for k, v in (("sslmode", self.sslmode), ("sslrootcert", self.sslrootcert.strip()))
            if v
        }
        if query.get("sslrootcert") and self.sslmode not in ("verify-ca", "verify-full"):
            raise DataError(
                "ルート証明書を使うには、TLS を「verify-ca」か「verify-full」にしてください。",
                code="bad-profile",
            )
        url = URL.create(
            "postgresql+psycopg",
            username=self.user.strip(),
            host=self.host.strip(),
            port=self.port,
            database=self.database.strip(),
            query=query,
        )
        return describe(parse_server_url(url.render_as_string(hide_password=False)))

    def as_setting(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}

    @classmethod
    def from_setting(cls, data: object) -> ServerProfile | None:
        """A profile from the settings file; None for anything that is not one (a hand edit)."""
        if not isinstance(data, Mapping):
            return None
        values = {f.name: data.get(f.name, "") for f in fields(cls)}
        if not all(isinstance(v, str) for v in values.values()) or not values["name"]:
            return None
        try:
            port = int(values.pop("port") or DEFAULT_PORT)
        except ValueError:
            return None
        if values["sslmode"] not in ("", *SSL_MODES):
            return None
        return cls(port=port, **values)


def load_profiles(saved: list[object]) -> list[ServerProfile]:
    return [p for p in map(ServerProfile.from_setting, saved) if p is not None][:MAX_PROFILES]


def store_profile(saved: list[object], profile: ServerProfile) -> list[dict[str, str]]:
    """The saved profiles with ``profile`` first (replacing one of the same name)."""
    rest = [p for p in load_profiles(saved) if p.name != profile.name]
    return [p.as_setting() for p in [profile, *rest][:MAX_PROFILES]]


def remove_profile(saved: list[object], name: str) -> list[dict[str, str]]:
    return [p.as_setting() for p in load_profiles(saved) if p.name != name]
