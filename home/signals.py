from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.cache import bump_content_version
from home.models import PortalSettings


@receiver(post_save, sender=PortalSettings)
def portal_settings_changed(sender, **kwargs):
    bump_content_version()
