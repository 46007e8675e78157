"""The errors an importer or exporter may raise: all of them are the user's to act on."""

from __future__ import annotations

from relmap.core.errors import KnownError


class ImportRefusedError(KnownError):
    """The file cannot be imported at all; the message says why, in the user's terms."""


class ImportCancelledError(ImportRefusedError):
    """The user cancelled the import before it finished; nothing was changed."""


class ExportFailedError(KnownError):
    """The export could not be written (bad path or format, disk full...)."""
