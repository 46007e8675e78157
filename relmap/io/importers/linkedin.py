"""LinkedIn ``Connections.csv`` ("Get a copy of your data"): people, their tie to me, companies."""

from __future__ import annotations

from datetime import date, datetime
from operator import itemgetter
from pathlib import Path

from relmap.core.i18n import tr
from relmap.core.model import TieKind
from relmap.io.errors import ImportRefusedError
from relmap.io.importers.contact_rows import RowResult, read_rows
from relmap.io.importers.drafts import Fields, make_draft, provenance
from relmap.io.importers.table import Row, Table, read_table
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import ME, Issue, ParsedFile, TieDraft
from relmap.io.values import parse_date, profile_key, split_credentials

LABEL = "LinkedIn"
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On")
CONNECTION_STRENGTH = 2  # a LinkedIn connection alone says little about the relationship


def is_header(cells: list[str]) -> bool:
    folded = {c.casefold() for c in cells}
    return {"first name", "last name"} <= folded and bool(
        folded & {"connected on", "company", "position"}
    )


def parse(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read a LinkedIn Connections.csv; each row is a person with a tie to me.

    Parameters
    ----------
    path
        The file. The notes above the header are skipped; columns are found by name (older
        exports have no URL column).
    options
        Progress/cancel hooks, the import date, and whether companies become spheres.

    Returns
    -------
    ParsedFile
        One person per row (profile URL as identity) and one tie to me dated by
        "Connected On"; rows without a name are skipped with the reason.
    """
    options = options or ParseOptions()
    table = read_table(path, expected=tr("a LinkedIn Connections.csv"), header=is_header)
    if not table.rows:
        raise ImportRefusedError(
            tr("{name} has no connections in it (only a header row)").format(name=path.name)
        )
    return read_rows(table, label=LABEL, source=provenance(LABEL, options.today),
                     options=options, path=path, read=_Reader(table, options.company_spheres))


class _Reader:
    """Reads rows by column position (found once by name): the hot loop of big files."""

    def __init__(self, table: Table, company_spheres: bool) -> None:
        # A column an older export lacks reads as the cell after the last one, padded blank.
        columns = [table.column(name) for name in HEADER]
        width = len(table.headers)
        self.cells = itemgetter(*(width if c is None else c for c in columns))
        self.pad = [""] if None in columns else []
        self.company_spheres = company_spheres
        self.now = datetime.now()

    def __call__(self, _table: Table, row: Row, source: str, issues: list[Issue]) -> RowResult:
        first, last, url, email, company, position, connected = self.cells(
            row.cells + self.pad if self.pad else row.cells)
        given, given_creds = split_credentials(first)
        family, family_creds = split_credentials(last)
        credentials = ", ".join(c for c in (given_creds, family_creds) if c)
        company = company.strip()
        fields = Fields(
            given_name=given, family_name=family, organisation=company, title=position,
            url=url, notes=f"Credentials: {credentials}" if credentials else "",
            spheres=[company] if self.company_spheres and company else [],
        )
        if email:
            fields.add_emails(email, "", row.where, issues)
        identity = profile_key(url)
        draft = make_draft(row.where, row.where, fields, source=source, issues=issues,
                           identity=identity if "/" in identity else "", now=self.now)
        if isinstance(draft, Issue):
            return draft
        return draft, [TieDraft(draft.key, ME, row.where, TieKind.OTHER,
                                strength=CONNECTION_STRENGTH,
                                since=_since(row, connected, issues), source=source)]


def _since(row: Row, text: str, issues: list[Issue]) -> date | None:
    try:
        return parse_date(text)
    except ValueError as exc:
        issues.append(
            Issue(row.where, tr("{exc}; the connection is imported without a date").format(exc=exc))
        )
        return None
