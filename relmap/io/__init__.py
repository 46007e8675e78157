"""Importers and exporters of network data (not pictures); no Qt here
(docs/architecture.md §1, §4)."""
