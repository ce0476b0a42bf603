# Generated from forms/history_dialog.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QComboBox, QDateEdit, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpinBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_HistoryDialog(object):
    def setupUi(self, HistoryDialog):
        if not HistoryDialog.objectName():
            HistoryDialog.setObjectName(u"HistoryDialog")
        HistoryDialog.setMinimumSize(QSize(900, 560))
        self.dialogLayout = QVBoxLayout(HistoryDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(HistoryDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.fileLabel = QLabel(HistoryDialog)
        self.fileLabel.setObjectName(u"fileLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fileLabel)

        self.fileLayout = QHBoxLayout()
        self.fileLayout.setObjectName(u"fileLayout")
        self.fileEdit = QLineEdit(HistoryDialog)
        self.fileEdit.setObjectName(u"fileEdit")

        self.fileLayout.addWidget(self.fileEdit)

        self.browseButton = QPushButton(HistoryDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.fileLayout.addWidget(self.browseButton)


        self.formLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.fileLayout)

        self.yearCheck = QCheckBox(HistoryDialog)
        self.yearCheck.setObjectName(u"yearCheck")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.yearCheck)

        self.yearLayout = QHBoxLayout()
        self.yearLayout.setObjectName(u"yearLayout")
        self.yearSpin = QSpinBox(HistoryDialog)
        self.yearSpin.setObjectName(u"yearSpin")
        self.yearSpin.setEnabled(False)
        self.yearSpin.setMinimum(1990)
        self.yearSpin.setMaximum(2100)
        self.yearSpin.setValue(2018)

        self.yearLayout.addWidget(self.yearSpin)

        self.yearNote = QLabel(HistoryDialog)
        self.yearNote.setObjectName(u"yearNote")

        self.yearLayout.addWidget(self.yearNote)


        self.formLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.yearLayout)

        self.publishedCheck = QCheckBox(HistoryDialog)
        self.publishedCheck.setObjectName(u"publishedCheck")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.publishedCheck)

        self.publishedEdit = QDateEdit(HistoryDialog)
        self.publishedEdit.setObjectName(u"publishedEdit")
        self.publishedEdit.setEnabled(False)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.publishedEdit)

        self.planLabel = QLabel(HistoryDialog)
        self.planLabel.setObjectName(u"planLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.planLabel)

        self.planCombo = QComboBox(HistoryDialog)
        self.planCombo.setObjectName(u"planCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.planCombo)


        self.dialogLayout.addLayout(self.formLayout)

        self.previewButton = QPushButton(HistoryDialog)
        self.previewButton.setObjectName(u"previewButton")

        self.dialogLayout.addWidget(self.previewButton)

        self.summaryLabel = QLabel(HistoryDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.summaryLabel)

        self.previewTable = QTableWidget(HistoryDialog)
        self.previewTable.setObjectName(u"previewTable")
        self.previewTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.previewTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.dialogLayout.addWidget(self.previewTable)

        self.buttonBox = QDialogButtonBox(HistoryDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.fileLabel.setBuddy(self.fileEdit)
        self.planLabel.setBuddy(self.planCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(HistoryDialog)

        QMetaObject.connectSlotsByName(HistoryDialog)
    # setupUi

    def retranslateUi(self, HistoryDialog):
        HistoryDialog.setWindowTitle(QCoreApplication.translate("HistoryDialog", u"\u904e\u53bb\u306e\u5e74\u5ea6\u3092\u53d6\u308a\u8fbc\u3080", None))
        self.introLabel.setText(QCoreApplication.translate("HistoryDialog", u"\u516c\u8868\u6e08\u307f\u306e\u8a55\u4fa1\uff08\u3053\u306e\u30a2\u30d7\u30ea\u3067\u66f8\u304d\u51fa\u3057\u305f\u8a55\u4fa1\u8868\u306e Excel \u304b\u3001\u4e8b\u696d\u756a\u53f7\u30fb\u62c5\u5f53\u8ab2\u30fb\u8a55\u4fa1\u9805\u76ee\u3054\u3068\u306e\u5217\u306e\u8868\uff09\u3092\u3001\u7de0\u5207\u6e08\u307f\u306e\u5e74\u5ea6\u3068\u3057\u3066\u53d6\u308a\u8fbc\u307f\u307e\u3059\u3002\u5408\u308f\u306a\u3044\u884c\u304c1\u3064\u3067\u3082\u3042\u308c\u3070\u53d6\u308a\u8fbc\u307f\u307e\u305b\u3093\u3002", None))
        self.fileLabel.setText(QCoreApplication.translate("HistoryDialog", u"\u30d5\u30a1\u30a4\u30eb(&F)", None))
        self.browseButton.setText(QCoreApplication.translate("HistoryDialog", u"\u9078\u3076\u2026", None))
        self.yearCheck.setText(QCoreApplication.translate("HistoryDialog", u"\u5e74\u5ea6(&Y)", None))
        self.yearNote.setText(QCoreApplication.translate("HistoryDialog", u"\uff08\u8a55\u4fa1\u8868\u306a\u3089\u8868\u984c\u304b\u3089\u8aad\u307f\u53d6\u308a\u307e\u3059\uff09", None))
        self.publishedCheck.setText(QCoreApplication.translate("HistoryDialog", u"\u516c\u8868\u6708(&M)", None))
        self.publishedEdit.setDisplayFormat(QCoreApplication.translate("HistoryDialog", u"yyyy\u5e74M\u6708", None))
        self.planLabel.setText(QCoreApplication.translate("HistoryDialog", u"\u8a08\u753b(&P)", None))
        self.previewButton.setText(QCoreApplication.translate("HistoryDialog", u"\u78ba\u8a8d\u3059\u308b(&C)", None))
    # retranslateUi

