# Generated from forms/entry_editor.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QGroupBox,
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_EntryEditor(object):
    def setupUi(self, EntryEditor):
        if not EntryEditor.objectName():
            EntryEditor.setObjectName(u"EntryEditor")
        self.editorLayout = QVBoxLayout(EntryEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.titleLabel = QLabel(EntryEditor)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.editorLayout.addWidget(self.titleLabel)

        self.contextGroup = QGroupBox(EntryEditor)
        self.contextGroup.setObjectName(u"contextGroup")
        self.contextLayout = QFormLayout(self.contextGroup)
        self.contextLayout.setObjectName(u"contextLayout")
        self.contextLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.measureCaption = QLabel(self.contextGroup)
        self.measureCaption.setObjectName(u"measureCaption")

        self.contextLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.measureCaption)

        self.measureValue = QLabel(self.contextGroup)
        self.measureValue.setObjectName(u"measureValue")
        self.measureValue.setWordWrap(True)
        self.measureValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.contextLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.measureValue)

        self.descriptionCaption = QLabel(self.contextGroup)
        self.descriptionCaption.setObjectName(u"descriptionCaption")

        self.contextLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.descriptionCaption)

        self.descriptionValue = QLabel(self.contextGroup)
        self.descriptionValue.setObjectName(u"descriptionValue")
        self.descriptionValue.setWordWrap(True)
        self.descriptionValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.contextLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.descriptionValue)

        self.departmentCaption = QLabel(self.contextGroup)
        self.departmentCaption.setObjectName(u"departmentCaption")

        self.contextLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.departmentCaption)

        self.departmentValue = QLabel(self.contextGroup)
        self.departmentValue.setObjectName(u"departmentValue")
        self.departmentValue.setWordWrap(True)

        self.contextLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.departmentValue)

        self.othersCaption = QLabel(self.contextGroup)
        self.othersCaption.setObjectName(u"othersCaption")

        self.contextLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.othersCaption)

        self.othersValue = QLabel(self.contextGroup)
        self.othersValue.setObjectName(u"othersValue")
        self.othersValue.setWordWrap(True)

        self.contextLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.othersValue)


        self.editorLayout.addWidget(self.contextGroup)

        self.previousGroup = QGroupBox(EntryEditor)
        self.previousGroup.setObjectName(u"previousGroup")
        self.previousLayout = QFormLayout(self.previousGroup)
        self.previousLayout.setObjectName(u"previousLayout")
        self.previousLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.previousRatingCaption = QLabel(self.previousGroup)
        self.previousRatingCaption.setObjectName(u"previousRatingCaption")

        self.previousLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.previousRatingCaption)

        self.previousRatingValue = QLabel(self.previousGroup)
        self.previousRatingValue.setObjectName(u"previousRatingValue")

        self.previousLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.previousRatingValue)

        self.previousResultCaption = QLabel(self.previousGroup)
        self.previousResultCaption.setObjectName(u"previousResultCaption")

        self.previousLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.previousResultCaption)

        self.previousResultValue = QLabel(self.previousGroup)
        self.previousResultValue.setObjectName(u"previousResultValue")
        self.previousResultValue.setWordWrap(True)
        self.previousResultValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.previousLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.previousResultValue)

        self.previousOutlookCaption = QLabel(self.previousGroup)
        self.previousOutlookCaption.setObjectName(u"previousOutlookCaption")

        self.previousLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.previousOutlookCaption)

        self.previousOutlookValue = QLabel(self.previousGroup)
        self.previousOutlookValue.setObjectName(u"previousOutlookValue")
        self.previousOutlookValue.setWordWrap(True)
        self.previousOutlookValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.previousLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.previousOutlookValue)

        self.copyOutlookButton = QPushButton(self.previousGroup)
        self.copyOutlookButton.setObjectName(u"copyOutlookButton")

        self.previousLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.copyOutlookButton)


        self.editorLayout.addWidget(self.previousGroup)

        self.inputGroup = QGroupBox(EntryEditor)
        self.inputGroup.setObjectName(u"inputGroup")
        self.inputLayout = QVBoxLayout(self.inputGroup)
        self.inputLayout.setObjectName(u"inputLayout")
        self.resultHeader = QHBoxLayout()
        self.resultHeader.setObjectName(u"resultHeader")
        self.resultLabel = QLabel(self.inputGroup)
        self.resultLabel.setObjectName(u"resultLabel")

        self.resultHeader.addWidget(self.resultLabel)

        self.resultSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.resultHeader.addItem(self.resultSpacer)

        self.resultCount = QLabel(self.inputGroup)
        self.resultCount.setObjectName(u"resultCount")

        self.resultHeader.addWidget(self.resultCount)


        self.inputLayout.addLayout(self.resultHeader)

        self.resultEdit = QPlainTextEdit(self.inputGroup)
        self.resultEdit.setObjectName(u"resultEdit")
        self.resultEdit.setMinimumSize(QSize(0, 130))
        self.resultEdit.setTabChangesFocus(True)

        self.inputLayout.addWidget(self.resultEdit)

        self.ratingLabel = QLabel(self.inputGroup)
        self.ratingLabel.setObjectName(u"ratingLabel")

        self.inputLayout.addWidget(self.ratingLabel)

        self.ratingFrame = QFrame(self.inputGroup)
        self.ratingFrame.setObjectName(u"ratingFrame")
        self.ratingLayout = QVBoxLayout(self.ratingFrame)
        self.ratingLayout.setSpacing(2)
        self.ratingLayout.setObjectName(u"ratingLayout")
        self.ratingA = QRadioButton(self.ratingFrame)
        self.ratingA.setObjectName(u"ratingA")

        self.ratingLayout.addWidget(self.ratingA)

        self.ratingB = QRadioButton(self.ratingFrame)
        self.ratingB.setObjectName(u"ratingB")

        self.ratingLayout.addWidget(self.ratingB)

        self.ratingC = QRadioButton(self.ratingFrame)
        self.ratingC.setObjectName(u"ratingC")

        self.ratingLayout.addWidget(self.ratingC)

        self.ratingD = QRadioButton(self.ratingFrame)
        self.ratingD.setObjectName(u"ratingD")

        self.ratingLayout.addWidget(self.ratingD)


        self.inputLayout.addWidget(self.ratingFrame)

        self.outlookHeader = QHBoxLayout()
        self.outlookHeader.setObjectName(u"outlookHeader")
        self.outlookLabel = QLabel(self.inputGroup)
        self.outlookLabel.setObjectName(u"outlookLabel")

        self.outlookHeader.addWidget(self.outlookLabel)

        self.outlookSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outlookHeader.addItem(self.outlookSpacer)

        self.outlookCount = QLabel(self.inputGroup)
        self.outlookCount.setObjectName(u"outlookCount")

        self.outlookHeader.addWidget(self.outlookCount)


        self.inputLayout.addLayout(self.outlookHeader)

        self.outlookEdit = QPlainTextEdit(self.inputGroup)
        self.outlookEdit.setObjectName(u"outlookEdit")
        self.outlookEdit.setMinimumSize(QSize(0, 110))
        self.outlookEdit.setTabChangesFocus(True)

        self.inputLayout.addWidget(self.outlookEdit)


        self.editorLayout.addWidget(self.inputGroup)

        self.checksLabel = QLabel(EntryEditor)
        self.checksLabel.setObjectName(u"checksLabel")
        self.checksLabel.setWordWrap(True)
        self.checksLabel.setTextFormat(Qt.TextFormat.RichText)

        self.editorLayout.addWidget(self.checksLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.resultLabel.setBuddy(self.resultEdit)
        self.outlookLabel.setBuddy(self.outlookEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.resultEdit, self.ratingA)
        QWidget.setTabOrder(self.ratingA, self.outlookEdit)
        QWidget.setTabOrder(self.outlookEdit, self.copyOutlookButton)

        self.retranslateUi(EntryEditor)

        QMetaObject.connectSlotsByName(EntryEditor)
    # setupUi

    def retranslateUi(self, EntryEditor):
        self.titleLabel.setText(QCoreApplication.translate("EntryEditor", u"\u4e8b\u696d", None))
        self.contextGroup.setTitle(QCoreApplication.translate("EntryEditor", u"\u8a08\u753b\u306b\u66f8\u304b\u308c\u3066\u3044\u308b\u4e8b\u696d\u306e\u5185\u5bb9", None))
        self.measureCaption.setText(QCoreApplication.translate("EntryEditor", u"\u65bd\u7b56", None))
        self.descriptionCaption.setText(QCoreApplication.translate("EntryEditor", u"\u5185\u5bb9", None))
        self.departmentCaption.setText(QCoreApplication.translate("EntryEditor", u"\u62c5\u5f53\u8ab2", None))
        self.othersCaption.setText(QCoreApplication.translate("EntryEditor", u"\u540c\u3058\u4e8b\u696d\u306e\u4ed6\u306e\u62c5\u5f53\u8ab2", None))
        self.previousGroup.setTitle(QCoreApplication.translate("EntryEditor", u"\u524d\u5e74\u5ea6\u306e\u8a18\u5165\uff08\u53c2\u8003\uff09", None))
        self.previousRatingCaption.setText(QCoreApplication.translate("EntryEditor", u"\u4e8b\u696d\u8a55\u4fa1", None))
        self.previousResultCaption.setText(QCoreApplication.translate("EntryEditor", u"\u4e8b\u696d\u5b9f\u7e3e\u30fb\u8a55\u4fa1\u7406\u7531", None))
        self.previousOutlookCaption.setText(QCoreApplication.translate("EntryEditor", u"\u4eca\u5f8c\u306e\u4e8b\u696d\u8a08\u753b\u30fb\u5c55\u671b", None))
        self.copyOutlookButton.setText(QCoreApplication.translate("EntryEditor", u"\u524d\u5e74\u5ea6\u306e\u5c55\u671b\u3092\u4eca\u5e74\u5ea6\u306e\u6b04\u306b\u5199\u3059(&P)", None))
#if QT_CONFIG(tooltip)
        self.copyOutlookButton.setToolTip(QCoreApplication.translate("EntryEditor", u"\u524d\u5e74\u5ea6\u306e\u300c\u4eca\u5f8c\u306e\u4e8b\u696d\u8a08\u753b\u30fb\u5c55\u671b\u300d\u3092\u3001\u4eca\u5e74\u5ea6\u306e\u5c55\u671b\u6b04\u306b\u5199\u3057\u307e\u3059\u3002\u5199\u3057\u305f\u3042\u3068\u3067\u66f8\u304d\u76f4\u3057\u3066\u304f\u3060\u3055\u3044\uff08\u5143\u306b\u623b\u305b\u307e\u3059\uff09\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.inputGroup.setTitle(QCoreApplication.translate("EntryEditor", u"\u4eca\u5e74\u5ea6\u306e\u8a18\u5165", None))
        self.resultLabel.setText(QCoreApplication.translate("EntryEditor", u"\u4e8b\u696d\u5b9f\u7e3e\u30fb\u8a55\u4fa1\u7406\u7531(&1)", None))
        self.resultCount.setText(QCoreApplication.translate("EntryEditor", u"0 \u6587\u5b57", None))
        self.resultEdit.setPlaceholderText(QCoreApplication.translate("EntryEditor", u"\u4eca\u5e74\u5ea6\u306e\u53d6\u7d44\u306e\u5b9f\u7e3e\u3068\u3001\u8a55\u4fa1\u306e\u7406\u7531\u3092\u8a18\u5165\u3057\u3066\u304f\u3060\u3055\u3044\u3002", None))
        self.ratingLabel.setText(QCoreApplication.translate("EntryEditor", u"\u4e8b\u696d\u8a55\u4fa1\uff08\u30ad\u30fc\u30dc\u30fc\u30c9\u306e 1\u301c4 \u307e\u305f\u306f A\u301cD \u3067\u3082\u9078\u3079\u307e\u3059\uff09", None))
        self.ratingA.setText(QCoreApplication.translate("EntryEditor", u"A", None))
        self.ratingB.setText(QCoreApplication.translate("EntryEditor", u"B", None))
        self.ratingC.setText(QCoreApplication.translate("EntryEditor", u"C", None))
        self.ratingD.setText(QCoreApplication.translate("EntryEditor", u"D", None))
        self.outlookLabel.setText(QCoreApplication.translate("EntryEditor", u"\u4eca\u5f8c\u306e\u4e8b\u696d\u8a08\u753b\u30fb\u5c55\u671b(&2)", None))
        self.outlookCount.setText(QCoreApplication.translate("EntryEditor", u"0 \u6587\u5b57", None))
        self.outlookEdit.setPlaceholderText(QCoreApplication.translate("EntryEditor", u"\u6b21\u5e74\u5ea6\u306b\u5411\u3051\u3066\u306e\u8ab2\u984c\u3068\u3001\u691c\u8a0e\u3059\u308b\u5185\u5bb9\u3092\u8a18\u5165\u3057\u3066\u304f\u3060\u3055\u3044\u3002", None))
        self.checksLabel.setText("")
        pass
    # retranslateUi

