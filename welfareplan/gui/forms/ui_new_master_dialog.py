# Generated from forms/new_master_dialog.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QProgressBar, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_NewMasterDialog(object):
    def setupUi(self, NewMasterDialog):
        if not NewMasterDialog.objectName():
            NewMasterDialog.setObjectName(u"NewMasterDialog")
        NewMasterDialog.setMinimumSize(QSize(560, 0))
        self.dialogLayout = QVBoxLayout(NewMasterDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(NewMasterDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.planLabel = QLabel(NewMasterDialog)
        self.planLabel.setObjectName(u"planLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.planLabel)

        self.planLayout = QHBoxLayout()
        self.planLayout.setObjectName(u"planLayout")
        self.planEdit = QLineEdit(NewMasterDialog)
        self.planEdit.setObjectName(u"planEdit")

        self.planLayout.addWidget(self.planEdit)

        self.planBrowseButton = QPushButton(NewMasterDialog)
        self.planBrowseButton.setObjectName(u"planBrowseButton")

        self.planLayout.addWidget(self.planBrowseButton)


        self.formLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.planLayout)

        self.targetLabel = QLabel(NewMasterDialog)
        self.targetLabel.setObjectName(u"targetLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.targetLabel)

        self.targetLayout = QHBoxLayout()
        self.targetLayout.setObjectName(u"targetLayout")
        self.targetEdit = QLineEdit(NewMasterDialog)
        self.targetEdit.setObjectName(u"targetEdit")

        self.targetLayout.addWidget(self.targetEdit)

        self.targetBrowseButton = QPushButton(NewMasterDialog)
        self.targetBrowseButton.setObjectName(u"targetBrowseButton")

        self.targetLayout.addWidget(self.targetBrowseButton)


        self.formLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.targetLayout)

        self.aliasCheck = QCheckBox(NewMasterDialog)
        self.aliasCheck.setObjectName(u"aliasCheck")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.aliasCheck)


        self.dialogLayout.addLayout(self.formLayout)

        self.progressBar = QProgressBar(NewMasterDialog)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)
        self.progressBar.setVisible(False)

        self.dialogLayout.addWidget(self.progressBar)

        self.messageLabel = QLabel(NewMasterDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(NewMasterDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.planLabel.setBuddy(self.planEdit)
        self.targetLabel.setBuddy(self.targetEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(NewMasterDialog)

        QMetaObject.connectSlotsByName(NewMasterDialog)
    # setupUi

    def retranslateUi(self, NewMasterDialog):
        NewMasterDialog.setWindowTitle(QCoreApplication.translate("NewMasterDialog", u"\u65b0\u898f\u4f5c\u6210\uff08\u8a08\u753b\u304b\u3089\u65b0\u3057\u3044\u30de\u30b9\u30bf\u30fc\u30ef\u30fc\u30af\u30d6\u30c3\u30af\uff09", None))
        self.introLabel.setText(QCoreApplication.translate("NewMasterDialog", u"\u8a08\u753b\u30d5\u30a1\u30a4\u30eb\uff08Excel \u306e\u30c6\u30f3\u30d7\u30ec\u30fc\u30c8\u304b\u8a08\u753b\u306e JSON\uff09\u304b\u3089\u3001\u65b0\u3057\u3044\u7a7a\u306e\u30de\u30b9\u30bf\u30fc\u30ef\u30fc\u30af\u30d6\u30c3\u30af\u3092\u4f5c\u308a\u307e\u3059\u3002\u8a08\u753b\u306e\u968e\u5c64\u30fb\u8a55\u4fa1\u9805\u76ee\u30fb\u5831\u544a\u66f8\u306e\u6587\u8a00\u30fb\u62c5\u5f53\u8ab2\u304c\u5165\u308a\u3001\u5e74\u5ea6\u3068\u8a18\u5165\u306f\u307e\u3060\u3042\u308a\u307e\u305b\u3093\u3002\u4f5c\u6210\u3057\u305f\u3089\u958b\u304d\u307e\u3059\u3002", None))
        self.planLabel.setText(QCoreApplication.translate("NewMasterDialog", u"\u8a08\u753b\u30d5\u30a1\u30a4\u30eb(&P)", None))
        self.planEdit.setPlaceholderText(QCoreApplication.translate("NewMasterDialog", u"\u8a08\u753b.xlsx \u304b \u8a08\u753b.json", None))
        self.planBrowseButton.setText(QCoreApplication.translate("NewMasterDialog", u"\u9078\u3076\u2026", None))
        self.targetLabel.setText(QCoreApplication.translate("NewMasterDialog", u"\u4fdd\u5b58\u5148(&S)", None))
        self.targetEdit.setPlaceholderText(QCoreApplication.translate("NewMasterDialog", u"\u30de\u30b9\u30bf\u30fc.wpdb\uff08\u65e2\u306b\u3042\u308b\u30d5\u30a1\u30a4\u30eb\u306f\u7f6e\u304d\u63db\u3048\u307e\u305b\u3093\uff09", None))
        self.targetBrowseButton.setText(QCoreApplication.translate("NewMasterDialog", u"\u9078\u3076\u2026", None))
        self.aliasCheck.setText(QCoreApplication.translate("NewMasterDialog", u"\u8a08\u753b\u30d5\u30a1\u30a4\u30eb\u306e\u62c5\u5f53\u8ab2\u306e\u5225\u540d\u3092\u62c5\u5f53\u8ab2\u30de\u30b9\u30bf\u306b\u3082\u767b\u9332\u3059\u308b(&A)", None))
    # retranslateUi

