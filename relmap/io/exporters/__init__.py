"""One writer per data export format."""
