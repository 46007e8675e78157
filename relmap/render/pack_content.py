"""What the mentor session pack says, page by page, as rich text in the redaction's terms.

Every name, organisation and free text passes through the pack's :class:`Redactor`, so a
redacted pack never holds them; an empty section says why it is empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

import numpy as np

from relmap.analysis.goals import SphereCoverage, goals_coverage, trusted_both_ways
from relmap.analysis.influence import NOBODY_STANDS_OUT, brokers, influence, nobody_stands_out
from relmap.analysis.measures import measures
from relmap.analysis.summary import community_groups, community_lines, summary
from relmap.analysis.then_now import FIELD_WORDS, TRUSTED, ThenNow
from relmap.analysis.upkeep import Status, balance_words, drifting, give_first, standings
from relmap.analysis.warm_paths import warm_paths
from relmap.core.dates import long_date, short_date
from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId
from relmap.core.model import MentorSession
from relmap.core.network import Network
from relmap.core.words import counted
from relmap.render.redaction import Redactor

TOP = 5  # influencers, brokers, communities, paths... listed per heading


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    html: str  # the body, without the title


class _Writer:
    """Builds one section's rich text; every value is escaped on the way in."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def heading(self, text: str) -> None:
        self.parts.append(f"<h2>{escape(text)}</h2>")

    def para(self, text: str, *, css: str = "") -> None:
        style = f' class="{css}"' if css else ""
        self.parts.append(f"<p{style}>{escape(text)}</p>")

    def why_empty(self, text: str) -> None:
        self.para(text, css="empty")

    def items(self, lines: Iterable[tuple[str, str]]) -> None:
        """A list of (bold lead, rest) lines."""
        rows = [f"<li><b>{escape(lead)}</b>{escape(rest)}</li>" for lead, rest in lines]
        if rows:
            self.parts.append("<ul>" + "".join(rows) + "</ul>")

    def table(self, rows: Sequence[Sequence[str]]) -> None:
        """A table whose first column is bold."""
        body = "".join(
            "<tr>" + "".join(f"<td class=\"{'lead' if i == 0 else 'cell'}\">{escape(c)}</td>"
                             for i, c in enumerate(row)) + "</tr>" for row in rows)
        self.parts.append(f'<table width="100%" cellspacing="0" cellpadding="4">{body}</table>')

    def html(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True, slots=True)
class PackInputs:
    """What the pack reads besides the map."""

    today: date
    since: date | None  # the start of "then and now"; None: no earlier session or date
    then_now: ThenNow | None
    session: MentorSession | None  # the session being prepared (today or later)
    last: MentorSession | None  # the last session before today


class PackContent:
    """The five text pages of the pack (the map is the first page)."""

    def __init__(self, network: Network, inputs: PackInputs, redactor: Redactor) -> None:
        self.network = network
        self.inputs = inputs
        self.r = redactor
        self.today = inputs.today

    def sections(self) -> list[Section]:
        return [self.state(), self.goals(), self.upkeep(), self.then_and_now(), self.next()]

    def name(self, pid: PersonId) -> str:
        return self.r.person(self.network.people[pid])

    # 2. The state of my network ------------------------------------------------------------
    def state(self) -> Section:
        network, w = self.network, _Writer()
        others = [p for p in network.people.values() if not p.is_me]
        if not others:
            w.why_empty(
                tr(
                    "The map has nobody on it but me yet: import contacts or add people, "
                    "then build the pack again."
                )
            )
            return Section(tr("The state of my network"), w.html())
        w.table(self._figures(others))
        w.heading(tr("Most influential"))
        if nobody_stands_out(network):
            w.why_empty(tr(NOBODY_STANDS_OUT))
        else:
            w.items((f"{self.name(i.person)}: ", self.r.words(i.explanation))
                    for i in influence(network, top=TOP))
        bridges = brokers(network, top=TOP)
        w.heading(tr("Bridges between groups"))
        if bridges:
            w.items((f"{self.name(pid)}: ", self.r.words(words)) for pid, _, words in bridges)
        else:
            w.why_empty(
                tr(
                    "Nobody links groups that would otherwise be apart: add the ties "
                    "between your contacts to see who bridges."
                )
            )
        w.heading(tr("Communities"))
        w.para(self._communities())
        return Section(tr("The state of my network"), w.html())

    def _figures(self, others: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
        network, figures = self.network, summary(self.network)
        n = len(others)
        spheres = Counter(s for p in others for s in p.spheres)
        thin = [self.r.sphere(s) for s in network.spheres if spheres[s] < 3]
        biggest = ", ".join(self.r.sphere(s) for s, _ in spheres.most_common(2))
        rows = [
            (
                tr("People"),
                tr("{n} in {counted}").format(
                    n=number(n), counted=counted(len(network.spheres), "sphere")
                ),
                (
                    tr("Most are in {biggest}").format(biggest=biggest)
                    if biggest
                    else tr("Nobody is in a sphere yet")
                )
                + (tr("; thin: {join}").format(join=", ".join(thin[:4])) if thin else ""),
            )
        ]
        share = round(100 * figures.internal / n)
        rows.append(
            (
                tr("Internal / external"),
                f"{share}% / {100 - share}%",
                tr("Mostly people outside my organisation")
                if share < 40
                else tr("Mostly people inside my organisation")
                if share > 60
                else tr("A balance of inside and outside"),
            )
        )
        trusting = sum(1 for p in others if (p.assessment.trust_received or 0) >= TRUSTED)
        trusted = sum(1 for p in others if (p.assessment.trust_given or 0) >= TRUSTED)
        both = sum(1 for p in others if trusted_both_ways(p, TRUSTED))
        rows.append(
            (
                tr("Trust both ways"),
                number(both),
                tr("{counted} I trust at {TRUSTED}+, {counted2} who trust me at {TRUSTED}+").format(
                    counted=counted(trusted, "person"),
                    TRUSTED=TRUSTED,
                    counted2=counted(trusting, "person"),
                ),
            )
        )
        year = [e for e in network.exchanges.values() if e.on > self.today - timedelta(days=365)]
        gave = sum(e.gave for e in year)
        got = len(year) - gave
        rows.append(
            (
                tr("Given / received"),
                f"{number(gave)} / {number(got)}",
                tr("No exchanges logged in the last year")
                if not year
                else tr("I give more than I take")
                if gave > 1.2 * got
                else tr("I take more than I give")
                if got > 1.2 * gave
                else tr("Give and take are in balance (last 12 months)"),
            )
        )
        status = Counter(s.status for s in standings(network, today=self.today).values())
        kept = sum(status.values())
        late = status[Status.DUE] + status[Status.OVERDUE]
        rows.append(
            (
                tr("Keeping in touch"),
                tr("{status} of {kept} in touch").format(
                    status=number(status[Status.OK]), kept=number(kept)
                ),
                tr("No stay-in-touch cadence applies to anyone yet")
                if not kept
                else tr("{status} overdue, {status2} due").format(
                    status=number(status[Status.OVERDUE]), status2=number(status[Status.DUE])
                )
                + ("" if late else tr(": nobody is drifting")),
            )
        )
        rows.append(
            (
                tr("Ties between contacts"),
                number(figures.ties),
                f"{counted(figures.components, 'group')}; "
                + (
                    ""
                    if np.isnan(figures.average_distance)
                    else tr("{average_distance} steps apart on average").format(
                        average_distance=number(figures.average_distance, 1)
                    )
                ),
            )
        )
        return rows

    def _communities(self) -> str:
        groups = community_groups(measures(self.network))
        if not groups:
            return tr("No communities: there are no ties between your contacts yet.")
        lines, more = community_lines(self.network, groups, self.r.sphere, top=TOP)
        return (
            "; ".join(lines)
            + (tr("; and {more} smaller").format(more=number(more)) if more > 0 else "")
            + "."
        )

    # 3. Goals and gaps ---------------------------------------------------------------------
    def goals(self) -> Section:
        w = _Writer()
        covered = goals_coverage(self.network, today=self.today)
        if not covered:
            w.why_empty(
                tr(
                    "No active goal: add one with New goal… in the Insight dock (better "
                    "known, better equipped or better connected) to see what it needs."
                )
            )
        for goal in covered:
            w.heading(f"{self.r.text(goal.goal.title)} ({goal.goal.kind.value})")
            w.table(
                [
                    (
                        self.r.sphere(s.sphere),
                        tr("{people} people, {trusted} trusted, {direct} tied to me").format(
                            people=number(s.people),
                            trusted=number(s.trusted),
                            direct=number(s.direct),
                        ),
                    )
                    for s in goal.spheres
                ]
            )
            gaps = [self.r.words(g) for g in goal.gaps]
            if gaps:
                w.items((tr("Gap: "), g) for g in gaps)
            else:
                w.para(tr("No gaps: every sphere and person the goal needs is within reach."))
            targets = frozenset(goal.goal.people) or self._beyond_me(goal.spheres)
            paths = warm_paths(self.network, targets & self.network.people.keys(),
                               today=self.today)
            if paths:
                w.para(tr("Warm introductions:"), css="lead")
                w.items(("", _capital(self.r.words(p.words))) for p in paths)
            elif targets:
                w.why_empty(tr("No chain of ties reaches its people yet."))
        return Section(tr("Goals and gaps"), w.html())

    def _beyond_me(self, spheres: Iterable[SphereCoverage]) -> frozenset[PersonId]:
        """The members of ``spheres`` I have no tie with: who an introduction would reach."""
        network, me = self.network, self.network.me
        tied = set() if me is None else {p for t in network.ties_of(me.id) for p in (t.a, t.b)}
        return frozenset(p for s in spheres for p in network.members(s.sphere)
                         if p not in tied)

    # 4. Keeping it alive -------------------------------------------------------------------
    def upkeep(self) -> Section:
        network, w = self.network, _Writer()
        w.heading(tr("Drifting"))
        drifts = drifting(network, today=self.today)[:8]
        if drifts:
            w.items((f"{self.name(d.person)}: ", self.r.words(d.words)) for d in drifts)
        else:
            w.why_empty(tr("Nobody is due: everyone with a cadence was contacted in time."))
        w.heading(tr("Give first"))
        owed = give_first(network, today=self.today)[:TOP]
        if owed:
            w.items(
                (
                    f"{self.name(pid)}: ",
                    tr("{balance_words}: they gave more than I did lately").format(
                        balance_words=balance_words(b)
                    ),
                )
                for pid, b in owed
            )
        else:
            w.why_empty(tr("Nobody has given me more than I gave them lately."))
        since = self.inputs.since
        w.heading(
            tr("Given and received")
            + (
                tr(" since {short_date}").format(short_date=short_date(since))
                if since
                else tr(" in the last 90 days")
            )
        )
        start = since or self.today - timedelta(days=90)
        logged = sorted((e for e in network.exchanges.values() if start < e.on <= self.today),
                        key=lambda e: e.on, reverse=True)
        if logged:
            w.items((f"{short_date(e.on)}: ", f"{'gave' if e.gave else 'received'} "
                     f"{e.kind.value} {'to' if e.gave else 'from'} {self.name(e.person)}")
                    for e in logged[:12])
            if len(logged) > 12:
                w.para(tr("and {n} more").format(n=number(len(logged) - 12)))
        else:
            w.why_empty(tr("Nothing given or received was logged in that time."))
        return Section(tr("Keeping it alive"), w.html())

    # 5. Then and now -----------------------------------------------------------------------
    def then_and_now(self) -> Section:
        change, w = self.inputs.then_now, _Writer()
        if change is None:
            w.why_empty(
                tr(
                    "There is no earlier session to compare with: record one in "
                    "Edit → Mentor Sessions, or build the pack with a date to "
                    "compare from (relmap pack --since)."
                )
            )
            return Section(tr("Then and now"), w.html())
        w.para(
            tr("From {long_date} to {long_date2}.").format(
                long_date=long_date(change.since), long_date2=long_date(change.until)
            ),
            css="lead",
        )
        rows = [
            (tr("Joined"), counted(len(change.joined), "person")),
            (tr("Left"), counted(len(change.left), "person")),
            (tr("Ties added / ended"), f"{number(len(change.ties))} / {number(len(change.ended))}"),
            (tr("Ratings changed"), number(len(change.ratings))),
            (tr("Interactions logged"), number(change.interactions)),
            (tr("Given / received"), f"{number(change.gave)} / {number(change.received)}"),
        ]
        w.table(rows)
        if change.joined:
            w.heading(tr("Who joined"))
            w.para(
                ", ".join(self.name(p) for p in change.joined[:30])
                + (
                    tr(" and {n} more").format(n=number(len(change.joined) - 30))
                    if len(change.joined) > 30
                    else ""
                )
            )
        for title, gone in ((tr("Who left the map"), change.left),
                            (tr("Ties that ended"), change.ended)):
            if gone:
                w.heading(title)
                w.para(
                    tr("Names are left out of a redacted pack.")
                    if self.r.redacting
                    else ", ".join(f"{r.name} ({short_date(r.removed.date())})" for r in gone)
                )
        w.heading(tr("Ratings that moved"))
        if change.ratings:
            w.items(
                (
                    f"{self.name(r.person)}: ",
                    tr("{what} {moved} from {then} to {now}").format(
                        what=FIELD_WORDS[r.field],
                        moved=tr("rose") if r.rose else tr("fell"),
                        then=r.then or tr("unrated"),
                        now=r.now or tr("unrated"),
                    ),
                )
                for r in change.ratings[:20]
            )
        else:
            w.why_empty(tr("No rating changed in that time."))
        if change.spheres:
            w.heading(tr("Spheres that grew or thinned"))
            w.items(
                (
                    f"{self.r.sphere(s.sphere)}: ",
                    tr(
                        "{people} → {people2} people, {trusted} → {trusted2} trusted both ways"
                    ).format(
                        people=number(s.people[0]),
                        people2=number(s.people[1]),
                        trusted=number(s.trusted[0]),
                        trusted2=number(s.trusted[1]),
                    ),
                )
                for s in change.spheres
            )
        w.heading(tr("Asks followed up"))
        steps = [(tr("Done: "), self.r.text(s.text)) for s in change.followed_up]
        steps += [(tr("Open: "), self.r.text(s.text)) for s in change.open_steps]
        if steps:
            w.items(steps)
        else:
            w.why_empty(tr("The earlier sessions agreed no next steps."))
        return Section(tr("Then and now"), w.html())

    # 6. Notes and next steps ---------------------------------------------------------------
    def next(self) -> Section:
        w, session, last = _Writer(), self.inputs.session, self.inputs.last
        if session is not None:
            mentor = (
                tr("my mentor")
                if self.r.redacting or not session.mentor.strip()
                else session.mentor.strip()
            )
            w.para(
                tr("For the session with {mentor} on {long_date}.").format(
                    mentor=mentor, long_date=long_date(session.on)
                ),
                css="lead",
            )
        w.heading(tr("Questions I bring"))
        questions = [q.strip() for q in (session.questions if session else "").splitlines()
                     if q.strip()]
        if questions:
            w.items(("", self.r.text(q)) for q in questions)
        else:
            w.why_empty(
                tr(
                    "No questions written yet: add them to the next session in "
                    "Edit → Mentor Sessions."
                )
            )
        w.heading(tr("Open next steps"))
        steps = [s for m in self.network.sessions.values() if m.on < self.today
                 for s in m.next_steps if not s.done]
        if steps:
            w.items(("", self.r.text(s.text)) for s in steps)
        else:
            w.why_empty(tr("Every next step agreed so far is done."))
        if last is not None:
            w.heading(
                tr("Notes of the session on {long_date}").format(long_date=long_date(last.on))
            )
            if self.r.redacting:
                w.why_empty(tr("Session notes are left out of a redacted pack."))
            elif last.notes.strip():
                for line in last.notes.strip().splitlines():
                    w.para(line)
            else:
                w.why_empty(tr("No notes were written for it."))
        return Section(tr("Notes and next steps"), w.html())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
