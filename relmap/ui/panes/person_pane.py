"""The person pane: edits the selected person, or rates and tags several people at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from relmap.analysis.referrals import introduced, introducers, referral_tree
from relmap.core.dates import ago, short_date
from relmap.core.i18n import named, tr
from relmap.core.ids import PersonId, TieId
from relmap.core.model import Person
from relmap.core.network import ChangeSet
from relmap.document.document import Document
from relmap.ui.panes.assessment_editor import AssessmentEditor
from relmap.ui.panes.person_form import PersonForm
from relmap.ui.panes.sphere_tags import SphereTags
from relmap.ui.panes.timeline import Timeline
from relmap.ui.selection import Selection

TIE_ROLE = Qt.ItemDataRole.UserRole


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setContentsMargins(0, 10, 0, 2)
    return label


class PersonPane(QScrollArea):
    """Follows the shared Selection; every change goes to the Document as an undoable edit."""

    sig_connect_requested = Signal(object)  # PersonId: "Connect to…"
    sig_log_requested = Signal()  # "Log interaction…"
    sig_spotlight_requested = Signal(object)  # frozenset[PersonId]: "Show on map"

    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Person"))
        self.document, self.selection = document, selection
        self.people: frozenset[PersonId] = frozenset()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.subtitle.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.meta.setStyleSheet("font-size: 8pt;")
        self.placeholder = QLabel(tr("Select a person on the map or in the list."))
        self.placeholder.setWordWrap(True)
        self.form = PersonForm(document)
        self.assessment = AssessmentEditor(document)
        self.spheres = SphereTags(document)
        self.ties = QListWidget()
        self.ties.setAccessibleName(tr("Ties"))
        self.ties.setMaximumHeight(140)
        self.connect_button = QPushButton(tr("Connect to…"))
        self.timeline = Timeline(document)
        self.log_button = QPushButton(tr("Log interaction…"))
        self.referrals = QLabel()
        self.referrals.setWordWrap(True)
        self.referrals.setAccessibleName(tr("How we met"))
        self.referral_button = QPushButton(tr("Show on map"))
        self.referral_button.setToolTip(tr("Light up who introduced whom, back to you"))
        self.referral_button.clicked.connect(self._on_referral_clicked)
        self._build()
        self.ties.itemActivated.connect(self._on_ties_item_activated)
        self.ties.itemClicked.connect(self._on_ties_item_activated)
        self.connect_button.clicked.connect(self._on_connect_clicked)
        self.log_button.clicked.connect(self.sig_log_requested)
        selection.sig_changed.connect(self._on_selection_changed)
        document.sig_changed.connect(self._on_document_changed)
        document.sig_held.connect(self._on_held)
        self._waiting = False  # the selection changed during a drag
        self.show_people(selection.people)

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.meta)
        layout.addWidget(self.placeholder)
        self.assessment_heading = _heading(tr("Assessment"))
        layout.addWidget(self.assessment_heading)
        layout.addWidget(self.assessment)
        self.spheres_heading = _heading(tr("Spheres"))
        layout.addWidget(self.spheres_heading)
        layout.addWidget(self.spheres)
        self.person_only: list[QWidget] = [self.form]
        layout.addWidget(self.form)
        ties_heading = _heading(tr("Ties"))
        layout.addWidget(ties_heading)
        layout.addWidget(self.ties)
        layout.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.person_only += [ties_heading, self.ties, self.connect_button]
        referral_heading = _heading(tr("How we met"))
        layout.addWidget(referral_heading)
        layout.addWidget(self.referrals)
        layout.addWidget(self.referral_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.person_only += [referral_heading, self.referrals, self.referral_button]
        contact_heading = _heading(tr("Keeping in touch"))
        for widget in (contact_heading, self.timeline):
            layout.addWidget(widget)
        layout.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.person_only += [contact_heading, self.timeline, self.log_button]
        layout.addStretch(1)
        self.setWidget(body)

    @property
    def person(self) -> PersonId | None:
        return next(iter(self.people)) if len(self.people) == 1 else None

    def show_people(self, ids: frozenset[PersonId]) -> None:
        net = self.document.network
        self.people = frozenset(p for p in ids if p in net.people)
        single, some = self.person is not None, bool(self.people)
        self.placeholder.setVisible(not some)
        for widget in self.person_only:
            widget.setVisible(single)
        for widget in (
            self.assessment_heading,
            self.assessment,
            self.spheres_heading,
            self.spheres,
        ):
            widget.setVisible(some)
        self.form.show_person(self.person)
        self.assessment.show_people(self.people)
        self.spheres.show_people(self.people)
        self._refresh_header()
        self._refresh_ties()
        self._refresh_referrals()
        self.timeline.show_person(self.person)

    def flush(self) -> None:
        """Commit whatever is still being typed."""
        self.form.flush()
        self.assessment.flush()

    def focus_name(self) -> None:
        name = self.form.bindings["display_name"].widget
        name.setFocus(Qt.FocusReason.OtherFocusReason)
        if hasattr(name, "selectAll"):
            name.selectAll()

    def _refresh_header(self) -> None:
        net = self.document.network
        title, subtitle, meta = "", "", ""
        if self.person is not None:
            p = net.people[self.person]
            title = p.display_name + (tr("  · me") if p.is_me else "")
            subtitle = " · ".join(x for x in (p.title, p.organisation) if x)
            added = short_date(p.created)
            origin = tr("from {source}").format(source=p.source) if p.source else ""
            when = "" if added in p.source else added  # an import's source names its day
            meta = tr("Added {join} · {_changed}").format(
                join=", ".join(x for x in (origin, when) if x), _changed=self._changed(p)
            )
            meta += self._team_trust(p.id)
        elif self.people:
            title = tr("{n_people} people selected").format(n_people=len(self.people))
            subtitle = tr("Ratings and spheres set here apply to all of them.")
        for label, text in ((self.title, title), (self.subtitle, subtitle), (self.meta, meta)):
            label.setText(text)
            label.setVisible(bool(text))

    def _changed(self, person: Person) -> str:
        """When the person last changed, and by whom if that was another member."""
        stamp = self.document.last_change(person.id)
        self.meta.setToolTip(stamp.summary if stamp else "")
        if stamp is not None and stamp.member != self.document.repository.member:
            return tr("changed by {member}, {ago}").format(member=stamp.member, ago=ago(stamp.at))
        return tr("changed {short_date}").format(short_date=short_date(person.updated))

    def _team_trust(self, person: PersonId) -> str:
        """On a team map, how much each member trusts the person, most first: who in the
        team knows them best."""
        team = self.document.repository.team_ratings(person).get(person, {})
        if set(team) <= {self.document.repository.member}:
            return ""  # a map file, or only my own ratings, shown above
        ranked = sorted(team.items(), key=lambda mt: -(mt[1].trust_given or 0))
        return tr("\nTeam trust: ") + " · ".join(f"{m} {a.trust_given or '–'}" for m, a in ranked)

    def _refresh_ties(self) -> None:
        self.ties.clear()
        if self.person is None:
            return
        net = self.document.network
        for tie in sorted(net.ties_of(self.person), key=lambda t: t.id):
            other = net.people[tie.b if tie.a == self.person else tie.a]
            arrow = "" if not tie.directed else " →" if tie.a == self.person else " ←"
            item = QListWidgetItem(
                tr("{display_name}{arrow} · {value} · strength {strength}").format(
                    display_name=other.display_name,
                    arrow=arrow,
                    value=named(tie.kind),
                    strength=tie.strength,
                )
            )
            item.setData(TIE_ROLE, tie.id)
            self.ties.addItem(item)

    def _refresh_referrals(self) -> None:
        if self.person is None:
            return
        net = self.document.network
        person = net.people[self.person]
        names = [net.people[p].display_name for p in reversed(introducers(net, self.person))]
        lines = [person.how_we_met] if person.how_we_met else []
        if names:
            me = net.me
            start = [me.display_name] if me is not None else []
            lines.append(
                tr("Introduced through ") + " → ".join([*start, *names, person.display_name])
            )
        children = introduced(net).get(self.person, [])
        if children:
            lines.append(
                tr("Introduced you to ") + ", ".join(net.people[c].display_name for c in children)
            )
        self.referrals.setText("\n".join(lines) or tr("No introduction recorded."))
        self.referral_button.setEnabled(bool(names or children))

    def _on_referral_clicked(self) -> None:
        if self.person is not None:
            self.sig_spotlight_requested.emit(referral_tree(self.document.network, self.person))

    def _on_ties_item_activated(self, item: QListWidgetItem) -> None:
        self.selection.set_tie(TieId(int(item.data(TIE_ROLE))), origin=self)

    def _on_connect_clicked(self) -> None:
        if self.person is not None:
            self.sig_connect_requested.emit(self.person)

    def _on_selection_changed(self, _origin: object) -> None:
        if self.document.held:  # a drag picked someone: the pane fills in once it lands
            self._waiting = True
        else:
            self._show_selection()

    def _show_selection(self) -> None:
        if self.selection.tie is None:
            self.show_people(self.selection.people)

    def _on_held(self, held: bool) -> None:
        if not held and self._waiting:
            self._waiting = False
            QTimer.singleShot(0, self, self._show_selection)  # once the drop is drawn

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if not self.people:
            return
        if self.people - self.document.network.people.keys():
            self.show_people(self.people)
            return
        if self.person in changes.people:
            if changes.origin is not self.form:
                self.form.refresh()
            self._refresh_header()
        if changes.ties or changes.structural:
            self._refresh_ties()
        if changes.people or changes.structural:
            self._refresh_referrals()
        if changes.any_records or self.person in changes.people:
            self.timeline.show_person(self.person)
