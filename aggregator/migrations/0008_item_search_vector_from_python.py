"""Search vectors made from the words ``shared.search`` looks for; the database makes only the missing ones.

The feed pass now builds each new item's vector in its digest workers (``aggregator/search_vector.py``)
and inserts it with the row: the trigger of 0004 built it on the storing thread's connection, for as
long as the rest of the insert took. The trigger now makes a vector only when a row comes without one:
an INSERT with none, or an UPDATE of the text that leaves the vector as it was (``Model.save()``
writes back the vector it read; ``.update(title=...)`` does not name it).

Both sides read text alike: markup and character references out, folded to lower-case ASCII, each run
of ``[a-z0-9]`` a word. The text-search parser of 0004 kept host names ("vnexpress.net") and compound
words ("covid-19") whole beside their parts, words no folded query holds. Every vector is rebuilt.
"""

from importlib import import_module

from django.db import migrations

SEARCH_0004 = import_module("aggregator.migrations.0004_item_search")
PostgreSQLOnly = SEARCH_0004.PostgreSQLOnly

FORWARDS = """
CREATE OR REPLACE FUNCTION aggregator_item_search_words(field text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(
        lower(public.unaccent('public.unaccent'::regdictionary,
                              regexp_replace(coalesce(field, ''), '<[^>]*>|&[#a-zA-Z0-9]+;', ' ', 'g'))),
        '[^a-z0-9]+', ' ', 'g')
$$;

CREATE OR REPLACE FUNCTION aggregator_item_search_document(title text, summary text, content text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, aggregator_item_search_words(title)), 'A')
        || setweight(to_tsvector('simple'::regconfig, aggregator_item_search_words(summary)), 'B')
        || setweight(to_tsvector('simple'::regconfig, aggregator_item_search_words(content)), 'C')
$$;

DROP TRIGGER aggregator_item_search_update ON aggregator_item;

CREATE TRIGGER aggregator_item_search_insert
    BEFORE INSERT ON aggregator_item
    FOR EACH ROW WHEN (NEW.search_vector IS NULL) EXECUTE FUNCTION aggregator_item_search_trigger();

CREATE TRIGGER aggregator_item_search_update
    BEFORE UPDATE OF title, summary, content, search_vector ON aggregator_item
    FOR EACH ROW WHEN (NEW.search_vector IS NULL OR NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector)
    EXECUTE FUNCTION aggregator_item_search_trigger();

UPDATE aggregator_item SET search_vector = aggregator_item_search_document(title, summary, content);
"""

BACKWARDS = (
    """
DROP TRIGGER aggregator_item_search_update ON aggregator_item;
DROP TRIGGER aggregator_item_search_insert ON aggregator_item;
"""
    + SEARCH_0004.DOCUMENT_FUNCTION
    + """
DROP FUNCTION aggregator_item_search_words(text);

CREATE TRIGGER aggregator_item_search_update
    BEFORE INSERT OR UPDATE OF title, summary, content, search_vector ON aggregator_item
    FOR EACH ROW EXECUTE FUNCTION aggregator_item_search_trigger();

UPDATE aggregator_item SET search_vector = aggregator_item_search_document(title, summary, content);
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("aggregator", "0007_item_indexes"),
    ]

    operations = [PostgreSQLOnly(FORWARDS, BACKWARDS)]
