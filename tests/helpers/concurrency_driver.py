"""One division member of the concurrency test (tests/workflow/test_concurrent_staff.py),
run as its own process against one server master:

``python -m tests.helpers.concurrency_driver edit URL NAME SEED OPS OUT ENTRY_ID…`` edits
random fields of the given entries the way the division's editor does — read the entry (the
editor's ``base``), think a moment, save one changed field with ``save_entry(…, base=)`` — and
after a conflict sometimes overwrites (saves again from the other's value, as the user who saw
it would).

``python -m tests.helpers.concurrency_driver merge URL NAME SEED 0 OUT FILE…`` merges the
returned files one at a time, in the given order (the same file may come twice): preview, then
apply; refused because the master changed since the preview, it previews again.

Each process writes what it did and what it was told, one JSON object a line, to OUT; the
test checks that against the master and its audit. A start barrier (the file OUT.go) makes the
three processes begin together."""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

RATINGS = "ABCD"
FIELDS = ("result", "outlook", "rating")
#: how many of the entries both editors often work on
HOT = 4


def _wait_for_go(out: Path) -> None:
    go = out.parent / "go"
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("no start signal")
        time.sleep(0.005)


def _values(wb: Any, entry_id: str) -> dict[str, str]:
    from welfareplan.core.plainsql import rows

    with wb.reader() as con:
        found = rows(
            con, "SELECT field, value FROM entry_value WHERE entry_id = :e", {"e": entry_id}
        )
    return {str(f): str(v) for f, v in found if v}


def edit(url: str, name: str, seed: int, ops: int, out: Path, entries: list[str]) -> None:
    from tests.helpers.masters import opened_master
    from welfareplan.core.editing import save_entry
    from welfareplan.core.entry_values import EntryValues

    rng = random.Random(seed)
    with opened_master(url) as wb, out.open("w", encoding="utf-8") as log:
        _wait_for_go(out)
        for op in range(ops):
            hot = entries[:HOT] if rng.random() < 0.6 else entries  # both often on the same few
            entry_id, field = rng.choice(hot), rng.choice(FIELDS)
            base = _values(wb, entry_id)
            mine = rng.choice(RATINGS) if field == "rating" else f"{name}-{op}の文"
            time.sleep(rng.random() * 0.05)  # the user types
            for attempt in range(2):
                started = time.monotonic()
                result = save_entry(
                    wb,
                    entry_id,
                    EntryValues({**base, field: mine}),
                    base=EntryValues(base),
                    user=name,
                )
                conflict = next((c for c in result.conflicts if c.field == field), None)
                record = {
                    "op": op,
                    "attempt": attempt,
                    "entry": entry_id,
                    "field": field,
                    "base": base.get(field, ""),
                    "mine": mine,
                    "written": field in result.changed,
                    "conflict": None
                    if conflict is None
                    else {
                        "theirs": conflict.theirs,
                        "base": conflict.base,
                        "yours": conflict.yours,
                    },
                    "others": [c.field for c in result.conflicts if c.field != field]
                    + [f for f in result.changed if f != field],
                    "seconds": time.monotonic() - started,
                }
                log.write(json.dumps(record, ensure_ascii=False) + "\n")
                if conflict is None or rng.random() < 0.5:
                    break
                base = {**base, field: conflict.theirs}  # seen the other's text: overwrite it


def merge(url: str, out: Path, files: list[Path]) -> None:
    from tests.conftest import sha256
    from tests.helpers.masters import opened_master
    from welfareplan.core.errors import WelfareplanError
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    with opened_master(url) as wb, out.open("w", encoding="utf-8") as log:
        _wait_for_go(out)
        for order, path in enumerate(files):
            # Refused while the others keep editing those very entries, it previews again,
            # as a user would, until they pause: a refused merge costs only its preview (it
            # copies nothing), so a few tries can all fall inside the others' burst.
            for attempt in range(200):
                record: dict[str, Any] = {
                    "order": order,
                    "attempt": attempt,
                    "file": path.name,
                    "sha256": sha256(path),
                }
                started = time.monotonic()
                preview = preview_merge(wb, [path])
                try:
                    result = apply_merge(wb, preview)
                except WelfareplanError as exc:
                    record.update(refused=exc.code, message=exc.message)
                    log.write(json.dumps(record, ensure_ascii=False) + "\n")
                    continue
                (done,) = result.files
                record.update(
                    outcome=str(done.outcome),
                    applied=done.applied,
                    conflicts_open=done.conflicts_open,
                    seconds=time.monotonic() - started,
                )
                log.write(json.dumps(record, ensure_ascii=False) + "\n")
                break


def main(argv: list[str]) -> int:
    role, url, name, seed, ops, out, *rest = argv
    if role == "edit":
        edit(url, name, int(seed), int(ops), Path(out), rest)
    else:
        merge(url, Path(out), [Path(p) for p in rest])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
