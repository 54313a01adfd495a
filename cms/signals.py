"""Keeps cached pages fresh: any change to what visitors see bumps the content version."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import frontend_cache
from cms.cache import bump_content_version
from cms.models import Country, Pillar, Topic


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    bump_content_version()
    if frontend_cache.is_enabled():
        frontend_cache.purge_after_commit(frontend_cache.urls_showing(instance))


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    bump_content_version()
    if frontend_cache.is_enabled():
        urls = frontend_cache.urls_showing(instance) | frontend_cache.urls_before_move(
            instance, url_path_before, parent_page_before
        )
        frontend_cache.purge_after_commit(urls)


@receiver(post_delete, sender=Page)
def page_deleted(sender, **kwargs):
    bump_content_version()


@receiver(post_save, sender=Pillar)
@receiver(post_save, sender=Topic)
@receiver(post_save, sender=Country)
def taxonomy_changed(sender, **kwargs):
    bump_content_version()
