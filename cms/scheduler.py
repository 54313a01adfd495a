"""The one scheduler of an installation: scheduled publishing now, the aggregator's jobs beside it.

Any number of processes may start it; a lock makes sure only one runs jobs at a time (a PostgreSQL
advisory lock, or a file lock on SQLite). The others wait as standbys and take over when the holder dies,
because the database releases the lock with the holder's connection (or the kernel with its file).
"""

import fcntl
import logging
import signal
import threading
from collections.abc import Callable
from functools import wraps
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler
from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

ADVISORY_LOCK_KEY = 0x41534541  # "ASEA": one fixed key for the whole installation
STANDBY_RETRY_SECONDS = 5
LOCK_CHECK_SECONDS = 1


class SchedulerLock:
    """Non-blocking, process-wide lock; ``acquire`` returns whether this process now holds it."""

    def __init__(self):
        self._pg_connection = None
        self._file = None

    def acquire(self) -> bool:
        if connection.vendor == "postgresql":
            return self._acquire_advisory()
        return self._acquire_file()

    def _acquire_advisory(self) -> bool:
        import psycopg

        if self._pg_connection is None or self._pg_connection.closed:
            params = connection.get_connection_params()
            # A connection of its own: Django closes and recycles its connections, which would drop the lock.
            self._pg_connection = psycopg.connect(**params, autocommit=True)
        row = self._pg_connection.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY]).fetchone()
        return bool(row[0])

    def _acquire_file(self) -> bool:
        path = Path(settings.SCHEDULER_LOCK_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = self._file or path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._file = handle
            return False
        self._file = handle
        return True

    def held(self) -> bool:
        """Whether the lock is still ours: an advisory lock lasts as long as its session, which a database
        restart ends without telling us (a standby then takes the lock)."""
        if self._pg_connection is None:
            return self._file is not None
        try:
            self._pg_connection.execute("SELECT 1")
        except Exception:  # the session is gone, and the lock with it
            self._pg_connection.close()
            return False
        return True

    def release(self) -> None:
        if self._pg_connection is not None and not self._pg_connection.closed:
            # Unlock before closing: the server drops a closed session's locks a moment later, not at once.
            try:
                self._pg_connection.execute("SELECT pg_advisory_unlock_all()")
            finally:
                self._pg_connection.close()
        if self._file is not None:
            self._file.close()
        self._pg_connection = self._file = None


def database_job(func: Callable) -> Callable:
    """Runs a job with fresh database connections, as Django's request cycle would.

    A job that raises is logged and simply runs again at its next time: one bad pass must not stop
    the scheduler.
    """

    @wraps(func)
    def wrapper(*args, **kwargs):
        # Inside a transaction (a test, or a caller's atomic block) the connection is not ours to recycle.
        recycle = not connection.in_atomic_block
        if recycle:
            close_old_connections()
        try:
            return func(*args, **kwargs)
        except Exception:
            logger.exception("scheduler: job %s failed", func.__name__)
            return None
        finally:
            if recycle:
                close_old_connections()

    return wrapper


@database_job
def publish_scheduled_pages() -> None:
    """Publishes pages whose go-live time has come and unpublishes expired ones."""
    call_command("publish_scheduled", verbosity=0)


@database_job
def record_heartbeat() -> None:
    """Tells /healthz that an active scheduler is running (cms/healthz.py)."""
    from cms.models import SchedulerHeartbeat

    SchedulerHeartbeat.beat()


def register_jobs(scheduler) -> None:
    scheduler.add_job(
        record_heartbeat,
        "interval",
        seconds=settings.SCHEDULER_POLL_SECONDS,
        next_run_time=timezone.now(),  # at once: a standby taking over is healthy before its first interval
        misfire_grace_time=settings.SCHEDULER_POLL_SECONDS,  # a slow start must not skip that first beat
        id="heartbeat",
        max_instances=1,
        coalesce=True,
        replace_existing=True,
    )
    scheduler.add_job(
        publish_scheduled_pages,
        "interval",
        seconds=settings.PUBLISH_SCHEDULED_SECONDS,
        id="publish_scheduled",
        max_instances=1,
        coalesce=True,
        replace_existing=True,
    )
    from aggregator.jobs import register_jobs as register_aggregator_jobs
    from shared.jobs import register_jobs as register_shared_jobs

    register_shared_jobs(scheduler)
    register_aggregator_jobs(scheduler)


def wait_for_lock(lock: SchedulerLock, stop: threading.Event) -> bool:
    """Blocks as a standby until this process holds the lock (True) or ``stop`` is set (False)."""
    announced = False
    while not stop.is_set():
        try:
            if lock.acquire():
                logger.info("scheduler: this process is the active scheduler")
                return True
        except Exception:  # a database restart must not kill the standby
            logger.exception("scheduler: could not ask for the lock; retrying")
            lock.release()
        finally:
            close_old_connections()
        if not announced:
            logger.info("scheduler: another process is active; waiting as standby")
            announced = True
        stop.wait(STANDBY_RETRY_SECONDS)
    return False


_active = threading.Event()  # set while this process holds the lock and runs jobs


def is_active() -> bool:
    """Whether this process is (still) the active scheduler: long jobs stop early once it is not.

    Outside a scheduler (``fetch_feeds``, "Fetch now", tests) nothing else can take over: always True.
    """
    return _active.is_set() or not _running.is_set()


_running = threading.Event()  # set while run_forever runs in this process


def run_forever(stop: threading.Event | None = None) -> None:
    """The scheduler in the foreground (``run_aggregator``).

    SIGTERM or SIGINT stops it once the running jobs are done (a feed pass stores all its sources); a
    second one ends a running feed pass before its next source.
    """
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: _stop_asked(stop))
    lock = SchedulerLock()
    _running.set()
    while wait_for_lock(lock, stop):
        scheduler = BackgroundScheduler(timezone=settings.TIME_ZONE)
        register_jobs(scheduler)
        _active.set()
        scheduler.start()
        held = True
        try:
            while held and not stop.wait(LOCK_CHECK_SECONDS):
                held = lock.held()
        finally:
            if not held:
                _active.clear()  # a standby may be taking over: a running feed pass stops before its next source
            logger.info("scheduler: stopping after the jobs that are running")
            scheduler.shutdown(wait=True)
            _active.clear()
            lock.release()
        if not stop.is_set():
            logger.warning("scheduler: lost the lock (its database session ended); waiting for it again")
    _running.clear()


def _stop_asked(stop: threading.Event) -> None:
    if stop.is_set():
        logger.info("scheduler: asked again; a running feed pass stops before its next source")
        _active.clear()
    stop.set()


def start_in_background() -> threading.Thread:
    """Starts ``run_forever`` in a daemon thread (``manage.py serve``: scheduler beside the web server)."""
    thread = threading.Thread(target=run_forever, name="scheduler", daemon=True)
    thread.start()
    return thread
