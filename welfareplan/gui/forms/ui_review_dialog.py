# Generated from forms/review_dialog.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
    QHeaderView, QLabel, QSizePolicy, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_ReviewDialog(object):
    def setupUi(self, ReviewDialog):
        if not ReviewDialog.objectName():
            ReviewDialog.setObjectName(u"ReviewDialog")
        ReviewDialog.resize(860, 520)
        self.dialogLayout = QVBoxLayout(ReviewDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ReviewDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)
        self.introLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.introLabel)

        self.itemTree = QTreeWidget(ReviewDialog)
        self.itemTree.setObjectName(u"itemTree")
        self.itemTree.setRootIsDecorated(False)
        self.itemTree.setAlternatingRowColors(True)
        self.itemTree.setWordWrap(True)
        self.itemTree.setUniformRowHeights(False)

        self.dialogLayout.addWidget(self.itemTree)

        self.noteLabel = QLabel(ReviewDialog)
        self.noteLabel.setObjectName(u"noteLabel")
        self.noteLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.noteLabel)

        self.buttonBox = QDialogButtonBox(ReviewDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.dialogLayout.addWidget(self.buttonBox)


        self.retranslateUi(ReviewDialog)

        QMetaObject.connectSlotsByName(ReviewDialog)
    # setupUi

    def retranslateUi(self, ReviewDialog):
        ___qtreewidgetitem = self.itemTree.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ReviewDialog", u"\u5185\u5bb9", None))
        pass
    # retranslateUi

