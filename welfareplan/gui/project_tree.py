"""The project list: 基本目標 → 施策の方向性 → 施策 → 事業, each entry with its status icon."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from welfareplan.core.checks import Status
from welfareplan.core.worklist import WorkItem, Worklist
from welfareplan.gui.icons import status_icon

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def entry_text(item: WorkItem, *, show_department: bool) -> str:
    text = f"{item.number_label}　{item.name}"
    return f"{text}　［{item.department_label}］" if show_department else text


def update_item(tree_item: QTreeWidgetItem, item: WorkItem, status: Status) -> None:
    tree_item.setIcon(0, status_icon(status))
    tree_item.setToolTip(0, f"{item.title}\n状態: {status.label}")
    tree_item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{status.label} {item.title}")


def fill_tree(tree: QTreeWidget, worklist: Worklist, *, show_department: bool) -> None:
    tree.clear()
    groups: dict[tuple[object, ...], QTreeWidgetItem] = {}
    for item in worklist.items:
        g_key = (item.goal_number,)
        goal = groups.get(g_key)
        if goal is None:
            goal = QTreeWidgetItem(tree, [f"基本目標{item.goal_number}　{item.goal_name}"])
            goal.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[g_key] = goal
        d_key = (*g_key, item.direction_label)
        direction = groups.get(d_key)
        if direction is None:
            direction = QTreeWidgetItem(goal, [f"{item.direction_label}　{item.direction_name}"])
            direction.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[d_key] = direction
        m_key = (*d_key, item.measure_label)
        measure = groups.get(m_key)
        if measure is None:
            measure = QTreeWidgetItem(direction, [item.measure_name])
            measure.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[m_key] = measure
        leaf = QTreeWidgetItem(measure, [entry_text(item, show_department=show_department)])
        leaf.setData(0, ENTRY_ROLE, item.entry_id)
        update_item(leaf, item, item.status)
    tree.expandAll()


def iter_entry_items(tree: QTreeWidget) -> Iterator[QTreeWidgetItem]:
    def walk(node: QTreeWidgetItem) -> Iterator[QTreeWidgetItem]:
        if node.data(0, ENTRY_ROLE) is not None:
            yield node
        for i in range(node.childCount()):
            child = node.child(i)
            if child is not None:
                yield from walk(child)

    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top is not None:
            yield from walk(top)
