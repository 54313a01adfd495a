"""Full-text search over items (shared/search.py).

On every database: the ``search_vector`` column (null on SQLite, where shared/search.py folds in Python).
On PostgreSQL only: ``unaccent``, an IMMUTABLE document function (unaccent itself is only STABLE), a
trigger that keeps the vector in step with every INSERT and UPDATE (the aggregator writes with
``bulk_create`` and ``.update()``, which skip ``save()``), a GIN index, and the backfill of existing rows.
"""

import django.contrib.postgres.search
from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that does nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


# 'simple' keeps every word (no stemming, no stop words: right for Vietnamese); its parser skips HTML tags
# and entities. unaccent folds Vietnamese letters and đ -> d, both precomposed and decomposed.
DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION aggregator_item_search_document(title text, summary text, content text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, public.unaccent('public.unaccent'::regdictionary,
                                                                     coalesce(title, ''))), 'A')
        || setweight(to_tsvector('simple'::regconfig, public.unaccent('public.unaccent'::regdictionary,
                                                                     coalesce(summary, ''))), 'B')
        || setweight(to_tsvector('simple'::regconfig, public.unaccent('public.unaccent'::regdictionary,
                                                                     coalesce(content, ''))), 'C')
$$;
"""

FORWARDS = (
    """
CREATE EXTENSION IF NOT EXISTS unaccent;
"""
    + DOCUMENT_FUNCTION
    + """
CREATE OR REPLACE FUNCTION aggregator_item_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := aggregator_item_search_document(NEW.title, NEW.summary, NEW.content);
    RETURN NEW;
END
$$;

-- search_vector is in the list so that a write to it (Model.save() writes every column) is recomputed.
CREATE TRIGGER aggregator_item_search_update
    BEFORE INSERT OR UPDATE OF title, summary, content, search_vector ON aggregator_item
    FOR EACH ROW EXECUTE FUNCTION aggregator_item_search_trigger();

UPDATE aggregator_item SET search_vector = aggregator_item_search_document(title, summary, content);

CREATE INDEX aggregator_item_search_gin ON aggregator_item USING gin (search_vector);
"""
)

BACKWARDS = """
DROP INDEX IF EXISTS aggregator_item_search_gin;
DROP TRIGGER IF EXISTS aggregator_item_search_update ON aggregator_item;
DROP FUNCTION IF EXISTS aggregator_item_search_trigger();
DROP FUNCTION IF EXISTS aggregator_item_search_document(text, text, text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("aggregator", "0003_shared_database_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="item",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgreSQLOnly(FORWARDS, BACKWARDS),
    ]
