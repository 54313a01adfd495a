from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharedConfig(AppConfig):
    name = "shared"
    verbose_name = _("Shared database")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from shared import signals  # noqa: F401  (connects the receivers)
