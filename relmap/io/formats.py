"""The import formats by name, and the one safe way to parse a file: refuse, never crash."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from relmap.core.bulk import bulk_objects
from relmap.core.errors import KnownError
from relmap.io.errors import ImportRefusedError
from relmap.io.importers import (
    generic_csv,
    google,
    graph_import,
    json_import,
    kumu,
    linkedin,
    outlook,
    vcard_import,
)
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import ParsedFile

log = logging.getLogger("relmap.io")

Parser = Callable[[Path, ParseOptions], ParsedFile]


@dataclass(frozen=True)
class ImportFormat:
    """One importable format: its command-line name, what the user sees, file patterns."""

    name: str
    label: str
    patterns: tuple[str, ...]
    parser: Parser


IMPORT_FORMATS: dict[str, ImportFormat] = {
    f.name: f for f in (
        ImportFormat("linkedin", "LinkedIn Connections.csv", ("*.csv",), linkedin.parse),
        ImportFormat("google", "Google Contacts CSV", ("*.csv",), google.parse),
        ImportFormat("outlook", "Outlook CSV", ("*.csv",), outlook.parse),
        ImportFormat("vcard", "vCard", ("*.vcf", "*.vcard"), vcard_import.parse),
        ImportFormat("csv", "CSV with column mapping", ("*.csv", "*.tsv", "*.txt"),
                     generic_csv.parse),
        ImportFormat("kumu", "Kumu JSON or XLSX", ("*.json", "*.xlsx"), kumu.parse),
        ImportFormat("gexf", "GEXF (Gephi)", ("*.gexf", "*.gexf.gz"), graph_import.parse_gexf),
        ImportFormat("graphml", "GraphML (yEd, Cytoscape, Gephi)",
                     ("*.graphml", "*.graphml.gz", "*.xml"), graph_import.parse_graphml),
        ImportFormat("json", "relmap JSON", ("*.json",), json_import.parse),
    )
}


def parse_file(fmt: str, path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Parse ``path`` as format ``fmt``; the only error it raises is ImportRefusedError.

    Parameters
    ----------
    fmt
        A key of ``IMPORT_FORMATS`` ("linkedin", "google", ...).
    path
        The file to read.
    options
        Progress/cancel hooks and format choices.

    Returns
    -------
    ParsedFile
        Drafts and per-record issues; ``records`` = imported + skipped.
    """
    if fmt not in IMPORT_FORMATS:
        known = ", ".join(IMPORT_FORMATS)
        raise ImportRefusedError(f"'{fmt}' is not an import format (choose one of {known})")
    options = options or ParseOptions()
    try:
        with bulk_objects():
            return IMPORT_FORMATS[fmt].parser(path, options)
    except ImportRefusedError:
        raise
    except KnownError as exc:
        raise ImportRefusedError(str(exc)) from exc
    except RecursionError as exc:
        raise ImportRefusedError(f"{path.name} is nested too deeply to read") from exc
    except MemoryError as exc:
        raise ImportRefusedError(f"{path.name} is too large to read in memory") from exc
    except Exception as exc:  # a bug or a library's surprise: refuse, log the details
        log.exception("cannot import %s as %s", path, fmt)
        raise ImportRefusedError(f"{path.name} could not be read as {IMPORT_FORMATS[fmt].label} "
                            f"({type(exc).__name__}: {exc})") from exc
