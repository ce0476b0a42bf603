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
    QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QSplitter, QToolButton,
    QVBoxLayout, QWidget)

class Ui_EntryEditor(object):
    def setupUi(self, EntryEditor):
        if not EntryEditor.objectName():
            EntryEditor.setObjectName(u"EntryEditor")
        self.editorLayout = QVBoxLayout(EntryEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.titleLayout = QHBoxLayout()
        self.titleLayout.setObjectName(u"titleLayout")
        self.titleLabel = QLabel(EntryEditor)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.titleLayout.addWidget(self.titleLabel)

        self.referenceToggle = QToolButton(EntryEditor)
        self.referenceToggle.setObjectName(u"referenceToggle")
        self.referenceToggle.setCheckable(True)
        self.referenceToggle.setChecked(True)

        self.titleLayout.addWidget(self.referenceToggle)


        self.editorLayout.addLayout(self.titleLayout)

        self.referenceSplitter = QSplitter(EntryEditor)
        self.referenceSplitter.setObjectName(u"referenceSplitter")
        self.referenceSplitter.setOrientation(Qt.Orientation.Vertical)
        self.referenceSplitter.setChildrenCollapsible(True)
        self.referenceScroll = QScrollArea(self.referenceSplitter)
        self.referenceScroll.setObjectName(u"referenceScroll")
        self.referenceScroll.setWidgetResizable(True)
        self.referenceScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.referenceScroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.referenceHost = QWidget()
        self.referenceHost.setObjectName(u"referenceHost")
        self.referenceLayout = QVBoxLayout(self.referenceHost)
        self.referenceLayout.setObjectName(u"referenceLayout")
        self.referenceLayout.setContentsMargins(0, 0, 0, 0)
        self.contextGroup = QGroupBox(self.referenceHost)
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


        self.referenceLayout.addWidget(self.contextGroup)

        self.previousGroup = QGroupBox(self.referenceHost)
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


        self.referenceLayout.addWidget(self.previousGroup)

        self.referenceSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.referenceLayout.addItem(self.referenceSpacer)

        self.referenceScroll.setWidget(self.referenceHost)
        self.referenceSplitter.addWidget(self.referenceScroll)
        self.inputPane = QWidget(self.referenceSplitter)
        self.inputPane.setObjectName(u"inputPane")
        self.inputPaneLayout = QVBoxLayout(self.inputPane)
        self.inputPaneLayout.setObjectName(u"inputPaneLayout")
        self.inputPaneLayout.setContentsMargins(0, 0, 0, 0)
        self.inputGroup = QGroupBox(self.inputPane)
        self.inputGroup.setObjectName(u"inputGroup")
        self.inputLayout = QVBoxLayout(self.inputGroup)
        self.inputLayout.setSpacing(3)
        self.inputLayout.setObjectName(u"inputLayout")

        self.inputPaneLayout.addWidget(self.inputGroup)

        self.checksLabel = QLabel(self.inputPane)
        self.checksLabel.setObjectName(u"checksLabel")
        self.checksLabel.setWordWrap(True)
        self.checksLabel.setTextFormat(Qt.TextFormat.RichText)

        self.inputPaneLayout.addWidget(self.checksLabel)

        self.referenceSplitter.addWidget(self.inputPane)

        self.editorLayout.addWidget(self.referenceSplitter)


        self.retranslateUi(EntryEditor)

        QMetaObject.connectSlotsByName(EntryEditor)
    # setupUi

    def retranslateUi(self, EntryEditor):
        self.titleLabel.setText(QCoreApplication.translate("EntryEditor", u"\u4e8b\u696d", None))
        self.referenceToggle.setText(QCoreApplication.translate("EntryEditor", u"\u53c2\u8003\u6b04\u3092\u96a0\u3059(&R)", None))
#if QT_CONFIG(tooltip)
        self.referenceToggle.setToolTip(QCoreApplication.translate("EntryEditor", u"\u8a08\u753b\u306b\u66f8\u304b\u308c\u3066\u3044\u308b\u5185\u5bb9\u3068\u524d\u5e74\u5ea6\u306e\u8a18\u5165\uff08\u53c2\u8003\u6b04\uff09\u3092\u8868\u793a\u3059\u308b\u304b\u96a0\u3059\u304b\u3092\u5207\u308a\u66ff\u3048\u307e\u3059\u3002\u5883\u76ee\u306e\u7dda\u3092\u30c9\u30e9\u30c3\u30b0\u3059\u308b\u3068\u5927\u304d\u3055\u3092\u5909\u3048\u3089\u308c\u307e\u3059\u3002", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.referenceToggle.setAccessibleName(QCoreApplication.translate("EntryEditor", u"\u53c2\u8003\u6b04\u306e\u8868\u793a", None))
#endif // QT_CONFIG(accessibility)
        self.contextGroup.setTitle(QCoreApplication.translate("EntryEditor", u"\u8a08\u753b\u306b\u66f8\u304b\u308c\u3066\u3044\u308b\u4e8b\u696d\u306e\u5185\u5bb9", None))
        self.measureCaption.setText(QCoreApplication.translate("EntryEditor", u"\u65bd\u7b56", None))
        self.descriptionCaption.setText(QCoreApplication.translate("EntryEditor", u"\u5185\u5bb9", None))
        self.departmentCaption.setText(QCoreApplication.translate("EntryEditor", u"\u62c5\u5f53\u8ab2", None))
        self.othersCaption.setText(QCoreApplication.translate("EntryEditor", u"\u540c\u3058\u4e8b\u696d\u306e\u4ed6\u306e\u62c5\u5f53\u8ab2", None))
        self.previousGroup.setTitle(QCoreApplication.translate("EntryEditor", u"\u524d\u5e74\u5ea6\u306e\u8a18\u5165\uff08\u53c2\u8003\uff09", None))
#if QT_CONFIG(accessibility)
        self.copyButton.setAccessibleName(QCoreApplication.translate("EntryEditor", u"\u524d\u5e74\u5ea6\u306e\u8a18\u5165\u3092\u4eca\u5e74\u5ea6\u306e\u6b04\u306b\u5199\u3059", None))
#endif // QT_CONFIG(accessibility)
        self.copyButton.setText(QCoreApplication.translate("EntryEditor", u"\u524d\u5e74\u5ea6\u306e\u8a18\u5165\u3092\u4eca\u5e74\u5ea6\u306e\u6b04\u306b\u5199\u3059(&P)", None))
        self.inputGroup.setTitle(QCoreApplication.translate("EntryEditor", u"\u4eca\u5e74\u5ea6\u306e\u8a18\u5165", None))
        self.checksLabel.setText("")
        pass
    # retranslateUi

