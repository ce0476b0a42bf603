# Generated from forms/link_dialog.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

class Ui_LinkDialog(object):
    def setupUi(self, LinkDialog):
        if not LinkDialog.objectName():
            LinkDialog.setObjectName(u"LinkDialog")
        LinkDialog.setMinimumSize(QSize(760, 480))
        self.dialogLayout = QVBoxLayout(LinkDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(LinkDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.planTitle = QLabel(LinkDialog)
        self.planTitle.setObjectName(u"planTitle")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.planTitle)

        self.planLabel = QLabel(LinkDialog)
        self.planLabel.setObjectName(u"planLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.planLabel)

        self.predecessorLabel = QLabel(LinkDialog)
        self.predecessorLabel.setObjectName(u"predecessorLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.predecessorLabel)

        self.predecessorCombo = QComboBox(LinkDialog)
        self.predecessorCombo.setObjectName(u"predecessorCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.predecessorCombo)

        self.linksLabel = QLabel(LinkDialog)
        self.linksLabel.setObjectName(u"linksLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.linksLabel)

        self.linksLayout = QHBoxLayout()
        self.linksLayout.setObjectName(u"linksLayout")
        self.linksEdit = QLineEdit(LinkDialog)
        self.linksEdit.setObjectName(u"linksEdit")

        self.linksLayout.addWidget(self.linksEdit)

        self.browseButton = QPushButton(LinkDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.linksLayout.addWidget(self.browseButton)


        self.formLayout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.linksLayout)


        self.dialogLayout.addLayout(self.formLayout)

        self.summaryLabel = QLabel(LinkDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.summaryLabel)

        self.linkTable = QTableWidget(LinkDialog)
        if (self.linkTable.columnCount() < 2):
            self.linkTable.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.linkTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.linkTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.linkTable.setObjectName(u"linkTable")
        self.linkTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.linkTable.setColumnCount(2)

        self.dialogLayout.addWidget(self.linkTable)

        self.buttonBox = QDialogButtonBox(LinkDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.predecessorLabel.setBuddy(self.predecessorCombo)
        self.linksLabel.setBuddy(self.linksEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(LinkDialog)

        QMetaObject.connectSlotsByName(LinkDialog)
    # setupUi

    def retranslateUi(self, LinkDialog):
        LinkDialog.setWindowTitle(QCoreApplication.translate("LinkDialog", u"\u524d\u306e\u8a08\u753b\u3068\u3064\u306a\u3050", None))
        self.introLabel.setText(QCoreApplication.translate("LinkDialog", u"\u3053\u306e\u8a08\u753b\u3092\u524d\u306e\u8a08\u753b\u306b\u3064\u306a\u304e\u307e\u3059\u3002\u5bfe\u5fdc\u8868\uff08Excel \u306e\u30b7\u30fc\u30c8\u300c\u524d\u8a08\u753b\u3068\u306e\u5bfe\u5fdc\u300d\u304b JSON\uff09\u3092\u9078\u3076\u3068\u3001\u4e8b\u696d\u3054\u3068\u306e\u3064\u306a\u304c\u308a\uff081\u5bfe\u591a\u30fb\u591a\u5bfe1\u3082\u53ef\uff09\u3082\u8a2d\u5b9a\u3057\u307e\u3059\u3002\u3064\u306a\u3050\u3068\u3001\u524d\u5e74\u5ea6\u306e\u8a18\u5165\u3068\u7d4c\u5e74\u6bd4\u8f03\u304c\u524d\u306e\u8a08\u753b\u306e\u5e74\u5ea6\u307e\u3067\u3055\u304b\u306e\u307c\u308a\u307e\u3059\u3002", None))
        self.planTitle.setText(QCoreApplication.translate("LinkDialog", u"\u8a08\u753b", None))
        self.predecessorLabel.setText(QCoreApplication.translate("LinkDialog", u"\u524d\u306e\u8a08\u753b(&P)", None))
        self.linksLabel.setText(QCoreApplication.translate("LinkDialog", u"\u5bfe\u5fdc\u8868(&L)", None))
        self.linksEdit.setPlaceholderText(QCoreApplication.translate("LinkDialog", u"\u306a\u3057\uff08\u8a08\u753b\u3060\u3051\u3092\u3064\u306a\u3050\uff09", None))
        self.browseButton.setText(QCoreApplication.translate("LinkDialog", u"\u9078\u3076\u2026", None))
        ___qtablewidgetitem = self.linkTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("LinkDialog", u"\u4e8b\u696d\u756a\u53f7", None))
        ___qtablewidgetitem1 = self.linkTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("LinkDialog", u"\u524d\u8a08\u753b\u306e\u4e8b\u696d\u756a\u53f7", None))
    # retranslateUi

