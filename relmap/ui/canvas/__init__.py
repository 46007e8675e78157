"""The map canvas: nodes, ties, hulls and labels as arrays, pan, zoom and gestures."""
