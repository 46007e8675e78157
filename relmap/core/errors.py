"""Error taxonomy: a KnownError is the user's or the environment's doing; anything else is a bug."""

from __future__ import annotations


class KnownError(Exception):
    """A problem the user can understand and act on (bad file, locked or newer database...)."""


class ValidationError(KnownError):
    """A value or an edit breaks a rule of the data model; nothing was changed."""
