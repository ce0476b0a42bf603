"""The shared part of the order-independence properties (test_merge_property.py for
department files, test_worksheet_property.py for Excel worksheets): returns merged in any
order and any batching give one expected master."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from tests.helpers.department_edits import entry_values
from welfareplan.core.storage import Workbook
from welfareplan.workflow.returns.apply import apply_merge
from welfareplan.workflow.returns.compare import preview_merge
from welfareplan.workflow.returns.conflicts import list_conflicts


@dataclass(frozen=True)
class Returns:
    master: Path
    files: tuple[Path, ...]
    #: (project number, department id) → (result, rating, outlook) after every return
    expected: dict[tuple[int, str], tuple[str, str, str]]


def fresh_master(demo_master: Path, root: Path) -> Path:
    """A writable copy of the demo master in ``root``."""
    master = Path(shutil.copy(demo_master, root / "master.wpdb"))
    master.chmod(0o644)
    return master


def merge_in_drawn_order(returns: Returns, data: st.DataObject, fiscal_year: int) -> None:
    """Merge ``returns`` into a fresh copy of its master in an order and batches that
    hypothesis draws; nothing may be rejected or conflict, and the result is ``expected``."""
    order = data.draw(st.permutations(returns.files), label="order")
    cuts = data.draw(
        st.lists(st.booleans(), min_size=len(order), max_size=len(order)), label="cuts"
    )
    batches: list[list[Path]] = [[]]
    for path, cut in zip(order, cuts, strict=True):
        batches[-1].append(path)
        if cut:
            batches.append([])
    with tempfile.TemporaryDirectory() as tmp:
        master = Path(shutil.copy(returns.master, Path(tmp) / "master.wpdb"))
        with Workbook.open(master) as wb:
            for batch in (b for b in batches if b):
                preview = preview_merge(wb, batch)
                assert not preview.rejected, [f.reason for f in preview.rejected]
                assert not preview.conflicts
                apply_merge(wb, preview)
            assert entry_values(wb, fiscal_year) == returns.expected
            assert list_conflicts(wb, fiscal_year) == []
