# Generated from forms/committee_sheets_dialog.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_CommitteeSheetsDialog(object):
    def setupUi(self, CommitteeSheetsDialog):
        if not CommitteeSheetsDialog.objectName():
            CommitteeSheetsDialog.setObjectName(u"CommitteeSheetsDialog")
        CommitteeSheetsDialog.resize(1100, 640)
        self.dialogLayout = QVBoxLayout(CommitteeSheetsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(CommitteeSheetsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.membersGroup = QGroupBox(CommitteeSheetsDialog)
        self.membersGroup.setObjectName(u"membersGroup")
        self.membersLayout = QVBoxLayout(self.membersGroup)
        self.membersLayout.setObjectName(u"membersLayout")
        self.memberList = QListWidget(self.membersGroup)
        self.memberList.setObjectName(u"memberList")

        self.membersLayout.addWidget(self.memberList)

        self.memberAddLayout = QHBoxLayout()
        self.memberAddLayout.setObjectName(u"memberAddLayout")
        self.memberNameLabel = QLabel(self.membersGroup)
        self.memberNameLabel.setObjectName(u"memberNameLabel")

        self.memberAddLayout.addWidget(self.memberNameLabel)

        self.memberNameEdit = QLineEdit(self.membersGroup)
        self.memberNameEdit.setObjectName(u"memberNameEdit")

        self.memberAddLayout.addWidget(self.memberNameEdit)

        self.addMemberButton = QPushButton(self.membersGroup)
        self.addMemberButton.setObjectName(u"addMemberButton")

        self.memberAddLayout.addWidget(self.addMemberButton)


        self.membersLayout.addLayout(self.memberAddLayout)

        self.removeMemberButton = QPushButton(self.membersGroup)
        self.removeMemberButton.setObjectName(u"removeMemberButton")

        self.membersLayout.addWidget(self.removeMemberButton)

        self.issueButton = QPushButton(self.membersGroup)
        self.issueButton.setObjectName(u"issueButton")

        self.membersLayout.addWidget(self.issueButton)

        self.mergeButton = QPushButton(self.membersGroup)
        self.mergeButton.setObjectName(u"mergeButton")

        self.membersLayout.addWidget(self.mergeButton)


        self.bodyLayout.addWidget(self.membersGroup)

        self.receivedGroup = QGroupBox(CommitteeSheetsDialog)
        self.receivedGroup.setObjectName(u"receivedGroup")
        self.receivedLayout = QVBoxLayout(self.receivedGroup)
        self.receivedLayout.setObjectName(u"receivedLayout")
        self.receivedTree = QTreeWidget(self.receivedGroup)
        self.receivedTree.setObjectName(u"receivedTree")
        self.receivedTree.setRootIsDecorated(False)
        self.receivedTree.setAlternatingRowColors(True)
        self.receivedTree.setWordWrap(True)
        self.receivedTree.setUniformRowHeights(False)

        self.receivedLayout.addWidget(self.receivedTree)

        self.chooseLayout = QHBoxLayout()
        self.chooseLayout.setObjectName(u"chooseLayout")
        self.goalLabel = QLabel(self.receivedGroup)
        self.goalLabel.setObjectName(u"goalLabel")

        self.chooseLayout.addWidget(self.goalLabel)

        self.goalCombo = QComboBox(self.receivedGroup)
        self.goalCombo.setObjectName(u"goalCombo")

        self.chooseLayout.addWidget(self.goalCombo)

        self.chooseButton = QPushButton(self.receivedGroup)
        self.chooseButton.setObjectName(u"chooseButton")

        self.chooseLayout.addWidget(self.chooseButton)

        self.unchooseButton = QPushButton(self.receivedGroup)
        self.unchooseButton.setObjectName(u"unchooseButton")

        self.chooseLayout.addWidget(self.unchooseButton)


        self.receivedLayout.addLayout(self.chooseLayout)


        self.bodyLayout.addWidget(self.receivedGroup)


        self.dialogLayout.addLayout(self.bodyLayout)

        self.buttonBox = QDialogButtonBox(CommitteeSheetsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.memberNameLabel.setBuddy(self.memberNameEdit)
        self.goalLabel.setBuddy(self.goalCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.memberList, self.memberNameEdit)
        QWidget.setTabOrder(self.memberNameEdit, self.addMemberButton)
        QWidget.setTabOrder(self.addMemberButton, self.removeMemberButton)
        QWidget.setTabOrder(self.removeMemberButton, self.issueButton)
        QWidget.setTabOrder(self.issueButton, self.mergeButton)
        QWidget.setTabOrder(self.mergeButton, self.receivedTree)
        QWidget.setTabOrder(self.receivedTree, self.goalCombo)
        QWidget.setTabOrder(self.goalCombo, self.chooseButton)
        QWidget.setTabOrder(self.chooseButton, self.unchooseButton)

        self.retranslateUi(CommitteeSheetsDialog)

        QMetaObject.connectSlotsByName(CommitteeSheetsDialog)
    # setupUi

    def retranslateUi(self, CommitteeSheetsDialog):
        CommitteeSheetsDialog.setWindowTitle(QCoreApplication.translate("CommitteeSheetsDialog", u"\u59d4\u54e1\u306e\u610f\u898b\u30fb\u63d0\u6848\u30b7\u30fc\u30c8", None))
        self.introLabel.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u59d4\u54e1\u540d\u7c3f\u306e\u59d4\u54e1\u3054\u3068\u306b\u610f\u898b\u30fb\u63d0\u6848\u30b7\u30fc\u30c8\uff08Excel\uff09\u3092\u4f5c\u6210\u3057\u3066\u914d\u308a\u3001\u8a18\u5165\u3055\u308c\u3066\u623b\u3063\u305f\u30b7\u30fc\u30c8\u3092\u53d6\u308a\u8fbc\u307f\u307e\u3059\u3002\u53d7\u3051\u53d6\u3063\u305f\u610f\u898b\u304b\u3089\u3001\u5831\u544a\u66f8\u306e\u59d4\u54e1\u610f\u898b\u306b\u8f09\u305b\u308b\u3082\u306e\u3092\u9078\u3073\u307e\u3059\uff08\u898b\u51fa\u3057\u3010\u4e8b\u696d\u756a\u53f7N:\u4e8b\u696d\u540d\u3011\u306f\u81ea\u52d5\u3067\u4ed8\u304d\u307e\u3059\u3002\u9806\u756a\u3068\u6587\u7ae0\u306f\u300c\u59d4\u54e1\u4f1a\u306e\u610f\u898b\u300d\u30bf\u30d6\u3067\u76f4\u305b\u307e\u3059\uff09\u3002", None))
        self.membersGroup.setTitle(QCoreApplication.translate("CommitteeSheetsDialog", u"\u59d4\u54e1\u540d\u7c3f", None))
        self.memberNameLabel.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u6c0f\u540d(&N)", None))
        self.addMemberButton.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u8ffd\u52a0(&A)", None))
        self.removeMemberButton.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u9078\u3093\u3060\u59d4\u54e1\u3092\u540d\u7c3f\u304b\u3089\u524a\u9664(&D)", None))
        self.issueButton.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u610f\u898b\u30fb\u63d0\u6848\u30b7\u30fc\u30c8\u3092\u4f5c\u6210(&I)\u2026", None))
        self.mergeButton.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u8a18\u5165\u3055\u308c\u305f\u30b7\u30fc\u30c8\u3092\u53d6\u308a\u8fbc\u3080(&M)\u2026", None))
        self.receivedGroup.setTitle(QCoreApplication.translate("CommitteeSheetsDialog", u"\u53d7\u3051\u53d6\u3063\u305f\u610f\u898b", None))
        ___qtreewidgetitem = self.receivedTree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("CommitteeSheetsDialog", u"\u5831\u544a\u66f8", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("CommitteeSheetsDialog", u"\u610f\u898b", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("CommitteeSheetsDialog", u"\u898b\u51fa\u3057", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("CommitteeSheetsDialog", u"\u59d4\u54e1", None))
        self.goalLabel.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u5168\u822c\u306e\u610f\u898b\u3092\u8f09\u305b\u308b\u5148(&G)", None))
        self.chooseButton.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u5831\u544a\u66f8\u306e\u59d4\u54e1\u610f\u898b\u306b\u5165\u308c\u308b(&C)", None))
        self.unchooseButton.setText(QCoreApplication.translate("CommitteeSheetsDialog", u"\u5831\u544a\u66f8\u304b\u3089\u5916\u3059(&U)", None))
    # retranslateUi

