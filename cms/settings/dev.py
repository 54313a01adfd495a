"""Laptop profile: `make run`. Debug on, console e-mail, scheduler in-process."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)

# Aggregator: the demo sources are served by this very server on loopback.
AGGREGATOR_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
