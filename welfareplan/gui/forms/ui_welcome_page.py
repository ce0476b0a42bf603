# Generated from forms/welcome_page.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QApplication, QGroupBox, QHBoxLayout, QLabel,
    QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_WelcomePage(object):
    def setupUi(self, WelcomePage):
        if not WelcomePage.objectName():
            WelcomePage.setObjectName(u"WelcomePage")
        self.outerLayout = QVBoxLayout(WelcomePage)
        self.outerLayout.setObjectName(u"outerLayout")
        self.topSpacer = QSpacerItem(20, 30, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.topSpacer)

        self.centerLayout = QHBoxLayout()
        self.centerLayout.setObjectName(u"centerLayout")
        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.centerLayout.addItem(self.leftSpacer)

        self.contentLayout = QVBoxLayout()
        self.contentLayout.setSpacing(14)
        self.contentLayout.setObjectName(u"contentLayout")
        self.titleLabel = QLabel(WelcomePage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.contentLayout.addWidget(self.titleLabel)

        self.introLabel = QLabel(WelcomePage)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.contentLayout.addWidget(self.introLabel)

        self.openButton = QPushButton(WelcomePage)
        self.openButton.setObjectName(u"openButton")
        self.openButton.setMinimumSize(QSize(0, 44))

        self.contentLayout.addWidget(self.openButton)

        self.serverButton = QPushButton(WelcomePage)
        self.serverButton.setObjectName(u"serverButton")

        self.contentLayout.addWidget(self.serverButton)

        self.demoGroup = QGroupBox(WelcomePage)
        self.demoGroup.setObjectName(u"demoGroup")
        self.demoLayout = QVBoxLayout(self.demoGroup)
        self.demoLayout.setObjectName(u"demoLayout")
        self.demoLabel = QLabel(self.demoGroup)
        self.demoLabel.setObjectName(u"demoLabel")
        self.demoLabel.setWordWrap(True)

        self.demoLayout.addWidget(self.demoLabel)

        self.demoDepartmentButton = QPushButton(self.demoGroup)
        self.demoDepartmentButton.setObjectName(u"demoDepartmentButton")
        self.demoDepartmentButton.setMinimumSize(QSize(0, 36))

        self.demoLayout.addWidget(self.demoDepartmentButton)

        self.demoDivisionButton = QPushButton(self.demoGroup)
        self.demoDivisionButton.setObjectName(u"demoDivisionButton")
        self.demoDivisionButton.setMinimumSize(QSize(0, 36))

        self.demoLayout.addWidget(self.demoDivisionButton)


        self.contentLayout.addWidget(self.demoGroup)

        self.recentLabel = QLabel(WelcomePage)
        self.recentLabel.setObjectName(u"recentLabel")

        self.contentLayout.addWidget(self.recentLabel)

        self.recentList = QListWidget(WelcomePage)
        self.recentList.setObjectName(u"recentList")
        self.recentList.setMinimumSize(QSize(560, 120))

        self.contentLayout.addWidget(self.recentList)


        self.centerLayout.addLayout(self.contentLayout)

        self.rightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.centerLayout.addItem(self.rightSpacer)


        self.outerLayout.addLayout(self.centerLayout)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.recentLabel.setBuddy(self.recentList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.openButton, self.serverButton)
        QWidget.setTabOrder(self.serverButton, self.demoDepartmentButton)
        QWidget.setTabOrder(self.demoDepartmentButton, self.demoDivisionButton)
        QWidget.setTabOrder(self.demoDivisionButton, self.recentList)

        self.retranslateUi(WelcomePage)

        QMetaObject.connectSlotsByName(WelcomePage)
    # setupUi

    def retranslateUi(self, WelcomePage):
        self.titleLabel.setText(QCoreApplication.translate("WelcomePage", u"\u5730\u57df\u798f\u7949\u8a08\u753b \u9032\u6357\u72b6\u6cc1\u53ca\u3073\u8a55\u4fa1\u8868", None))
        self.introLabel.setText(QCoreApplication.translate("WelcomePage", u"\u914d\u5e03\u3055\u308c\u305f\u30d5\u30a1\u30a4\u30eb\uff08\u4f8b: R7_\u5730\u57df\u798f\u7949\u8ab2.wpdb\uff09\u3092\u958b\u3044\u3066\u3001\u62c5\u5f53\u3059\u308b\u4e8b\u696d\u306e\u300c\u4e8b\u696d\u5b9f\u7e3e\u30fb\u8a55\u4fa1\u7406\u7531\u300d\u300c\u4e8b\u696d\u8a55\u4fa1\u300d\u300c\u4eca\u5f8c\u306e\u4e8b\u696d\u8a08\u753b\u30fb\u5c55\u671b\u300d\u3092\u8a18\u5165\u3057\u307e\u3059\u3002\u5165\u529b\u306f\u81ea\u52d5\u3067\u4fdd\u5b58\u3055\u308c\u307e\u3059\u3002\u30d5\u30a1\u30a4\u30eb\u3092\u3053\u306e\u30a6\u30a3\u30f3\u30c9\u30a6\u306b\u30c9\u30e9\u30c3\u30b0\u3057\u3066\u3082\u958b\u3051\u307e\u3059\u3002", None))
#if QT_CONFIG(accessibility)
        self.openButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"\u30d5\u30a1\u30a4\u30eb\u3092\u958b\u304f", None))
#endif // QT_CONFIG(accessibility)
        self.openButton.setText(QCoreApplication.translate("WelcomePage", u"\u30d5\u30a1\u30a4\u30eb\u3092\u958b\u304f(&O)\u2026", None))
#if QT_CONFIG(accessibility)
        self.serverButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"\u30b5\u30fc\u30d0\u30fc\u306e\u30de\u30b9\u30bf\u30fc\u306b\u63a5\u7d9a", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.serverButton.setToolTip(QCoreApplication.translate("WelcomePage", u"PostgreSQL \u30b5\u30fc\u30d0\u30fc\u306b\u3042\u308b\u30de\u30b9\u30bf\u30fc\u30ef\u30fc\u30af\u30d6\u30c3\u30af\u3092\u958b\u304d\u307e\u3059\uff08\u5730\u57df\u798f\u7949\u8ab2\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.serverButton.setText(QCoreApplication.translate("WelcomePage", u"\u30b5\u30fc\u30d0\u30fc\u306e\u30de\u30b9\u30bf\u30fc\u306b\u63a5\u7d9a(&S)\u2026", None))
        self.demoGroup.setTitle(QCoreApplication.translate("WelcomePage", u"\u306f\u3058\u3081\u3066\u306e\u65b9\u3078: \u30c7\u30e2\u3067\u8a66\u3059", None))
        self.demoLabel.setText(QCoreApplication.translate("WelcomePage", u"\u516c\u8868\u6e08\u307f\u306e\u4ee4\u548c6\u5e74\u5ea6\u5b9f\u7e3e\u5831\u544a\u3092\u3082\u3068\u306b\u3057\u305f\u30c7\u30e2\u3067\u3001\u64cd\u4f5c\u3092\u8a66\u305b\u307e\u3059\uff08\u672c\u756a\u306e\u30d5\u30a1\u30a4\u30eb\u306b\u306f\u5f71\u97ff\u3057\u307e\u305b\u3093\uff09\u3002", None))
#if QT_CONFIG(accessibility)
        self.demoDepartmentButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"\u62c5\u5f53\u8ab2\u3068\u3057\u3066\u8a18\u5165\u3092\u8a66\u3059", None))
#endif // QT_CONFIG(accessibility)
        self.demoDepartmentButton.setText(QCoreApplication.translate("WelcomePage", u"\u62c5\u5f53\u8ab2\u3068\u3057\u3066\u8a18\u5165\u3092\u8a66\u3059\uff08\u4ee4\u548c7\u5e74\u5ea6\u30fb\u5730\u57df\u798f\u7949\u8ab2\uff09(&D)", None))
#if QT_CONFIG(accessibility)
        self.demoDivisionButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"\u53d6\u308a\u307e\u3068\u3081\u306e\u753b\u9762\u3092\u8a66\u3059", None))
#endif // QT_CONFIG(accessibility)
        self.demoDivisionButton.setText(QCoreApplication.translate("WelcomePage", u"\u53d6\u308a\u307e\u3068\u3081\uff08\u5730\u57df\u798f\u7949\u8ab2\uff09\u306e\u753b\u9762\u3092\u8a66\u3059(&M)", None))
        self.recentLabel.setText(QCoreApplication.translate("WelcomePage", u"\u6700\u8fd1\u4f7f\u3063\u305f\u30d5\u30a1\u30a4\u30eb(&R)", None))
#if QT_CONFIG(accessibility)
        self.recentList.setAccessibleName(QCoreApplication.translate("WelcomePage", u"\u6700\u8fd1\u4f7f\u3063\u305f\u30d5\u30a1\u30a4\u30eb", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

