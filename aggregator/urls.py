from django.urls import path

from . import views

app_name = "aggregator"

urlpatterns = [
    path("sample-feeds/<slug:name>.xml", views.sample_feed, name="sample_feed"),
]
