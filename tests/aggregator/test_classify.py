import pytest

from aggregator.classify import Rule, classify
from aggregator.rules import all_default_rules

RULES = [
    Rule("ASEAN", 5),
    Rule("Đông Nam Á", 3),
    Rule("Lào", 2, "country", "la"),
    Rule("Lào Cai", 0),
    Rule("Thái Lan", 2, "country", "th"),
    Rule("viet nam", 0.5, "country", "vn"),
    Rule("kinh tế", 0.5, "pillar", "kinh-te"),
    Rule("kinh tế số", 0.5, "topic", "kinh-te-so"),
    Rule("kinh tế số", 0, "pillar", "kinh-te"),
    Rule("an ninh", 0.5, "pillar", "chinh-tri-an-ninh"),
]


def test_relevance_and_targets():
    result = classify("Hội nghị ASEAN về kinh tế số", "Các nước Đông Nam Á, trong đó có Lào và Thái Lan.", RULES)
    assert result.score == 5 * 2 + 0.5 * 2 + 3 + 2 + 2
    assert result.pillar == "kinh-te"
    assert result.topics == ("kinh-te-so",)
    assert result.countries == ("la", "th")


def test_diacritics_decide_vietnamese_terms():
    # "lao động" (labour) and "Lào Cai" (a province) are not Laos.
    result = classify("Người lao động ở Lào Cai", "Tin trong nước.", RULES)
    assert result.countries == () and result.score == 0


def test_ascii_terms_match_folded_text_including_d_stroke():
    for text in ("Việt Nam", "VIỆT NAM", "Viet Nam", "viet  nam"):
        assert classify(text, "", RULES).countries == ("vn",)
    assert classify("Hợp tác ĐÔNG NAM Á", "", RULES).score == 6
    assert classify("Hop tac Dong Nam A", "", [Rule("dong nam a", 3)]).score == 6  # đ folds to d


def test_words_match_whole_words_only():
    assert classify("ASEANs and Laoshan", "", RULES + [Rule("Laos", 2, "country", "la")]).score == 0


def test_decomposed_unicode_is_matched():
    assert classify("Th\u0061\u0301i Lan", "", RULES).countries == ("th",)


def test_title_counts_twice():
    assert classify("ASEAN", "", RULES).score == 10
    assert classify("", "ASEAN", RULES).score == 5


def test_empty_rules_and_text():
    assert classify("", "", RULES).score == 0
    assert classify("ASEAN", "", []).pillar is None


@pytest.mark.parametrize(
    ("title", "body", "relevant"),
    [
        ("Thủ tướng dự Hội nghị Cấp cao ASEAN lần thứ 48", "", True),
        ("Singapore công bố chiến lược trí tuệ nhân tạo", "", True),
        ("Giá dầu thế giới tăng mạnh", "Thị trường năng lượng biến động.", False),
        ("Người lao động ở Lào Cai vào vụ mùa", "Tin trong nước ở Việt Nam.", False),
        ("Bầu cử Mỹ: các bang chiến trường", "Ứng viên tranh luận về kinh tế.", False),
        ("Indonesia and Malaysia sign a palm oil pact", "", True),
    ],
)
def test_default_rules_against_typical_titles(title, body, relevant):
    rules = [Rule(t, w, target, slug) for t, _lang, w, target, slug in all_default_rules()]
    assert (classify(title, body, rules).score >= 3) is relevant
