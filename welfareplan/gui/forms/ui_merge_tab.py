# Generated from forms/merge_tab.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFrame,
    QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QPlainTextEdit, QPushButton, QRadioButton,
    QSizePolicy, QSpacerItem, QSplitter, QTextBrowser,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_MergeTab(object):
    def setupUi(self, MergeTab):
        if not MergeTab.objectName():
            MergeTab.setObjectName(u"MergeTab")
        MergeTab.setAcceptDrops(True)
        self.mainLayout = QVBoxLayout(MergeTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.topLayout = QHBoxLayout()
        self.topLayout.setObjectName(u"topLayout")
        self.dropLabel = QLabel(MergeTab)
        self.dropLabel.setObjectName(u"dropLabel")
        self.dropLabel.setWordWrap(True)

        self.topLayout.addWidget(self.dropLabel)

        self.pickButton = QPushButton(MergeTab)
        self.pickButton.setObjectName(u"pickButton")

        self.topLayout.addWidget(self.pickButton)

        self.clearButton = QPushButton(MergeTab)
        self.clearButton.setObjectName(u"clearButton")

        self.topLayout.addWidget(self.clearButton)

        self.topLayout.setStretch(0, 1)

        self.mainLayout.addLayout(self.topLayout)

        self.lateBar = QFrame(MergeTab)
        self.lateBar.setObjectName(u"lateBar")
        self.lateBar.setFrameShape(QFrame.Shape.StyledPanel)
        self.lateLayout = QHBoxLayout(self.lateBar)
        self.lateLayout.setObjectName(u"lateLayout")
        self.lateLabel = QLabel(self.lateBar)
        self.lateLabel.setObjectName(u"lateLabel")
        self.lateLabel.setWordWrap(True)

        self.lateLayout.addWidget(self.lateLabel)

        self.reopenButton = QPushButton(self.lateBar)
        self.reopenButton.setObjectName(u"reopenButton")

        self.lateLayout.addWidget(self.reopenButton)


        self.mainLayout.addWidget(self.lateBar)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.filterCheck = QCheckBox(MergeTab)
        self.filterCheck.setObjectName(u"filterCheck")

        self.filterLayout.addWidget(self.filterCheck)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterLayout.addItem(self.filterSpacer)

        self.nextConflictButton = QPushButton(MergeTab)
        self.nextConflictButton.setObjectName(u"nextConflictButton")

        self.filterLayout.addWidget(self.nextConflictButton)


        self.mainLayout.addLayout(self.filterLayout)

        self.splitter = QSplitter(MergeTab)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.fileTree = QTreeWidget(self.splitter)
        self.fileTree.setObjectName(u"fileTree")
        self.fileTree.setMinimumSize(QSize(380, 0))
        self.splitter.addWidget(self.fileTree)
        self.detailPanel = QWidget(self.splitter)
        self.detailPanel.setObjectName(u"detailPanel")
        self.detailLayout = QVBoxLayout(self.detailPanel)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(0, 0, 0, 0)
        self.detailTitle = QLabel(self.detailPanel)
        self.detailTitle.setObjectName(u"detailTitle")
        self.detailTitle.setWordWrap(True)

        self.detailLayout.addWidget(self.detailTitle)

        self.diffBrowser = QTextBrowser(self.detailPanel)
        self.diffBrowser.setObjectName(u"diffBrowser")

        self.detailLayout.addWidget(self.diffBrowser)

        self.choiceGroup = QGroupBox(self.detailPanel)
        self.choiceGroup.setObjectName(u"choiceGroup")
        self.choiceLayout = QGridLayout(self.choiceGroup)
        self.choiceLayout.setObjectName(u"choiceLayout")
        self.chooseFile = QRadioButton(self.choiceGroup)
        self.chooseFile.setObjectName(u"chooseFile")

        self.choiceLayout.addWidget(self.chooseFile, 0, 0, 1, 1)

        self.chooseMaster = QRadioButton(self.choiceGroup)
        self.chooseMaster.setObjectName(u"chooseMaster")

        self.choiceLayout.addWidget(self.chooseMaster, 0, 1, 1, 1)

        self.chooseManual = QRadioButton(self.choiceGroup)
        self.chooseManual.setObjectName(u"chooseManual")

        self.choiceLayout.addWidget(self.chooseManual, 1, 0, 1, 1)

        self.chooseLater = QRadioButton(self.choiceGroup)
        self.chooseLater.setObjectName(u"chooseLater")

        self.choiceLayout.addWidget(self.chooseLater, 1, 1, 1, 1)

        self.manualEdit = QPlainTextEdit(self.choiceGroup)
        self.manualEdit.setObjectName(u"manualEdit")
        self.manualEdit.setMaximumSize(QSize(16777215, 96))

        self.choiceLayout.addWidget(self.manualEdit, 2, 0, 1, 2)

        self.manualRating = QComboBox(self.choiceGroup)
        self.manualRating.setObjectName(u"manualRating")

        self.choiceLayout.addWidget(self.manualRating, 3, 0, 1, 2)


        self.detailLayout.addWidget(self.choiceGroup)

        self.splitter.addWidget(self.detailPanel)

        self.mainLayout.addWidget(self.splitter)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.summaryLabel = QLabel(MergeTab)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.bottomLayout.addWidget(self.summaryLabel)

        self.applyButton = QPushButton(MergeTab)
        self.applyButton.setObjectName(u"applyButton")

        self.bottomLayout.addWidget(self.applyButton)


        self.mainLayout.addLayout(self.bottomLayout)


        self.retranslateUi(MergeTab)

        QMetaObject.connectSlotsByName(MergeTab)
    # setupUi

    def retranslateUi(self, MergeTab):
        self.dropLabel.setText(QCoreApplication.translate("MergeTab", u"\u623b\u3063\u3066\u304d\u305f\u30d5\u30a1\u30a4\u30eb\uff08.wpdb \u306e\u62c5\u5f53\u8ab2\u30d5\u30a1\u30a4\u30eb\u3001.xlsx \u306eExcel\u69d8\u5f0f\uff09\u3092\u3053\u3053\u306b\u30c9\u30e9\u30c3\u30b0\u3059\u308b\u304b\u3001\u300c\u30d5\u30a1\u30a4\u30eb\u3092\u9078\u3076\u300d\u3092\u62bc\u3057\u3066\u304f\u3060\u3055\u3044\u3002\u53d6\u308a\u8fbc\u3080\u524d\u306b\u3001\u5909\u308f\u308b\u5185\u5bb9\u3068\u7af6\u5408\u3092\u78ba\u8a8d\u3067\u304d\u307e\u3059\u3002", None))
        self.pickButton.setText(QCoreApplication.translate("MergeTab", u"\u30d5\u30a1\u30a4\u30eb\u3092\u9078\u3076(&F)\u2026", None))
        self.clearButton.setText(QCoreApplication.translate("MergeTab", u"\u30af\u30ea\u30a2", None))
        self.reopenButton.setText(QCoreApplication.translate("MergeTab", u"\u53d7\u4ed8\u3092\u518d\u958b\u3057\u3066\u53d6\u308a\u8fbc\u3080(&R)\u2026", None))
        self.filterCheck.setText(QCoreApplication.translate("MergeTab", u"\u7af6\u5408\u3068\u5374\u4e0b\u3060\u3051\u3092\u8868\u793a(&C)", None))
#if QT_CONFIG(tooltip)
        self.filterCheck.setToolTip(QCoreApplication.translate("MergeTab", u"\u5909\u66f4\u3060\u3051\u306e\u30d5\u30a1\u30a4\u30eb\u3068\u9805\u76ee\u3092\u96a0\u3057\u3001\u5224\u65ad\u304c\u5fc5\u8981\u306a\u3082\u306e\u3060\u3051\u3092\u4e00\u89a7\u306b\u3057\u307e\u3059\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.nextConflictButton.setText(QCoreApplication.translate("MergeTab", u"\u6b21\u306e\u7af6\u5408\u3078 (F8)", None))
#if QT_CONFIG(tooltip)
        self.nextConflictButton.setToolTip(QCoreApplication.translate("MergeTab", u"\u307e\u3060\u9078\u3093\u3067\u3044\u306a\u3044\u6b21\u306e\u7af6\u5408\u3092\u8868\u793a\u3057\u307e\u3059\uff08F8\uff09\u3002", None))
#endif // QT_CONFIG(tooltip)
        ___qtreewidgetitem = self.fileTree.headerItem()
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("MergeTab", u"\u72b6\u614b", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("MergeTab", u"\u30d5\u30a1\u30a4\u30eb\u30fb\u5909\u66f4", None))
        self.choiceGroup.setTitle(QCoreApplication.translate("MergeTab", u"\u3069\u3061\u3089\u3092\u6b8b\u3057\u307e\u3059\u304b", None))
        self.chooseFile.setText(QCoreApplication.translate("MergeTab", u"\u623b\u3063\u3066\u304d\u305f\u30d5\u30a1\u30a4\u30eb\u306e\u5185\u5bb9\u306b\u3059\u308b(&1)", None))
        self.chooseMaster.setText(QCoreApplication.translate("MergeTab", u"\u30de\u30b9\u30bf\u30fc\u306e\u4eca\u306e\u5185\u5bb9\u306e\u307e\u307e\u306b\u3059\u308b(&2)", None))
        self.chooseManual.setText(QCoreApplication.translate("MergeTab", u"\u624b\u3067\u66f8\u304d\u76f4\u3059(&3)", None))
        self.chooseLater.setText(QCoreApplication.translate("MergeTab", u"\u4fdd\u7559\u306b\u3059\u308b\uff08\u5f8c\u3067\u9078\u3076\uff09(&0)", None))
#if QT_CONFIG(tooltip)
        self.chooseLater.setToolTip(QCoreApplication.translate("MergeTab", u"\u9078\u3070\u306a\u3044\u307e\u307e\u306b\u3059\u308b\u3068\u3001\u7af6\u5408\u306f\u300c\u4fdd\u7559\u300d\u3068\u3057\u3066\u6b8b\u308a\u307e\u3059\uff08\u5f8c\u3067\u9078\u3079\u307e\u3059\uff09\u3002", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.manualRating.setToolTip(QCoreApplication.translate("MergeTab", u"\u8a55\u4fa1\u533a\u5206\u304b\u3089\u9078\u3073\u307e\u3059\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.applyButton.setText(QCoreApplication.translate("MergeTab", u"\u53d6\u308a\u8fbc\u3080(&A)", None))
        pass
    # retranslateUi

