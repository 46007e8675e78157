"""relmap: map your professional network."""

__version__ = "0.1.0"
