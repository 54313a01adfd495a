"""``{% reuse_terms item as terms %}``: what may be done with a shared item, for its action buttons."""

from django import template

from shared.reuse import ReuseTerms
from shared.reuse import reuse_terms as terms_of

register = template.Library()


@register.simple_tag
def reuse_terms(item) -> ReuseTerms:
    return terms_of(item)
