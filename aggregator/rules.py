"""The keyword rules an installation starts with (admins edit them under Aggregator > Keyword rules).

(term, language, weight, target, slug). Country names weigh 2, so one country in a title (x2) passes the
default threshold of 3 and one country in passing in the body does not; "ASEAN" passes on its own.
Topical words weigh little: they choose pillar and topics more than they decide relevance.
"""

from __future__ import annotations

P_POL, P_ECO, P_SOC = "chinh-tri-an-ninh", "kinh-te", "van-hoa-xa-hoi"

DEFAULT_RULES: list[tuple[str, str, float, str, str]] = [
    # ASEAN itself.
    ("ASEAN", "en", 5, "none", ""),
    ("Hiệp hội các quốc gia Đông Nam Á", "vi", 5, "none", ""),
    ("Đông Nam Á", "vi", 3, "none", ""),
    ("Southeast Asia", "en", 3, "none", ""),
    ("Southeast Asian", "en", 3, "none", ""),
    ("AEC", "en", 2, "pillar", P_ECO),
    ("APSC", "en", 2, "pillar", P_POL),
    ("ASCC", "en", 2, "pillar", P_SOC),
    # Member states, their capitals, and names that contain them but are not them.
    ("Brunei", "en", 2, "country", "bn"),
    ("Bandar Seri Begawan", "en", 1.5, "country", "bn"),
    ("Campuchia", "vi", 2, "country", "kh"),
    ("Cambodia", "en", 2, "country", "kh"),
    ("Phnom Penh", "en", 1.5, "country", "kh"),
    ("Indonesia", "en", 2, "country", "id"),
    ("Jakarta", "en", 1.5, "country", "id"),
    ("Lào", "vi", 2, "country", "la"),
    ("Laos", "en", 2, "country", "la"),
    ("Lao PDR", "en", 2, "country", "la"),
    ("Viêng Chăn", "vi", 1.5, "country", "la"),
    ("Vientiane", "en", 1.5, "country", "la"),
    ("Lào Cai", "vi", 0, "none", ""),
    ("Malaysia", "en", 2, "country", "my"),
    ("Kuala Lumpur", "en", 1.5, "country", "my"),
    ("Myanmar", "en", 2, "country", "mm"),
    ("Nay Pyi Taw", "en", 1.5, "country", "mm"),
    ("Philippines", "en", 2, "country", "ph"),
    ("Manila", "en", 1.5, "country", "ph"),
    ("Singapore", "en", 2, "country", "sg"),
    ("Thái Lan", "vi", 2, "country", "th"),
    ("Thailand", "en", 2, "country", "th"),
    ("Bangkok", "en", 1.5, "country", "th"),
    ("Timor-Leste", "en", 2, "country", "tl"),
    ("Đông Timor", "vi", 2, "country", "tl"),
    ("East Timor", "en", 2, "country", "tl"),
    ("Việt Nam", "vi", 0.5, "country", "vn"),
    ("Vietnam", "en", 0.5, "country", "vn"),
    ("Viet Nam", "en", 0.5, "country", "vn"),
    # Political-Security.
    ("an ninh", "vi", 0.5, "pillar", P_POL),
    ("quốc phòng", "vi", 0.5, "pillar", P_POL),
    ("Biển Đông", "vi", 1, "pillar", P_POL),
    ("South China Sea", "en", 1, "pillar", P_POL),
    ("security", "en", 0.5, "pillar", P_POL),
    ("defence", "en", 0.5, "pillar", P_POL),
    ("hội nghị cấp cao", "vi", 1, "pillar", P_POL),
    ("summit", "en", 1, "pillar", P_POL),
    ("ngoại giao", "vi", 0.5, "pillar", P_POL),
    # Economic.
    ("kinh tế", "vi", 0.5, "pillar", P_ECO),
    ("economic", "en", 0.5, "pillar", P_ECO),
    ("thương mại", "vi", 0.5, "pillar", P_ECO),
    ("thương mại", "vi", 0, "topic", "dau-tu-thuong-mai"),
    ("trade", "en", 0.5, "pillar", P_ECO),
    ("trade", "en", 0, "topic", "dau-tu-thuong-mai"),
    ("đầu tư", "vi", 0.5, "pillar", P_ECO),
    ("đầu tư", "vi", 0, "topic", "dau-tu-thuong-mai"),
    ("investment", "en", 0.5, "pillar", P_ECO),
    ("investment", "en", 0, "topic", "dau-tu-thuong-mai"),
    ("RCEP", "en", 2, "topic", "hiep-dinh-thuong-mai-tu-do"),
    ("ATIGA", "en", 2, "topic", "hiep-dinh-thuong-mai-tu-do"),
    ("AFTA", "en", 2, "topic", "hiep-dinh-thuong-mai-tu-do"),
    ("hiệp định thương mại tự do", "vi", 1, "topic", "hiep-dinh-thuong-mai-tu-do"),
    ("free trade agreement", "en", 1, "topic", "hiep-dinh-thuong-mai-tu-do"),
    ("kinh tế số", "vi", 0.5, "topic", "kinh-te-so-chuyen-doi-so"),
    ("chuyển đổi số", "vi", 0.5, "topic", "kinh-te-so-chuyen-doi-so"),
    ("digital economy", "en", 0.5, "topic", "kinh-te-so-chuyen-doi-so"),
    ("digital transformation", "en", 0.5, "topic", "kinh-te-so-chuyen-doi-so"),
    ("lao động", "vi", 0.5, "topic", "lao-dong-nguon-nhan-luc"),
    ("nguồn nhân lực", "vi", 0.5, "topic", "lao-dong-nguon-nhan-luc"),
    ("labour", "en", 0.5, "topic", "lao-dong-nguon-nhan-luc"),
    ("workforce", "en", 0.5, "topic", "lao-dong-nguon-nhan-luc"),
    # Socio-Cultural.
    ("văn hóa", "vi", 0.5, "pillar", P_SOC),
    ("culture", "en", 0.5, "pillar", P_SOC),
    ("giáo dục", "vi", 0.5, "topic", "giao-duc"),
    ("giáo dục", "vi", 0, "pillar", P_SOC),
    ("education", "en", 0.5, "topic", "giao-duc"),
    ("education", "en", 0, "pillar", P_SOC),
    ("học bổng", "vi", 0.5, "topic", "giao-duc"),
    ("scholarship", "en", 0.5, "topic", "giao-duc"),
    ("môi trường", "vi", 0.5, "topic", "moi-truong-phat-trien-ben-vung"),
    ("biến đổi khí hậu", "vi", 0.5, "topic", "moi-truong-phat-trien-ben-vung"),
    ("climate change", "en", 0.5, "topic", "moi-truong-phat-trien-ben-vung"),
    ("phát triển bền vững", "vi", 0.5, "topic", "moi-truong-phat-trien-ben-vung"),
    ("sustainable development", "en", 0.5, "topic", "moi-truong-phat-trien-ben-vung"),
    ("Mê Công", "vi", 1, "topic", "hop-tac-tieu-vung"),
    ("Mekong", "en", 1, "topic", "hop-tac-tieu-vung"),
    ("tiểu vùng", "vi", 0.5, "topic", "hop-tac-tieu-vung"),
    ("du lịch", "vi", 0.5, "topic", "du-lich"),
    ("du lịch", "vi", 0, "pillar", P_SOC),
    ("tourism", "en", 0.5, "topic", "du-lich"),
    ("tourism", "en", 0, "pillar", P_SOC),
    ("y tế", "vi", 0.5, "pillar", P_SOC),
    ("health", "en", 0.5, "pillar", P_SOC),
    ("SEA Games", "en", 2, "pillar", P_SOC),
    ("đại dịch", "vi", 0.5, "topic", "phuc-hoi-sau-dai-dich"),
    ("pandemic", "en", 0.5, "topic", "phuc-hoi-sau-dai-dich"),
]


# A topic term also points at its pillar (with no extra relevance), so "kinh tế số" gives Economic.
TOPIC_PILLARS = {
    "dau-tu-thuong-mai": P_ECO,
    "hiep-dinh-thuong-mai-tu-do": P_ECO,
    "lao-dong-nguon-nhan-luc": P_ECO,
    "kinh-te-so-chuyen-doi-so": P_ECO,
    "giao-duc": P_SOC,
    "moi-truong-phat-trien-ben-vung": P_SOC,
    "phuc-hoi-sau-dai-dich": P_SOC,
    "du-lich": P_SOC,
    "van-hoa": P_SOC,
}


def all_default_rules() -> list[tuple[str, str, float, str, str]]:
    rules = list(DEFAULT_RULES)
    for term, language, _weight, target, slug in DEFAULT_RULES:
        pillar = TOPIC_PILLARS.get(slug) if target == "topic" else None
        if pillar and not any(r[0] == term and r[3] == "pillar" for r in rules):
            rules.append((term, language, 0, "pillar", pillar))
    return rules


def ensure_default_rules(rule_model) -> int:
    """Adds the default rules that are missing; never changes a rule an admin edited. Returns how many."""
    created = 0
    for term, language, weight, target, slug in all_default_rules():
        _rule, was_created = rule_model.objects.get_or_create(
            term=term, target=target, target_slug=slug, defaults={"language": language, "weight": weight}
        )
        created += was_created
    return created
