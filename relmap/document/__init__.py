"""The open map: the Document, its undo commands and background workers (QtCore/QtGui only)."""
