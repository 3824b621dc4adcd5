"""Which pages the kiosk cycles through (``--kiosk-pages``).

``agency``: the agency's figures, large; ``clients``: the next client; ``attention``: the next client
the attention queue lists. The kiosk shows them in the order given, one every ``--kiosk-seconds``,
and starts again; each client page moves on to the next client, so a name may repeat to show
more clients between two agency pages (``agency,clients,clients``).
"""

from __future__ import annotations

PAGES = ("agency", "clients", "attention")
DEFAULT_PAGES = ("agency", "clients")
LISTS = ("clients", "attention")


def parse_pages(text: str) -> tuple[str, ...]:
    """``agency,clients`` -> ("agency", "clients"); ValueError with one sentence on a bad name."""
    names = tuple(name.strip().lower() for name in text.split(","))
    if not any(names):
        raise ValueError(f"name at least one page: {', '.join(PAGES)} (comma-separated)")
    unknown = [name or "(empty)" for name in names if name not in PAGES]
    if unknown:
        verb = "is not a page" if len(unknown) == 1 else "are not pages"
        raise ValueError(f"{', '.join(map(repr, unknown))} {verb}; the pages are {', '.join(PAGES)} "
                         "(comma-separated, e.g. agency,clients)")
    return names


def with_attention(pages: tuple[str, ...], attention: bool) -> tuple[str, ...]:
    """``--kiosk-attention``: the client pages show the clients needing attention instead."""
    return tuple("attention" if attention and page == "clients" else page for page in pages)
