"""A narrow search table beside ``aggregator_item`` (PostgreSQL only): matching reads it, not the items.

Finding the newest matches of a common word ("Thái Lan": 16,000 of 100,000 items) made PostgreSQL read
the row of every match for its date: one ~8 KB page each, as the vector is kept in line (0005), ~15,000
pages for one query and most of the API's 100-200 ms (bench/README.md, "Shared database search").
``aggregator_item_search_index`` holds only (item id, date, vector) with the vector out of line
(``toast_tuple_target`` 128): ~60 bytes a row, 100,000 items in ~7 MB, so the GIN bitmap and the sort by
date read a few hundred cached pages. The item's own vector stays in its row for ranking the chosen
rows (``shared.search._ranked``); the vector is therefore stored twice, the price of the speed.

Triggers on ``aggregator_item`` keep the table in step (insert, update of the date or the vector,
delete, truncate); the GIN index moves from the items to this table. Queries go through two functions
that fix the plan to the GIN bitmap: PostgreSQL does not count the ~10 µs of fetching an out-of-line
vector, and for a common word it would rather check every row's vector (a sequential scan, ~1.5 s for
100,000 items) than read the index.
"""

from importlib import import_module

from django.db import migrations

PostgreSQLOnly = import_module("aggregator.migrations.0004_item_search").PostgreSQLOnly

FORWARDS = """
CREATE TABLE aggregator_item_search_index (
    item_id bigint PRIMARY KEY,
    published_at timestamp with time zone NOT NULL,
    search_vector tsvector NOT NULL
) WITH (toast_tuple_target = 128);

CREATE OR REPLACE FUNCTION aggregator_item_search_index_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM aggregator_item_search_index WHERE item_id = OLD.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.published_at = OLD.published_at
            AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector THEN
        RETURN NULL;
    END IF;
    INSERT INTO aggregator_item_search_index (item_id, published_at, search_vector)
    VALUES (NEW.id, NEW.published_at, coalesce(NEW.search_vector, ''::tsvector))
    ON CONFLICT (item_id) DO UPDATE
        SET published_at = EXCLUDED.published_at, search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION aggregator_item_search_index_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE aggregator_item_search_index;
    RETURN NULL;
END
$$;

-- After the BEFORE trigger of 0004 has computed NEW.search_vector. The text columns are listed because
-- an UPDATE of them changes the vector without naming it.
CREATE TRIGGER aggregator_item_search_index_write
    AFTER INSERT OR DELETE OR UPDATE OF title, summary, content, search_vector, published_at ON aggregator_item
    FOR EACH ROW EXECUTE FUNCTION aggregator_item_search_index_write();

CREATE TRIGGER aggregator_item_search_index_truncate
    AFTER TRUNCATE ON aggregator_item
    FOR EACH STATEMENT EXECUTE FUNCTION aggregator_item_search_index_truncate();

INSERT INTO aggregator_item_search_index (item_id, published_at, search_vector)
SELECT id, published_at, coalesce(search_vector, ''::tsvector) FROM aggregator_item;

CREATE INDEX aggregator_item_search_index_gin ON aggregator_item_search_index USING gin (search_vector);
DROP INDEX IF EXISTS aggregator_item_search_gin;
ANALYZE aggregator_item_search_index;

-- The SET clauses hold for the function's own query only; a function with them is never inlined.
CREATE OR REPLACE FUNCTION aggregator_item_search_matches(query tsquery) RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 1000 SET enable_seqscan = off SET enable_indexscan = off AS $$
    SELECT item_id FROM aggregator_item_search_index WHERE search_vector @@ query
$$;

-- Matches published in [since, until) (null: no bound), newest first, a page of them.
CREATE OR REPLACE FUNCTION aggregator_item_search_newest(
    query tsquery, since timestamp with time zone, until timestamp with time zone, size integer, skip integer
) RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 1000 SET enable_seqscan = off SET enable_indexscan = off AS $$
    SELECT item_id FROM aggregator_item_search_index
    WHERE search_vector @@ query
      AND published_at >= coalesce(since, '-infinity') AND published_at < coalesce(until, 'infinity')
    ORDER BY published_at DESC, item_id DESC LIMIT size OFFSET skip
$$;
"""

BACKWARDS = """
DROP FUNCTION IF EXISTS aggregator_item_search_newest(tsquery, timestamp with time zone, timestamp with time zone, integer, integer);
DROP FUNCTION IF EXISTS aggregator_item_search_matches(tsquery);
CREATE INDEX IF NOT EXISTS aggregator_item_search_gin ON aggregator_item USING gin (search_vector);
DROP TRIGGER IF EXISTS aggregator_item_search_index_truncate ON aggregator_item;
DROP TRIGGER IF EXISTS aggregator_item_search_index_write ON aggregator_item;
DROP FUNCTION IF EXISTS aggregator_item_search_index_truncate();
DROP FUNCTION IF EXISTS aggregator_item_search_index_write();
DROP TABLE IF EXISTS aggregator_item_search_index;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("aggregator", "0005_item_search_vector_in_line"),
    ]

    operations = [PostgreSQLOnly(FORWARDS, BACKWARDS)]
