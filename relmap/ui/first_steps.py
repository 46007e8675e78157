"""What to do on a map with nobody but me on it: bring people in from a contacts export, add
someone, or look around the demo map first. Shown over the map until someone is added."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from relmap.core.i18n import tr
from relmap.document.document import Document


class FirstSteps(QFrame):
    """A card in the middle of ``canvas``; it follows the canvas's size and the map."""

    def __init__(self, document: Document, canvas: QWidget, *, import_data: Callable[[], None],
                 add_person: Callable[[], None], open_demo: Callable[[], None]) -> None:
        super().__init__(canvas)
        self.document = document
        self.setObjectName("first_steps")
        self.setAccessibleName(tr("First steps"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        title = QLabel(tr("<b>Your map has only you on it</b>"))
        text = QLabel(
            tr(
                "Bring in the people you know from a contacts export, add them one by "
                "one, or look around a finished map first."
            )
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(title)
        layout.addWidget(text)
        for words, why, slot in (
            (tr("Import Contacts…"),
             tr("LinkedIn Connections.csv, Google or Outlook CSV, vCard, Kumu, Gephi, GraphML "
                "(Ctrl+I)"), import_data),
            (tr("Add a Person"), tr("Or double-click the empty map (Ctrl+N)"), add_person),
            (tr("Open the Demo Map"), tr("150 people with ratings, spheres and a year of contacts"),
             open_demo),
        ):
            button = QPushButton(words)
            button.setToolTip(why)
            button.clicked.connect(lambda *_, slot=slot: slot())  # not given "checked"
            layout.addWidget(button)
        self.setFixedWidth(340)
        canvas.installEventFilter(self)
        document.sig_changed.connect(self.update_shown)
        self.update_shown()

    def update_shown(self, *_: object) -> None:
        self.setVisible(len(self.document.network.people) <= 1)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        x = (parent.width() - self.width()) // 2
        y = max(parent.height() - self.height() - 40, 12)
        self.move(x, y)
        self.raise_()
