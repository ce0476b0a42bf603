"""Message authentication of issued files: only this workbook can recognise its own files.

Each master workbook gets a random secret at first need (table ``issue_secret``; never copied
into any other file). An issued file carries its issuance record — file UUID, workbook UUID,
round, department, the set of entry keys, the time of issue, the digest of its plan context —
and an HMAC-SHA256 over that record made with the secret. A returned file whose record does
not verify was not issued by this workbook or was tampered with.

An Excel worksheet issued by ``distribute --format xlsx`` carries no issuance record table; it
signs its own canonical payload instead (:func:`welfareplan.exports.worksheet_keys.worksheet_payload`:
the keys, the entry ids, their rows and the digests of the locked cells). That MAC is made with
a key derived from the same secret (:func:`worksheet_mac`), so a worksheet MAC can never be
mistaken for the MAC of an issuance record or the other way round.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the claims are read and checked without the ORM (the workbench's 状況)
    from sqlalchemy.orm import Session

MAC_VERSION = 1


@dataclass(frozen=True)
class IssueClaims:
    """What an issued file claims about itself; the MAC is computed over exactly this."""

    file_id: str
    workbook_uuid: str
    round_id: str
    department_id: str
    entry_keys: tuple[str, ...]
    issued_at: str
    file_format: str = "wpdb"
    context: Mapping[str, str] = field(default_factory=dict)

    def message(self) -> bytes:
        payload = {
            "v": MAC_VERSION,
            "file": self.file_id,
            "workbook": self.workbook_uuid,
            "round": self.round_id,
            "department": self.department_id,
            "entries": sorted(self.entry_keys),
            "issued_at": self.issued_at,
            "format": self.file_format,
            "context": dict(sorted(self.context.items())),
        }
        return json.dumps(
            payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")


def load_secret(session: Session) -> bytes | None:
    from welfareplan.core.model import IssueSecret

    row = session.get(IssueSecret, 1)
    return bytes.fromhex(row.secret) if row is not None else None


def new_secret() -> bytes:
    return secrets.token_bytes(32)


def store_secret(session: Session, secret: bytes) -> None:
    """Keep ``secret`` in the master (inside the caller's transaction)."""
    from welfareplan.core.model import IssueSecret

    session.add(IssueSecret(id=1, secret=secret.hex()))


def compute_mac(secret: bytes, claims: IssueClaims) -> str:
    return hmac.new(secret, claims.message(), hashlib.sha256).hexdigest()


def verify_mac(secret: bytes | None, claims: IssueClaims, mac: str) -> bool:
    if secret is None or not isinstance(mac, str):
        return False
    return hmac.compare_digest(compute_mac(secret, claims), mac)


#: Derives the key of worksheet MACs from the master's secret (domain separation).
_WORKSHEET_KEY_LABEL = b"welfareplan worksheet MAC v1"


def _worksheet_key(secret: bytes) -> bytes:
    return hmac.new(secret, _WORKSHEET_KEY_LABEL, hashlib.sha256).digest()


def worksheet_mac(secret: bytes, payload: bytes) -> str:
    """The MAC of an issued Excel worksheet's canonical payload."""
    return hmac.new(_worksheet_key(secret), payload, hashlib.sha256).hexdigest()


def worksheet_signer(secret: bytes) -> Callable[[bytes], str]:
    """The ``sign`` callable for ``write_department_worksheet_xlsx``."""
    key = _worksheet_key(secret)
    return lambda payload: hmac.new(key, payload, hashlib.sha256).hexdigest()


def verify_worksheet_mac(secret: bytes | None, payload: bytes, mac: str) -> bool:
    if secret is None or not isinstance(mac, str) or not mac:
        return False
    return hmac.compare_digest(worksheet_mac(secret, payload), mac)
