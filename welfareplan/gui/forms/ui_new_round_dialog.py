# Generated from forms/new_round_dialog.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QLabel, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_NewRoundDialog(object):
    def setupUi(self, NewRoundDialog):
        if not NewRoundDialog.objectName():
            NewRoundDialog.setObjectName(u"NewRoundDialog")
        self.dialogLayout = QVBoxLayout(NewRoundDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(NewRoundDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.yearLabel = QLabel(NewRoundDialog)
        self.yearLabel.setObjectName(u"yearLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.yearLabel)

        self.yearLayout = QHBoxLayout()
        self.yearLayout.setObjectName(u"yearLayout")
        self.yearSpin = QSpinBox(NewRoundDialog)
        self.yearSpin.setObjectName(u"yearSpin")
        self.yearSpin.setMinimum(2000)
        self.yearSpin.setMaximum(2100)

        self.yearLayout.addWidget(self.yearSpin)

        self.yearWareki = QLabel(NewRoundDialog)
        self.yearWareki.setObjectName(u"yearWareki")

        self.yearLayout.addWidget(self.yearWareki)


        self.formLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.yearLayout)

        self.deadlineCheck = QCheckBox(NewRoundDialog)
        self.deadlineCheck.setObjectName(u"deadlineCheck")
        self.deadlineCheck.setChecked(True)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.deadlineCheck)

        self.deadlineEdit = QDateEdit(NewRoundDialog)
        self.deadlineEdit.setObjectName(u"deadlineEdit")
        self.deadlineEdit.setCalendarPopup(True)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.deadlineEdit)

        self.planLabel = QLabel(NewRoundDialog)
        self.planLabel.setObjectName(u"planLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.planLabel)

        self.planCombo = QComboBox(NewRoundDialog)
        self.planCombo.setObjectName(u"planCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.planCombo)

        self.planNote = QLabel(NewRoundDialog)
        self.planNote.setObjectName(u"planNote")
        self.planNote.setWordWrap(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.planNote)


        self.dialogLayout.addLayout(self.formLayout)

        self.buttonBox = QDialogButtonBox(NewRoundDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.yearLabel.setBuddy(self.yearSpin)
        self.planLabel.setBuddy(self.planCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(NewRoundDialog)

        QMetaObject.connectSlotsByName(NewRoundDialog)
    # setupUi

    def retranslateUi(self, NewRoundDialog):
        NewRoundDialog.setWindowTitle(QCoreApplication.translate("NewRoundDialog", u"\u65b0\u3057\u3044\u5e74\u5ea6\u306e\u8a55\u4fa1\u3092\u59cb\u3081\u308b", None))
        self.introLabel.setText(QCoreApplication.translate("NewRoundDialog", u"\u4eca\u306e\u8a08\u753b\u3068\u62c5\u5f53\u8ab2\u306e\u5272\u308a\u5f53\u3066\u304b\u3089\u3001\u65b0\u3057\u3044\u5e74\u5ea6\u306e\u8a18\u5165\u6b04\uff08\u7a7a\u6b04\uff09\u3092\u4f5c\u308a\u307e\u3059\u3002\u524d\u5e74\u5ea6\u306e\u8a18\u5165\u306f\u53c2\u8003\u3068\u3057\u3066\u5404\u8ab2\u306b\u8868\u793a\u3055\u308c\u307e\u3059\u3002", None))
        self.yearLabel.setText(QCoreApplication.translate("NewRoundDialog", u"\u5e74\u5ea6(&Y)", None))
        self.deadlineCheck.setText(QCoreApplication.translate("NewRoundDialog", u"\u63d0\u51fa\u671f\u9650(&D)", None))
        self.deadlineEdit.setDisplayFormat(QCoreApplication.translate("NewRoundDialog", u"yyyy\u5e74M\u6708d\u65e5", None))
        self.planLabel.setText(QCoreApplication.translate("NewRoundDialog", u"\u8a08\u753b(&P)", None))
    # retranslateUi

