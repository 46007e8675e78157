"""Network analysis on the core network: influence, brokerage, communities, warm paths."""
