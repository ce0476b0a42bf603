# Generated from forms/dashboard_tab.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_DashboardTab(object):
    def setupUi(self, DashboardTab):
        if not DashboardTab.objectName():
            DashboardTab.setObjectName(u"DashboardTab")
        self.mainLayout = QHBoxLayout(DashboardTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.leftLayout = QVBoxLayout()
        self.leftLayout.setObjectName(u"leftLayout")
        self.summaryLabel = QLabel(DashboardTab)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.leftLayout.addWidget(self.summaryLabel)

        self.statusTable = QTableView(DashboardTab)
        self.statusTable.setObjectName(u"statusTable")
        self.statusTable.setSortingEnabled(True)
        self.statusTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.statusTable.setAlternatingRowColors(True)

        self.leftLayout.addWidget(self.statusTable)

        self.actionsLayout = QHBoxLayout()
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.distributeButton = QPushButton(DashboardTab)
        self.distributeButton.setObjectName(u"distributeButton")

        self.actionsLayout.addWidget(self.distributeButton)

        self.worksheetsButton = QPushButton(DashboardTab)
        self.worksheetsButton.setObjectName(u"worksheetsButton")

        self.actionsLayout.addWidget(self.worksheetsButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsLayout.addItem(self.actionsSpacer)

        self.printStatusButton = QPushButton(DashboardTab)
        self.printStatusButton.setObjectName(u"printStatusButton")

        self.actionsLayout.addWidget(self.printStatusButton)

        self.saveStatusButton = QPushButton(DashboardTab)
        self.saveStatusButton.setObjectName(u"saveStatusButton")

        self.actionsLayout.addWidget(self.saveStatusButton)

        self.refreshButton = QPushButton(DashboardTab)
        self.refreshButton.setObjectName(u"refreshButton")

        self.actionsLayout.addWidget(self.refreshButton)


        self.leftLayout.addLayout(self.actionsLayout)

        self.leftLayout.setStretch(1, 1)

        self.mainLayout.addLayout(self.leftLayout)

        self.rightLayout = QVBoxLayout()
        self.rightLayout.setObjectName(u"rightLayout")
        self.notReturnedLabel = QLabel(DashboardTab)
        self.notReturnedLabel.setObjectName(u"notReturnedLabel")

        self.rightLayout.addWidget(self.notReturnedLabel)

        self.reminderText = QPlainTextEdit(DashboardTab)
        self.reminderText.setObjectName(u"reminderText")
        self.reminderText.setReadOnly(True)
        self.reminderText.setMaximumSize(QSize(380, 16777215))

        self.rightLayout.addWidget(self.reminderText)

        self.reminderButtons = QHBoxLayout()
        self.reminderButtons.setObjectName(u"reminderButtons")
        self.copyReminderButton = QPushButton(DashboardTab)
        self.copyReminderButton.setObjectName(u"copyReminderButton")

        self.reminderButtons.addWidget(self.copyReminderButton)

        self.printReminderButton = QPushButton(DashboardTab)
        self.printReminderButton.setObjectName(u"printReminderButton")

        self.reminderButtons.addWidget(self.printReminderButton)


        self.rightLayout.addLayout(self.reminderButtons)

        self.chartLabel = QLabel(DashboardTab)
        self.chartLabel.setObjectName(u"chartLabel")

        self.rightLayout.addWidget(self.chartLabel)

        self.chartHost = QWidget(DashboardTab)
        self.chartHost.setObjectName(u"chartHost")
        self.chartHost.setMinimumSize(QSize(380, 260))
        self.chartLayout = QVBoxLayout(self.chartHost)
        self.chartLayout.setObjectName(u"chartLayout")
        self.chartLayout.setContentsMargins(0, 0, 0, 0)

        self.rightLayout.addWidget(self.chartHost)

        self.rightLayout.setStretch(1, 1)
        self.rightLayout.setStretch(4, 2)

        self.mainLayout.addLayout(self.rightLayout)

        self.mainLayout.setStretch(0, 1)

        self.retranslateUi(DashboardTab)

        QMetaObject.connectSlotsByName(DashboardTab)
    # setupUi

    def retranslateUi(self, DashboardTab):
        self.distributeButton.setText(QCoreApplication.translate("DashboardTab", u"\u62c5\u5f53\u8ab2\u30d5\u30a1\u30a4\u30eb\u3092\u914d\u5e03(&D)\u2026", None))
        self.worksheetsButton.setText(QCoreApplication.translate("DashboardTab", u"Excel\u69d8\u5f0f\u3092\u914d\u5e03(&X)\u2026", None))
        self.printStatusButton.setText(QCoreApplication.translate("DashboardTab", u"\u4e00\u89a7\u3092\u5370\u5237(&P)\u2026", None))
#if QT_CONFIG(tooltip)
        self.printStatusButton.setToolTip(QCoreApplication.translate("DashboardTab", u"\u3053\u306e\u4e00\u89a7\uff08\u63d0\u51fa\u8005\u30fb\u65e5\u6642\u30fb\u7248\u30fb\u65b9\u6cd5\u3064\u304d\uff09\u3092\u5370\u5237\u3057\u307e\u3059\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.saveStatusButton.setText(QCoreApplication.translate("DashboardTab", u"\u4e00\u89a7\u3092Excel\u306b\u4fdd\u5b58(&E)\u2026", None))
#if QT_CONFIG(tooltip)
        self.saveStatusButton.setToolTip(QCoreApplication.translate("DashboardTab", u"\u3053\u306e\u4e00\u89a7\u3092 Excel \u30d5\u30a1\u30a4\u30eb\uff08.xlsx\uff09\u306b\u4fdd\u5b58\u3057\u307e\u3059\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.refreshButton.setText(QCoreApplication.translate("DashboardTab", u"\u6700\u65b0\u306e\u72b6\u614b\u306b\u3059\u308b(&R)", None))
        self.notReturnedLabel.setText(QCoreApplication.translate("DashboardTab", u"\u307e\u3060\u63d0\u51fa\u3057\u3066\u3044\u306a\u3044\u62c5\u5f53\u8ab2\uff08\u7763\u4fc3\u306e\u6587\u9762\uff09", None))
        self.copyReminderButton.setText(QCoreApplication.translate("DashboardTab", u"\u7763\u4fc3\u306e\u6587\u9762\u3092\u30b3\u30d4\u30fc(&C)", None))
        self.printReminderButton.setText(QCoreApplication.translate("DashboardTab", u"\u5370\u5237\u2026", None))
        self.chartLabel.setText(QCoreApplication.translate("DashboardTab", u"\u57fa\u672c\u76ee\u6a19\u5225\u306e\u4e8b\u696d\u8a55\u4fa1", None))
        pass
    # retranslateUi

