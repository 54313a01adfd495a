"""Admin URLs of the shared database, under /admin/shared/ (names in the ``shared`` namespace)."""

from django.urls import path  # noqa: F401

app_name = "shared"
urlpatterns: list = []
