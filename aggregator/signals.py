"""An item an editor deletes leaves a tombstone, so the next pass does not bring it back.

Deleting a whole source, or pruning old filtered-out items, leaves none.
"""

import threading

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from .models import Item, Source, Tombstone, suppress_tombstones

_deleting = threading.local()


def _sources_being_deleted() -> set[int]:
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


@receiver(pre_delete, sender=Source, dispatch_uid="aggregator_source_deleting")
def source_deleting(sender, instance: Source, **kwargs) -> None:
    _sources_being_deleted().add(instance.pk)


@receiver(post_delete, sender=Source, dispatch_uid="aggregator_source_deleted")
def source_deleted(sender, instance: Source, **kwargs) -> None:
    _sources_being_deleted().discard(instance.pk)


@receiver(post_delete, sender=Item, dispatch_uid="aggregator_item_tombstone")
def leave_tombstone(sender, instance: Item, **kwargs) -> None:
    if suppress_tombstones.get() or instance.source_id in _sources_being_deleted():
        return
    feed_url = Source.objects.filter(pk=instance.source_id).values_list("feed_url", flat=True).first()
    if feed_url:
        Tombstone.objects.get_or_create(feed_url=feed_url, key=instance.key, defaults={"url": instance.url})
