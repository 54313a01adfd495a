"""The project's URLs plus the baseline: a view that does nothing but answer."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as cms_urlpatterns

TRIVIAL_BODY = "<!DOCTYPE html><title>ok</title><p>Xin chào ASEAN</p>\n"


def trivial(request):
    return HttpResponse(TRIVIAL_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/trivial/", trivial, name="bench_trivial"), *cms_urlpatterns]
