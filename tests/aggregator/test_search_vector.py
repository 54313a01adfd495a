"""The search vector built in Python (aggregator/search_vector.py) and its twin in PostgreSQL (migration 0008)."""

import unicodedata

import pytest
from django.db import connection
from django.utils import timezone

from aggregator.models import Item
from aggregator.search_vector import MAX_JOINED_POSITIONS, MAX_POSITION, MAX_POSITIONS, search_vector, words
from tests.shared.factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search only")


def parsed(literal: str) -> dict[str, list[str]]:
    """Each word's labels ("1A"...), in the order written."""
    labels: dict[str, list[str]] = {}
    for entry in literal.split():
        word, _colon, kept = entry.partition(":")
        assert word not in labels, f"{word} written twice"
        labels[word] = kept.split(",")
    return labels


def test_fields_are_weighted_and_positions_run_on_from_one_field_to_the_next():
    vector = search_vector("Hà Nội", "<p>Cần Thơ &amp; Hà Nội</p>", "<b>Huế</b>")
    assert parsed(vector) == {"ha": ["1A", "5B"], "noi": ["2A", "6B"], "can": ["3B"], "tho": ["4B"], "hue": ["7C"]}


def test_words_are_folded_ascii_runs_without_markup_or_character_references():
    assert words("ĐỒNG BẰNG sông Cửu Long: COVID-19, vnexpress.net") == [
        "dong", "bang", "song", "cuu", "long", "covid", "19", "vnexpress", "net"
    ]  # fmt: skip
    assert words(unicodedata.normalize("NFD", "Cửu Long")) == ["cuu", "long"]
    assert words('<a href="https://x.example/a">Lào</a> &nbsp;&#7853; &lt;b&gt;') == ["lao", "b"]
    assert words("") == [] and search_vector("", "", "") == ""


def test_words_longer_than_postgresql_indexes_are_left_out():
    assert words("short " + "x" * 2047 + " tail") == ["short", "tail"]
    assert words("y" * 2046) == ["y" * 2046]


@pytest.mark.parametrize("count", [MAX_POSITIONS + 1, 300])
def test_a_word_keeps_its_first_255_positions(count):
    vector = parsed(search_vector("asean " * count, "mekong"))
    assert len(vector["asean"]) == MAX_POSITIONS
    assert vector["asean"][-1] == f"{MAX_POSITIONS}A"
    assert vector["mekong"] == [f"{count + 1}B"]


def test_a_word_in_several_fields_keeps_256_positions_in_all():
    vector = parsed(search_vector("asean " * 200, "", "asean " * 100))
    assert len(vector["asean"]) == MAX_JOINED_POSITIONS
    assert vector["asean"][199:201] == ["200A", "201C"] and vector["asean"][-1] == "256C"


def test_a_long_text_of_few_words_keeps_every_position_of_each():
    vector = parsed(search_vector("mekong " * 200, "asean " * 250 + "mekong " * 10))
    assert len(vector["asean"]) == 250 and vector["asean"][0] == "201B"
    assert vector["mekong"] == [f"{n}A" for n in range(1, 201)] + [f"{n}B" for n in range(451, 461)]


def test_positions_stop_at_the_last_one_postgresql_has():
    text = " ".join(f"w{n}" for n in range(MAX_POSITION + 10))
    vector = parsed(search_vector("tit", text))
    assert vector["tit"] == ["1A"]
    assert vector[f"w{MAX_POSITION - 2}"] == [f"{MAX_POSITION}B"]
    assert vector[f"w{MAX_POSITION + 5}"] == [f"{MAX_POSITION}B"]


# --- PostgreSQL: the same vector on both sides; the trigger fills only what is missing -------------------

TEXTS = [
    ("Đà Nẵng đón đoàn doanh nghiệp Lào", "<p>Cần Thơ &amp; Hà Nội</p>", ""),
    ("COVID-19: Việt Nam \u2013 Thái Lan", "Theo TTXVN, vnexpress.net đưa tin 9/14/2026 6:44 PM.", "<p>1.250 USD</p>"),
    (unicodedata.normalize("NFD", "Đồng bằng sông Cửu Long"), "Mưa lớn, lũ về sớm", "<ul><li>Sóc Trăng</li></ul>"),
    ("ASEAN " * 120, "asean " * 100, "ASEAN " * 20),  # one word at 240 positions in three fields
    ("ASEAN " * 200, "Mê Kông " * 150, "asean " * 100),  # one word at 300 positions of two fields: 256 kept
    ("Mê Kông " * 120, "ASEAN " * 250, "mekong " * 5),  # 495 words, none at more than 255 positions
    ("", "", ""),
    ("Phnôm Pênh", "", "<script>alert(1)</script><p onclick='x'>Campuchia</p>"),
]


def document(title: str, summary: str, content: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT aggregator_item_search_document(%s, %s, %s)::text", [title, summary, content])
        return cursor.fetchone()[0]


def as_tsvector(literal: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsvector::text", [literal])
        return cursor.fetchone()[0]


@on_postgresql
@pytest.mark.parametrize("title, summary, content", TEXTS)
def test_python_and_postgresql_build_the_same_vector(title, summary, content):
    assert as_tsvector(search_vector(title, summary, content)) == document(title, summary, content)


@on_postgresql
def test_a_vector_written_with_the_row_is_kept_and_a_missing_one_is_made():
    source = SourceFactory()
    now = timezone.now()
    given = Item(source=source, key="given", title="Huế", published_at=now, search_vector="'sentinel':1A")
    missing = Item(source=source, key="missing", title="Huế", published_at=now)
    Item.objects.bulk_create([given, missing])
    assert Item.objects.get(key="given").search_vector == "'sentinel':1A"
    assert Item.objects.get(key="missing").search_vector == "'hue':1A"


@on_postgresql
def test_an_update_of_the_text_remakes_the_vector_unless_it_brings_one():
    item = ItemFactory(title="Huế", summary="", content="")
    Item.objects.filter(pk=item.pk).update(title="Viêng Chăn")
    assert Item.objects.get(pk=item.pk).search_vector == "'chan':2A 'vieng':1A"
    item.refresh_from_db()
    item.title = "Yangon"
    item.save()  # writes back the vector it read: stale, so remade
    assert Item.objects.get(pk=item.pk).search_vector == "'yangon':1A"
    Item.objects.filter(pk=item.pk).update(title="Manila", search_vector=search_vector("Manila", "thủ đô"))
    assert Item.objects.get(pk=item.pk).search_vector == "'do':3B 'manila':1A 'thu':2B"
    Item.objects.filter(pk=item.pk).update(title="Jakarta", search_vector=None)
    assert Item.objects.get(pk=item.pk).search_vector == "'jakarta':1A"
