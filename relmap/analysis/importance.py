"""Which people matter most on a drawn map: the order in which labels earn their place."""

from __future__ import annotations

import math

from relmap.core.model import Person

ME = 1e9  # me is always labelled first


def label_importance(person: Person, degree: int) -> float:
    """How much a person's label deserves its place: me first, then quality, relevance,
    trust and reach.

    Parameters
    ----------
    person
        The person labelled.
    degree
        Their number of ties among the people drawn.

    Returns
    -------
    float
        ``2 × quality + relevance + trust given + √degree``, an unrated value counting 2.
    """
    if person.is_me:
        return ME
    a = person.assessment
    return 2.0 * (a.quality or 2) + (a.relevance or 2) + (a.trust_given or 2) + math.sqrt(degree)
