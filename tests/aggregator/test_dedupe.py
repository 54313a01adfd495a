from aggregator.dedupe import best_match, similarity, title_signature


def test_signature_folds_and_drops_function_words_and_prefixes():
    assert title_signature("[Video] Việt Nam và Lào ký kết hợp tác") == "viet nam lao ky ket hop tac"
    assert title_signature("Ảnh: ASEAN họp tại Đà Nẵng") == "asean hop da nang"


def test_same_story_from_two_outlets_matches():
    a = title_signature("Việt Nam và Lào ký kết hợp tác phát triển lưới điện xuyên biên giới")
    b = title_signature("Việt Nam, Lào ký kết hợp tác phát triển lưới điện xuyên biên giới")
    c = title_signature("Singapore công bố chiến lược trí tuệ nhân tạo mới")
    assert similarity(a, b) > 0.9
    assert similarity(a, c) < 0.5
    assert best_match(a, [(1, c), (2, b)]) == 2
    assert best_match(a, [(1, c)]) is None


def test_short_titles_never_cluster():
    assert best_match("asean", [(1, "asean")]) is None
    assert similarity("", "asean") == 0.0


def test_best_match_agrees_with_the_plain_definition():
    """The pruned search picks what taking ``similarity`` of every candidate would pick."""
    import random

    from aggregator.dedupe import SIMILARITY_THRESHOLD, best_match, similarity

    rng = random.Random(7)  # noqa: S311 (test data)
    vocabulary = ["asean", "hop", "tai", "lao", "viet", "nam", "kinh", "te", "gao", "mekong", "tac", "an", "ninh"]

    def title() -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 9)))

    for _ in range(200):
        signature = title()
        candidates = [(number, title()) for number in range(30)]
        expected, best = None, SIMILARITY_THRESHOLD
        for number, candidate in candidates:
            words, other = set(signature.split()), set(candidate.split())
            if len(words & other) * 2 < min(len(words), len(other)):
                continue
            score = similarity(signature, candidate)
            if score >= best:
                expected, best = number, score
        assert best_match(signature, candidates) == expected


def test_titles_sharing_only_an_organisation_and_a_country_are_not_one_story():
    a = title_signature("Sở Công Thương Cà Mau hỗ trợ hợp đồng xuất khẩu gạo sang Campuchia")
    b = title_signature("Trung tâm y tế Đà Nẵng ra mắt hợp đồng xuất khẩu gạo Campuchia")
    assert best_match(a, [(1, b)]) is None
    retold = title_signature("[Video] Sở Công Thương Cà Mau hỗ trợ hợp đồng xuất khẩu gạo sang Campuchia trong tuần")
    assert best_match(a, [(1, b), (2, retold)]) == 2
