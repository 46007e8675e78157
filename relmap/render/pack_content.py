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
from relmap.analysis.influence import brokers, influence
from relmap.analysis.measures import measures
from relmap.analysis.summary import community_groups, community_lines, summary
from relmap.analysis.then_now import FIELD_WORDS, TRUSTED, ThenNow
from relmap.analysis.upkeep import Status, balance_words, drifting, give_first, standings
from relmap.analysis.warm_paths import warm_paths
from relmap.core.dates import long_date, short_date
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
            w.why_empty("The map has nobody on it but me yet: import contacts or add people, "
                        "then build the pack again.")
            return Section("The state of my network", w.html())
        w.table(self._figures(others))
        ranked = influence(network)[:TOP]
        w.heading("Most influential")
        w.items((f"{self.name(i.person)}: ", self.r.words(i.explanation)) for i in ranked)
        bridges = brokers(network)[:TOP]
        w.heading("Bridges between groups")
        if bridges:
            w.items((f"{self.name(pid)}: ", self.r.words(words)) for pid, _, words in bridges)
        else:
            w.why_empty("Nobody links groups that would otherwise be apart: add the ties "
                        "between your contacts to see who bridges.")
        w.heading("Communities")
        w.para(self._communities())
        return Section("The state of my network", w.html())

    def _figures(self, others: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
        network, figures = self.network, summary(self.network)
        n = len(others)
        spheres = Counter(s for p in others for s in p.spheres)
        thin = [self.r.sphere(s) for s in network.spheres if spheres[s] < 3]
        biggest = ", ".join(self.r.sphere(s) for s, _ in spheres.most_common(2))
        rows = [("People", f"{n:,} in {counted(len(network.spheres), 'sphere')}",
                 (f"Most are in {biggest}" if biggest else "Nobody is in a sphere yet")
                 + (f"; thin: {', '.join(thin[:4])}" if thin else ""))]
        share = round(100 * figures.internal / n)
        rows.append(("Internal / external", f"{share}% / {100 - share}%",
                     "Mostly people outside my organisation" if share < 40 else
                     "Mostly people inside my organisation" if share > 60 else
                     "A balance of inside and outside"))
        trusting = sum(1 for p in others if (p.assessment.trust_received or 0) >= TRUSTED)
        trusted = sum(1 for p in others if (p.assessment.trust_given or 0) >= TRUSTED)
        both = sum(1 for p in others if trusted_both_ways(p, TRUSTED))
        rows.append(("Trust both ways", f"{both:,}",
                     f"{counted(trusted, 'person')} I trust at {TRUSTED}+, "
                     f"{counted(trusting, 'person')} who trust me at {TRUSTED}+"))
        year = [e for e in network.exchanges.values() if e.on > self.today - timedelta(days=365)]
        gave = sum(e.gave for e in year)
        got = len(year) - gave
        rows.append(("Given / received", f"{gave:,} / {got:,}",
                     "No exchanges logged in the last year" if not year else
                     "I give more than I take" if gave > 1.2 * got else
                     "I take more than I give" if got > 1.2 * gave else
                     "Give and take are in balance (last 12 months)"))
        status = Counter(s.status for s in standings(network, today=self.today).values())
        kept = sum(status.values())
        late = status[Status.DUE] + status[Status.OVERDUE]
        rows.append(("Keeping in touch", f"{status[Status.OK]:,} of {kept:,} in touch",
                     "No stay-in-touch cadence applies to anyone yet" if not kept else
                     f"{status[Status.OVERDUE]:,} overdue, {status[Status.DUE]:,} due"
                     + ("" if late else ": nobody is drifting")))
        rows.append(("Ties between contacts", f"{figures.ties:,}",
                     f"{counted(figures.components, 'group')}; "
                     + ("" if np.isnan(figures.average_distance) else
                        f"{figures.average_distance:.1f} steps apart on average")))
        return rows

    def _communities(self) -> str:
        groups = community_groups(measures(self.network))
        if not groups:
            return "No communities: there are no ties between your contacts yet."
        lines, more = community_lines(self.network, groups, self.r.sphere, top=TOP)
        return "; ".join(lines) + (f"; and {more:,} smaller" if more > 0 else "") + "."

    # 3. Goals and gaps ---------------------------------------------------------------------
    def goals(self) -> Section:
        w = _Writer()
        covered = goals_coverage(self.network, today=self.today)
        if not covered:
            w.why_empty("No active goal: add one with New goal… in the Insight dock (better "
                        "known, better equipped or better connected) to see what it needs.")
        for goal in covered:
            w.heading(f"{self.r.text(goal.goal.title)} ({goal.goal.kind.value})")
            w.table([(self.r.sphere(s.sphere), f"{s.people:,} people, {s.trusted:,} trusted, "
                      f"{s.direct:,} tied to me") for s in goal.spheres])
            gaps = [self.r.words(g) for g in goal.gaps]
            if gaps:
                w.items(("Gap: ", g) for g in gaps)
            else:
                w.para("No gaps: every sphere and person the goal needs is within reach.")
            targets = frozenset(goal.goal.people) or self._beyond_me(goal.spheres)
            paths = warm_paths(self.network, targets & self.network.people.keys(),
                               today=self.today)
            if paths:
                w.para("Warm introductions:", css="lead")
                w.items(("", _capital(self.r.words(p.words))) for p in paths)
            elif targets:
                w.why_empty("No chain of ties reaches its people yet.")
        return Section("Goals and gaps", w.html())

    def _beyond_me(self, spheres: Iterable[SphereCoverage]) -> frozenset[PersonId]:
        """The members of ``spheres`` I have no tie with: who an introduction would reach."""
        network, me = self.network, self.network.me
        tied = set() if me is None else {p for t in network.ties_of(me.id) for p in (t.a, t.b)}
        return frozenset(p for s in spheres for p in network.members(s.sphere)
                         if p not in tied)

    # 4. Keeping it alive -------------------------------------------------------------------
    def upkeep(self) -> Section:
        network, w = self.network, _Writer()
        w.heading("Drifting")
        drifts = drifting(network, today=self.today)[:8]
        if drifts:
            w.items((f"{self.name(d.person)}: ", self.r.words(d.words)) for d in drifts)
        else:
            w.why_empty("Nobody is due: everyone with a cadence was contacted in time.")
        w.heading("Give first")
        owed = give_first(network, today=self.today)[:TOP]
        if owed:
            w.items((f"{self.name(pid)}: ", f"{balance_words(b)}: they gave more than I did "
                     "lately") for pid, b in owed)
        else:
            w.why_empty("Nobody has given me more than I gave them lately.")
        since = self.inputs.since
        w.heading("Given and received" + (f" since {short_date(since)}" if since else
                                          " in the last 90 days"))
        start = since or self.today - timedelta(days=90)
        logged = sorted((e for e in network.exchanges.values() if start < e.on <= self.today),
                        key=lambda e: e.on, reverse=True)
        if logged:
            w.items((f"{short_date(e.on)}: ", f"{'gave' if e.gave else 'received'} "
                     f"{e.kind.value} {'to' if e.gave else 'from'} {self.name(e.person)}")
                    for e in logged[:12])
            if len(logged) > 12:
                w.para(f"and {len(logged) - 12:,} more")
        else:
            w.why_empty("Nothing given or received was logged in that time.")
        return Section("Keeping it alive", w.html())

    # 5. Then and now -----------------------------------------------------------------------
    def then_and_now(self) -> Section:
        change, w = self.inputs.then_now, _Writer()
        if change is None:
            w.why_empty("There is no earlier session to compare with: record one in "
                        "Edit → Mentor Sessions, or build the pack with a date to "
                        "compare from (relmap pack --since).")
            return Section("Then and now", w.html())
        w.para(f"From {long_date(change.since)} to {long_date(change.until)}.", css="lead")
        rows = [
            ("Joined", counted(len(change.joined), "person")),
            ("Left", counted(len(change.left), "person")),
            ("Ties added / ended", f"{len(change.ties):,} / {len(change.ended):,}"),
            ("Ratings changed", f"{len(change.ratings):,}"),
            ("Interactions logged", f"{change.interactions:,}"),
            ("Given / received", f"{change.gave:,} / {change.received:,}"),
        ]
        w.table(rows)
        if change.joined:
            w.heading("Who joined")
            w.para(", ".join(self.name(p) for p in change.joined[:30])
                   + (f" and {len(change.joined) - 30:,} more" if len(change.joined) > 30
                      else ""))
        for title, gone in (("Who left the map", change.left), ("Ties that ended", change.ended)):
            if gone:
                w.heading(title)
                w.para("Names are left out of a redacted pack." if self.r.redacting else
                       ", ".join(f"{r.name} ({short_date(r.removed.date())})" for r in gone))
        w.heading("Ratings that moved")
        if change.ratings:
            w.items((f"{self.name(r.person)}: ", f"{FIELD_WORDS[r.field]} "
                     f"{'rose' if r.rose else 'fell'} from {r.then or 'unrated'} to "
                     f"{r.now or 'unrated'}") for r in change.ratings[:20])
        else:
            w.why_empty("No rating changed in that time.")
        if change.spheres:
            w.heading("Spheres that grew or thinned")
            w.items((f"{self.r.sphere(s.sphere)}: ",
                     f"{s.people[0]:,} → {s.people[1]:,} people, "
                     f"{s.trusted[0]:,} → {s.trusted[1]:,} trusted both ways")
                    for s in change.spheres)
        w.heading("Asks followed up")
        steps = [("Done: ", self.r.text(s.text)) for s in change.followed_up]
        steps += [("Open: ", self.r.text(s.text)) for s in change.open_steps]
        if steps:
            w.items(steps)
        else:
            w.why_empty("The earlier sessions agreed no next steps.")
        return Section("Then and now", w.html())

    # 6. Notes and next steps ---------------------------------------------------------------
    def next(self) -> Section:
        w, session, last = _Writer(), self.inputs.session, self.inputs.last
        if session is not None:
            mentor = "my mentor" if self.r.redacting or not session.mentor.strip() \
                else session.mentor.strip()
            w.para(f"For the session with {mentor} on {long_date(session.on)}.", css="lead")
        w.heading("Questions I bring")
        questions = [q.strip() for q in (session.questions if session else "").splitlines()
                     if q.strip()]
        if questions:
            w.items(("", self.r.text(q)) for q in questions)
        else:
            w.why_empty("No questions written yet: add them to the next session in "
                        "Edit → Mentor Sessions.")
        w.heading("Open next steps")
        steps = [s for m in self.network.sessions.values() if m.on < self.today
                 for s in m.next_steps if not s.done]
        if steps:
            w.items(("", self.r.text(s.text)) for s in steps)
        else:
            w.why_empty("Every next step agreed so far is done.")
        if last is not None:
            w.heading(f"Notes of the session on {long_date(last.on)}")
            if self.r.redacting:
                w.why_empty("Session notes are left out of a redacted pack.")
            elif last.notes.strip():
                for line in last.notes.strip().splitlines():
                    w.para(line)
            else:
                w.why_empty("No notes were written for it.")
        return Section("Notes and next steps", w.html())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
