# Generated from forms/audit_tab.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_AuditTab(object):
    def setupUi(self, AuditTab):
        if not AuditTab.objectName():
            AuditTab.setObjectName(u"AuditTab")
        self.mainLayout = QVBoxLayout(AuditTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.departmentLabel = QLabel(AuditTab)
        self.departmentLabel.setObjectName(u"departmentLabel")

        self.filterLayout.addWidget(self.departmentLabel)

        self.departmentFilter = QComboBox(AuditTab)
        self.departmentFilter.setObjectName(u"departmentFilter")

        self.filterLayout.addWidget(self.departmentFilter)

        self.projectLabel = QLabel(AuditTab)
        self.projectLabel.setObjectName(u"projectLabel")

        self.filterLayout.addWidget(self.projectLabel)

        self.projectFilter = QComboBox(AuditTab)
        self.projectFilter.setObjectName(u"projectFilter")
        self.projectFilter.setMinimumSize(QSize(260, 0))

        self.filterLayout.addWidget(self.projectFilter)

        self.fieldLabel = QLabel(AuditTab)
        self.fieldLabel.setObjectName(u"fieldLabel")

        self.filterLayout.addWidget(self.fieldLabel)

        self.fieldFilter = QComboBox(AuditTab)
        self.fieldFilter.setObjectName(u"fieldFilter")

        self.filterLayout.addWidget(self.fieldFilter)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterLayout.addItem(self.filterSpacer)


        self.mainLayout.addLayout(self.filterLayout)

        self.auditTable = QTableWidget(AuditTab)
        self.auditTable.setObjectName(u"auditTable")
        self.auditTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.auditTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.auditTable.setWordWrap(True)

        self.mainLayout.addWidget(self.auditTable)

        self.backupGroup = QGroupBox(AuditTab)
        self.backupGroup.setObjectName(u"backupGroup")
        self.backupLayout = QHBoxLayout(self.backupGroup)
        self.backupLayout.setObjectName(u"backupLayout")
        self.backupList = QListWidget(self.backupGroup)
        self.backupList.setObjectName(u"backupList")
        self.backupList.setMaximumSize(QSize(16777215, 140))

        self.backupLayout.addWidget(self.backupList)

        self.restoreButton = QPushButton(self.backupGroup)
        self.restoreButton.setObjectName(u"restoreButton")

        self.backupLayout.addWidget(self.restoreButton)


        self.mainLayout.addWidget(self.backupGroup)

#if QT_CONFIG(shortcut)
        self.departmentLabel.setBuddy(self.departmentFilter)
        self.projectLabel.setBuddy(self.projectFilter)
        self.fieldLabel.setBuddy(self.fieldFilter)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AuditTab)

        QMetaObject.connectSlotsByName(AuditTab)
    # setupUi

    def retranslateUi(self, AuditTab):
        self.departmentLabel.setText(QCoreApplication.translate("AuditTab", u"\u62c5\u5f53\u8ab2", None))
        self.projectLabel.setText(QCoreApplication.translate("AuditTab", u"\u4e8b\u696d", None))
        self.fieldLabel.setText(QCoreApplication.translate("AuditTab", u"\u9805\u76ee", None))
        self.backupGroup.setTitle(QCoreApplication.translate("AuditTab", u"\u30d0\u30c3\u30af\u30a2\u30c3\u30d7\uff08\u53d6\u8fbc\u306a\u3069\u306e\u524d\u306b\u81ea\u52d5\u3067\u4f5c\u6210\uff09", None))
        self.restoreButton.setText(QCoreApplication.translate("AuditTab", u"\u3053\u306e\u6642\u70b9\u306b\u623b\u3059(&B)\u2026", None))
        pass
    # retranslateUi

