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
from PySide6.QtWidgets import (QApplication, QFormLayout, QGroupBox, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
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
        self.previousBox = QVBoxLayout(self.previousGroup)
        self.previousBox.setObjectName(u"previousBox")
        self.previousLayout = QFormLayout()
        self.previousLayout.setObjectName(u"previousLayout")
        self.previousLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.previousBox.addLayout(self.previousLayout)

        self.copyButton = QPushButton(self.previousGroup)
        self.copyButton.setObjectName(u"copyButton")

        self.previousBox.addWidget(self.copyButton)


        self.editorLayout.addWidget(self.previousGroup)

        self.inputGroup = QGroupBox(EntryEditor)
        self.inputGroup.setObjectName(u"inputGroup")
        self.inputLayout = QVBoxLayout(self.inputGroup)
        self.inputLayout.setObjectName(u"inputLayout")

        self.editorLayout.addWidget(self.inputGroup)

        self.checksLabel = QLabel(EntryEditor)
        self.checksLabel.setObjectName(u"checksLabel")
        self.checksLabel.setWordWrap(True)
        self.checksLabel.setTextFormat(Qt.TextFormat.RichText)

        self.editorLayout.addWidget(self.checksLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.bottomSpacer)


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
        self.copyButton.setText(QCoreApplication.translate("EntryEditor", u"\u524d\u5e74\u5ea6\u306e\u8a18\u5165\u3092\u4eca\u5e74\u5ea6\u306e\u6b04\u306b\u5199\u3059(&P)", None))
        self.inputGroup.setTitle(QCoreApplication.translate("EntryEditor", u"\u4eca\u5e74\u5ea6\u306e\u8a18\u5165", None))
        self.checksLabel.setText("")
        pass
    # retranslateUi

