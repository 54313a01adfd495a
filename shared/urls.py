"""Public URLs of the shared database, under /api/shared/v1/ (outside the language prefixes)."""

from django.urls import path, re_path

from shared import api, openapi
from shared.views import saved_searches

app_name = "shared_api"

urlpatterns = [
    path("items/", api.item_list, name="items"),
    path("items/<int:pk>/", api.item_detail, name="item"),
    path("openapi.json", openapi.schema_view, name="openapi"),
    path("saved/<str:feed_token>.rss", saved_searches.feed, name="saved_search_feed"),
    # Anything else under the API is a JSON 404, not the site's HTML page.
    re_path(r"", api.not_found),
]
