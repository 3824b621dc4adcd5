"""A postal address that can exist: the state/province and the postal code against the country (R-MC-1).

* State/province: where ``pycountry`` lists subdivisions for the country, the value must name one,
  by code (``TX``, ``US-TX``) or name (``Texas``), in any case, with or without accents, with the
  subdivision's type in front (``County Dublin``) and either spelling of a bilingual name
  (``Catalunya [Cataluña]``). **[decision]** Not for the United Kingdom and New Zealand: their
  addresses carry no official region line, so it is free text there (``Greater London`` and
  ``Wellington`` are no ISO subdivisions).
* Postal code: for the countries in :data:`POSTAL_FORMATS` (every country the demo uses, and a
  few more), the code must have the country's format; it is then stored in capitals with single
  spaces. Other countries' codes are taken as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pycountry

#: Countries whose state/province line is free text even though pycountry lists subdivisions.
FREE_STATE = frozenset({"GB", "NZ"})

#: Postal code formats by country: (pattern, an example to show when it does not match).
POSTAL_FORMATS: dict[str, tuple[str, str]] = {
    "US": (r"\d{5}(-\d{4})?", "12345 or 12345-6789"),
    "CA": (r"[A-Z]\d[A-Z] ?\d[A-Z]\d", "K1A 0B1"),
    "GB": (r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", "SW1A 1AA"),
    "IE": (r"[A-Z]\d[\dW] ?[A-Z\d]{4}", "D02 X285"),
    "DE": (r"\d{5}", "10115"),
    "FR": (r"\d{5}", "75008"),
    "ES": (r"\d{5}", "28013"),
    "IT": (r"\d{5}", "00184"),
    "NL": (r"\d{4} ?[A-Z]{2}", "1012 AB"),
    "BE": (r"\d{4}", "1000"),
    "AT": (r"\d{4}", "1010"),
    "CH": (r"\d{4}", "8001"),
    "AU": (r"\d{4}", "2000"),
    "NZ": (r"\d{4}", "6011"),
    "ZA": (r"\d{4}", "8001"),
    "BR": (r"\d{5}-?\d{3}", "01310-000"),
    "MX": (r"\d{5}", "06600"),
    "IN": (r"\d{6}", "110001"),
}


def _plain(text: str) -> str:
    """Casefolded, without accents, hyphens as spaces, single spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("-", " ").replace(".", " ").split())


def _spellings(code: str, name: str, kind: str) -> set[str]:
    """Every way an address may write one subdivision."""
    short = code.split("-", 1)[1]
    names = {name}
    if "[" in name:  # "Catalunya [Cataluña]": either spelling
        first, _, rest = name.partition("[")
        names = {first.strip(), rest.rstrip("]").strip()}
    names |= {re.sub(r"\s*\(.*\)$", "", n) for n in names}  # "Guyane (française)"
    names |= {f"{after.strip()} {before.strip()}" for n in names if "," in n
              for before, after in [n.split(",", 1)]}  # "Madrid, Comunidad de" -> "Comunidad de Madrid"
    names |= {f"{kind} {n}" for n in names}  # "County Dublin"
    return {_plain(s) for s in (code, short, *names)}


@cache
def _subdivisions(country: str) -> frozenset[str]:
    return frozenset(spelling for s in pycountry.subdivisions if s.country_code == country
                     for spelling in _spellings(s.code, s.name, s.type))


def check_state(value: str, country: str) -> str:
    """``value`` when it names a subdivision of ``country`` (alpha-2), or when that is not checked.

    Raises ``ValueError`` with the field's message otherwise.
    """
    known = _subdivisions(country) if country not in FREE_STATE else frozenset()
    if known and _plain(value) not in known:
        raise ValueError(f"is not a state, province or region of {_country_name(country)}")
    return value


def check_postal_code(value: str, country: str) -> str:
    """The postal code in capitals with single spaces, when it has ``country``'s format (or that is
    not checked); raises ``ValueError`` with the field's message otherwise."""
    rule = POSTAL_FORMATS.get(country)
    if rule is None:
        return value
    written = " ".join(value.upper().split())
    if not re.fullmatch(rule[0], written):
        raise ValueError(f"is not a postal code of {_country_name(country)} (e.g. {rule[1]})")
    return written


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code
