"""Pillars, topics and member countries of the provincial ASEAN plan."""

from cms.models import Country, Pillar, Topic

PILLARS = [
    ("chinh-tri-an-ninh", "Chính trị - An ninh", "Political-Security"),
    ("kinh-te", "Kinh tế", "Economic"),
    ("van-hoa-xa-hoi", "Văn hóa - Xã hội", "Socio-Cultural"),
]

# The plan's topics (section II.3), with Sóc Trăng promotion split into its four parts.
TOPICS = [
    ("dau-tu-thuong-mai", "Đầu tư, thương mại", "Investment and trade"),
    ("hiep-dinh-thuong-mai-tu-do", "Hiệp định thương mại tự do", "Free-trade agreements"),
    ("lao-dong-nguon-nhan-luc", "Lao động, nguồn nhân lực", "Labour and human resources"),
    ("kinh-te-so-chuyen-doi-so", "Kinh tế số, chuyển đổi số", "Digital economy and transformation"),
    ("giao-duc", "Giáo dục", "Education"),
    ("moi-truong-phat-trien-ben-vung", "Môi trường, phát triển bền vững", "Environment and sustainable development"),
    ("hop-tac-tieu-vung", "Hợp tác tiểu vùng", "Sub-regional cooperation"),
    ("phuc-hoi-sau-dai-dich", "Phục hồi sau đại dịch", "Pandemic recovery"),
    ("du-lich", "Quảng bá Sóc Trăng: du lịch", "Sóc Trăng promotion: tourism"),
    ("van-hoa", "Quảng bá Sóc Trăng: văn hóa", "Sóc Trăng promotion: culture"),
    ("dac-san", "Quảng bá Sóc Trăng: đặc sản", "Sóc Trăng promotion: specialties"),
    ("du-an-dau-tu", "Quảng bá Sóc Trăng: dự án đầu tư", "Sóc Trăng promotion: investment projects"),
]

COUNTRIES = [
    ("bn", "Brunei", "Brunei"),
    ("kh", "Campuchia", "Cambodia"),
    ("id", "Indonesia", "Indonesia"),
    ("la", "Lào", "Laos"),
    ("my", "Malaysia", "Malaysia"),
    ("mm", "Myanmar", "Myanmar"),
    ("ph", "Philippines", "Philippines"),
    ("sg", "Singapore", "Singapore"),
    ("th", "Thái Lan", "Thailand"),
    ("tl", "Timor-Leste", "Timor-Leste"),
    ("vn", "Việt Nam", "Viet Nam"),
]


def ensure_taxonomy() -> None:
    for order, (slug, name_vi, name_en) in enumerate(PILLARS):
        Pillar.objects.get_or_create(slug=slug, defaults={"name_vi": name_vi, "name_en": name_en, "sort_order": order})
    for order, (slug, name_vi, name_en) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name_vi": name_vi, "name_en": name_en, "sort_order": order})
    for order, (code, name_vi, name_en) in enumerate(COUNTRIES):
        Country.objects.get_or_create(code=code, defaults={"name_vi": name_vi, "name_en": name_en, "sort_order": order})
