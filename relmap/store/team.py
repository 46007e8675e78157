"""Roles on a team map, enforced by the PostgreSQL server itself: editors change the map,
viewers open and export it (docs/architecture.md §3)."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

from relmap.core.errors import KnownError

EDITOR, VIEWER = "relmap_editor", "relmap_viewer"  # the group roles members belong to
_TABLES = "ALL TABLES IN SCHEMA public"


def set_up_team(engine: Engine, editors: list[str], viewers: list[str]) -> list[str]:
    """Create the editor and viewer roles with their rights on every table (now and later
    ones), and make each named member one of them. Returns what was done, in words."""
    if engine.dialect.name != "postgresql":
        raise KnownError("roles need a team map on a PostgreSQL server; a map file is one "
                         "person's")
    done: list[str] = []
    with engine.begin() as conn:
        for role in (EDITOR, VIEWER):
            if _create_role(conn, role, login=False):
                done.append(f"created the role {role}")
        statements = [
            f"GRANT USAGE ON SCHEMA public TO {EDITOR}, {VIEWER}",
            f"GRANT SELECT ON {_TABLES} TO {EDITOR}, {VIEWER}",
            f"GRANT INSERT, UPDATE, DELETE ON {_TABLES} TO {EDITOR}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {EDITOR}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {EDITOR}, "
            f"{VIEWER}",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE, DELETE ON TABLES "
            f"TO {EDITOR}",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "
            f"{EDITOR}",
        ]
        for table, policy in (("assessment", "own_ratings"), ("assessment_history", "own_history")):
            # Each member reads and writes only their own ratings and private notes; the
            # team's view (team_rating) shows everyone's numbers.
            statements += [
                f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                f"DROP POLICY IF EXISTS {policy} ON {table}",
                f"CREATE POLICY {policy} ON {table} USING (member = current_user) "
                "WITH CHECK (member = current_user)",
            ]
        for statement in statements:
            conn.execute(text(statement))
        done.append(f"{EDITOR} may read and change the map; {VIEWER} may only read it; "
                    "each member's ratings and notes are their own")
        for members, group, other in ((editors, EDITOR, VIEWER), (viewers, VIEWER, EDITOR)):
            for member in members:
                quoted = _quoted(conn, member)
                if _create_role(conn, member, login=True):
                    done.append(f"created the member {member} (set a password with "
                                f"ALTER ROLE, or use .pgpass or certificates)")
                conn.execute(text(f"REVOKE {other} FROM {quoted}"))
                conn.execute(text(f"GRANT {group} TO {quoted}"))
                done.append(f"{member} is a{'n editor' if group == EDITOR else ' viewer'}")
    return done


def _quoted(conn: Connection, name: str) -> str:
    if not name.strip():
        raise KnownError("a member needs a name")
    return str(conn.scalar(text("SELECT quote_ident(:name)"), {"name": name}))


def _create_role(conn: Connection, name: str, *, login: bool) -> bool:
    """Create the role ``name`` unless it exists; True if it was created."""
    if conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}):
        return False
    conn.execute(text(f"CREATE ROLE {_quoted(conn, name)} {'LOGIN' if login else 'NOLOGIN'}"))
    return True


def can_write(conn: Connection) -> bool:
    """Whether the connected role may change the map."""
    if conn.dialect.name != "postgresql":
        return True
    return bool(conn.scalar(text("SELECT has_table_privilege('person', 'UPDATE')")))
