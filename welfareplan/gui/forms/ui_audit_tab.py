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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDateEdit, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

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
        self.projectFilter.setMinimumSize(QSize(220, 0))

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

        self.searchLayout = QHBoxLayout()
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(AuditTab)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(AuditTab)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)

        self.periodCheck = QCheckBox(AuditTab)
        self.periodCheck.setObjectName(u"periodCheck")

        self.searchLayout.addWidget(self.periodCheck)

        self.sinceEdit = QDateEdit(AuditTab)
        self.sinceEdit.setObjectName(u"sinceEdit")
        self.sinceEdit.setCalendarPopup(True)

        self.searchLayout.addWidget(self.sinceEdit)

        self.periodDash = QLabel(AuditTab)
        self.periodDash.setObjectName(u"periodDash")

        self.searchLayout.addWidget(self.periodDash)

        self.untilEdit = QDateEdit(AuditTab)
        self.untilEdit.setObjectName(u"untilEdit")
        self.untilEdit.setCalendarPopup(True)

        self.searchLayout.addWidget(self.untilEdit)

        self.countLabel = QLabel(AuditTab)
        self.countLabel.setObjectName(u"countLabel")

        self.searchLayout.addWidget(self.countLabel)


        self.mainLayout.addLayout(self.searchLayout)

        self.auditTable = QTableWidget(AuditTab)
        self.auditTable.setObjectName(u"auditTable")
        self.auditTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.auditTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.auditTable.setWordWrap(True)

        self.mainLayout.addWidget(self.auditTable)

        self.undoLayout = QHBoxLayout()
        self.undoLayout.setObjectName(u"undoLayout")
        self.importGroup = QGroupBox(AuditTab)
        self.importGroup.setObjectName(u"importGroup")
        self.importLayout = QVBoxLayout(self.importGroup)
        self.importLayout.setObjectName(u"importLayout")
        self.importList = QListWidget(self.importGroup)
        self.importList.setObjectName(u"importList")
        self.importList.setMaximumSize(QSize(16777215, 120))

        self.importLayout.addWidget(self.importList)

        self.undoButton = QPushButton(self.importGroup)
        self.undoButton.setObjectName(u"undoButton")

        self.importLayout.addWidget(self.undoButton)


        self.undoLayout.addWidget(self.importGroup)

        self.backupGroup = QGroupBox(AuditTab)
        self.backupGroup.setObjectName(u"backupGroup")
        self.backupLayout = QVBoxLayout(self.backupGroup)
        self.backupLayout.setObjectName(u"backupLayout")
        self.backupList = QListWidget(self.backupGroup)
        self.backupList.setObjectName(u"backupList")
        self.backupList.setMaximumSize(QSize(16777215, 120))

        self.backupLayout.addWidget(self.backupList)

        self.restoreButton = QPushButton(self.backupGroup)
        self.restoreButton.setObjectName(u"restoreButton")

        self.backupLayout.addWidget(self.restoreButton)


        self.undoLayout.addWidget(self.backupGroup)


        self.mainLayout.addLayout(self.undoLayout)

        self.mainLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.departmentLabel.setBuddy(self.departmentFilter)
        self.projectLabel.setBuddy(self.projectFilter)
        self.fieldLabel.setBuddy(self.fieldFilter)
        self.searchLabel.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AuditTab)

        QMetaObject.connectSlotsByName(AuditTab)
    # setupUi

    def retranslateUi(self, AuditTab):
        self.departmentLabel.setText(QCoreApplication.translate("AuditTab", u"\u62c5\u5f53\u8ab2", None))
        self.projectLabel.setText(QCoreApplication.translate("AuditTab", u"\u4e8b\u696d", None))
        self.fieldLabel.setText(QCoreApplication.translate("AuditTab", u"\u9805\u76ee", None))
        self.searchLabel.setText(QCoreApplication.translate("AuditTab", u"\u691c\u7d22(&F)", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("AuditTab", u"\u5909\u66f4\u524d\u30fb\u5909\u66f4\u5f8c\u306e\u6587\u3001\u30d5\u30a1\u30a4\u30eb\u540d\u3001\u5099\u8003\u3001\u4e8b\u696d\u540d\u3001\u62c5\u5f53\u8ab2\u540d\u3001\u5229\u7528\u8005", None))
        self.periodCheck.setText(QCoreApplication.translate("AuditTab", u"\u671f\u9593(&D)", None))
        self.sinceEdit.setDisplayFormat(QCoreApplication.translate("AuditTab", u"yyyy-MM-dd", None))
        self.periodDash.setText(QCoreApplication.translate("AuditTab", u"\uff5e", None))
        self.untilEdit.setDisplayFormat(QCoreApplication.translate("AuditTab", u"yyyy-MM-dd", None))
        self.importGroup.setTitle(QCoreApplication.translate("AuditTab", u"\u3053\u306e\u5e74\u5ea6\u306e\u53d6\u308a\u8fbc\u307f\uff081 \u3064\u305a\u3064\u53d6\u308a\u6d88\u305b\u307e\u3059\uff09", None))
        self.undoButton.setText(QCoreApplication.translate("AuditTab", u"\u3053\u306e\u53d6\u308a\u8fbc\u307f\u3092\u53d6\u308a\u6d88\u3059(&U)\u2026", None))
#if QT_CONFIG(tooltip)
        self.undoButton.setToolTip(QCoreApplication.translate("AuditTab", u"\u9078\u3093\u3060\u53d6\u308a\u8fbc\u307f\u3067\u5909\u308f\u3063\u305f\u9805\u76ee\u3092\u3001\u53d6\u308a\u8fbc\u307f\u306e\u524d\u306e\u5024\u306b\u623b\u3057\u307e\u3059\uff08\u305d\u306e\u5f8c\u306b\u5909\u308f\u3063\u305f\u9805\u76ee\u304c\u3042\u308c\u3070\u3001\u4f55\u304c\u59a8\u3052\u3066\u3044\u308b\u304b\u3092\u8868\u793a\u3057\u307e\u3059\uff09\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.backupGroup.setTitle(QCoreApplication.translate("AuditTab", u"\u30d0\u30c3\u30af\u30a2\u30c3\u30d7\uff08\u5909\u66f4\u306e\u524d\u306b\u81ea\u52d5\u3067\u4f5c\u6210\uff09", None))
        self.restoreButton.setText(QCoreApplication.translate("AuditTab", u"\u3053\u306e\u6642\u70b9\u306b\u623b\u3059(&B)\u2026", None))
#if QT_CONFIG(tooltip)
        self.restoreButton.setToolTip(QCoreApplication.translate("AuditTab", u"\u9078\u3093\u3060\u30d0\u30c3\u30af\u30a2\u30c3\u30d7\u306e\u72b6\u614b\u306b\u30de\u30b9\u30bf\u30fc\u30ef\u30fc\u30af\u30d6\u30c3\u30af\u5168\u4f53\u3092\u623b\u3057\u307e\u3059\uff08\u305d\u306e\u5f8c\u306e\u5909\u66f4\u3092\u3059\u3079\u3066\u53d6\u308a\u6d88\u3057\u307e\u3059\uff09\u3002", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

