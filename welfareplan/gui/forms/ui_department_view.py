# Generated from forms/department_view.ui by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QProgressBar, QPushButton,
    QScrollArea, QSizePolicy, QSpacerItem, QSplitter,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_DepartmentView(object):
    def setupUi(self, DepartmentView):
        if not DepartmentView.objectName():
            DepartmentView.setObjectName(u"DepartmentView")
        self.viewLayout = QVBoxLayout(DepartmentView)
        self.viewLayout.setObjectName(u"viewLayout")
        self.headerFrame = QFrame(DepartmentView)
        self.headerFrame.setObjectName(u"headerFrame")
        self.headerFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.headerLayout = QHBoxLayout(self.headerFrame)
        self.headerLayout.setObjectName(u"headerLayout")
        self.departmentLabel = QLabel(self.headerFrame)
        self.departmentLabel.setObjectName(u"departmentLabel")

        self.headerLayout.addWidget(self.departmentLabel)

        self.yearLabel = QLabel(self.headerFrame)
        self.yearLabel.setObjectName(u"yearLabel")

        self.headerLayout.addWidget(self.yearLabel)

        self.deadlineLabel = QLabel(self.headerFrame)
        self.deadlineLabel.setObjectName(u"deadlineLabel")

        self.headerLayout.addWidget(self.deadlineLabel)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.progressLabel = QLabel(self.headerFrame)
        self.progressLabel.setObjectName(u"progressLabel")

        self.headerLayout.addWidget(self.progressLabel)

        self.progressBar = QProgressBar(self.headerFrame)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setMaximumSize(QSize(160, 16777215))
        self.progressBar.setTextVisible(False)

        self.headerLayout.addWidget(self.progressBar)

        self.submissionLabel = QLabel(self.headerFrame)
        self.submissionLabel.setObjectName(u"submissionLabel")

        self.headerLayout.addWidget(self.submissionLabel)

        self.submitButton = QPushButton(self.headerFrame)
        self.submitButton.setObjectName(u"submitButton")

        self.headerLayout.addWidget(self.submitButton)


        self.viewLayout.addWidget(self.headerFrame)

        self.splitter = QSplitter(DepartmentView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.leftPanel = QWidget(self.splitter)
        self.leftPanel.setObjectName(u"leftPanel")
        self.leftLayout = QVBoxLayout(self.leftPanel)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, 0, 0, 0)
        self.filterCheck = QCheckBox(self.leftPanel)
        self.filterCheck.setObjectName(u"filterCheck")

        self.leftLayout.addWidget(self.filterCheck)

        self.projectTree = QTreeWidget(self.leftPanel)
        self.projectTree.setObjectName(u"projectTree")
        self.projectTree.setMinimumSize(QSize(300, 0))
        self.projectTree.setHeaderHidden(True)
        self.projectTree.setUniformRowHeights(False)
        self.projectTree.setWordWrap(True)

        self.leftLayout.addWidget(self.projectTree)

        self.splitter.addWidget(self.leftPanel)
        self.editorScroll = QScrollArea(self.splitter)
        self.editorScroll.setObjectName(u"editorScroll")
        self.editorScroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.editorScroll.setWidgetResizable(True)
        self.editorScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.editorHost = QWidget()
        self.editorHost.setObjectName(u"editorHost")
        self.editorHostLayout = QVBoxLayout(self.editorHost)
        self.editorHostLayout.setObjectName(u"editorHostLayout")
        self.editorHostLayout.setContentsMargins(0, 0, 0, 0)
        self.editorScroll.setWidget(self.editorHost)
        self.splitter.addWidget(self.editorScroll)

        self.viewLayout.addWidget(self.splitter)


        self.retranslateUi(DepartmentView)

        QMetaObject.connectSlotsByName(DepartmentView)
    # setupUi

    def retranslateUi(self, DepartmentView):
        self.departmentLabel.setText(QCoreApplication.translate("DepartmentView", u"\u62c5\u5f53\u8ab2", None))
        self.yearLabel.setText(QCoreApplication.translate("DepartmentView", u"\u5e74\u5ea6", None))
        self.deadlineLabel.setText("")
        self.progressLabel.setText("")
        self.submissionLabel.setText("")
        self.submitButton.setText(QCoreApplication.translate("DepartmentView", u"\u63d0\u51fa(&T)\u2026", None))
        self.filterCheck.setText(QCoreApplication.translate("DepartmentView", u"\u672a\u5b8c\u4e86\u306e\u307f\u8868\u793a(&F)", None))
        ___qtreewidgetitem = self.projectTree.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("DepartmentView", u"\u4e8b\u696d", None))
        pass
    # retranslateUi

