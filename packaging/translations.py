"""relmap's translations: gather every ``tr()``/``ntr()`` text of the package, and the fixed values
the window names (``relmap.core.i18n.named``), into each language's catalogue; then compile.

    python packaging/translations.py update    new texts join each .po, untranslated
    python packaging/translations.py compile   each .po becomes the .mo relmap reads

A test checks that each catalogue holds every text, translated, and that the .mo is current.
"""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
KEYWORDS = {"tr": None, "tr_later": None, "ntr": (1, 2)}
VALUE = "value"  # relmap.core.i18n.VALUE


def named_enums() -> list[type[StrEnum]]:
    """The enums whose values the window shows through ``named()``."""
    sys.path.insert(0, str(ROOT))
    from relmap.analysis.filters import Field
    from relmap.analysis.upkeep import Status
    from relmap.core.model import (
        ExchangeKind,
        GoalKind,
        InteractionKind,
        RecordKind,
        Role,
        TieKind,
    )
    from relmap.render.options import Paper

    return [Role, TieKind, GoalKind, InteractionKind, ExchangeKind, RecordKind, Field, Status,
            Paper]


def template() -> Catalog:
    """Every text relmap shows, with where it comes from."""
    catalog = Catalog(project="relmap", fuzzy=False)
    found = extract_from_dir(
        ROOT / "relmap", method_map=[("**.py", "python")], keywords=KEYWORDS,
        comment_tags=("Translators:",), strip_comment_tags=True,
    )
    for filename, lineno, message, comments, _context in found:
        catalog.add(message, locations=[(f"relmap/{filename}", lineno)], auto_comments=comments)
    for enum in named_enums():
        for member in enum:
            catalog.add(member.value, locations=[(f"{enum.__module__}.{enum.__name__}", 0)],
                        auto_comments=["a fixed value the window names"], context=VALUE)
    return catalog


def catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/relmap.po"))


def read(po: Path) -> Catalog:
    with po.open("rb") as f:
        return read_po(f, locale=po.parent.parent.name)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    fresh = template()
    for po in catalogues():
        catalog = read(po)
        catalog.update(fresh, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with po.open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False, ignore_obsolete=True)
        print(f"{po.relative_to(ROOT)}: {len(catalog)} texts")


def compile_all() -> None:
    for po in catalogues():
        po.with_suffix(".mo").write_bytes(compiled(read(po)))
        print(f"{po.with_suffix('.mo').relative_to(ROOT)} written")


if __name__ == "__main__":
    {"update": update, "compile": compile_all}[sys.argv[1]]()
