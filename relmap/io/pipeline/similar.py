"""Possible duplicates the exact keys miss: a typo or an accent in a name, "Ericsson AB" for
"Ericsson". Names and organisations are compared with rapidfuzz, within the people who share
the rarest word of the name, and a hit is only ever offered for review, never merged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz

from relmap.core.i18n import number, tr
from relmap.io.values import normalise_name, organisation_key

R = TypeVar("R")

NAME_SCORE = 90  # token-sorted similarity of two folded names, percent
ORG_SCORE = 90  # and of their organisations once legal forms are dropped
_BLOCK = 400  # a word shared by more people than this is too common to compare on


@dataclass(frozen=True, slots=True)
class Probe:
    """A person as the similarity test sees them."""

    name: str  # folded
    org: str  # folded, without its legal form
    profile: str = ""  # a profile URL's key: two different ones are two different people

    @classmethod
    def of(cls, name: str, organisation: str, profile: str = "") -> Probe:
        return cls(normalise_name(name), organisation_key(organisation), profile)


class SimilarIndex(Generic[R]):
    """People by each word of their name, to find the ones similar to a newcomer."""

    def __init__(self) -> None:
        self._by_word: dict[str, list[tuple[R, Probe]]] = {}

    def add(self, ref: R, probe: Probe) -> None:
        if probe.name and probe.org:  # without an organisation a similar name says too little
            for word in set(probe.name.split()):
                self._by_word.setdefault(word, []).append((ref, probe))

    def find(self, probe: Probe) -> tuple[R, str] | None:
        """The most similar person already added, with the scores in words; None if nobody
        is similar enough in both name and organisation."""
        if not (probe.name and probe.org):
            return None
        blocks = [b for w in set(probe.name.split()) if (b := self._by_word.get(w))]
        if not blocks:
            return None
        block = min(blocks, key=len)
        if len(block) > _BLOCK:
            return None
        best: tuple[float, R, str] | None = None
        for ref, other in block:
            if probe.profile and other.profile and probe.profile != other.profile:
                continue
            name = fuzz.token_sort_ratio(probe.name, other.name, score_cutoff=NAME_SCORE)
            if not name:
                continue
            org = fuzz.token_set_ratio(probe.org, other.org, score_cutoff=ORG_SCORE)
            if org and (best is None or name + org > best[0]):
                best = (
                    name + org,
                    ref,
                    tr("names {name}%, organisations {org}% alike").format(
                        name=number(name, 0), org=number(org, 0)
                    ),
                )
        return None if best is None else (best[1], best[2])
