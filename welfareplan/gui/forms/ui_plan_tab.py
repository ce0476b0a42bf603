# Generated from forms/plan_tab.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_PlanTab(object):
    def setupUi(self, PlanTab):
        if not PlanTab.objectName():
            PlanTab.setObjectName(u"PlanTab")
        self.mainLayout = QHBoxLayout(PlanTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.treeLayout = QVBoxLayout()
        self.treeLayout.setObjectName(u"treeLayout")
        self.planLayout = QHBoxLayout()
        self.planLayout.setObjectName(u"planLayout")
        self.planCombo = QComboBox(PlanTab)
        self.planCombo.setObjectName(u"planCombo")

        self.planLayout.addWidget(self.planCombo)

        self.importButton = QPushButton(PlanTab)
        self.importButton.setObjectName(u"importButton")

        self.planLayout.addWidget(self.importButton)

        self.exportButton = QPushButton(PlanTab)
        self.exportButton.setObjectName(u"exportButton")

        self.planLayout.addWidget(self.exportButton)


        self.treeLayout.addLayout(self.planLayout)

        self.planActionsLayout = QHBoxLayout()
        self.planActionsLayout.setObjectName(u"planActionsLayout")
        self.linkPlanButton = QPushButton(PlanTab)
        self.linkPlanButton.setObjectName(u"linkPlanButton")

        self.planActionsLayout.addWidget(self.linkPlanButton)

        self.historyButton = QPushButton(PlanTab)
        self.historyButton.setObjectName(u"historyButton")

        self.planActionsLayout.addWidget(self.historyButton)

        self.deletePlanButton = QPushButton(PlanTab)
        self.deletePlanButton.setObjectName(u"deletePlanButton")

        self.planActionsLayout.addWidget(self.deletePlanButton)


        self.treeLayout.addLayout(self.planActionsLayout)

        self.planTree = QTreeWidget(PlanTab)
        self.planTree.setObjectName(u"planTree")
        self.planTree.setHeaderHidden(True)
        self.planTree.setMinimumSize(QSize(380, 0))

        self.treeLayout.addWidget(self.planTree)


        self.mainLayout.addLayout(self.treeLayout)

        self.rightLayout = QVBoxLayout()
        self.rightLayout.setObjectName(u"rightLayout")
        self.nodeGroup = QGroupBox(PlanTab)
        self.nodeGroup.setObjectName(u"nodeGroup")
        self.nodeLayout = QFormLayout(self.nodeGroup)
        self.nodeLayout.setObjectName(u"nodeLayout")
        self.nameLabel = QLabel(self.nodeGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.nodeLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.nodeGroup)
        self.nameEdit.setObjectName(u"nameEdit")

        self.nodeLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.descriptionLabel = QLabel(self.nodeGroup)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.nodeLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.descriptionEdit = QPlainTextEdit(self.nodeGroup)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)

        self.nodeLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.assignmentsLabel = QLabel(self.nodeGroup)
        self.assignmentsLabel.setObjectName(u"assignmentsLabel")

        self.nodeLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.assignmentsLabel)

        self.assignmentList = QListWidget(self.nodeGroup)
        self.assignmentList.setObjectName(u"assignmentList")
        self.assignmentList.setMaximumSize(QSize(16777215, 130))

        self.nodeLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.assignmentList)

        self.assignmentButtons = QHBoxLayout()
        self.assignmentButtons.setObjectName(u"assignmentButtons")
        self.departmentCombo = QComboBox(self.nodeGroup)
        self.departmentCombo.setObjectName(u"departmentCombo")

        self.assignmentButtons.addWidget(self.departmentCombo)

        self.labelEdit = QLineEdit(self.nodeGroup)
        self.labelEdit.setObjectName(u"labelEdit")

        self.assignmentButtons.addWidget(self.labelEdit)

        self.addAssignmentButton = QPushButton(self.nodeGroup)
        self.addAssignmentButton.setObjectName(u"addAssignmentButton")

        self.assignmentButtons.addWidget(self.addAssignmentButton)

        self.removeAssignmentButton = QPushButton(self.nodeGroup)
        self.removeAssignmentButton.setObjectName(u"removeAssignmentButton")

        self.assignmentButtons.addWidget(self.removeAssignmentButton)


        self.nodeLayout.setLayout(3, QFormLayout.ItemRole.FieldRole, self.assignmentButtons)

        self.saveNodeButton = QPushButton(self.nodeGroup)
        self.saveNodeButton.setObjectName(u"saveNodeButton")

        self.nodeLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.saveNodeButton)


        self.rightLayout.addWidget(self.nodeGroup)

        self.departmentGroup = QGroupBox(PlanTab)
        self.departmentGroup.setObjectName(u"departmentGroup")
        self.departmentLayout = QHBoxLayout(self.departmentGroup)
        self.departmentLayout.setObjectName(u"departmentLayout")
        self.departmentList = QListWidget(self.departmentGroup)
        self.departmentList.setObjectName(u"departmentList")

        self.departmentLayout.addWidget(self.departmentList)

        self.departmentButtons = QVBoxLayout()
        self.departmentButtons.setObjectName(u"departmentButtons")
        self.addDepartmentButton = QPushButton(self.departmentGroup)
        self.addDepartmentButton.setObjectName(u"addDepartmentButton")

        self.departmentButtons.addWidget(self.addDepartmentButton)

        self.renameDepartmentButton = QPushButton(self.departmentGroup)
        self.renameDepartmentButton.setObjectName(u"renameDepartmentButton")

        self.departmentButtons.addWidget(self.renameDepartmentButton)

        self.mergeDepartmentButton = QPushButton(self.departmentGroup)
        self.mergeDepartmentButton.setObjectName(u"mergeDepartmentButton")

        self.departmentButtons.addWidget(self.mergeDepartmentButton)

        self.aliasButton = QPushButton(self.departmentGroup)
        self.aliasButton.setObjectName(u"aliasButton")

        self.departmentButtons.addWidget(self.aliasButton)

        self.departmentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.departmentButtons.addItem(self.departmentSpacer)


        self.departmentLayout.addLayout(self.departmentButtons)


        self.rightLayout.addWidget(self.departmentGroup)


        self.mainLayout.addLayout(self.rightLayout)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PlanTab)

        QMetaObject.connectSlotsByName(PlanTab)
    # setupUi

    def retranslateUi(self, PlanTab):
        self.importButton.setText(QCoreApplication.translate("PlanTab", u"\u8a08\u753b\u3092\u53d6\u308a\u8fbc\u3080(&I)\u2026", None))
        self.exportButton.setText(QCoreApplication.translate("PlanTab", u"\u69d8\u5f0f\u306b\u66f8\u304d\u51fa\u3059\u2026", None))
        self.linkPlanButton.setText(QCoreApplication.translate("PlanTab", u"\u524d\u306e\u8a08\u753b\u3068\u3064\u306a\u3050\u2026", None))
#if QT_CONFIG(tooltip)
        self.linkPlanButton.setToolTip(QCoreApplication.translate("PlanTab", u"\u3053\u306e\u8a08\u753b\u3092\u524d\u306e\u8a08\u753b\u306b\u3064\u306a\u304e\u3001\u4e8b\u696d\u3054\u3068\u306e\u5bfe\u5fdc\u3092\u8a2d\u5b9a\u3057\u307e\u3059", None))
#endif // QT_CONFIG(tooltip)
        self.historyButton.setText(QCoreApplication.translate("PlanTab", u"\u904e\u53bb\u306e\u5e74\u5ea6\u3092\u53d6\u308a\u8fbc\u3080\u2026", None))
#if QT_CONFIG(tooltip)
        self.historyButton.setToolTip(QCoreApplication.translate("PlanTab", u"\u516c\u8868\u6e08\u307f\u306e\u8a55\u4fa1\u8868\u3092\u7de0\u5207\u6e08\u307f\u306e\u5e74\u5ea6\u3068\u3057\u3066\u53d6\u308a\u8fbc\u307f\u307e\u3059", None))
#endif // QT_CONFIG(tooltip)
        self.deletePlanButton.setText(QCoreApplication.translate("PlanTab", u"\u8a08\u753b\u3092\u524a\u9664\u2026", None))
        ___qtreewidgetitem = self.planTree.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("PlanTab", u"\u8a08\u753b", None))
        self.nodeGroup.setTitle(QCoreApplication.translate("PlanTab", u"\u9078\u3093\u3060\u9805\u76ee", None))
        self.nameLabel.setText(QCoreApplication.translate("PlanTab", u"\u540d\u524d(&M)", None))
        self.descriptionLabel.setText(QCoreApplication.translate("PlanTab", u"\u5185\u5bb9", None))
        self.assignmentsLabel.setText(QCoreApplication.translate("PlanTab", u"\u62c5\u5f53\u8ab2\uff08\u9806\u756a\u3069\u304a\u308a\uff09", None))
        self.labelEdit.setPlaceholderText(QCoreApplication.translate("PlanTab", u"\u8868\u793a\uff08\u4f8b: \u5730\u57df\u798f\u7949\u8ab2\uff08\u95a2\u4fc2\u5404\u8ab2\uff09\uff09", None))
        self.addAssignmentButton.setText(QCoreApplication.translate("PlanTab", u"\u8ffd\u52a0", None))
        self.removeAssignmentButton.setText(QCoreApplication.translate("PlanTab", u"\u5916\u3059", None))
        self.saveNodeButton.setText(QCoreApplication.translate("PlanTab", u"\u5909\u66f4\u3092\u4fdd\u5b58(&S)", None))
        self.departmentGroup.setTitle(QCoreApplication.translate("PlanTab", u"\u62c5\u5f53\u8ab2\u30de\u30b9\u30bf", None))
        self.addDepartmentButton.setText(QCoreApplication.translate("PlanTab", u"\u8ab2\u3092\u8ffd\u52a0\u2026", None))
        self.renameDepartmentButton.setText(QCoreApplication.translate("PlanTab", u"\u540d\u524d\u3092\u5909\u66f4\u2026", None))
        self.mergeDepartmentButton.setText(QCoreApplication.translate("PlanTab", u"\u5225\u306e\u8ab2\u306b\u7d71\u5408\u2026", None))
        self.aliasButton.setText(QCoreApplication.translate("PlanTab", u"\u5225\u540d\u3092\u8ffd\u52a0\u2026", None))
        pass
    # retranslateUi

