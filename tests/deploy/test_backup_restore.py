"""deploy/backup.sh and deploy/restore.sh against real PostgreSQL databases on the shared server.

A throwaway database gets the real schema and the `bootstrap` content; the restored copy must have the same
rows in every table and the same media bytes. Both databases are dropped afterwards.
"""

import glob
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from psycopg import sql

from cms.settings.env import BASE_DIR

SERVER_URL = "postgres://postgres@127.0.0.1:5432"


def postgres_client_dir() -> str | None:
    found = shutil.which("pg_dump") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))), None)
    return str(Path(found).parent) if found else None


pytestmark = pytest.mark.skipif(postgres_client_dir() is None, reason="pg_dump (PostgreSQL client) is not installed")


def connect(database: str) -> psycopg.Connection:
    params = dj_database_url.parse(f"{SERVER_URL}/{database}")
    return psycopg.connect(dbname=database, host=params["HOST"], port=params["PORT"], user=params["USER"])


def row_counts(database: str) -> dict[str, int]:
    with connect(database) as connection:
        tables = [row[0] for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {
            table: connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
            for table in tables
        }


@pytest.fixture
def databases():
    names = [f"asean_backup_test_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    with connect("postgres") as admin:
        admin.autocommit = True
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(names[0])))
        try:
            yield names
        finally:
            for name in names:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def execute(command: list[str], **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PATH": f"{postgres_client_dir()}:{os.environ['PATH']}", **env}
    return subprocess.run(  # noqa: S603 (our own scripts and manage.py)
        command, cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=240
    )


def run(command: list[str], **env: str) -> str:
    result = execute(command, **env)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_a_backup_restores_every_row_and_the_media(databases, tmp_path):
    source, restored = databases
    media, backups, restored_media = tmp_path / "media", tmp_path / "backups", tmp_path / "restored-media"
    django_env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "backup-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{SERVER_URL}/{source}",
        "MEDIA_ROOT": str(media),
        "REDIS_URL": "",
    }
    run([sys.executable, "manage.py", "migrate", "--noinput"], **django_env)
    run([sys.executable, "manage.py", "bootstrap"], **django_env)
    photo = media / "original_images" / "hoi-nghi-asean.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(os.urandom(64 * 1024))
    stale = backups / "asean-20200101T000000Z.dump"
    stale.parent.mkdir()
    stale.write_bytes(b"")
    os.utime(stale, (0, 0))  # far older than the retention

    written = run(
        ["deploy/backup.sh", str(backups)],
        DATABASE_URL=f"{SERVER_URL}/{source}",
        MEDIA_ROOT=str(media),
        BACKUP_RETENTION_DAYS="7",
    )
    dump = Path(written.splitlines()[-2])
    assert dump.is_file() and dump.with_name(dump.name.replace(".dump", ".media.tar.gz")).is_file()
    assert not stale.exists()

    run(["deploy/restore.sh", str(dump).removesuffix(".dump"), f"{SERVER_URL}/{restored}", str(restored_media)])

    counts = row_counts(source)
    assert counts["wagtailcore_page"] >= 5 and counts["wagtailcore_site"] == 1 and counts["cms_pillar"] == 3
    assert row_counts(restored) == counts
    assert (restored_media / "original_images" / "hoi-nghi-asean.jpg").read_bytes() == photo.read_bytes()


def test_restore_refuses_to_overwrite_a_database_in_use(databases, tmp_path):
    source, _unused = databases
    with connect(source) as connection:
        connection.execute("CREATE TABLE live_data (id integer)")
    (tmp_path / "set.dump").write_bytes(b"")
    (tmp_path / "set.media.tar.gz").write_bytes(b"")
    result = execute(["deploy/restore.sh", str(tmp_path / "set"), f"{SERVER_URL}/{source}", str(tmp_path / "media")])
    assert result.returncode == 1
    assert "not empty" in result.stderr
    with connect(source) as connection:
        assert connection.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'live_data'").fetchone() == (1,)
