# Generated from forms/opinions_tab.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit,
    QPushButton, QSizePolicy, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_OpinionsTab(object):
    def setupUi(self, OpinionsTab):
        if not OpinionsTab.objectName():
            OpinionsTab.setObjectName(u"OpinionsTab")
        self.mainLayout = QHBoxLayout(OpinionsTab)
        self.mainLayout.setObjectName(u"mainLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setObjectName(u"listLayout")
        self.sheetsButton = QPushButton(OpinionsTab)
        self.sheetsButton.setObjectName(u"sheetsButton")

        self.listLayout.addWidget(self.sheetsButton)

        self.listLabel = QLabel(OpinionsTab)
        self.listLabel.setObjectName(u"listLabel")

        self.listLayout.addWidget(self.listLabel)

        self.opinionTree = QTreeWidget(OpinionsTab)
        self.opinionTree.setObjectName(u"opinionTree")
        self.opinionTree.setHeaderHidden(True)
        self.opinionTree.setWordWrap(True)

        self.listLayout.addWidget(self.opinionTree)

        self.orderLayout = QHBoxLayout()
        self.orderLayout.setObjectName(u"orderLayout")
        self.upButton = QPushButton(OpinionsTab)
        self.upButton.setObjectName(u"upButton")

        self.orderLayout.addWidget(self.upButton)

        self.downButton = QPushButton(OpinionsTab)
        self.downButton.setObjectName(u"downButton")

        self.orderLayout.addWidget(self.downButton)

        self.deleteButton = QPushButton(OpinionsTab)
        self.deleteButton.setObjectName(u"deleteButton")

        self.orderLayout.addWidget(self.deleteButton)


        self.listLayout.addLayout(self.orderLayout)


        self.mainLayout.addLayout(self.listLayout)

        self.editorGroup = QGroupBox(OpinionsTab)
        self.editorGroup.setObjectName(u"editorGroup")
        self.editorLayout = QFormLayout(self.editorGroup)
        self.editorLayout.setObjectName(u"editorLayout")
        self.goalLabel = QLabel(self.editorGroup)
        self.goalLabel.setObjectName(u"goalLabel")

        self.editorLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.goalLabel)

        self.goalCombo = QComboBox(self.editorGroup)
        self.goalCombo.setObjectName(u"goalCombo")

        self.editorLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.goalCombo)

        self.projectLabel = QLabel(self.editorGroup)
        self.projectLabel.setObjectName(u"projectLabel")

        self.editorLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.projectLabel)

        self.projectCombo = QComboBox(self.editorGroup)
        self.projectCombo.setObjectName(u"projectCombo")

        self.editorLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.projectCombo)

        self.headingCaption = QLabel(self.editorGroup)
        self.headingCaption.setObjectName(u"headingCaption")

        self.editorLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.headingCaption)

        self.headingPreview = QLabel(self.editorGroup)
        self.headingPreview.setObjectName(u"headingPreview")

        self.editorLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.headingPreview)

        self.textLabel = QLabel(self.editorGroup)
        self.textLabel.setObjectName(u"textLabel")

        self.editorLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.textLabel)

        self.textEdit = QPlainTextEdit(self.editorGroup)
        self.textEdit.setObjectName(u"textEdit")
        self.textEdit.setTabChangesFocus(True)

        self.editorLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.textEdit)

        self.editorButtons = QHBoxLayout()
        self.editorButtons.setObjectName(u"editorButtons")
        self.addButton = QPushButton(self.editorGroup)
        self.addButton.setObjectName(u"addButton")

        self.editorButtons.addWidget(self.addButton)

        self.saveButton = QPushButton(self.editorGroup)
        self.saveButton.setObjectName(u"saveButton")

        self.editorButtons.addWidget(self.saveButton)


        self.editorLayout.setLayout(4, QFormLayout.ItemRole.FieldRole, self.editorButtons)

        self.answerLabel = QLabel(self.editorGroup)
        self.answerLabel.setObjectName(u"answerLabel")

        self.editorLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.answerLabel)

        self.answerEdit = QPlainTextEdit(self.editorGroup)
        self.answerEdit.setObjectName(u"answerEdit")
        self.answerEdit.setTabChangesFocus(True)

        self.editorLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.answerEdit)

        self.answerDepartmentLabel = QLabel(self.editorGroup)
        self.answerDepartmentLabel.setObjectName(u"answerDepartmentLabel")

        self.editorLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.answerDepartmentLabel)

        self.answerDepartmentCombo = QComboBox(self.editorGroup)
        self.answerDepartmentCombo.setObjectName(u"answerDepartmentCombo")

        self.editorLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.answerDepartmentCombo)

        self.saveAnswerButton = QPushButton(self.editorGroup)
        self.saveAnswerButton.setObjectName(u"saveAnswerButton")

        self.editorLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.saveAnswerButton)


        self.mainLayout.addWidget(self.editorGroup)

#if QT_CONFIG(shortcut)
        self.goalLabel.setBuddy(self.goalCombo)
        self.projectLabel.setBuddy(self.projectCombo)
        self.textLabel.setBuddy(self.textEdit)
        self.answerLabel.setBuddy(self.answerEdit)
        self.answerDepartmentLabel.setBuddy(self.answerDepartmentCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.goalCombo, self.projectCombo)
        QWidget.setTabOrder(self.projectCombo, self.textEdit)
        QWidget.setTabOrder(self.textEdit, self.addButton)
        QWidget.setTabOrder(self.addButton, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.answerEdit)
        QWidget.setTabOrder(self.answerEdit, self.answerDepartmentCombo)
        QWidget.setTabOrder(self.answerDepartmentCombo, self.saveAnswerButton)
        QWidget.setTabOrder(self.saveAnswerButton, self.sheetsButton)
        QWidget.setTabOrder(self.sheetsButton, self.opinionTree)

        self.retranslateUi(OpinionsTab)

        QMetaObject.connectSlotsByName(OpinionsTab)
    # setupUi

    def retranslateUi(self, OpinionsTab):
        self.sheetsButton.setText(QCoreApplication.translate("OpinionsTab", u"\u59d4\u54e1\u306e\u610f\u898b\u30fb\u63d0\u6848\u30b7\u30fc\u30c8(&M)\u2026", None))
        self.listLabel.setText(QCoreApplication.translate("OpinionsTab", u"\u8a55\u4fa1\u8868\u306b\u8f09\u305b\u308b\u9806\u306b\u4e26\u3073\u307e\u3059\u3002", None))
        ___qtreewidgetitem = self.opinionTree.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("OpinionsTab", u"\u610f\u898b", None))
        self.upButton.setText(QCoreApplication.translate("OpinionsTab", u"\u4e0a\u3078(&U)", None))
        self.downButton.setText(QCoreApplication.translate("OpinionsTab", u"\u4e0b\u3078(&W)", None))
        self.deleteButton.setText(QCoreApplication.translate("OpinionsTab", u"\u524a\u9664(&D)", None))
        self.editorGroup.setTitle(QCoreApplication.translate("OpinionsTab", u"\u610f\u898b\u306e\u5165\u529b", None))
        self.goalLabel.setText(QCoreApplication.translate("OpinionsTab", u"\u57fa\u672c\u76ee\u6a19(&G)", None))
        self.projectLabel.setText(QCoreApplication.translate("OpinionsTab", u"\u5bfe\u8c61(&P)", None))
        self.headingCaption.setText(QCoreApplication.translate("OpinionsTab", u"\u898b\u51fa\u3057", None))
        self.textLabel.setText(QCoreApplication.translate("OpinionsTab", u"\u610f\u898b(&T)", None))
        self.addButton.setText(QCoreApplication.translate("OpinionsTab", u"\u65b0\u3057\u3044\u610f\u898b\u3068\u3057\u3066\u8ffd\u52a0(&A)", None))
        self.saveButton.setText(QCoreApplication.translate("OpinionsTab", u"\u9078\u3093\u3060\u610f\u898b\u3092\u66f4\u65b0(&S)", None))
        self.answerLabel.setText(QCoreApplication.translate("OpinionsTab", u"\u5e02\u306e\u8003\u3048\u65b9\u30fb\u5bfe\u5fdc(&R)", None))
        self.answerEdit.setPlaceholderText(QCoreApplication.translate("OpinionsTab", u"\u9078\u3093\u3060\u610f\u898b\u3078\u306e\u5e02\u306e\u8003\u3048\u65b9\u30fb\u5bfe\u5fdc\uff08\u300c\u4e3b\u306a\u610f\u898b\u3068\u5e02\u306e\u8003\u3048\u65b9\u300d\u306b\u8f09\u308a\u307e\u3059\u3002\u7a7a\u306b\u3057\u3066\u4fdd\u5b58\u3059\u308b\u3068\u524a\u9664\u3057\u307e\u3059\uff09", None))
        self.answerDepartmentLabel.setText(QCoreApplication.translate("OpinionsTab", u"\u62c5\u5f53\u8ab2(&B)", None))
        self.saveAnswerButton.setText(QCoreApplication.translate("OpinionsTab", u"\u5e02\u306e\u8003\u3048\u65b9\u3092\u4fdd\u5b58(&K)", None))
        pass
    # retranslateUi

