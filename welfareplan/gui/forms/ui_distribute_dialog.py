# Generated from forms/distribute_dialog.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_DistributeDialog(object):
    def setupUi(self, DistributeDialog):
        if not DistributeDialog.objectName():
            DistributeDialog.setObjectName(u"DistributeDialog")
        DistributeDialog.setMinimumSize(QSize(560, 480))
        self.dialogLayout = QVBoxLayout(DistributeDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(DistributeDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.departmentList = QListWidget(DistributeDialog)
        self.departmentList.setObjectName(u"departmentList")

        self.dialogLayout.addWidget(self.departmentList)

        self.selectLayout = QHBoxLayout()
        self.selectLayout.setObjectName(u"selectLayout")
        self.selectAllButton = QPushButton(DistributeDialog)
        self.selectAllButton.setObjectName(u"selectAllButton")

        self.selectLayout.addWidget(self.selectAllButton)

        self.selectNoneButton = QPushButton(DistributeDialog)
        self.selectNoneButton.setObjectName(u"selectNoneButton")

        self.selectLayout.addWidget(self.selectNoneButton)

        self.selectSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.selectLayout.addItem(self.selectSpacer)


        self.dialogLayout.addLayout(self.selectLayout)

        self.folderLayout = QHBoxLayout()
        self.folderLayout.setObjectName(u"folderLayout")
        self.folderLabel = QLabel(DistributeDialog)
        self.folderLabel.setObjectName(u"folderLabel")

        self.folderLayout.addWidget(self.folderLabel)

        self.folderEdit = QLineEdit(DistributeDialog)
        self.folderEdit.setObjectName(u"folderEdit")

        self.folderLayout.addWidget(self.folderEdit)

        self.browseButton = QPushButton(DistributeDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.folderLayout.addWidget(self.browseButton)


        self.dialogLayout.addLayout(self.folderLayout)

        self.buttonBox = QDialogButtonBox(DistributeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.folderLabel.setBuddy(self.folderEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DistributeDialog)

        QMetaObject.connectSlotsByName(DistributeDialog)
    # setupUi

    def retranslateUi(self, DistributeDialog):
        DistributeDialog.setWindowTitle(QCoreApplication.translate("DistributeDialog", u"\u62c5\u5f53\u8ab2\u30d5\u30a1\u30a4\u30eb\u306e\u914d\u5e03", None))
        self.selectAllButton.setText(QCoreApplication.translate("DistributeDialog", u"\u3059\u3079\u3066\u9078\u3076", None))
        self.selectNoneButton.setText(QCoreApplication.translate("DistributeDialog", u"\u3059\u3079\u3066\u5916\u3059", None))
        self.folderLabel.setText(QCoreApplication.translate("DistributeDialog", u"\u4fdd\u5b58\u5148(&F)", None))
        self.browseButton.setText(QCoreApplication.translate("DistributeDialog", u"\u53c2\u7167\u2026", None))
    # retranslateUi

