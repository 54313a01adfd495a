from .health import SchedulerHeartbeat
from .pages import AseanArticlePage, AseanColumnPage
from .taxonomy import Country, Pillar, Topic

__all__ = ["AseanArticlePage", "AseanColumnPage", "Country", "Pillar", "SchedulerHeartbeat", "Topic"]
