"""Keep ``Item.search_vector`` in the table row rather than in TOAST (PostgreSQL only).

A vector of a news article is ~3.7 KB, over the 2 KB at which PostgreSQL moves a value out of line, and
hardly compressible. Out of line, every row the planner checks with ``search_vector @@ query`` (walking
the date index for the newest matches, as ``shared.search.rank_newest`` does) costs a TOAST fetch (~10 µs),
which the planner does not count: it chose that walk for words in 5-10 % of 100,000 items and took
150-200 ms where the GIN bitmap takes 25 ms (bench/README.md, "Shared database search"). ``STORAGE
MAIN`` keeps the vector in line (the article's text goes out of line first), so that check costs ~1 µs.
The table's main part grows (~95 MB to ~400 MB for 100,000 items); the text columns are unchanged.

``SET STORAGE`` applies to rows written afterwards: the vectors are rewritten (the trigger computes them).
"""

from importlib import import_module

from django.db import migrations

PostgreSQLOnly = import_module("aggregator.migrations.0004_item_search").PostgreSQLOnly

FORWARDS = """
ALTER TABLE aggregator_item ALTER COLUMN search_vector SET STORAGE MAIN;
UPDATE aggregator_item SET search_vector = aggregator_item_search_document(title, summary, content);
"""

BACKWARDS = """
ALTER TABLE aggregator_item ALTER COLUMN search_vector SET STORAGE EXTENDED;
UPDATE aggregator_item SET search_vector = aggregator_item_search_document(title, summary, content);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("aggregator", "0004_item_search"),
    ]

    operations = [PostgreSQLOnly(FORWARDS, BACKWARDS)]
