"""The two languages of the site: which one a bilingual value shows."""

from django.utils.translation import get_language


def in_english() -> bool:
    return (get_language() or "vi").startswith("en")


def bilingual(vietnamese: str, english: str) -> str:
    """The value for the active language; Vietnamese unless English is active."""
    return english if in_english() else vietnamese
