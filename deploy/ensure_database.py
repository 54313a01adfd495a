"""Creates the PostgreSQL database named in DATABASE_URL when it does not exist yet (`make serve`).

Connects to the server's maintenance database ``postgres`` with the same credentials; needs the right to
create databases (the default ``postgres`` user on a laptop has it; in the data centre, create it once by hand).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dj_database_url
import psycopg
from psycopg import sql

from cms.settings.env import env_required


def ensure_database(url: str) -> bool:
    """True when it had to create the database."""
    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return False
    params = {
        "dbname": "postgres",
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(**params, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    return not exists


if __name__ == "__main__":
    if ensure_database(env_required("DATABASE_URL")):
        print("Created the database.")
