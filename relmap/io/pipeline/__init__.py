"""From drafts to one edit: matching, merging, duplicates, ties, spheres, counts."""
