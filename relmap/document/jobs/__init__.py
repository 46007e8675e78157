"""Background work: one job base, with layout, import reading and placement built on it."""
