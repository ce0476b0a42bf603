# Generated from forms/division_view.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QHBoxLayout,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTabWidget, QToolButton, QVBoxLayout, QWidget)

class Ui_DivisionView(object):
    def setupUi(self, DivisionView):
        if not DivisionView.objectName():
            DivisionView.setObjectName(u"DivisionView")
        self.viewLayout = QVBoxLayout(DivisionView)
        self.viewLayout.setObjectName(u"viewLayout")
        self.headerFrame = QFrame(DivisionView)
        self.headerFrame.setObjectName(u"headerFrame")
        self.headerFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.headerLayout = QHBoxLayout(self.headerFrame)
        self.headerLayout.setObjectName(u"headerLayout")
        self.titleLabel = QLabel(self.headerFrame)
        self.titleLabel.setObjectName(u"titleLabel")

        self.headerLayout.addWidget(self.titleLabel)

        self.roundLabel = QLabel(self.headerFrame)
        self.roundLabel.setObjectName(u"roundLabel")

        self.headerLayout.addWidget(self.roundLabel)

        self.roundCombo = QComboBox(self.headerFrame)
        self.roundCombo.setObjectName(u"roundCombo")
        self.roundCombo.setMinimumSize(QSize(220, 0))

        self.headerLayout.addWidget(self.roundCombo)

        self.roundMenuButton = QToolButton(self.headerFrame)
        self.roundMenuButton.setObjectName(u"roundMenuButton")
        self.roundMenuButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        self.headerLayout.addWidget(self.roundMenuButton)

        self.roundStateLabel = QLabel(self.headerFrame)
        self.roundStateLabel.setObjectName(u"roundStateLabel")

        self.headerLayout.addWidget(self.roundStateLabel)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.newRoundButton = QPushButton(self.headerFrame)
        self.newRoundButton.setObjectName(u"newRoundButton")

        self.headerLayout.addWidget(self.newRoundButton)

        self.deadlineButton = QPushButton(self.headerFrame)
        self.deadlineButton.setObjectName(u"deadlineButton")

        self.headerLayout.addWidget(self.deadlineButton)

        self.publishedButton = QPushButton(self.headerFrame)
        self.publishedButton.setObjectName(u"publishedButton")

        self.headerLayout.addWidget(self.publishedButton)

        self.closeRoundButton = QPushButton(self.headerFrame)
        self.closeRoundButton.setObjectName(u"closeRoundButton")

        self.headerLayout.addWidget(self.closeRoundButton)


        self.viewLayout.addWidget(self.headerFrame)

        self.tabs = QTabWidget(DivisionView)
        self.tabs.setObjectName(u"tabs")
        self.dashboardPage = QWidget()
        self.dashboardPage.setObjectName(u"dashboardPage")
        self.dashboardLayout = QVBoxLayout(self.dashboardPage)
        self.dashboardLayout.setObjectName(u"dashboardLayout")
        self.tabs.addTab(self.dashboardPage, "")
        self.mergePage = QWidget()
        self.mergePage.setObjectName(u"mergePage")
        self.mergeLayout = QVBoxLayout(self.mergePage)
        self.mergeLayout.setObjectName(u"mergeLayout")
        self.tabs.addTab(self.mergePage, "")
        self.reviewPage = QWidget()
        self.reviewPage.setObjectName(u"reviewPage")
        self.reviewLayout = QVBoxLayout(self.reviewPage)
        self.reviewLayout.setObjectName(u"reviewLayout")
        self.tabs.addTab(self.reviewPage, "")
        self.entriesPage = QWidget()
        self.entriesPage.setObjectName(u"entriesPage")
        self.entriesLayout = QVBoxLayout(self.entriesPage)
        self.entriesLayout.setObjectName(u"entriesLayout")
        self.tabs.addTab(self.entriesPage, "")
        self.opinionsPage = QWidget()
        self.opinionsPage.setObjectName(u"opinionsPage")
        self.opinionsLayout = QVBoxLayout(self.opinionsPage)
        self.opinionsLayout.setObjectName(u"opinionsLayout")
        self.tabs.addTab(self.opinionsPage, "")
        self.exportsPage = QWidget()
        self.exportsPage.setObjectName(u"exportsPage")
        self.exportsLayout = QVBoxLayout(self.exportsPage)
        self.exportsLayout.setObjectName(u"exportsLayout")
        self.tabs.addTab(self.exportsPage, "")
        self.historyPage = QWidget()
        self.historyPage.setObjectName(u"historyPage")
        self.historyLayout = QVBoxLayout(self.historyPage)
        self.historyLayout.setObjectName(u"historyLayout")
        self.tabs.addTab(self.historyPage, "")
        self.planPage = QWidget()
        self.planPage.setObjectName(u"planPage")
        self.planLayout = QVBoxLayout(self.planPage)
        self.planLayout.setObjectName(u"planLayout")
        self.tabs.addTab(self.planPage, "")
        self.auditPage = QWidget()
        self.auditPage.setObjectName(u"auditPage")
        self.auditLayout = QVBoxLayout(self.auditPage)
        self.auditLayout.setObjectName(u"auditLayout")
        self.tabs.addTab(self.auditPage, "")

        self.viewLayout.addWidget(self.tabs)

#if QT_CONFIG(shortcut)
        self.roundLabel.setBuddy(self.roundCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DivisionView)

        QMetaObject.connectSlotsByName(DivisionView)
    # setupUi

    def retranslateUi(self, DivisionView):
        self.titleLabel.setText(QCoreApplication.translate("DivisionView", u"\u5730\u57df\u798f\u7949\u8ab2\uff08\u53d6\u308a\u307e\u3068\u3081\uff09", None))
        self.roundLabel.setText(QCoreApplication.translate("DivisionView", u"\u5e74\u5ea6(&Y)", None))
        self.roundMenuButton.setText(QCoreApplication.translate("DivisionView", u"\u5e74\u5ea6\u306e\u64cd\u4f5c", None))
#if QT_CONFIG(tooltip)
        self.roundMenuButton.setToolTip(QCoreApplication.translate("DivisionView", u"\u9078\u3093\u3060\u5e74\u5ea6\u306e\u524a\u9664\u306a\u3069", None))
#endif // QT_CONFIG(tooltip)
        self.newRoundButton.setText(QCoreApplication.translate("DivisionView", u"\u65b0\u3057\u3044\u5e74\u5ea6(&N)\u2026", None))
        self.deadlineButton.setText(QCoreApplication.translate("DivisionView", u"\u63d0\u51fa\u671f\u9650\u2026", None))
        self.publishedButton.setText(QCoreApplication.translate("DivisionView", u"\u516c\u8868\u6708\u2026", None))
#if QT_CONFIG(tooltip)
        self.publishedButton.setToolTip(QCoreApplication.translate("DivisionView", u"\u8a55\u4fa1\u8868\u306b\u5370\u5237\u3059\u308b\u516c\u8868\u306e\u5e74\u6708", None))
#endif // QT_CONFIG(tooltip)
        self.closeRoundButton.setText(QCoreApplication.translate("DivisionView", u"\u7de0\u3081\u5207\u308b", None))
        self.tabs.setTabText(self.tabs.indexOf(self.dashboardPage), QCoreApplication.translate("DivisionView", u"\u72b6\u6cc1", None))
        self.tabs.setTabText(self.tabs.indexOf(self.mergePage), QCoreApplication.translate("DivisionView", u"\u53d6\u8fbc", None))
        self.tabs.setTabText(self.tabs.indexOf(self.reviewPage), QCoreApplication.translate("DivisionView", u"\u5dee\u623b\u3057", None))
        self.tabs.setTabText(self.tabs.indexOf(self.entriesPage), QCoreApplication.translate("DivisionView", u"\u8a18\u5165\u5185\u5bb9", None))
        self.tabs.setTabText(self.tabs.indexOf(self.opinionsPage), QCoreApplication.translate("DivisionView", u"\u59d4\u54e1\u4f1a\u306e\u610f\u898b", None))
        self.tabs.setTabText(self.tabs.indexOf(self.exportsPage), QCoreApplication.translate("DivisionView", u"\u51fa\u529b", None))
        self.tabs.setTabText(self.tabs.indexOf(self.historyPage), QCoreApplication.translate("DivisionView", u"\u7d4c\u5e74\u6bd4\u8f03", None))
        self.tabs.setTabText(self.tabs.indexOf(self.planPage), QCoreApplication.translate("DivisionView", u"\u8a08\u753b\u30fb\u62c5\u5f53\u8ab2", None))
        self.tabs.setTabText(self.tabs.indexOf(self.auditPage), QCoreApplication.translate("DivisionView", u"\u5909\u66f4\u5c65\u6b74\u30fb\u30d0\u30c3\u30af\u30a2\u30c3\u30d7", None))
        pass
    # retranslateUi

