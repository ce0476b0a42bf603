"""The project list: the plan's levels (Koganei: 基本目標 → 施策の方向性 → 施策) down to the
projects (事業), each entry with its status icon."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from welfareplan.core.checks import Status
from welfareplan.core.plan_shape import NodeRow
from welfareplan.core.worklist import WorkItem, Worklist
from welfareplan.gui.icons import status_icon

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def entry_text(item: WorkItem, *, show_department: bool) -> str:
    text = f"{item.label}　{item.name}"
    return f"{text}　［{item.department_label}］" if show_department else text


def update_item(tree_item: QTreeWidgetItem, item: WorkItem, status: Status) -> None:
    tree_item.setIcon(0, status_icon(status))
    tree_item.setToolTip(0, f"{item.title}\n状態: {status.label}")
    tree_item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{status.label} {item.title}")


def node_text(worklist: Worklist, node: NodeRow, *, deepest: bool) -> str:
    """'基本目標1　福祉のまちづくり' (top), '(1)　福祉を支える基盤の整備', '① 暮らしやすいまちづくり'
    (the deepest level, as the plan prints it)."""
    if node.depth == 0:
        name = worklist.plan.level_name(0)
        return f"{name}{node.label}　{node.name}"
    if deepest:
        return node.title
    return f"{node.label}　{node.name}" if node.label else node.name


def fill_tree(tree: QTreeWidget, worklist: Worklist, *, show_department: bool) -> None:
    tree.clear()
    groups: dict[str, QTreeWidgetItem] = {}
    for item in worklist.items:
        parent: QTreeWidgetItem | None = None
        for i, node in enumerate(item.path):
            found = groups.get(node.id)
            if found is None:
                text = node_text(worklist, node, deepest=i == len(item.path) - 1)
                found = QTreeWidgetItem(parent, [text]) if parent else QTreeWidgetItem(tree, [text])
                found.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[node.id] = found
            parent = found
        leaf = (
            QTreeWidgetItem(parent, [entry_text(item, show_department=show_department)])
            if parent
            else QTreeWidgetItem(tree, [entry_text(item, show_department=show_department)])
        )
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


def hide_empty_groups(tree: QTreeWidget) -> None:
    """Hide each level's node that has no visible entry below it (after a filter)."""

    def visit(node: QTreeWidgetItem) -> bool:
        if node.data(0, ENTRY_ROLE) is not None:
            return not node.isHidden()
        visible = [
            visit(child) for i in range(node.childCount()) if (child := node.child(i)) is not None
        ]
        node.setHidden(not any(visible))
        return any(visible)

    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top is not None:
            visit(top)
