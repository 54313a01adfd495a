"""Embed routes, outside the language prefixes: /embed/asean/, /embed/asean.json, /embed/asean.js."""

from django.urls import path

from agencies import views

urlpatterns = [
    path("asean/", views.embed_frame, name="embed_frame"),
    path("asean.json", views.embed_json, name="embed_json"),
    path("asean.js", views.embed_script, name="embed_script"),
]
