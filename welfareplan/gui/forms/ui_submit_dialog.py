# Generated from forms/submit_dialog.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QSizePolicy, QVBoxLayout, QWidget)

class Ui_SubmitDialog(object):
    def setupUi(self, SubmitDialog):
        if not SubmitDialog.objectName():
            SubmitDialog.setObjectName(u"SubmitDialog")
        SubmitDialog.setMinimumSize(QSize(420, 360))
        self.dialogLayout = QVBoxLayout(SubmitDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.summaryLabel = QLabel(SubmitDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextFormat(Qt.TextFormat.RichText)

        self.dialogLayout.addWidget(self.summaryLabel)

        self.problemList = QListWidget(SubmitDialog)
        self.problemList.setObjectName(u"problemList")

        self.dialogLayout.addWidget(self.problemList)

        self.nameLayout = QFormLayout()
        self.nameLayout.setObjectName(u"nameLayout")
        self.nameLabel = QLabel(SubmitDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.nameLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(SubmitDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.nameLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)


        self.dialogLayout.addLayout(self.nameLayout)

        self.noteLabel = QLabel(SubmitDialog)
        self.noteLabel.setObjectName(u"noteLabel")
        self.noteLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.noteLabel)

        self.buttonBox = QDialogButtonBox(SubmitDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SubmitDialog)

        QMetaObject.connectSlotsByName(SubmitDialog)
    # setupUi

    def retranslateUi(self, SubmitDialog):
        SubmitDialog.setWindowTitle(QCoreApplication.translate("SubmitDialog", u"\u63d0\u51fa", None))
#if QT_CONFIG(accessibility)
        self.problemList.setAccessibleName(QCoreApplication.translate("SubmitDialog", u"\u78ba\u8a8d\u304c\u5fc5\u8981\u306a\u4e8b\u696d", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problemList.setAccessibleDescription(QCoreApplication.translate("SubmitDialog", u"\u30c0\u30d6\u30eb\u30af\u30ea\u30c3\u30af\u3067\u305d\u306e\u4e8b\u696d\u3092\u8868\u793a\u3057\u307e\u3059", None))
#endif // QT_CONFIG(accessibility)
        self.nameLabel.setText(QCoreApplication.translate("SubmitDialog", u"\u5165\u529b\u8005\u306e\u6c0f\u540d(&N)", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("SubmitDialog", u"\u5165\u529b\u8005\u306e\u6c0f\u540d", None))
#endif // QT_CONFIG(accessibility)
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("SubmitDialog", u"\u4f8b: \u5c0f\u91d1\u4e95 \u82b1\u5b50", None))
        self.noteLabel.setText(QCoreApplication.translate("SubmitDialog", u"\u63d0\u51fa\u5f8c\u3082\u4fee\u6b63\u3067\u304d\u307e\u3059\uff08\u4fee\u6b63\u3059\u308b\u3068\u300c\u63d0\u51fa\u5f8c\u306b\u5909\u66f4\u3042\u308a\u300d\u3068\u8868\u793a\u3055\u308c\u307e\u3059\uff09\u3002", None))
    # retranslateUi

