"""The print-quality map renderer (QtGui only): PNG, SVG and PDF from one QPainter path."""
