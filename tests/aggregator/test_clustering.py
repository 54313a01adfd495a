"""The story index: the same answers as comparing every title, from far fewer comparisons."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from aggregator import clustering, dedupe
from aggregator.clustering import CLUSTER_WINDOW, IndexedItem, StoryIndex
from aggregator.models import Item, ItemStatus, Source

NOON = datetime(2026, 3, 12, 5, 0, tzinfo=UTC)
VOCABULARY = [
    "asean",
    "viet",
    "nam",
    "lao",
    "campuchia",
    "thai",
    "lan",
    "hop",
    "tac",
    "kinh",
    "te",
    "gao",
    "xuat",
    "khau",
    "mekong",
    "hoi",
    "nghi",
    "cap",
    "cao",
    "an",
    "ninh",
    "bien",
    "dong",
    "du",
    "lich",
    "van",
    "hoa",
    "giao",
    "duc",
    "hoc",
    "bong",
    "dau",
    "tu",
    "thuong",
    "mai",
    "so",
    "cong",
    "thuong",
    "tinh",
    "soc",
    "trang",
]


def random_title(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 14)))


def retelling(rng: random.Random, title: str) -> str:
    """Another outlet's words: a word dropped, added or replaced."""
    words = title.split()
    change = rng.choice(["drop", "add", "replace", "same"])
    if change == "drop" and len(words) > 3:
        words.pop(rng.randrange(len(words)))
    elif change == "add":
        words.insert(rng.randrange(len(words) + 1), rng.choice(VOCABULARY))
    elif change == "replace":
        words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
    return " ".join(words)


def loaded_index() -> StoryIndex:
    index = StoryIndex()
    index.loaded = (NOON - timedelta(days=30), NOON + timedelta(days=30))  # nothing to read from the database
    return index


@pytest.mark.parametrize(
    "block_slots, in_time_order",
    [(clustering.BLOCK_SLOTS, False), (16, False), (16, True)],
    ids=["one block", "small blocks", "small blocks in time order"],
)
def test_the_index_finds_what_comparing_every_title_finds(monkeypatch, block_slots, in_time_order):
    """Also over many blocks, some of them wholly outside a title's window (a pass reading a week in steps)."""
    monkeypatch.setattr(clustering, "BLOCK_SLOTS", block_slots)
    rng = random.Random(11)  # noqa: S311 (test data)
    index = loaded_index()
    stored: list[IndexedItem] = []
    for number in range(600):
        source_id = rng.randrange(8)
        minutes = number * 17 - 5000 if in_time_order else rng.randrange(-5000, 5000)
        published = NOON + timedelta(minutes=minutes)
        title = retelling(rng, rng.choice(stored).signature) if stored and rng.random() < 0.3 else random_title(rng)
        others = [
            (item.pk, item.signature)
            for item in stored
            if item.source_id != source_id and abs(item.published_at - published) <= CLUSTER_WINDOW
        ]
        expected = dedupe.best_match(title, others)
        match = index.match(title, source_id, published)
        found = None if match is None else (match.partner.pk if match.partner else None)
        if expected is None:
            assert match is None
        else:
            assert match is not None and found == expected
        item = IndexedItem(number, source_id, published, title, title)
        index.add(item, None)
        stored.append(item)


def test_min_shared_words_is_a_true_bound():
    rng = random.Random(5)  # noqa: S311 (test data)
    for _ in range(3000):
        a = random_title(rng)
        b = retelling(rng, a) if rng.random() < 0.5 else random_title(rng)
        if dedupe.similarity(a, b) >= dedupe.SIMILARITY_THRESHOLD:
            shared = len(set(a.split()) & set(b.split()))
            assert shared >= dedupe.min_shared_words(a)
            assert shared >= dedupe.min_shared_words(a, len(b.split()))  # the tighter bound for long titles
            assert shared >= dedupe.min_shared_words(b.split(), len(a.split()))
    # a longer title can be similar by its word set alone when it only repeats words
    assert dedupe.similarity("asean hop lao", "asean hop lao lao lao lao lao lao") == 1
    assert dedupe.min_shared_words("asean hop lao", 8) == 3


def test_counting_bits_agrees_with_counting_one_by_one():
    rng = random.Random(3)  # noqa: S311 (test data)
    for _ in range(300):
        width = rng.choice([1, 7, 64, 300])
        density = rng.choice([1, 2, 4])  # ANDed random ints: about 1/2, 1/4 or 1/16 of the bits set
        bitsets = []
        for _ in range(rng.randrange(20)):
            bits = rng.getrandbits(width)
            for _ in range(density - 1):
                bits &= rng.getrandbits(width)
            bitsets.append(bits)
        counts = [sum(bits >> position & 1 for bits in bitsets) for position in range(width)]
        planes = clustering._count(bitsets)
        for needed in range(1, len(bitsets) + 2):
            expected = sum(1 << position for position, count in enumerate(counts) if count >= needed)
            assert clustering._at_least(planes, needed) == expected


def test_a_story_joins_items_of_other_outlets_only():
    index = loaded_index()
    index.add(IndexedItem(1, 7, NOON, "asean hop tac kinh te so lao campuchia", "t"), None)
    assert index.match("asean hop tac kinh te so lao campuchia", 7, NOON) is None
    match = index.match("asean hop tac kinh te so lao campuchia", 8, NOON + timedelta(hours=2))
    assert match.partner.pk == 1 and match.cluster_id is None
    index.set_cluster(1, 42)
    assert index.match("asean hop tac kinh te so lao campuchia", 9, NOON).cluster_id == 42
    assert index.match("asean hop tac kinh te so lao campuchia", 9, NOON + CLUSTER_WINDOW * 2) is None


def test_a_title_exactly_at_the_threshold_joins_the_story():
    index = loaded_index()
    index.add(IndexedItem(1, 7, NOON, "so cong thuong binh phuoc thao luan tram sac xe dien lao", "t"), None)
    match = index.match("so cong thuong hai phong thao luan tram sac xe dien timor leste", 8, NOON)
    assert match is not None and match.partner.pk == 1


@pytest.mark.django_db
def test_the_index_reads_the_stored_window_once_and_grows_it():
    source = Source.objects.create(name="A", feed_url="https://a.example/rss")

    def stored(days: int, signature: str) -> Item:
        return Item.objects.create(
            source=source,
            key=f"k{days}",
            title=signature,
            title_signature=signature,
            published_at=NOON + timedelta(days=days),
            content_hash="h",
            status=ItemStatus.VISIBLE,
        )

    today = stored(0, "viet nam lao ky ket hop tac dien")
    later = stored(5, "thai lan campuchia mo cua khau moi")
    Item.objects.create(
        source=source, key="f", title="x", title_signature="viet nam lao ky ket hop tac dien", published_at=NOON,
        content_hash="h", status=ItemStatus.FILTERED,
    )  # fmt: skip
    index = StoryIndex()
    assert index.match("viet nam lao ky ket hop tac dien", source.pk + 1, NOON).partner.pk == today.pk
    assert set(index.items) == {today.pk}  # the window around noon only; filtered-out items never
    assert index.match("thai lan campuchia mo cua khau moi", source.pk + 1, NOON + timedelta(days=5)).partner.pk == (
        later.pk
    )
    assert set(index.items) == {today.pk, later.pk}
