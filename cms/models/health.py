from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SchedulerHeartbeat(models.Model):
    """When the active scheduler last showed it was alive: one row, rewritten by its heartbeat job.

    In the database rather than the cache, so that a cache flush or a Redis restart does not make a working
    scheduler look dead.
    """

    ROW = 1

    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("scheduler heartbeat")

    def __str__(self) -> str:
        return f"{self.beat_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def beat(cls, now: datetime | None = None) -> None:
        cls.objects.update_or_create(pk=cls.ROW, defaults={"beat_at": now or timezone.now()})

    @classmethod
    def last(cls) -> datetime | None:
        return cls.objects.filter(pk=cls.ROW).values_list("beat_at", flat=True).first()
