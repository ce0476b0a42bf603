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
#if QT_CONFIG(accessibility)
        self.progressBar.setAccessibleName(QCoreApplication.translate("DepartmentView", u"\u8a18\u5165\u306e\u9032\u307f\u5177\u5408", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.progressBar.setAccessibleDescription(QCoreApplication.translate("DepartmentView", u"\u5b8c\u4e86\u3057\u305f\u4e8b\u696d\u306e\u6570", None))
#endif // QT_CONFIG(accessibility)
        self.submissionLabel.setText("")
#if QT_CONFIG(accessibility)
        self.submitButton.setAccessibleName(QCoreApplication.translate("DepartmentView", u"\u63d0\u51fa", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.submitButton.setToolTip(QCoreApplication.translate("DepartmentView", u"\u8a18\u5165\u3092\u78ba\u304b\u3081\u3066\u63d0\u51fa\u3057\u307e\u3059\uff08Ctrl+Enter\uff09\u3002\u63d0\u51fa\u306e\u3042\u3068\u3082\u76f4\u305b\u307e\u3059\uff08\u300c\u63d0\u51fa\u5f8c\u306b\u5909\u66f4\u3042\u308a\u300d\u3068\u8868\u793a\u3055\u308c\u307e\u3059\uff09\u3002\u63d0\u51fa\u3057\u305f\u3089\u3001\u3053\u306e\u30d5\u30a1\u30a4\u30eb\u3092\u5730\u57df\u798f\u7949\u8ab2\u3078\u9001\u3063\u3066\u304f\u3060\u3055\u3044\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.submitButton.setText(QCoreApplication.translate("DepartmentView", u"\u63d0\u51fa(&T)\u2026", None))
#if QT_CONFIG(accessibility)
        self.filterCheck.setAccessibleName(QCoreApplication.translate("DepartmentView", u"\u672a\u5b8c\u4e86\u306e\u307f\u8868\u793a", None))
#endif // QT_CONFIG(accessibility)
        self.filterCheck.setText(QCoreApplication.translate("DepartmentView", u"\u672a\u5b8c\u4e86\u306e\u307f\u8868\u793a(&F)", None))
        ___qtreewidgetitem = self.projectTree.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("DepartmentView", u"\u4e8b\u696d", None))
#if QT_CONFIG(accessibility)
        self.projectTree.setAccessibleName(QCoreApplication.translate("DepartmentView", u"\u4e8b\u696d\u306e\u4e00\u89a7", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.projectTree.setAccessibleDescription(QCoreApplication.translate("DepartmentView", u"Tab \u3067\u9078\u3093\u3060\u4e8b\u696d\u306e\u6700\u521d\u306e\u8a18\u5165\u6b04\u3078\u79fb\u308a\u307e\u3059", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

