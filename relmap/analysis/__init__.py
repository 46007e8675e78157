"""Questions asked of the network: its graph view, neighbourhoods, closeness, label priority,
contact upkeep. Plain Python and numpy, no Qt; see docs/architecture.md."""
