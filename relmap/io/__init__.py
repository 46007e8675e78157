"""Importers and exporters of network data (not pictures); no Qt here (DESIGN §2, §6)."""
