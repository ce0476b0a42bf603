# Generated from forms/exports_tab.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QGroupBox,
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_ExportsTab(object):
    def setupUi(self, ExportsTab):
        if not ExportsTab.objectName():
            ExportsTab.setObjectName(u"ExportsTab")
        self.mainLayout = QVBoxLayout(ExportsTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.reportGroup = QGroupBox(ExportsTab)
        self.reportGroup.setObjectName(u"reportGroup")
        self.reportLayout = QHBoxLayout(self.reportGroup)
        self.reportLayout.setObjectName(u"reportLayout")
        self.paperLabel = QLabel(self.reportGroup)
        self.paperLabel.setObjectName(u"paperLabel")

        self.reportLayout.addWidget(self.paperLabel)

        self.paperCombo = QComboBox(self.reportGroup)
        self.paperCombo.setObjectName(u"paperCombo")

        self.reportLayout.addWidget(self.paperCombo)

        self.docxButton = QPushButton(self.reportGroup)
        self.docxButton.setObjectName(u"docxButton")

        self.reportLayout.addWidget(self.docxButton)

        self.xlsxButton = QPushButton(self.reportGroup)
        self.xlsxButton.setObjectName(u"xlsxButton")

        self.reportLayout.addWidget(self.xlsxButton)

        self.previewReportButton = QPushButton(self.reportGroup)
        self.previewReportButton.setObjectName(u"previewReportButton")

        self.reportLayout.addWidget(self.previewReportButton)

        self.reportSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.reportLayout.addItem(self.reportSpacer)


        self.mainLayout.addWidget(self.reportGroup)

        self.worksheetGroup = QGroupBox(ExportsTab)
        self.worksheetGroup.setObjectName(u"worksheetGroup")
        self.worksheetLayout = QVBoxLayout(self.worksheetGroup)
        self.worksheetLayout.setObjectName(u"worksheetLayout")
        self.departmentList = QListWidget(self.worksheetGroup)
        self.departmentList.setObjectName(u"departmentList")

        self.worksheetLayout.addWidget(self.departmentList)

        self.worksheetButtons = QHBoxLayout()
        self.worksheetButtons.setObjectName(u"worksheetButtons")
        self.selectAllButton = QPushButton(self.worksheetGroup)
        self.selectAllButton.setObjectName(u"selectAllButton")

        self.worksheetButtons.addWidget(self.selectAllButton)

        self.blankCheck = QCheckBox(self.worksheetGroup)
        self.blankCheck.setObjectName(u"blankCheck")

        self.worksheetButtons.addWidget(self.blankCheck)

        self.worksheetSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.worksheetButtons.addItem(self.worksheetSpacer)

        self.previewWorksheetButton = QPushButton(self.worksheetGroup)
        self.previewWorksheetButton.setObjectName(u"previewWorksheetButton")

        self.worksheetButtons.addWidget(self.previewWorksheetButton)

        self.worksheetsButton = QPushButton(self.worksheetGroup)
        self.worksheetsButton.setObjectName(u"worksheetsButton")

        self.worksheetButtons.addWidget(self.worksheetsButton)


        self.worksheetLayout.addLayout(self.worksheetButtons)


        self.mainLayout.addWidget(self.worksheetGroup)

        self.resultLayout = QHBoxLayout()
        self.resultLayout.setObjectName(u"resultLayout")
        self.resultLabel = QLabel(ExportsTab)
        self.resultLabel.setObjectName(u"resultLabel")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.resultLayout.addWidget(self.resultLabel)

        self.openResultButton = QPushButton(ExportsTab)
        self.openResultButton.setObjectName(u"openResultButton")

        self.resultLayout.addWidget(self.openResultButton)

        self.openFolderButton = QPushButton(ExportsTab)
        self.openFolderButton.setObjectName(u"openFolderButton")

        self.resultLayout.addWidget(self.openFolderButton)


        self.mainLayout.addLayout(self.resultLayout)

#if QT_CONFIG(shortcut)
        self.paperLabel.setBuddy(self.paperCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ExportsTab)

        QMetaObject.connectSlotsByName(ExportsTab)
    # setupUi

    def retranslateUi(self, ExportsTab):
        self.reportGroup.setTitle(QCoreApplication.translate("ExportsTab", u"\u8a55\u4fa1\u8868\uff08\u516c\u8868\u7528\uff09", None))
        self.paperLabel.setText(QCoreApplication.translate("ExportsTab", u"\u7528\u7d19(&P)", None))
        self.docxButton.setText(QCoreApplication.translate("ExportsTab", u"Word \u3067\u51fa\u529b(&W)\u2026", None))
        self.xlsxButton.setText(QCoreApplication.translate("ExportsTab", u"Excel \u3067\u51fa\u529b(&E)\u2026", None))
        self.previewReportButton.setText(QCoreApplication.translate("ExportsTab", u"\u5370\u5237\u30d7\u30ec\u30d3\u30e5\u30fc(&V)\u2026", None))
        self.worksheetGroup.setTitle(QCoreApplication.translate("ExportsTab", u"\u62c5\u5f53\u8ab2\u3054\u3068\u306e\u8a55\u4fa1\u30b7\u30fc\u30c8\uff08\u5370\u5237\u7528 Word \u3068 Excel\uff09", None))
        self.selectAllButton.setText(QCoreApplication.translate("ExportsTab", u"\u3059\u3079\u3066\u9078\u3076", None))
        self.blankCheck.setText(QCoreApplication.translate("ExportsTab", u"\u7a7a\u6b04\u306e\u69d8\u5f0f\uff08\u4eca\u5e74\u5ea6\u306e\u8a18\u5165\u306a\u3057\uff09", None))
        self.previewWorksheetButton.setText(QCoreApplication.translate("ExportsTab", u"\u30c1\u30a7\u30c3\u30af\u3057\u305f\u8ab2\u306e\u5370\u5237\u30d7\u30ec\u30d3\u30e5\u30fc(&K)\u2026", None))
        self.worksheetsButton.setText(QCoreApplication.translate("ExportsTab", u"\u8a55\u4fa1\u30b7\u30fc\u30c8\u3092\u51fa\u529b(&S)\u2026", None))
        self.openResultButton.setText(QCoreApplication.translate("ExportsTab", u"\u958b\u304f(&O)", None))
        self.openFolderButton.setText(QCoreApplication.translate("ExportsTab", u"\u30d5\u30a9\u30eb\u30c0\u3092\u958b\u304f", None))
        pass
    # retranslateUi

