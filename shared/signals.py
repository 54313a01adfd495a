"""Signal receivers of the shared database."""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from shared.search import SQLITE_FUNCTION, search_words


@receiver(connection_created, dispatch_uid="shared_sqlite_search_function")
def register_sqlite_search_function(sender, connection, **kwargs) -> None:
    """Give each SQLite connection the folding function the search fallback matches against."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, search_words, deterministic=True)
