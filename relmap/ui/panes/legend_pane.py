"""The legend dock: spheres with colour and member count; clicking one showcases or filters it."""

from __future__ import annotations

import html
from collections.abc import Collection
from urllib.parse import quote, unquote

from PySide6.QtCore import QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relmap.analysis.spheres import SphereCount
from relmap.analysis.tie_levels import LEVEL_WORDS
from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId, SphereId
from relmap.core.network import ChangeSet, Network
from relmap.document.document import Document
from relmap.style import (
    CADENCE_RINGS,
    CADENCE_WORDS,
    EDGE,
    NO_GROUP,
    OTHER_GROUP,
    TIE_RAMPS,
    Decoration,
    Group,
    Upkeep,
    group_colours,
    group_key,
)
from relmap.ui.canvas.layers import DASH, DOT, SOLID
from relmap.ui.panes.people_model import sphere_icon
from relmap.ui.ratings import decoration_name

SPHERE_ROLE = Qt.ItemDataRole.UserRole
SHOWCASE, FILTER = 0, 1
_LINES = (
    (SOLID, 1.2, False, tr("colleague, client, reports to, mentor of")),
    (DOT, 1.2, False, tr("friend, family")),
    (DASH, 1.2, False, tr("introduced, other")),
    (SOLID, 2.8, False, tr("thicker: a stronger tie")),
    (SOLID, 1.2, True, tr("directed")),
)


def line_sample(dash: int, width: float, arrow: bool) -> QPixmap:
    """A short line drawn the way the map draws a tie of that kind."""
    pixmap = QPixmap(34, 12)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(EDGE))
    pen.setWidthF(width)
    pen.setStyle(Qt.PenStyle(dash))
    painter.setPen(pen)
    painter.drawLine(QPointF(2, 6), QPointF(31, 6))
    if arrow:
        pen.setStyle(Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(31, 6), QPointF(25, 2))
        painter.drawLine(QPointF(31, 6), QPointF(25, 10))
    painter.end()
    return pixmap


def tie_key() -> QWidget:
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 6, 0, 0)
    grid.setVerticalSpacing(2)
    grid.addWidget(QLabel(tr("<b>Ties</b>")), 0, 0, 1, 2)
    for i, (dash, width, arrow, text) in enumerate(_LINES, start=1):
        sample = QLabel()
        sample.setPixmap(line_sample(dash, width, arrow))
        grid.addWidget(sample, i, 0)
        label = QLabel(text)
        label.setWordWrap(True)
        grid.addWidget(label, i, 1)
    grid.setColumnStretch(1, 1)
    return box


class LegendPane(QWidget):
    """``sig_focus_changed(spheres, filters)``: the spheres to bring forward (none: all), and
    whether the others are hidden (True) or only faded (False)."""

    sig_focus_changed = Signal(object, bool)
    sig_manage_requested = Signal()
    sig_group_picked = Signal(object)  # the people of a group the key names (frozenset)
    sig_colour_by = Signal(object)  # a Group to colour people by, asked for in the legend

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.mode = QComboBox()
        self.mode.addItems([tr("Showcase: fade the rest"), tr("Filter: hide the rest")])
        self.mode.setAccessibleName(tr("Legend click"))
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.list.setAccessibleName(tr("Spheres legend"))
        self.list.setToolTip(tr("Click spheres to showcase or filter them; click again to undo"))
        self.unsphered = QLabel()
        self.unsphered.setWordWrap(True)
        self.unsphered.setAccessibleName(tr("People in no sphere"))
        self.unsphered.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                               | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.unsphered.linkActivated.connect(lambda _: self.sig_colour_by.emit(Group.ORGANISATION))
        self.show_all = QPushButton(tr("Show all"))
        self.manage = QPushButton(tr("Manage spheres…"))
        self.key = QLabel()
        self._deco, self._rings, self._ties_to_me = Decoration(), False, True
        self._faint = False  # whether the key says my ties are drawn faint
        self.key.setWordWrap(True)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.key.linkActivated.connect(self._on_key_link_activated)
        self.key.setAccessibleName(tr("What sizes and colours mean"))
        self.key.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_all)
        buttons.addWidget(self.manage)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.mode)
        layout.addWidget(self.list)
        layout.addWidget(self.unsphered)
        layout.addLayout(buttons)
        layout.addWidget(tie_key())
        layout.addWidget(self.key)
        layout.addStretch(1)
        self.list.itemSelectionChanged.connect(self._on_list_selection_changed)
        self.mode.currentIndexChanged.connect(self._on_list_selection_changed)
        self.show_all.clicked.connect(self.list.clearSelection)
        self.manage.clicked.connect(self.sig_manage_requested)
        document.sig_changed.connect(self._on_document_changed)
        self.set_decoration(Decoration())
        self._shown: tuple[object, ...] = ()
        self._count: SphereCount | None = None
        self.refresh()

    @property
    def focus(self) -> frozenset[SphereId]:
        return frozenset(SphereId(int(i.data(SPHERE_ROLE))) for i in self.list.selectedItems())

    def item(self, sphere: SphereId) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(SPHERE_ROLE) == sphere:
                return self.list.item(i)
        return None

    def refresh(self, people: Collection[PersonId] | None = None) -> None:
        """Show the spheres as they are now: only ``people``, if given, counted again."""
        net = self.document.network
        focus = self.focus
        if people is None or self._count is None:
            self._count = SphereCount(net.people.values())
        else:
            self._count.update(net.people, people)
        counts, alone = self._count.counts, self._count.alone
        shown = tuple((s.id, s.name, s.colour, s.description) for s in net.spheres.values())
        self.unsphered.setText(tr("In no sphere: {alone}").format(alone=alone) + (
            tr(" · <a href='organisation'>colour them by organisation</a>")
            if self._by_organisation_helps() else ""))
        if (shown, counts) == self._shown:
            return  # no sphere the legend lists has changed
        self._shown = (shown, counts)
        with QSignalBlocker(self.list):
            self.list.clear()
            for sphere in sorted(net.spheres.values(), key=lambda s: s.name.casefold()):
                item = QListWidgetItem(
                    sphere_icon((sphere.colour,)), f"{sphere.name}  ({counts[sphere.id]})"
                )
                item.setData(SPHERE_ROLE, sphere.id)
                item.setToolTip(sphere.description)
                self.list.addItem(item)
                item.setSelected(sphere.id in focus)
        rows = max(4, self.list.count())
        self.list.setMaximumHeight(rows * max(18, self.list.sizeHintForRow(0)) + 6)
        if focus != self.focus:
            self._on_list_selection_changed()

    def _by_organisation_helps(self) -> bool:
        """Whether to offer colouring by organisation: a map with no spheres yet whose
        people have organisations (a LinkedIn import), not coloured by a group already."""
        net = self.document.network
        return (not net.spheres and not isinstance(self._deco.colour_by, Group)
                and any(p.organisation for p in net.people.values() if not p.is_me))

    def set_decoration(self, deco: Decoration) -> None:
        was, self._deco = self._deco, deco
        if isinstance(was.colour_by, Group) != isinstance(deco.colour_by, Group):
            self.refresh()  # offers colouring by organisation, or no longer
        size = tr("all the same") if deco.size_by is None else decoration_name(deco.size_by)
        lines = [tr("<b>Node size</b>: {size}").format(size=size)]
        self.key.setToolTip("")
        if isinstance(deco.colour_by, Group):
            lines += group_lines(self.document.network, deco.colour_by)
            self.key.setToolTip(tr("Click a group to fade everyone else; click it again to "
                                   "show all"))
        elif deco.colour_by is not None:
            lines.append(
                tr("<b>Colour</b>: {decoration_name}, light 1 → dark 5").format(
                    decoration_name=decoration_name(deco.colour_by)
                )
            )
        if deco.outline_by is Upkeep.CADENCE:
            rings = ", ".join(f"<span style='color:{CADENCE_RINGS[s]}'>●</span> {w}"
                              for s, w in CADENCE_WORDS.items())
            lines.append(tr("<b>Ring</b>: stay in touch: {rings}").format(rings=rings))
        elif deco.outline_by is not None:
            lines.append(
                tr("<b>Outline</b>: {decoration_name}, thicker = higher").format(
                    decoration_name=decoration_name(deco.outline_by)
                )
            )
        if deco.tie_colour_by is not None:
            colours, words = TIE_RAMPS[deco.tie_colour_by], LEVEL_WORDS[deco.tie_colour_by]
            ramp = " … ".join(f"<span style='color:{colours[i]}'>━</span> {words[i]}"
                              for i in (0, 2, 4))
            lines.append(tr("<b>Tie to me</b>: {ramp}").format(ramp=ramp))
        if not self._ties_to_me:
            lines.append(tr("<b>Ties to me</b>: not drawn (View → Ties to Me)"))
        elif self._faint:
            lines.append(tr("<b>Ties to me</b>: faint, as nearly everyone here knows you "
                            "(View → Ties to Me leaves them out)"))
        if self._rings:
            lines.append(tr("<b>Rings</b>: how close we are (my trust, theirs, our tie), "
                            "closest inside"))
        self.key.setText("<br>".join(lines))

    def set_rings(self, shown: object) -> None:
        """Explain the ego layout's rings while the map shows them (``shown``: the rings, or
        None)."""
        self._rings = shown is not None
        self.set_decoration(self._deco)

    def set_mine_faint(self, faint: bool) -> None:
        """Say so while the map draws my ties faint (style.faint_ties_of_mine)."""
        self._faint = faint
        self.set_decoration(self._deco)

    def set_ties_to_me(self, shown: bool) -> None:
        """Say so while the map leaves out my ties."""
        self._ties_to_me = shown
        self.set_decoration(self._deco)

    def _on_list_selection_changed(self, *_: object) -> None:
        self.sig_focus_changed.emit(self.focus, self.mode.currentIndex() == FILTER)

    def _on_key_link_activated(self, link: str) -> None:
        if isinstance(group := self._deco.colour_by, Group):
            self.sig_group_picked.emit(group_people(self.document.network, group, link))

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if changes.spheres:
            self.refresh()  # a sphere gone takes its members with it
        elif changes.people:
            self.refresh(changes.people)
        if changes.people and isinstance(self._deco.colour_by, Group):
            self.set_decoration(self._deco)  # a group grew, shrank or changed colour


# The links of those in a smaller group and in none; a group's is "=" and its key, %-encoded.
OTHERS, NOBODY = "others", "none"


def group_lines(network: Network, group: Group) -> list[str]:
    """The legend's lines of people coloured by ``group``: each group coloured, with its
    people, then those in another group and in none; each a link to its people
    (:func:`group_people`)."""
    colours = group_colours(network, group)
    line = ("<span style='color:{}'>●</span> <a href='{}' style='text-decoration:none'>{}</a>"
            " ({})")
    lines = [tr("<b>Colour</b>: {decoration_name}").format(decoration_name=decoration_name(group))]
    lines += [line.format(colour, "=" + quote(name.casefold()), html.escape(name), number(count))
              for name, colour, count in colours.largest]
    if colours.other:
        lines.append(line.format(OTHER_GROUP, OTHERS, tr("in a smaller group"),
                                 number(colours.other)))
    if colours.none:
        lines.append(line.format(NO_GROUP, NOBODY, tr("not given"), number(colours.none)))
    return lines


def group_people(network: Network, group: Group, link: str) -> frozenset[PersonId]:
    """The people a line of :func:`group_lines` names, by its ``link``."""
    coloured = group_colours(network, group).colour
    keys = {p.id: group_key(p, group) for p in network.people.values() if not p.is_me}
    if link == OTHERS:
        return frozenset(pid for pid, key in keys.items() if key and key not in coloured)
    wanted = unquote(link.removeprefix("=")) if link.startswith("=") else ""
    return frozenset(pid for pid, key in keys.items() if key == wanted)
