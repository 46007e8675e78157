"""Plain-Python domain of relmap: people, ties, spheres, ratings, and the edits that change them."""
