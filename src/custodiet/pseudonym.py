"""Stable pseudonyms for people looked up: "Person 7F3A", from a keyed hash of the id.

Shared by detection (narratives) and the workbench (pages), so it lives outside both. The
key comes from the environment (custodiet.config.pseudonym_key) and is never stored.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from custodiet.config import pseudonym_key

MARKER_LABELS: dict[str, str] = {
    "domestic_abuse_victim": "domestic-abuse victim",
    "sexual_offence_victim": "sexual-offence victim",
    "child": "child",
    "mental_health": "mental-health concern",
    "substance_misuse": "substance misuse",
    "sex_worker": "sex worker",
    "missing_person": "missing person",
    "arrested_suspect": "arrested suspect",
    "homeless": "homeless",
    "modern_slavery_victim": "modern-slavery victim",
    "vulnerable_adult": "vulnerable adult",
}


def pseudonym_code(force: str, nominal_id: str) -> str:
    """The four hex digits of a person's pseudonym (HMAC-SHA256 of force|nominal_id)."""
    digest = hmac.new(
        pseudonym_key(force), f"{force}|{nominal_id}".encode(), hashlib.sha256
    ).hexdigest()
    return digest[:4].upper()


def pseudonym(force: str, nominal_id: str) -> str:
    """A person's stable pseudonym, e.g. "Person 7F3A"."""
    return f"Person {pseudonym_code(force, nominal_id)}"


def age_band(birth_year: int | None, *, at_year: int) -> str | None:
    """An age band such as "20s" (or "under 18"), from a birth year."""
    if birth_year is None:
        return None
    age = at_year - birth_year
    if age < 0:
        return None
    if age < 18:
        return "under 18"
    return f"{(age // 10) * 10}s"


def describe_person(
    *,
    markers: Iterable[str] = (),
    sex: str | None = None,
    birth_year: int | None = None,
    at_year: int,
) -> str:
    """What may be shown about a pseudonymised person: "domestic-abuse victim, F, 20s"."""
    parts = [MARKER_LABELS.get(m, m.replace("_", " ")) for m in markers if m]
    if sex:
        parts.append(sex)
    band = age_band(birth_year, at_year=at_year)
    if band:
        parts.append(band)
    return ", ".join(parts)


def pseudonym_with_description(
    force: str,
    nominal_id: str,
    *,
    markers: Iterable[str] = (),
    sex: str | None = None,
    birth_year: int | None = None,
    at_year: int,
) -> str:
    """ "Person 7F3A — domestic-abuse victim, F, 20s" (or just the pseudonym)."""
    described = describe_person(markers=markers, sex=sex, birth_year=birth_year, at_year=at_year)
    name = pseudonym(force, nominal_id)
    return f"{name} — {described}" if described else name
