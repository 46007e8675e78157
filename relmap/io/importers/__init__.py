"""One reader per import format, each yielding a ParsedFile of drafts."""
