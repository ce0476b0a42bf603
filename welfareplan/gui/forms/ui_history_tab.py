# Generated from forms/history_tab.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QSizePolicy, QSpacerItem,
    QSplitter, QTableWidget, QTableWidgetItem, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_HistoryTab(object):
    def setupUi(self, HistoryTab):
        if not HistoryTab.objectName():
            HistoryTab.setObjectName(u"HistoryTab")
        self.mainLayout = QVBoxLayout(HistoryTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.projectLayout = QHBoxLayout()
        self.projectLayout.setObjectName(u"projectLayout")
        self.projectLabel = QLabel(HistoryTab)
        self.projectLabel.setObjectName(u"projectLabel")

        self.projectLayout.addWidget(self.projectLabel)

        self.projectCombo = QComboBox(HistoryTab)
        self.projectCombo.setObjectName(u"projectCombo")
        self.projectCombo.setMinimumSize(QSize(420, 0))

        self.projectLayout.addWidget(self.projectCombo)

        self.projectSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.projectLayout.addItem(self.projectSpacer)


        self.mainLayout.addLayout(self.projectLayout)

        self.splitter = QSplitter(HistoryTab)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.historyTable = QTableWidget(self.splitter)
        self.historyTable.setObjectName(u"historyTable")
        self.historyTable.setWordWrap(True)
        self.historyTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.splitter.addWidget(self.historyTable)
        self.flagsPanel = QWidget(self.splitter)
        self.flagsPanel.setObjectName(u"flagsPanel")
        self.flagsLayout = QHBoxLayout(self.flagsPanel)
        self.flagsLayout.setObjectName(u"flagsLayout")
        self.flagsLayout.setContentsMargins(0, 0, 0, 0)
        self.changesLayout = QVBoxLayout()
        self.changesLayout.setObjectName(u"changesLayout")
        self.changesLabel = QLabel(self.flagsPanel)
        self.changesLabel.setObjectName(u"changesLabel")

        self.changesLayout.addWidget(self.changesLabel)

        self.changesTree = QTreeWidget(self.flagsPanel)
        self.changesTree.setObjectName(u"changesTree")

        self.changesLayout.addWidget(self.changesTree)


        self.flagsLayout.addLayout(self.changesLayout)

        self.sameLayout = QVBoxLayout()
        self.sameLayout.setObjectName(u"sameLayout")
        self.sameLabel = QLabel(self.flagsPanel)
        self.sameLabel.setObjectName(u"sameLabel")

        self.sameLayout.addWidget(self.sameLabel)

        self.sameTree = QTreeWidget(self.flagsPanel)
        self.sameTree.setObjectName(u"sameTree")

        self.sameLayout.addWidget(self.sameTree)


        self.flagsLayout.addLayout(self.sameLayout)

        self.splitter.addWidget(self.flagsPanel)

        self.mainLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.projectLabel.setBuddy(self.projectCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(HistoryTab)

        QMetaObject.connectSlotsByName(HistoryTab)
    # setupUi

    def retranslateUi(self, HistoryTab):
        self.projectLabel.setText(QCoreApplication.translate("HistoryTab", u"\u4e8b\u696d(&P)", None))
        self.changesLabel.setText(QCoreApplication.translate("HistoryTab", u"\u524d\u5e74\u5ea6\u304b\u3089\u8a55\u4fa1\u304c\u5909\u308f\u3063\u305f\u8a18\u5165", None))
        ___qtreewidgetitem = self.changesTree.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("HistoryTab", u"\u8a55\u4fa1", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("HistoryTab", u"\u62c5\u5f53\u8ab2", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("HistoryTab", u"\u4e8b\u696d", None))
        self.sameLabel.setText(QCoreApplication.translate("HistoryTab", u"\u524d\u5e74\u3068\u540c\u4e00\uff08\u4e8b\u696d\u5b9f\u7e3e\u30fb\u8a55\u4fa1\u7406\u7531\u304c\u524d\u5e74\u5ea6\u3068\u540c\u3058\uff09", None))
        ___qtreewidgetitem1 = self.sameTree.headerItem()
        ___qtreewidgetitem1.setText(1, QCoreApplication.translate("HistoryTab", u"\u62c5\u5f53\u8ab2", None))
        ___qtreewidgetitem1.setText(0, QCoreApplication.translate("HistoryTab", u"\u4e8b\u696d", None))
        pass
    # retranslateUi

