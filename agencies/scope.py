"""What an agency-only user may see in the admin: their agencies' page subtrees and media collections.

Wagtail already limits the explorer, page search, image and document listings and choosers by group
permissions; the page chooser is the exception (any page can be linked to), so it is filtered here, and the
other listings are filtered again as a second line of defence. Users who also belong to any group that is
not an agency's (the portal's editors, board or admins) and superusers are not limited.
"""

from django.db.models import Q
from wagtail.models import Collection, Page

from agencies.models import Agency

_CACHE_ATTRIBUTE = "_agency_scope"


class Scope:
    def __init__(self, roots: list[Page], collections: list[Collection]):
        self.roots = roots
        self.collections = collections

    def pages(self) -> Q:
        """The agencies' subtrees (every language)."""
        condition = Q(pk__in=[])
        for root in self.roots:
            condition |= Q(path__startswith=root.path)
        return condition

    def pages_and_ancestors(self) -> Q:
        """The subtrees plus the pages above them, so the tree can be walked down to them."""
        condition = self.pages()
        step = Page.steplen
        ancestors = {root.path[:end] for root in self.roots for end in range(step, len(root.path), step)}
        return condition | Q(path__in=ancestors)

    def media(self) -> Q:
        """Media of the agencies' collections and their sub-collections (by id: search backends filter on it)."""
        paths = Q(pk__in=[])
        for collection in self.collections:
            paths |= Q(path__startswith=collection.path)
        return Q(collection__in=list(Collection.objects.filter(paths).values_list("pk", flat=True)))


def agency_scope(user) -> Scope | None:
    """The scope of an agency-only user; None for everyone else (not limited here)."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    if hasattr(user, _CACHE_ATTRIBUTE):
        return getattr(user, _CACHE_ATTRIBUTE)
    scope = None
    group_ids = set(user.groups.values_list("pk", flat=True))
    agencies = list(
        Agency.objects.filter(Q(editors_group_id__in=group_ids) | Q(approvers_group_id__in=group_ids)).select_related(
            "root_page", "collection"
        )
    )
    agency_groups = {group for agency in agencies for group in (agency.editors_group_id, agency.approvers_group_id)}
    if agencies and not (group_ids - agency_groups):
        roots = []
        for agency in agencies:
            if agency.root_page is not None:
                roots += list(agency.root_page.get_translations(inclusive=True))
        scope = Scope(roots, [agency.collection for agency in agencies if agency.collection is not None])
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


def filter_pages(pages, user, *, with_ancestors: bool):
    scope = agency_scope(user)
    if scope is None:
        return pages
    return pages.filter(scope.pages_and_ancestors() if with_ancestors else scope.pages())


def filter_media(objects, user):
    scope = agency_scope(user)
    return objects if scope is None else objects.filter(scope.media())
