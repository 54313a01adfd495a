"""Embed payloads follow agency changes; the portal's admins group manages agencies from its creation."""

from contextlib import suppress

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from agencies.models import Agency
from cms.bootstrap.editorial import ADMINS
from cms.cache import bump_content_version


@receiver(post_save, sender=Agency)
@receiver(post_delete, sender=Agency)
def agency_changed(sender, **kwargs):
    # An agency's names and allowed origins are part of its cached embed payloads.
    bump_content_version()


@receiver(post_save, sender=Group)
def admins_group_created(sender, instance, created, **kwargs):
    if created and instance.name == ADMINS:
        from django.contrib.auth.models import Permission

        from agencies.permissions import ensure_admin_permissions

        # Before the first migrate has created them, provisioning grants them later.
        with suppress(Permission.DoesNotExist):
            ensure_admin_permissions()
