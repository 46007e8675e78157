"""The time machine's bar under the map: a day (a date field and a slider from the map's first
day to today), and the map drawn as it was at the end of that day: its people and ties of
then, each person's ratings of then, the stay-in-touch rings and measures of then. Closing it
brings the map back to today."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from relmap.analysis.then_now import as_of
from relmap.core.dates import long_date
from relmap.core.i18n import number, tr
from relmap.core.network import Network
from relmap.core.words import counted
from relmap.document.document import Document
from relmap.ui.canvas.network_canvas import NetworkCanvas
from relmap.ui.dates import date_edit, day_of, set_day


class TimeBar(QWidget):
    """``sig_day(date | None)`` when the day shown changes (None: the bar closed, the map is
    today's again)."""

    sig_day = Signal(object)

    def __init__(self, document: Document, canvas: NetworkCanvas,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.canvas = document, canvas
        self.setAccessibleName(tr("As of"))
        today = date.today()
        self.day = date_edit(today, latest=today)
        self.day.setToolTip(tr("Draw the map as it was at the end of this day"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(tr("Drag back in time: the map as it was on each day"))
        self.slider.setPageStep(30)
        self.counts = QLabel()
        self.close_button = QToolButton()
        self.close_button.setText(tr("Back to Today"))
        self.close_button.setToolTip(tr("Show the map as it is now (Ctrl+T)"))
        for widget in (self.day, self.slider, self.close_button):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel(tr("As of")))
        row.addWidget(self.day)
        row.addWidget(self.slider, 1)
        row.addWidget(self.counts)
        row.addWidget(self.close_button)
        self._settle = QTimer(self, singleShot=True, interval=60)  # a drag of the slider
        self._settle.timeout.connect(self.redraw)
        self.day.dateChanged.connect(self._on_day_changed)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.close_button.clicked.connect(self.close_bar)
        document.sig_changed.connect(self._on_document_changed)
        self.hide()

    @property
    def first(self) -> date:
        """The first day the slider reaches: when the map's first person was added."""
        days = [p.created.date() for p in self.document.network.people.values()]
        return min(days, default=date.today())

    def show_day(self, day: date) -> None:
        """Open the bar (if closed) and draw the map as of ``day``."""
        if self.shown_day() == day:
            return
        with QSignalBlocker(self.slider), QSignalBlocker(self.day):
            self.slider.setRange(-(date.today() - min(self.first, day)).days, 0)
            set_day(self.day, day)
        self._sync_slider(day)
        self.show()
        self.redraw()

    def close_bar(self) -> None:
        if self.isHidden():
            return
        self.hide()
        self._settle.stop()
        self.canvas.set_as_of(None)
        self.sig_day.emit(None)

    def shown_day(self) -> date | None:
        return None if self.isHidden() else day_of(self.day)

    def redraw(self) -> None:
        if self.isHidden():
            return
        day, network = day_of(self.day), self.document.network
        then = as_of(network, self.document.history(), day)
        self.canvas.set_as_of(then, day)
        self.counts.setText(self._counts(then, network))
        self.sig_day.emit(day)

    @staticmethod
    def _counts(then: Network, now: Network) -> str:
        return tr("{counted} and {counted2} then, {n} and {n_ties} now").format(
            counted=counted(len(then.people) - 1, "person"),
            counted2=counted(len(then.ties), "tie"),
            n=number(len(now.people) - 1),
            n_ties=number(len(now.ties)),
        )

    def _on_day_changed(self) -> None:
        self._sync_slider(day_of(self.day))
        self._settle.start()

    def _sync_slider(self, day: date) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(-(date.today() - day).days)
        self.day.setToolTip(
            tr("The map as it was at the end of {long_date}").format(long_date=long_date(day))
        )

    def _on_slider_moved(self, value: int) -> None:
        with QSignalBlocker(self.day):
            set_day(self.day, date.today() + timedelta(days=value))
        self._settle.start()

    def _on_document_changed(self, _changes: object) -> None:
        if not self.isHidden():
            self._settle.start()
