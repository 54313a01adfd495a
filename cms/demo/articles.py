"""Original demo articles for the ASEAN Column, loaded by ``bootstrap --demo``.

All text here was written for this project. The people quoted are fictional and identified only by their
role; the "source" lines point to invented sample articles under https://example.org/ to show how the
citation of reused work is displayed. Figures are deliberately approximate or illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass

PILLAR_SLUGS: tuple[str, ...] = ("chinh-tri-an-ninh", "kinh-te", "van-hoa-xa-hoi")

TOPIC_SLUGS: tuple[str, ...] = (
    "dau-tu-thuong-mai",
    "hiep-dinh-thuong-mai-tu-do",
    "lao-dong-nguon-nhan-luc",
    "kinh-te-so-chuyen-doi-so",
    "giao-duc",
    "moi-truong-phat-trien-ben-vung",
    "hop-tac-tieu-vung",
    "phuc-hoi-sau-dai-dich",
    "du-lich",
    "van-hoa",
    "dac-san",
    "du-an-dau-tu",
)

COUNTRY_CODES: tuple[str, ...] = ("bn", "kh", "id", "la", "my", "mm", "ph", "sg", "th", "tl", "vn")


@dataclass(frozen=True)
class DemoArticle:
    """One bilingual demo article; a body paragraph starting with "## " is a subheading."""

    key: str
    pillar: str
    topics: tuple[str, ...]
    countries: tuple[str, ...]
    days_ago: int
    title_vi: str
    lead_vi: str
    body_vi: tuple[str, ...]
    title_en: str
    lead_en: str
    body_en: tuple[str, ...]
    image_hue: int
    image_label: str
    quote_vi: tuple[str, str] | None = None
    quote_en: tuple[str, str] | None = None
    source_outlet: str = ""
    source_url: str = ""


DEMO_ARTICLES: list[DemoArticle] = [
    DemoArticle(
        key="st25-rice-asean-markets",
        pillar="kinh-te",
        topics=("dau-tu-thuong-mai", "hiep-dinh-thuong-mai-tu-do", "dac-san"),
        countries=("ph", "sg", "my", "vn"),
        days_ago=0,
        title_vi="Gạo ST25 tìm chỗ đứng vững hơn tại các thị trường ASEAN",
        lead_vi=(
            "Nhờ ưu đãi thuế quan trong Hiệp định Thương mại hàng hóa ASEAN (ATIGA), nhiều doanh nghiệp "
            "lúa gạo ở khu vực Sóc Trăng đang đẩy mạnh đưa gạo thơm ST25 vào Philippines, Singapore và "
            "Malaysia."
        ),
        body_vi=(
            (
                "Từ một giống lúa do các kỹ sư nông nghiệp địa phương dày công lai tạo qua nhiều năm, gạo "
                "ST25 nay đã trở thành niềm tự hào của vùng đất Sóc Trăng. Hạt gạo dài, cơm mềm dẻo và "
                "thơm nhẹ giúp sản phẩm được người tiêu dùng trong nước ưa chuộng, đồng thời mở ra cơ hội "
                "xuất khẩu sang các nước láng giềng trong khu vực."
            ),
            "## Lợi thế từ ATIGA",
            (
                "Theo Hiệp định Thương mại hàng hóa ASEAN, phần lớn dòng thuế nhập khẩu giữa các nước "
                "thành viên đã được xóa bỏ hoặc cắt giảm sâu. Khi lô hàng đáp ứng quy tắc xuất xứ và có "
                "giấy chứng nhận xuất xứ mẫu D, nhà nhập khẩu được hưởng mức thuế ưu đãi, giúp gạo Việt "
                "Nam cạnh tranh hơn trên kệ hàng ở Manila, Singapore hay Kuala Lumpur. Một số doanh nghiệp "
                "trong vùng cho biết đơn hàng gạo thơm đóng túi nhỏ sang Singapore và Malaysia tăng đều "
                "trong vài năm gần đây."
            ),
            (
                "Tuy vậy, thị trường ASEAN cũng ngày càng khắt khe. Nhà nhập khẩu yêu cầu truy xuất nguồn "
                "gốc rõ ràng, kiểm soát dư lượng thuốc bảo vệ thực vật và nhãn mác đúng quy định của nước "
                "sở tại. Vì thế, nhiều hợp tác xã đã liên kết với doanh nghiệp để xây dựng vùng nguyên "
                "liệu đạt chuẩn, ghi nhật ký đồng ruộng và áp dụng quy trình canh tác giảm phát thải."
            ),
            (
                "Bên cạnh đó, bảo hộ nhãn hiệu ở nước ngoài được xem là bước đi cần thiết để tránh tình "
                "trạng sản phẩm bị nhái tên. Các cơ quan chức năng khuyến nghị doanh nghiệp chủ động đăng "
                "ký nhãn hiệu, tham gia hội chợ chuyên ngành và tận dụng thương mại điện tử xuyên biên "
                "giới để đưa gạo ST25 đến với nhiều khách hàng hơn."
            ),
        ),
        title_en="ST25 rice gains a firmer foothold in ASEAN markets",
        lead_en=(
            "Thanks to tariff preferences under the ASEAN Trade in Goods Agreement (ATIGA), rice "
            "businesses in the Sóc Trăng area are pushing more of their fragrant ST25 rice into the "
            "Philippines, Singapore and Malaysia."
        ),
        body_en=(
            (
                "Developed over many years by local agricultural engineers, ST25 rice has become a point "
                "of pride for Sóc Trăng. Its long grains, soft texture and gentle fragrance have won over "
                "consumers at home and are now opening doors in neighbouring markets."
            ),
            "## The ATIGA advantage",
            (
                "Under the ASEAN Trade in Goods Agreement, most import duties between member states have "
                "been removed or sharply reduced. When a shipment meets the rules of origin and carries a "
                "Form D certificate, the importer pays the preferential rate, which makes Vietnamese rice "
                "more competitive on shelves in Manila, Singapore or Kuala Lumpur. Several local companies "
                "say orders for small retail bags of fragrant rice to Singapore and Malaysia have grown "
                "steadily over the past few years."
            ),
            (
                "Buyers in the region are also becoming more demanding. Importers want clear traceability, "
                "tight control of pesticide residues and labels that comply with each country's rules. "
                "Many cooperatives have therefore teamed up with exporters to build certified growing "
                "areas, keep field diaries and adopt low-emission farming practices."
            ),
            (
                "Protecting the brand abroad is seen as another essential step, so that the name cannot "
                "simply be copied. The authorities encourage companies to register their trademarks "
                "overseas, attend specialised trade fairs and use cross-border e-commerce to reach more "
                "customers."
            ),
        ),
        quote_vi=(
            ("Muốn đi đường dài ở thị trường ASEAN, hạt gạo phải sạch từ cánh đồng chứ không chỉ đẹp trên bao bì."),
            "Giám đốc một hợp tác xã lúa gạo ở Mỹ Xuyên",
        ),
        quote_en=(
            (
                "If we want to go the distance in ASEAN markets, the rice has to be clean from the field, "
                "not just look good on the bag."
            ),
            "Director of a rice cooperative in Mỹ Xuyên",
        ),
        source_outlet="Báo Sóc Trăng (bài mẫu)",
        source_url="https://example.org/bao-soc-trang/gao-st25-thi-truong-asean",
        image_hue=48,
        image_label="Gạo ST25 vươn ra ASEAN",
    ),
    DemoArticle(
        key="asean-day-celebrations",
        pillar="chinh-tri-an-ninh",
        topics=("giao-duc", "van-hoa"),
        countries=("vn", "id", "my", "ph", "sg", "th", "la"),
        days_ago=2,
        title_vi="Sôi nổi các hoạt động hưởng ứng Ngày ASEAN 8/8",
        lead_vi=(
            "Treo cờ ASEAN, tọa đàm về Cộng đồng ASEAN và cuộc thi tìm hiểu dành cho học sinh là những "
            "hoạt động nổi bật nhân kỷ niệm ngày thành lập Hiệp hội các quốc gia Đông Nam Á."
        ),
        body_vi=(
            (
                "Ngày 8/8/1967, năm quốc gia Indonesia, Malaysia, Philippines, Singapore và Thái Lan ký "
                "Tuyên bố Bangkok, khai sinh Hiệp hội các quốc gia Đông Nam Á. Việt Nam gia nhập ASEAN năm "
                "1995 và từ đó đến nay luôn là thành viên tích cực, có trách nhiệm. Mỗi dịp tháng Tám, "
                "các cơ quan, trường học ở khu vực Sóc Trăng lại tổ chức nhiều hoạt động để lan tỏa hình "
                "ảnh một Cộng đồng ASEAN đoàn kết, gắn bó."
            ),
            (
                "Năm nay, cờ ASEAN được treo cạnh Quốc kỳ tại trụ sở nhiều cơ quan và trên một số tuyến "
                "đường chính. Buổi tọa đàm do ngành ngoại vụ phối hợp tổ chức đã giúp cán bộ, doanh nghiệp "
                "và đoàn viên thanh niên hiểu rõ hơn ba trụ cột của Cộng đồng ASEAN: chính trị - an ninh, "
                "kinh tế và văn hóa - xã hội."
            ),
            "## Học sinh tìm hiểu về ASEAN",
            (
                "Ở các trường trung học, cuộc thi tìm hiểu về ASEAN thu hút đông đảo học sinh tham gia. "
                "Các em trả lời câu hỏi về lịch sử hình thành Hiệp hội, quốc kỳ, thủ đô, ngôn ngữ của các "
                "nước thành viên, rồi thể hiện hiểu biết qua tiết mục văn nghệ, trang phục truyền thống và "
                "tranh vẽ. Nhiều giáo viên cho rằng hình thức học mà chơi giúp kiến thức về khu vực trở "
                "nên gần gũi hơn."
            ),
            (
                "Theo ban tổ chức, hoạt động hưởng ứng Ngày ASEAN không chỉ mang tính kỷ niệm mà còn là "
                "dịp nhắc mỗi người dân về cơ hội và trách nhiệm của mình khi Việt Nam ngày càng hội nhập "
                "sâu rộng vào khu vực."
            ),
        ),
        title_en="ASEAN Day on 8 August marked with flags, talks and a student quiz",
        lead_en=(
            "ASEAN flags, a discussion on the ASEAN Community and a knowledge contest for secondary school "
            "students were among the highlights as the Sóc Trăng area marked the founding anniversary of "
            "the Association of Southeast Asian Nations."
        ),
        body_en=(
            (
                "On 8 August 1967 five countries, Indonesia, Malaysia, the Philippines, Singapore and "
                "Thailand, signed the Bangkok Declaration that created the Association of Southeast Asian "
                "Nations. Vietnam joined in 1995 and has been an active and responsible member ever since. "
                "Every August, offices and schools in the Sóc Trăng area organise activities that promote "
                "the idea of a close-knit ASEAN Community."
            ),
            (
                "This year the ASEAN flag flew alongside the national flag at many public buildings and "
                "along several main streets. A discussion organised with the foreign affairs sector helped "
                "officials, business people and young volunteers better understand the Community's three "
                "pillars: political-security, economic and socio-cultural."
            ),
            "## Students discover the region",
            (
                "In secondary schools, the ASEAN knowledge contest drew a large number of participants. "
                "Students answered questions on the history of the Association and on the flags, capitals "
                "and languages of its members, then showed what they had learned through performances, "
                "traditional costumes and drawings. Teachers say learning through play makes the region "
                "feel much closer."
            ),
            (
                "The organisers stress that ASEAN Day is more than a commemoration. It is also a reminder "
                "to every resident of the opportunities and responsibilities that come with Vietnam's ever "
                "deeper integration into the region."
            ),
        ),
        quote_vi=(
            ("Khi các em biết thủ đô của Lào hay một món ăn của Philippines, ASEAN không còn là khái niệm xa xôi nữa."),
            "Một giáo viên dạy Lịch sử ở Vĩnh Châu",
        ),
        quote_en=(
            (
                "Once children know the capital of Laos or a dish from the Philippines, ASEAN stops being "
                "a distant idea."
            ),
            "A history teacher in Vĩnh Châu",
        ),
        image_hue=215,
        image_label="Ngày ASEAN 8/8",
    ),
    DemoArticle(
        key="khmer-pagodas-asean-visitors",
        pillar="van-hoa-xa-hoi",
        topics=("du-lich", "van-hoa", "dac-san"),
        countries=("th", "my", "sg", "bn"),
        days_ago=3,
        title_vi="Chùa Dơi, chùa Chén Kiểu: điểm hẹn của du khách ASEAN",
        lead_vi=(
            "Kiến trúc chùa Khmer độc đáo, ẩm thực dân dã và nhịp sống hiền hòa đang giúp Sóc Trăng trở "
            "thành điểm dừng chân hấp dẫn trên hành trình khám phá miền Tây của du khách Đông Nam Á."
        ),
        body_vi=(
            (
                "Buổi sáng ở chùa Dơi, những đàn dơi treo mình trên các tán cây cổ thụ trong khuôn viên "
                "chùa luôn khiến du khách thích thú. Ngôi chùa Khmer cổ kính với mái cong nhiều tầng, "
                "tượng rắn thần Naga và những bức phù điêu tinh xảo là nơi hướng dẫn viên thường dành "
                "nhiều thời gian nhất để kể về đời sống tín ngưỡng của đồng bào Khmer."
            ),
            (
                "Không xa trung tâm, chùa Chén Kiểu gây ấn tượng bởi lối trang trí bằng hàng nghìn mảnh "
                "chén, dĩa sứ gắn trên tường và cột. Cùng với chùa Đất Sét, đây là những điểm đến mà các "
                "công ty lữ hành thường đưa vào tour một ngày xuất phát từ Cần Thơ."
            ),
            "## Khách ASEAN tìm đến văn hóa Khmer",
            (
                "Du khách Thái Lan thường bất ngờ trước những nét tương đồng giữa chùa Khmer ở đây với các "
                "ngôi chùa Phật giáo Nam tông quê nhà, còn khách từ Malaysia, Singapore hay Brunei lại "
                "thích thú với không gian văn hóa đa dạng của người Kinh, Khmer và Hoa cùng chung sống. Sự "
                "gần gũi ấy trở thành chất liệu để ngành du lịch xây dựng sản phẩm mới, như tour trải "
                "nghiệm lễ hội, lớp học làm bánh truyền thống hay thưởng thức bún nước lèo."
            ),
            (
                "Trước khi rời Sóc Trăng, ít ai quên mua vài hộp bánh pía hay lạp xưởng làm quà. Các doanh "
                "nghiệp du lịch kiến nghị tiếp tục bổ sung biển chỉ dẫn song ngữ, đào tạo hướng dẫn viên "
                "ngoại ngữ và phát triển dịch vụ lưu trú tại nhà dân để giữ chân du khách lâu hơn."
            ),
        ),
        title_en="Bat Pagoda and Bowl Pagoda: favourite stops for ASEAN visitors",
        lead_en=(
            "Distinctive Khmer temple architecture, homely food and an unhurried pace of life are making "
            "Sóc Trăng an appealing stop for Southeast Asian travellers exploring the Mekong Delta."
        ),
        body_en=(
            (
                "Mornings at the Bat Pagoda (Chùa Dơi) never fail to delight visitors, with fruit bats "
                "hanging from the old trees in the temple grounds. The venerable Khmer pagoda, with its "
                "tiered curved roofs, Naga serpent statues and finely carved reliefs, is where guides "
                "usually spend the most time explaining the religious life of the Khmer community."
            ),
            (
                "Not far from the centre, the Chén Kiểu Pagoda impresses with walls and columns decorated "
                "with thousands of pieces of porcelain bowls and plates. Together with the Clay Pagoda "
                "(Chùa Đất Sét), it is a fixture of the day trips that travel companies run from Cần Thơ."
            ),
            "## Khmer culture draws regional visitors",
            (
                "Thai visitors are often struck by how closely the local Khmer temples resemble the "
                "Theravada Buddhist temples back home, while guests from Malaysia, Singapore or Brunei "
                "enjoy the mix of Kinh, Khmer and Chinese communities living side by side. These "
                "connections are shaping new products such as festival tours, traditional cake-making "
                "classes and tastings of bún nước lèo, the area's famous fermented-fish noodle soup."
            ),
            (
                "Few leave Sóc Trăng without a few boxes of bánh pía, the local flaky pastry, or some "
                "sweet sausages as gifts. Tourism businesses are calling for more bilingual signs, more "
                "guides who speak foreign languages and more homestays, so that visitors stay longer."
            ),
        ),
        quote_vi=(
            (
                "Ở Bangkok tôi quen với chùa Phật giáo, nhưng thấy một ngôi chùa trang trí bằng chén dĩa "
                "thế này thì đây là lần đầu."
            ),
            "Một du khách Thái Lan tại chùa Chén Kiểu",
        ),
        quote_en=(
            (
                "In Bangkok I'm used to Buddhist temples, but this is the first time I've seen one "
                "decorated with bowls and plates."
            ),
            "A Thai visitor at the Chén Kiểu Pagoda",
        ),
        image_hue=28,
        image_label="Chùa Dơi - Chùa Chén Kiểu",
    ),
    DemoArticle(
        key="shrimp-exporters-rcep-origin",
        pillar="kinh-te",
        topics=("hiep-dinh-thuong-mai-tu-do", "dau-tu-thuong-mai"),
        countries=("th", "id", "sg", "vn"),
        days_ago=5,
        title_vi="Doanh nghiệp tôm tận dụng quy tắc cộng gộp xuất xứ trong RCEP",
        lead_vi=(
            "Hiệp định Đối tác kinh tế toàn diện khu vực (RCEP) cho phép cộng gộp nguyên liệu từ các nước "
            "thành viên, mở ra dư địa mới cho các nhà máy chế biến tôm ở vùng ven biển Sóc Trăng."
        ),
        body_vi=(
            (
                "Tôm là một trong những mặt hàng xuất khẩu chủ lực của vùng ven biển Sóc Trăng, nơi có "
                "nhiều nhà máy chế biến quy mô lớn. Bên cạnh các thị trường truyền thống, doanh nghiệp "
                "ngày càng quan tâm đến khu vực ASEAN và các đối tác trong RCEP như Nhật Bản, Hàn Quốc, "
                "Trung Quốc, Australia và New Zealand."
            ),
            (
                "Điểm đáng chú ý của RCEP là quy tắc cộng gộp xuất xứ: nguyên liệu có xuất xứ từ bất kỳ "
                "nước thành viên nào cũng được coi là nguyên liệu có xuất xứ khi đưa vào sản xuất thành "
                "phẩm. Chẳng hạn, một nhà máy có thể nhập thêm tôm nguyên liệu, bao bì hay gia vị từ Thái "
                "Lan, Indonesia để chế biến món ăn sẵn, rồi xuất sang Singapore hay Nhật Bản mà vẫn đủ "
                "điều kiện hưởng ưu đãi thuế quan."
            ),
            "## Khó khăn vẫn còn",
            (
                "Dù vậy, không ít doanh nghiệp nhỏ vẫn lúng túng với thủ tục chứng nhận và tự chứng nhận "
                "xuất xứ. Chi phí con giống, thức ăn và điện tăng, trong khi giá bán phải cạnh tranh gay "
                "gắt với tôm của các nước trong khu vực. Người nuôi cũng phải đối mặt với dịch bệnh và "
                "thời tiết thất thường."
            ),
            (
                "Các chuyên gia khuyến nghị doanh nghiệp đầu tư chế biến sâu, phát triển sản phẩm giá trị "
                "gia tăng và liên kết chặt chẽ với người nuôi để bảo đảm truy xuất nguồn gốc. Các lớp tập "
                "huấn về quy tắc xuất xứ do cơ quan quản lý tổ chức định kỳ cũng là kênh hữu ích để doanh "
                "nghiệp cập nhật quy định mới."
            ),
        ),
        title_en="Shrimp exporters tap RCEP's cumulative rules of origin",
        lead_en=(
            "The Regional Comprehensive Economic Partnership (RCEP) lets manufacturers count inputs from "
            "any member country as originating, giving shrimp processors along the Sóc Trăng coast new "
            "room to grow."
        ),
        body_en=(
            (
                "Shrimp is one of the main exports of coastal Sóc Trăng, home to several large processing "
                "plants. Besides their traditional markets, companies are paying more attention to ASEAN "
                "and to RCEP partners such as Japan, South Korea, China, Australia and New Zealand."
            ),
            (
                "What makes RCEP stand out is cumulation: originating materials from any member are "
                "treated as originating when they go into a finished product. A plant can, for instance, "
                "buy additional raw shrimp, packaging or seasonings from Thailand or Indonesia, turn them "
                "into ready meals and ship them to Singapore or Japan while still qualifying for "
                "preferential tariffs."
            ),
            "## Hurdles remain",
            (
                "Many smaller firms, however, still struggle with certification and self-certification of "
                "origin. The cost of post-larvae, feed and electricity has risen, while selling prices "
                "face stiff competition from shrimp produced elsewhere in the region. Farmers also have to "
                "cope with disease and erratic weather."
            ),
            (
                "Experts advise companies to invest in deeper processing, develop value-added products and "
                "work closely with farmers to guarantee traceability. Regular training sessions on rules "
                "of origin, run by the authorities, are also a useful way for businesses to keep up with "
                "new regulations."
            ),
        ),
        quote_vi=(
            ("RCEP mở rộng cánh cửa, nhưng muốn bước qua thì hồ sơ xuất xứ phải làm chuẩn ngay từ đầu."),
            "Trưởng phòng xuất nhập khẩu của một công ty thủy sản",
        ),
        quote_en=(
            ("RCEP opens the door, but to walk through it your origin paperwork has to be right from the start."),
            "Import-export manager at a seafood company",
        ),
        image_hue=8,
        image_label="Tôm xuất khẩu theo RCEP",
    ),
    DemoArticle(
        key="salinity-climate-adaptation",
        pillar="van-hoa-xa-hoi",
        topics=("moi-truong-phat-trien-ben-vung", "hop-tac-tieu-vung"),
        countries=("vn", "th", "ph"),
        days_ago=7,
        title_vi="Sống chung với mặn: nông dân ven biển đổi mới cách canh tác",
        lead_vi=(
            "Xâm nhập mặn ngày càng sâu vào mùa khô buộc nông dân vùng ven biển phải thay đổi cách làm ăn, "
            "trong đó mô hình luân canh lúa - tôm và cây trồng chịu mặn đang cho thấy hiệu quả."
        ),
        body_vi=(
            (
                "Những năm gần đây, mùa khô ở các vùng ven biển như Vĩnh Châu, Trần Đề hay Cù Lao Dung "
                "thường đến sớm hơn và kéo dài hơn. Nước mặn theo các cửa sông lấn sâu vào nội đồng, có "
                "thời điểm làm thiệt hại nhiều diện tích lúa và khiến người dân thiếu nước ngọt sinh hoạt."
            ),
            (
                "Thay vì cố giữ cây lúa quanh năm, nhiều hộ đã chuyển sang luân canh một vụ lúa, một vụ "
                "tôm: mùa mưa trồng lúa khi nước ngọt dồi dào, mùa khô thả tôm tận dụng nguồn nước lợ. Rơm "
                "rạ và chất hữu cơ từ vụ lúa giúp ao nuôi sạch hơn, còn vụ tôm mang lại nguồn thu đáng kể "
                "cho gia đình. Trên những giồng cát, nông dân trồng hành tím, rau màu kết hợp tưới nhỏ "
                "giọt để tiết kiệm nước."
            ),
            "## Chia sẻ kinh nghiệm trong khu vực",
            (
                "Biến đổi khí hậu không phải câu chuyện riêng của đồng bằng sông Cửu Long. Tại các hội "
                "thảo chuyên đề, các nhà khoa học Việt Nam đã trao đổi với đồng nghiệp từ Thái Lan, "
                "Philippines về giống lúa chịu mặn, kỹ thuật quản lý nước và dự báo xâm nhập mặn. Kinh "
                "nghiệm của những quốc gia có vùng châu thổ thấp ven biển là nguồn tham khảo quý cho địa "
                "phương."
            ),
            (
                "Ngành nông nghiệp khuyến cáo người dân thường xuyên theo dõi bản tin độ mặn, tích trữ "
                "nước ngọt trước mùa khô và tuân thủ lịch thời vụ. Xây dựng cống ngăn mặn, hồ chứa nước "
                "ngọt và phục hồi rừng ngập mặn ven biển được xem là những giải pháp lâu dài."
            ),
        ),
        title_en="Living with salt: coastal farmers change the way they farm",
        lead_en=(
            "As saltwater pushes further inland each dry season, coastal farmers are adapting, with "
            "rice-shrimp rotation and salt-tolerant crops proving their worth."
        ),
        body_en=(
            (
                "In recent years the dry season in coastal areas such as Vĩnh Châu, Trần Đề and Cù Lao "
                "Dung has tended to start earlier and last longer. Seawater travels up the estuaries into "
                "the fields, at times damaging large areas of rice and leaving households short of fresh "
                "water."
            ),
            (
                "Rather than trying to grow rice all year round, many families now rotate one rice crop "
                "with one shrimp crop: rice in the rainy season, when fresh water is plentiful, and shrimp "
                "in the dry season, using the brackish water. Straw and organic matter left by the rice "
                "keep the ponds cleaner, while the shrimp bring in a substantial income. On the sandy "
                "ridges, farmers grow purple onions and vegetables with drip irrigation to save water."
            ),
            "## Learning from the neighbours",
            (
                "Climate change is not a challenge for the Mekong Delta alone. At specialist workshops, "
                "Vietnamese scientists have exchanged ideas with colleagues from Thailand and the "
                "Philippines on salt-tolerant rice varieties, water management and salinity forecasting. "
                "The experience of other countries with low-lying coastal deltas is a valuable reference "
                "for the area."
            ),
            (
                "Agricultural officials advise farmers to follow salinity bulletins closely, store fresh "
                "water before the dry season and respect the recommended planting calendar. Sluice gates, "
                "freshwater reservoirs and the restoration of coastal mangroves are seen as the long-term "
                "answers."
            ),
        ),
        quote_vi=(
            ("Hồi trước mặn vô là mất trắng, giờ mình xoay theo con nước, mùa nào nuôi trồng theo mùa nấy."),
            "Một nông dân làm lúa - tôm ở Mỹ Xuyên",
        ),
        quote_en=(
            ("Salt used to mean losing the whole crop. Now we move with the water and farm whatever suits the season."),
            "A rice-shrimp farmer in Mỹ Xuyên",
        ),
        image_hue=165,
        image_label="Lúa - tôm thích ứng với mặn",
    ),
    DemoArticle(
        key="fishers-safety-iuu-cooperation",
        pillar="chinh-tri-an-ninh",
        topics=("moi-truong-phat-trien-ben-vung", "hop-tac-tieu-vung"),
        countries=("vn", "th", "my", "id"),
        days_ago=9,
        title_vi="Chung tay bảo vệ ngư dân, chống khai thác hải sản bất hợp pháp",
        lead_vi=(
            "Tuyên truyền pháp luật cho ngư dân, giám sát hành trình tàu cá và tăng cường trao đổi thông "
            "tin với các nước láng giềng là những giải pháp được các lực lượng chức năng ven biển đẩy "
            "mạnh."
        ),
        body_vi=(
            (
                "Vùng biển Trần Đề, Vĩnh Châu là ngư trường quen thuộc của hàng nghìn lao động nghề cá. Để "
                "giữ gìn nguồn lợi thủy sản và bảo đảm an toàn cho ngư dân, Bộ đội Biên phòng cùng chính "
                "quyền địa phương thường xuyên tổ chức các buổi tuyên truyền tại cảng cá và bến neo đậu."
            ),
            (
                "Nội dung tập trung vào các quy định chống khai thác bất hợp pháp, không báo cáo và không "
                "theo quy định (IUU), yêu cầu duy trì thiết bị giám sát hành trình và ghi nhật ký khai "
                "thác đầy đủ. Ngư dân được nhắc nhở tuyệt đối không đưa tàu vượt sang vùng biển của nước "
                "khác, bởi hậu quả không chỉ là tàu bị bắt giữ mà còn ảnh hưởng đến uy tín của thủy sản "
                "Việt Nam trên thị trường quốc tế."
            ),
            "## Hợp tác vì một vùng biển an toàn",
            (
                "Ở cấp khu vực, các nước ASEAN đã có nhiều cơ chế đối thoại về an ninh biển, tìm kiếm cứu "
                "nạn và đối xử nhân đạo với ngư dân gặp nạn. Việc trao đổi thông tin với lực lượng chức "
                "năng của Thái Lan, Malaysia và Indonesia giúp xác minh nhanh các trường hợp tàu cá gặp sự "
                "cố, hỗ trợ ngư dân sớm trở về nhà."
            ),
            (
                "Bên cạnh đó, ngư dân được khuyến khích tham gia tổ đội sản xuất trên biển, trang bị đầy "
                "đủ áo phao, thiết bị liên lạc và chủ động theo dõi thông tin thời tiết. Khi mỗi con tàu "
                "ra khơi đúng luật, vùng biển chung của khu vực sẽ bình yên và bền vững hơn."
            ),
        ),
        title_en="Protecting fishers and fighting illegal fishing, together",
        lead_en=(
            "Legal outreach to fishers, vessel monitoring and closer information-sharing with neighbouring "
            "countries are at the heart of the work of coastal authorities."
        ),
        body_en=(
            (
                "The waters off Trần Đề and Vĩnh Châu are familiar fishing grounds for thousands of "
                "fishers. To protect fish stocks and keep crews safe, the Border Guard and local "
                "authorities hold regular information sessions at fishing ports and anchorages."
            ),
            (
                "The sessions focus on the rules against illegal, unreported and unregulated (IUU) "
                "fishing, the requirement to keep vessel monitoring devices running and the need for "
                "complete catch logbooks. Fishers are reminded never to cross into other countries' "
                "waters: boats can be seized, and every violation damages the reputation of Vietnamese "
                "seafood on world markets."
            ),
            "## Cooperation for safer seas",
            (
                "At regional level, ASEAN members have several dialogue mechanisms on maritime security, "
                "search and rescue and the humane treatment of fishers in distress. Sharing information "
                "with the relevant agencies of Thailand, Malaysia and Indonesia makes it possible to "
                "verify incidents quickly and help fishers get home sooner."
            ),
            (
                "Fishers are also encouraged to work in groups at sea, carry life jackets and "
                "communication equipment, and keep an eye on weather forecasts. When every boat goes to "
                "sea within the law, the region's shared waters become calmer and more sustainable."
            ),
        ),
        quote_vi=(
            "Ra khơi đúng luật thì về bờ mới yên tâm, con cá bán ra cũng được giá hơn.",
            "Một thuyền trưởng tàu cá ở Trần Đề",
        ),
        quote_en=(
            ("Fish by the rules and you come home with peace of mind, and your catch sells for a better price."),
            "A fishing boat captain in Trần Đề",
        ),
        image_hue=205,
        image_label="Biển bình yên, nghề cá bền vững",
    ),
    DemoArticle(
        key="tran-de-port-asean-investors",
        pillar="kinh-te",
        topics=("du-an-dau-tu", "dau-tu-thuong-mai"),
        countries=("sg", "my", "th"),
        days_ago=13,
        title_vi="Cảng biển Trần Đề và kỳ vọng thu hút nhà đầu tư trong khu vực",
        lead_vi=(
            "Nằm gần cửa sông Hậu, khu vực Trần Đề được kỳ vọng trở thành cửa ngõ ra biển của đồng bằng "
            "sông Cửu Long, mở ra cơ hội hợp tác với các nhà đầu tư ASEAN."
        ),
        body_vi=(
            (
                "Phần lớn lúa gạo, thủy sản và trái cây của đồng bằng sông Cửu Long hiện vẫn phải vận "
                "chuyển về các cảng ở vùng Đông Nam Bộ trước khi xuất khẩu, làm tăng chi phí và thời gian. "
                "Vì thế, ý tưởng về một cảng biển nước sâu tại Trần Đề đã được nhắc đến nhiều năm nay như "
                "một lời giải cho bài toán logistics của cả vùng."
            ),
            (
                "Theo định hướng quy hoạch, dự án gồm khu bến ngoài khơi, cầu cảng nối với đất liền cùng "
                "hệ thống giao thông, kho bãi phía sau cảng. Đây là dự án có quy mô vốn rất lớn, cần huy "
                "động nhiều nguồn lực, trong đó có hình thức đối tác công tư và vốn của nhà đầu tư nước "
                "ngoài."
            ),
            "## Cơ hội cho đối tác ASEAN",
            (
                "Tại các hội nghị xúc tiến đầu tư, đại diện địa phương đã giới thiệu dự án cùng các khu "
                "công nghiệp và dự án điện gió ven biển tới doanh nghiệp đến từ Singapore, Malaysia và "
                "Thái Lan, những nền kinh tế giàu kinh nghiệm về khai thác cảng và dịch vụ hậu cần. Nhà "
                "đầu tư đặc biệt quan tâm đến cơ chế ưu đãi, tiến độ giải phóng mặt bằng và khả năng kết "
                "nối với các tuyến cao tốc trong vùng."
            ),
            (
                "Các chuyên gia nhận định, nếu được đầu tư bài bản, cảng Trần Đề sẽ kéo theo sự phát triển "
                "của công nghiệp chế biến, kho lạnh và du lịch biển. Tuy nhiên, dự án cần được đánh giá "
                "kỹ tác động môi trường, nhất là đối với rừng ngập mặn và sinh kế của người dân ven biển."
            ),
        ),
        title_en="Trần Đề seaport and hopes of attracting regional investors",
        lead_en=(
            "Close to the mouth of the Hậu River, Trần Đề is expected to become the Mekong Delta's gateway "
            "to the sea, opening opportunities for partnerships with ASEAN investors."
        ),
        body_en=(
            (
                "Most of the Mekong Delta's rice, seafood and fruit still has to travel to ports in the "
                "South East region before it can be exported, adding cost and time. That is why the idea "
                "of a deep-water port at Trần Đề has been discussed for years as an answer to the whole "
                "region's logistics problem."
            ),
            (
                "Under the planning guidelines, the project would include an offshore terminal, a bridge "
                "linking it to the mainland, and roads, warehouses and storage yards behind the port. It "
                "is a very capital-intensive undertaking that needs funding from many sources, including "
                "public-private partnerships and foreign investment."
            ),
            "## Openings for ASEAN partners",
            (
                "At investment promotion conferences, local representatives have presented the project, "
                "along with industrial parks and coastal wind power projects, to companies from Singapore, "
                "Malaysia and Thailand, economies with long experience in port operations and logistics. "
                "Investors are particularly interested in incentives, the land clearance timetable and "
                "links to the region's expressways."
            ),
            (
                "Experts believe that, if properly developed, Trần Đề port would drive growth in "
                "processing, cold storage and coastal tourism. But the project needs a careful "
                "environmental assessment, especially of its effects on mangrove forests and on the "
                "livelihoods of coastal communities."
            ),
        ),
        quote_vi=(
            ("Nhà đầu tư không chỉ hỏi về ưu đãi, họ hỏi con đường nào chở hàng tới cảng và bao giờ thì làm xong."),
            "Một cán bộ làm công tác xúc tiến đầu tư",
        ),
        quote_en=(
            (
                "Investors don't just ask about incentives. They ask which road will bring the cargo to "
                "the port, and when it will be finished."
            ),
            "An investment promotion officer",
        ),
        source_outlet="Đài PT-TH Sóc Trăng (bài mẫu)",
        source_url="https://example.org/dai-soc-trang/cang-tran-de-nha-dau-tu-asean",
        image_hue=195,
        image_label="Cảng biển Trần Đề",
    ),
    DemoArticle(
        key="timor-leste-eleventh-member",
        pillar="chinh-tri-an-ninh",
        topics=("dau-tu-thuong-mai", "hop-tac-tieu-vung"),
        countries=("tl", "vn", "my", "kh"),
        days_ago=16,
        title_vi="Timor-Leste trở thành thành viên thứ 11: thêm một nhịp cầu trong khu vực",
        lead_vi=(
            "Việc Timor-Leste chính thức gia nhập ASEAN năm 2025 được cán bộ đối ngoại và giới doanh "
            "nghiệp địa phương quan tâm như một dấu mốc mở rộng Cộng đồng ASEAN."
        ),
        body_vi=(
            (
                "Sau hơn một thập kỷ nộp đơn và từng bước đáp ứng các điều kiện, Timor-Leste đã chính thức "
                "trở thành thành viên thứ 11 của ASEAN tại Hội nghị Cấp cao diễn ra ở Kuala Lumpur vào "
                "tháng 10/2025. Đây là lần đầu tiên Hiệp hội kết nạp thành viên mới kể từ khi Campuchia "
                "gia nhập năm 1999."
            ),
            (
                "Timor-Leste là quốc gia trẻ, dân số không đông, nền kinh tế còn phụ thuộc nhiều vào dầu "
                "khí và đang nỗ lực đa dạng hóa sang nông nghiệp, du lịch. Cà phê là một trong những sản "
                "phẩm nổi tiếng của nước bạn, trong khi phần lớn gạo và thực phẩm tiêu dùng vẫn phải nhập "
                "khẩu."
            ),
            "## Dư địa cho hợp tác",
            (
                "Tại một buổi sinh hoạt chuyên đề về công tác đối ngoại, nhiều ý kiến cho rằng doanh "
                "nghiệp lúa gạo, thủy sản của địa phương có thể tìm hiểu thị trường mới này, dù quy mô còn "
                "nhỏ và chi phí vận chuyển là trở ngại không nhỏ. Nông nghiệp và đào tạo nguồn nhân lực "
                "cũng được xem là những lĩnh vực Việt Nam có thể chia sẻ kinh nghiệm, trong đó kỹ thuật "
                "trồng lúa của đồng bằng sông Cửu Long được đánh giá là phù hợp."
            ),
            (
                "Các đại biểu lưu ý, tìm hiểu lịch sử, văn hóa và ngôn ngữ của Timor-Leste, nơi tiếng "
                "Tetum và tiếng Bồ Đào Nha là ngôn ngữ chính thức, sẽ giúp việc hợp tác thuận lợi hơn. Với "
                "thành viên mới, Cộng đồng ASEAN tiếp tục khẳng định tinh thần rộng mở và đoàn kết."
            ),
        ),
        title_en="Timor-Leste becomes ASEAN's 11th member: one more bridge in the region",
        lead_en=(
            "Timor-Leste's formal accession to ASEAN in 2025 has caught the attention of local foreign "
            "affairs officials and businesses as a milestone in the growth of the ASEAN Community."
        ),
        body_en=(
            (
                "More than a decade after applying, and after meeting the requirements step by step, "
                "Timor-Leste formally became ASEAN's 11th member at the summit held in Kuala Lumpur in "
                "October 2025. It was the first time the Association had admitted a new member since "
                "Cambodia joined in 1999."
            ),
            (
                "Timor-Leste is a young country with a small population. Its economy still depends heavily "
                "on oil and gas, and it is working to diversify into agriculture and tourism. Coffee is "
                "one of its best-known products, while much of the rice and food it consumes is imported."
            ),
            "## Room for cooperation",
            (
                "At a briefing on foreign affairs, several participants said local rice and seafood "
                "companies could explore this new market, even though it is small and shipping costs are a "
                "real hurdle. Agriculture and human resource training are also seen as areas where "
                "Vietnam can share its experience, and rice-growing know-how from the Mekong Delta is "
                "considered particularly relevant."
            ),
            (
                "Delegates noted that learning about Timor-Leste's history, culture and languages, with "
                "Tetum and Portuguese as its official languages, will make cooperation smoother. With its "
                "newest member, the ASEAN Community reaffirms its spirit of openness and solidarity."
            ),
        ),
        quote_vi=(
            (
                "ASEAN có thêm một thành viên thì doanh nghiệp mình cũng có thêm một cánh cửa, dù lúc đầu "
                "cánh cửa ấy còn hẹp."
            ),
            "Một cán bộ làm công tác đối ngoại",
        ),
        quote_en=(
            ("One more ASEAN member means one more door for our businesses, even if that door is narrow at first."),
            "A foreign affairs officer",
        ),
        image_hue=12,
        image_label="Timor-Leste, thành viên thứ 11",
    ),
    DemoArticle(
        key="vocational-training-labour-mobility",
        pillar="van-hoa-xa-hoi",
        topics=("lao-dong-nguon-nhan-luc", "giao-duc", "kinh-te-so-chuyen-doi-so"),
        countries=("sg", "my", "bn", "ph"),
        days_ago=18,
        title_vi="Đào tạo nghề theo chuẩn khu vực, mở đường cho lao động trẻ",
        lead_vi=(
            "Các cơ sở giáo dục nghề nghiệp đang đổi mới chương trình, tăng cường ngoại ngữ và kỹ năng số "
            "để người học đáp ứng yêu cầu của thị trường lao động ASEAN."
        ),
        body_vi=(
            (
                "Trong Cộng đồng Kinh tế ASEAN, lao động có tay nghề ở một số ngành như kỹ thuật, điều "
                "dưỡng, kế toán hay du lịch được tạo điều kiện di chuyển thuận lợi hơn thông qua các thỏa "
                "thuận công nhận lẫn nhau (MRA). Điều này vừa là cơ hội, vừa là sức ép cạnh tranh đối với "
                "lực lượng lao động trẻ của địa phương."
            ),
            (
                "Tại các trường cao đẳng và trung tâm giáo dục nghề nghiệp, chương trình đào tạo các nghề "
                "như nấu ăn, lễ tân khách sạn, điện công nghiệp, chế biến thủy sản đang được điều chỉnh "
                "theo hướng tiếp cận tiêu chuẩn nghề khu vực. Người học được tăng thời gian thực hành tại "
                "doanh nghiệp, học tiếng Anh giao tiếp và làm quen với phần mềm quản lý, thanh toán điện "
                "tử."
            ),
            "## Kỹ năng mềm là chìa khóa",
            (
                "Nhiều nhà tuyển dụng trong ngành dịch vụ, kể cả các khách sạn có vốn đầu tư từ Singapore "
                "hay Malaysia, cho rằng điều họ cần ở lao động trẻ không chỉ là tay nghề mà còn là ngoại "
                "ngữ, tác phong chuyên nghiệp và khả năng làm việc trong môi trường đa văn hóa. Một số học "
                "viên đã có dịp thực tập ngắn hạn ở nước ngoài, trong đó có Brunei và Philippines, thông "
                "qua các chương trình trao đổi."
            ),
            (
                "Ngành lao động khuyến khích thanh niên chọn nghề phù hợp, tìm hiểu kỹ thông tin trước khi "
                "đi làm việc ở nước ngoài và chỉ đăng ký qua các đơn vị được cấp phép. Đầu tư cho đào tạo "
                "nghề hôm nay chính là chuẩn bị nguồn nhân lực cho giai đoạn hội nhập sâu hơn."
            ),
        ),
        title_en="Vocational training to regional standards opens doors for young workers",
        lead_en=(
            "Vocational schools are updating their programmes and adding language and digital skills so "
            "that graduates can meet the demands of the ASEAN labour market."
        ),
        body_en=(
            (
                "Within the ASEAN Economic Community, mutual recognition arrangements (MRAs) make it "
                "easier for skilled workers in certain fields, such as engineering, nursing, accountancy "
                "and tourism, to work in other member countries. For the area's young workforce this is "
                "both an opportunity and a source of competitive pressure."
            ),
            (
                "At colleges and vocational centres, courses in cooking, hotel reception, industrial "
                "electrics and seafood processing are being adjusted towards regional occupational "
                "standards. Students spend more time training inside companies, take conversational "
                "English and learn to use management software and electronic payments."
            ),
            "## Soft skills are the key",
            (
                "Many employers in the service sector, including hotels with investment from Singapore or "
                "Malaysia, say that what they need from young workers is not only technical skill but also "
                "languages, professionalism and the ability to work in a multicultural team. Some "
                "trainees have already done short internships abroad, including in Brunei and the "
                "Philippines, through exchange programmes."
            ),
            (
                "Labour officials encourage young people to choose a trade that suits them, to check "
                "information carefully before taking a job abroad and to apply only through licensed "
                "agencies. Investing in vocational training today means preparing the workforce for deeper "
                "integration tomorrow."
            ),
        ),
        quote_vi=(
            ("Em học nghề bếp, nhưng thầy cô bắt học thêm tiếng Anh mỗi ngày. Giờ đi phỏng vấn em tự tin hơn nhiều."),
            "Một học viên cao đẳng ngành kỹ thuật chế biến món ăn",
        ),
        quote_en=(
            (
                "I'm training to be a cook, but our teachers make us study English every day. Now I feel "
                "much more confident at interviews."
            ),
            "A culinary student at a local college",
        ),
        image_hue=95,
        image_label="Đào tạo nghề hội nhập",
    ),
    DemoArticle(
        key="small-businesses-go-digital",
        pillar="kinh-te",
        topics=("kinh-te-so-chuyen-doi-so", "dac-san"),
        countries=("sg", "my", "id", "ph", "vn"),
        days_ago=21,
        title_vi="Doanh nghiệp nhỏ chuyển đổi số để bán hàng ra khu vực",
        lead_vi=(
            "Từ gian hàng trên sàn thương mại điện tử đến thanh toán không dùng tiền mặt, nhiều cơ sở sản "
            "xuất đặc sản và hộ kinh doanh đang từng bước số hóa để tiếp cận khách hàng ASEAN."
        ),
        body_vi=(
            (
                "Chỉ vài năm trước, phần lớn cơ sở làm bánh pía, mè láo hay nước mắm ở địa phương chủ yếu "
                "bán hàng qua đại lý và khách quen. Nay nhiều cơ sở đã mở gian hàng trực tuyến, livestream "
                "giới thiệu quy trình sản xuất và nhận đơn từ khách hàng ở xa, kể cả người Việt đang sinh "
                "sống tại Singapore hay Malaysia."
            ),
            (
                "Các chương trình hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ và vừa đã giúp chủ cơ sở làm "
                "quen với hóa đơn điện tử, phần mềm quản lý kho, mã QR truy xuất nguồn gốc và các kênh "
                "thanh toán số. Việc kết nối thanh toán bằng mã QR giữa Việt Nam và một số nước ASEAN cũng "
                "giúp du khách mua sắm thuận tiện hơn."
            ),
            "## Thương mại điện tử xuyên biên giới",
            (
                "Muốn bán hàng ra nước ngoài qua các sàn thương mại điện tử phổ biến trong khu vực, doanh "
                "nghiệp phải chuẩn hóa bao bì, nhãn mác, đáp ứng quy định an toàn thực phẩm của nước nhập "
                "khẩu và tính toán kỹ chi phí vận chuyển. Một số chủ cơ sở cho biết họ bắt đầu bằng những "
                "đơn hàng nhỏ sang Singapore, rồi mới tính đến các thị trường lớn hơn như Indonesia, "
                "Philippines."
            ),
            (
                "Theo các chuyên gia, chuyển đổi số không chỉ là mở một trang bán hàng mà là thay đổi cách "
                "quản trị, từ dữ liệu khách hàng đến kế hoạch sản xuất. Địa phương đang khuyến khích hợp "
                "tác xã, hộ kinh doanh tham gia các lớp tập huấn kỹ năng số và hội chợ trực tuyến để tìm "
                "kiếm đối tác."
            ),
        ),
        title_en="Small businesses go digital to sell across the region",
        lead_en=(
            "From online storefronts to cashless payments, producers of local specialties and household "
            "businesses are digitising step by step to reach customers across ASEAN."
        ),
        body_en=(
            (
                "Only a few years ago most local makers of bánh pía pastries, mè láo sesame sweets or fish "
                "sauce sold through agents and regular customers. Today many run online shops, livestream "
                "their production process and take orders from faraway customers, including Vietnamese "
                "people living in Singapore or Malaysia."
            ),
            (
                "Digital transformation programmes for small and medium-sized enterprises have helped "
                "owners get used to e-invoices, inventory software, QR codes for traceability and digital "
                "payment channels. QR payment links between Vietnam and several ASEAN countries also make "
                "shopping easier for visitors."
            ),
            "## Cross-border e-commerce",
            (
                "To sell abroad through the region's popular e-commerce platforms, businesses must "
                "standardise their packaging and labels, meet the importing country's food safety rules "
                "and work out shipping costs carefully. Some owners say they started with small orders to "
                "Singapore before looking at larger markets such as Indonesia and the Philippines."
            ),
            (
                "Experts point out that digital transformation is not just about opening an online shop "
                "but about changing the way a business is run, from customer data to production planning. "
                "The authorities encourage cooperatives and household businesses to join digital skills "
                "courses and online trade fairs to find partners."
            ),
        ),
        quote_vi=(
            ("Hồi trước bánh chỉ bán quanh chợ, giờ có khách bên Singapore nhắn tin đặt đều đặn mỗi tháng."),
            "Chủ một cơ sở làm bánh pía",
        ),
        quote_en=(
            (
                "Our pastries used to sell only around the market. Now a customer in Singapore orders "
                "every month by message."
            ),
            "Owner of a bánh pía bakery",
        ),
        image_hue=265,
        image_label="Chuyển đổi số cho doanh nghiệp nhỏ",
    ),
    DemoArticle(
        key="ooc-om-boc-ngo-boat-race",
        pillar="van-hoa-xa-hoi",
        topics=("van-hoa", "du-lich"),
        countries=("kh", "la", "th"),
        days_ago=27,
        title_vi="Lễ hội Oóc Om Bóc - đua ghe Ngo: sắc màu văn hóa Khmer Nam Bộ",
        lead_vi=(
            "Mỗi năm vào rằm tháng Mười âm lịch, đôi bờ sông Maspero lại rộn ràng tiếng trống, tiếng reo "
            "hò cổ vũ những chiếc ghe Ngo lướt nhanh trên mặt nước."
        ),
        body_vi=(
            (
                "Oóc Om Bóc, hay lễ cúng trăng, là lễ hội truyền thống của đồng bào Khmer vào dịp rằm "
                "tháng Mười âm lịch, khi mùa lúa sắp thu hoạch. Người dân dâng lên mặt trăng cốm dẹp, "
                "chuối, khoai, dừa để tạ ơn thần Mặt Trăng đã phù hộ cho mùa màng thuận lợi và cầu mong "
                "một năm mới an lành."
            ),
            (
                "Điểm nhấn của lễ hội là những cuộc đua ghe Ngo trên sông Maspero. Những chiếc ghe dài, "
                "thon, mũi và đuôi cong vút, trang trí hoa văn rực rỡ, do các đội đến từ nhiều phum sóc "
                "trong vùng điều khiển. Mỗi ghe có hàng chục tay bơi chèo đều theo nhịp hiệu lệnh, tạo nên "
                "bầu không khí sôi động hiếm có."
            ),
            "## Điểm gặp gỡ văn hóa khu vực",
            (
                "Lễ hội đua thuyền không xa lạ với nhiều nước Đông Nam Á. Campuchia có lễ hội nước Bon Om "
                "Touk, Lào và Thái Lan cũng có những cuộc đua thuyền truyền thống vào cuối mùa mưa. Chính "
                "sự tương đồng này giúp Oóc Om Bóc trở thành dịp giới thiệu văn hóa Khmer Nam Bộ với du "
                "khách trong khu vực, đồng thời gắn kết cộng đồng Kinh, Khmer, Hoa trên cùng một vùng đất."
            ),
            (
                "Ngoài đua ghe, lễ hội còn có thả đèn nước, đèn gió, các chương trình nghệ thuật dân tộc, "
                "hội chợ ẩm thực và trưng bày nông sản. Lễ hội Oóc Om Bóc - đua ghe Ngo đã được đưa vào "
                "Danh mục di sản văn hóa phi vật thể quốc gia và là niềm tự hào của người dân nơi đây."
            ),
        ),
        title_en="Oóc Om Bóc and the Ngo boat races: a showcase of southern Khmer culture",
        lead_en=(
            "Every year on the full moon of the tenth lunar month, the banks of the Maspero River ring "
            "with drums and cheering as long Ngo boats race across the water."
        ),
        body_en=(
            (
                "Oóc Om Bóc, the moon-worship festival, is a traditional Khmer celebration held on the "
                "full moon of the tenth lunar month, as the rice harvest approaches. Families offer the "
                "moon flattened green rice, bananas, sweet potatoes and coconuts, thanking the Moon God "
                "for a good season and praying for a peaceful year ahead."
            ),
            (
                "The highlight is the Ngo boat race on the Maspero River. The long, slender boats, with "
                "sharply curved bows and sterns painted in bright patterns, are crewed by teams from Khmer "
                "villages across the area. Dozens of rowers in each boat pull in time to the caller's "
                "rhythm, creating a thrilling atmosphere."
            ),
            "## Where regional cultures meet",
            (
                "Boat festivals are familiar across Southeast Asia. Cambodia celebrates Bon Om Touk, its "
                "water festival, and Laos and Thailand hold traditional boat races at the end of the rainy "
                "season. These shared traditions make Oóc Om Bóc a chance to introduce southern Khmer "
                "culture to visitors from the region, while bringing together the Kinh, Khmer and Chinese "
                "communities who share this land."
            ),
            (
                "Beyond the races there are floating lanterns and sky lanterns, folk performances, food "
                "fairs and displays of farm produce. The Oóc Om Bóc and Ngo boat race festival is on the "
                "national list of intangible cultural heritage and is a source of great pride for local "
                "people."
            ),
        ),
        quote_vi=(
            "Cả năm tập luyện chỉ chờ mấy ngày này. Ghe thắng hay thua thì cả phum vẫn vui như Tết.",
            "Một thành viên đội ghe Ngo của một ngôi chùa Khmer",
        ),
        quote_en=(
            ("We train all year for these few days. Win or lose, the whole village celebrates as if it were New Year."),
            "A rower in a Khmer pagoda's Ngo boat team",
        ),
        source_outlet="Đài PT-TH Sóc Trăng (bài mẫu)",
        source_url="https://example.org/dai-soc-trang/le-hoi-ooc-om-boc-dua-ghe-ngo",
        image_hue=45,
        image_label="Lễ hội Oóc Om Bóc",
    ),
    DemoArticle(
        key="mekong-water-data-cooperation",
        pillar="chinh-tri-an-ninh",
        topics=("hop-tac-tieu-vung", "moi-truong-phat-trien-ben-vung"),
        countries=("kh", "la", "th", "mm", "vn"),
        days_ago=31,
        title_vi="Hợp tác tiểu vùng Mê Công: chia sẻ dữ liệu nước vì vùng hạ lưu",
        lead_vi=(
            "Nằm ở cuối nguồn sông Hậu, khu vực Sóc Trăng đặc biệt quan tâm đến các cơ chế hợp tác giúp "
            "việc quản lý nguồn nước sông Mê Công minh bạch và hài hòa hơn."
        ),
        body_vi=(
            (
                "Sông Mê Công chảy qua sáu quốc gia trước khi đổ ra Biển Đông qua các cửa sông ở đồng bằng "
                "sông Cửu Long. Những thay đổi ở thượng nguồn, từ việc xây dựng đập thủy điện đến khai "
                "thác cát, đều có thể ảnh hưởng đến lượng phù sa, dòng chảy và mức độ xâm nhập mặn ở hạ "
                "lưu."
            ),
            (
                "Tại một hội thảo khoa học gần đây, các đại biểu đã điểm lại vai trò của Ủy hội sông Mê "
                "Công quốc tế, nơi Campuchia, Lào, Thái Lan và Việt Nam là thành viên, cùng các khuôn khổ "
                "hợp tác Mê Công với các đối tác bên ngoài. Chia sẻ kịp thời dữ liệu mực nước, lượng mưa "
                "và kế hoạch vận hành hồ chứa được xem là ưu tiên hàng đầu."
            ),
            "## Tiếng nói từ hạ nguồn",
            (
                "Các nhà khoa học cho rằng địa phương cần chủ động quan trắc, xây dựng cơ sở dữ liệu riêng "
                "và đóng góp thông tin thực tiễn cho các diễn đàn khu vực. Kinh nghiệm hợp tác giữa các "
                "nước ASEAN trong tiểu vùng, bao gồm cả Myanmar, cho thấy đối thoại và minh bạch thông tin "
                "là cách tốt nhất để hài hòa lợi ích giữa thượng nguồn và hạ nguồn."
            ),
            (
                "Song song với ngoại giao nguồn nước, địa phương tiếp tục đầu tư hệ thống thủy lợi, trồng "
                "rừng ngập mặn và chuyển đổi cơ cấu sản xuất theo hướng thuận thiên. Bảo vệ dòng Mê Công "
                "là trách nhiệm chung của các quốc gia cùng chia sẻ một dòng sông."
            ),
        ),
        title_en="Mekong sub-regional cooperation: sharing water data for the downstream",
        lead_en=(
            "Located at the tail end of the Hậu River, the Sóc Trăng area has a strong interest in "
            "cooperation mechanisms that make the management of the Mekong's waters more transparent and "
            "balanced."
        ),
        body_en=(
            (
                "The Mekong flows through six countries before reaching the East Sea through the estuaries "
                "of the Mekong Delta. Changes upstream, from hydropower dams to sand mining, can affect "
                "the amount of sediment, the flow of the river and the extent of saltwater intrusion "
                "downstream."
            ),
            (
                "At a recent scientific workshop, participants reviewed the role of the Mekong River "
                "Commission, whose members are Cambodia, Laos, Thailand and Vietnam, and of the Mekong "
                "cooperation frameworks with outside partners. Timely sharing of data on water levels, "
                "rainfall and reservoir operations was named as the top priority."
            ),
            "## A voice from downstream",
            (
                "Scientists say the area should monitor its own waters, build its own database and bring "
                "practical evidence to regional forums. The experience of cooperation among the ASEAN "
                "members of the sub-region, Myanmar included, shows that dialogue and open information are "
                "the best way to balance upstream and downstream interests."
            ),
            (
                "Alongside water diplomacy, the area continues to invest in irrigation, plant mangroves "
                "and reshape its farming to work with nature rather than against it. Protecting the Mekong "
                "is a shared responsibility of all the countries that live along the same river."
            ),
        ),
        quote_vi=(
            ("Ở cuối nguồn, có dữ liệu sớm hơn một ngày cũng đã quý, vì một ngày là đủ để đóng cống giữ nước ngọt."),
            "Một cán bộ ngành thủy lợi",
        ),
        quote_en=(
            (
                "At the end of the river, getting the data even one day earlier matters: a day is enough "
                "to close the sluice gates and keep the fresh water in."
            ),
            "A water resources officer",
        ),
        image_hue=180,
        image_label="Dòng Mê Công chung",
    ),
    DemoArticle(
        key="vinh-chau-onions-post-pandemic",
        pillar="kinh-te",
        topics=("phuc-hoi-sau-dai-dich", "dac-san", "dau-tu-thuong-mai"),
        countries=("my", "sg", "la", "kh"),
        days_ago=37,
        title_vi="Hành tím Vĩnh Châu lấy lại đơn hàng sau đại dịch",
        lead_vi=(
            "Sau giai đoạn chuỗi cung ứng bị gián đoạn vì đại dịch COVID-19, hành tím Vĩnh Châu đang dần "
            "lấy lại đơn hàng từ các thị trường trong khu vực nhờ đổi mới cách sản xuất và tiêu thụ."
        ),
        body_vi=(
            (
                "Hành tím là cây trồng gắn bó với nhiều thế hệ nông dân trên vùng đất giồng cát ven biển "
                "Vĩnh Châu. Củ hành nhỏ, vỏ tím đậm, mùi thơm nồng được thương lái thu mua để tiêu thụ "
                "trong nước và xuất khẩu sang một số nước láng giềng."
            ),
            (
                "Những năm đại dịch, việc giãn cách và ách tắc vận chuyển khiến hành tồn đọng, giá giảm "
                "sâu, nhiều hộ trồng hành gặp khó khăn. Bài học từ giai đoạn ấy đã thúc đẩy nông dân và "
                "doanh nghiệp thay đổi: đầu tư kho bảo quản, sơ chế, sấy khô và làm các sản phẩm chế biến "
                "như hành phi, dầu hành để kéo dài thời gian tiêu thụ."
            ),
            "## Tìm lại thị trường",
            (
                "Khi giao thương trong khu vực khôi phục, các đơn hàng từ Malaysia, Singapore dần quay trở "
                "lại. Một số doanh nghiệp còn tìm hiểu thị trường Lào, Campuchia qua đường bộ để tận dụng "
                "lợi thế chi phí vận chuyển thấp. Thương hiệu hành tím Vĩnh Châu, được xây dựng và quảng "
                "bá trong nhiều năm, là lợi thế khi chào hàng với đối tác mới."
            ),
            (
                "Ngành nông nghiệp khuyến khích nông dân sản xuất theo tiêu chuẩn VietGAP, giảm phân bón "
                "hóa học và tham gia hợp tác xã để có đầu ra ổn định. Đa dạng hóa thị trường và chế biến "
                "sâu được xem là cách để người trồng hành thoát cảnh được mùa mất giá."
            ),
        ),
        title_en="Vĩnh Châu purple onions win back orders after the pandemic",
        lead_en=(
            "After the supply-chain disruption of the COVID-19 pandemic, Vĩnh Châu purple onions are "
            "gradually regaining orders from regional markets thanks to new ways of growing and selling."
        ),
        body_en=(
            (
                "Purple onions have been grown for generations on the sandy coastal ridges of Vĩnh Châu. "
                "The small, dark-skinned bulbs with their strong aroma are bought by traders for the "
                "domestic market and for export to several neighbouring countries."
            ),
            (
                "During the pandemic, lockdowns and transport bottlenecks left onions piling up, prices "
                "fell sharply and many growers struggled. The lessons of that period pushed farmers and "
                "companies to change: they invested in storage, pre-processing and drying, and started "
                "making products such as fried shallots and shallot oil that keep much longer."
            ),
            "## Finding markets again",
            (
                "As regional trade recovered, orders from Malaysia and Singapore gradually returned. Some "
                "companies are also exploring Laos and Cambodia, which can be reached by road at a lower "
                "transport cost. The Vĩnh Châu onion brand, built up and promoted over many years, helps "
                "when pitching to new buyers."
            ),
            (
                "Agricultural officials encourage farmers to follow VietGAP standards, use less chemical "
                "fertiliser and join cooperatives for more stable sales. Diversifying markets and "
                "processing more of the crop are seen as the way to break the old cycle of a bumper "
                "harvest followed by a price crash."
            ),
        ),
        quote_vi=(
            ("Giờ hành không chỉ bán tươi nữa, mình sấy, mình phi, để được lâu thì không sợ bị ép giá."),
            "Một thành viên hợp tác xã hành tím ở Vĩnh Châu",
        ),
        quote_en=(
            (
                "We don't just sell fresh onions any more. We dry them and fry them, so they keep, and "
                "nobody can force the price down."
            ),
            "A member of a purple onion cooperative in Vĩnh Châu",
        ),
        image_hue=300,
        image_label="Hành tím Vĩnh Châu",
    ),
    DemoArticle(
        key="safe-migration-anti-trafficking",
        pillar="chinh-tri-an-ninh",
        topics=("lao-dong-nguon-nhan-luc",),
        countries=("kh", "mm", "th", "my"),
        days_ago=44,
        title_vi="Tuyên truyền di cư an toàn, phòng chống mua bán người",
        lead_vi=(
            "Nhiều buổi nói chuyện tại xã, ấp và trường học đã giúp người dân, nhất là thanh niên, nhận "
            "diện các thủ đoạn lừa đảo tuyển dụng lao động sang các nước trong khu vực."
        ),
        body_vi=(
            (
                "Những lời mời chào “việc nhẹ lương cao” ở nước ngoài lan truyền trên mạng xã hội đã khiến "
                "không ít lao động trẻ rơi vào cảnh bị lừa gạt, bị giữ giấy tờ, thậm chí bị ép làm việc "
                "trái pháp luật. Tình trạng này không chỉ xảy ra ở một địa phương mà là thách thức chung "
                "của nhiều nước Đông Nam Á."
            ),
            (
                "Để phòng ngừa, lực lượng công an, biên phòng phối hợp với các đoàn thể tổ chức tuyên "
                "truyền tại khu dân cư, chùa Khmer và trường học. Người dân được hướng dẫn cách kiểm tra "
                "tính hợp pháp của đơn vị tuyển dụng, những giấy tờ cần có khi đi làm việc ở nước ngoài và "
                "số đường dây nóng để trình báo khi nghi ngờ có dấu hiệu mua bán người."
            ),
            "## Hợp tác khu vực",
            (
                "ASEAN đã có Công ước về phòng, chống buôn bán người, đặc biệt là phụ nữ và trẻ em, làm cơ "
                "sở để các nước phối hợp điều tra, giải cứu và hỗ trợ nạn nhân. Việc trao đổi thông tin "
                "giữa lực lượng chức năng Việt Nam với Campuchia, Myanmar, Thái Lan và Malaysia đã giúp "
                "nhiều nạn nhân được đưa về nước an toàn và được hỗ trợ tái hòa nhập cộng đồng."
            ),
            (
                "Ngành lao động khuyến cáo người muốn làm việc ở nước ngoài nên tìm hiểu thông tin tại cơ "
                "quan nhà nước, ký hợp đồng qua doanh nghiệp được cấp phép và tuyệt đối không giao giấy tờ "
                "tùy thân cho người lạ. Mỗi gia đình cũng cần quan tâm, trò chuyện với con em khi các em "
                "có ý định đi làm ăn xa."
            ),
        ),
        title_en="Spreading the word on safe migration and human trafficking",
        lead_en=(
            "Talks in communes, hamlets and schools are helping residents, especially young people, "
            "recognise the tricks used in fraudulent recruitment for jobs elsewhere in the region."
        ),
        body_en=(
            (
                "Offers of “easy work, high pay” abroad that circulate on social media have drawn a number "
                "of young workers into scams: their papers are confiscated and some are even forced into "
                "illegal work. The problem is not confined to one locality; it is a challenge shared by "
                "many Southeast Asian countries."
            ),
            (
                "To prevent it, the police and the Border Guard work with mass organisations to hold "
                "information sessions in neighbourhoods, Khmer pagodas and schools. Residents learn how to "
                "check whether a recruiter is licensed, which documents they need to work abroad legally "
                "and which hotline to call if they suspect trafficking."
            ),
            "## Regional cooperation",
            (
                "The ASEAN Convention against Trafficking in Persons, Especially Women and Children, gives "
                "member states a framework for cooperating on investigations, rescues and support for "
                "victims. Information-sharing between Vietnamese authorities and their counterparts in "
                "Cambodia, Myanmar, Thailand and Malaysia has helped many victims return home safely and "
                "rebuild their lives."
            ),
            (
                "Labour officials advise anyone who wants to work abroad to seek information from "
                "government offices, sign contracts only through licensed companies and never hand their "
                "identity papers to strangers. Families, too, should talk with their children whenever "
                "they plan to take a job far from home."
            ),
        ),
        quote_vi=(
            "Nghe nói qua bên đó làm vài tháng là đủ tiền cất nhà, may mà cán bộ xã giải thích kịp.",
            "Một thanh niên ở vùng nông thôn",
        ),
        quote_en=(
            (
                "I heard a few months over there would pay for a house. Luckily the commune officers "
                "explained the risks in time."
            ),
            "A young man from a rural area",
        ),
        image_hue=330,
        image_label="Di cư an toàn",
    ),
    DemoArticle(
        key="asean-students-khmer-homestay",
        pillar="van-hoa-xa-hoi",
        topics=("giao-duc", "van-hoa"),
        countries=("th", "id", "kh"),
        days_ago=52,
        title_vi="Sinh viên ASEAN trải nghiệm cuộc sống cùng gia đình Khmer",
        lead_vi=(
            "Chương trình giao lưu ngắn ngày đã đưa sinh viên đến từ Thái Lan, Indonesia và Campuchia về "
            "sống cùng các gia đình ở vùng nông thôn, học nấu ăn, ra đồng và tìm hiểu văn hóa địa phương."
        ),
        body_vi=(
            (
                "Trong một tuần, nhóm sinh viên quốc tế cùng các bạn sinh viên Việt Nam ở tại nhà dân, dậy "
                "sớm theo chủ nhà ra vườn, học gói bánh tét, nấu bún nước lèo và tham gia sinh hoạt ở "
                "chùa. Với nhiều bạn, đây là lần đầu tiên đặt chân đến đồng bằng sông Cửu Long."
            ),
            (
                "Chương trình do một số trường đại học trong khu vực phối hợp tổ chức, nhằm giúp sinh viên "
                "hiểu về Cộng đồng ASEAN qua trải nghiệm thực tế thay vì chỉ qua sách vở. Ngoài các hoạt "
                "động văn hóa, các nhóm còn thực hiện những đề tài nhỏ về nông nghiệp thích ứng với biến "
                "đổi khí hậu, du lịch cộng đồng và chuyển đổi số ở nông thôn."
            ),
            "## Ngôn ngữ không còn là rào cản",
            (
                "Các bạn Campuchia có thể trò chuyện bằng tiếng Khmer với chủ nhà, sinh viên Thái Lan nhận "
                "ra nhiều từ ngữ quen thuộc, còn các bạn Indonesia thích thú với những món ăn nấu bằng "
                "nước cốt dừa giống quê nhà. Tiếng Anh, cử chỉ và những bữa cơm chung giúp các bạn trẻ "
                "nhanh chóng trở nên thân thiết."
            ),
            (
                "Kết thúc chương trình, nhiều sinh viên bày tỏ mong muốn quay lại thực tập hoặc nghiên cứu "
                "dài hạn hơn. Các trường tham gia dự kiến mở rộng chương trình sang những lĩnh vực như "
                "giáo dục, y tế cộng đồng và bảo tồn di sản."
            ),
        ),
        title_en="ASEAN students share daily life with Khmer families",
        lead_en=(
            "A short exchange programme brought students from Thailand, Indonesia and Cambodia to stay "
            "with rural families, learning to cook, working in the fields and discovering local culture."
        ),
        body_en=(
            (
                "For a week, the international students and their Vietnamese peers lived in local homes. "
                "They rose early to follow their hosts into the orchards, learned to wrap bánh tét rice "
                "cakes and cook bún nước lèo noodle soup, and joined in activities at the pagoda. For many "
                "of them, it was their first visit to the Mekong Delta."
            ),
            (
                "The programme, organised jointly by several universities in the region, aims to help "
                "students understand the ASEAN Community through real experience rather than textbooks "
                "alone. Besides the cultural activities, the groups carried out small projects on "
                "climate-adapted farming, community tourism and digital transformation in rural areas."
            ),
            "## Language is no barrier",
            (
                "The Cambodian students could chat with their hosts in Khmer, the Thai students recognised "
                "many familiar words, and the Indonesians enjoyed dishes cooked with coconut milk, just "
                "like at home. English, gestures and plenty of shared meals soon turned strangers into "
                "friends."
            ),
            (
                "At the end of the programme, many students said they hoped to come back for internships "
                "or longer research stays. The participating universities plan to extend the programme to "
                "fields such as education, community health and heritage conservation."
            ),
        ),
        quote_vi=(
            ("Ở đây tôi học được cách nấu bún nước lèo, còn mẹ nuôi thì học được vài câu tiếng Indonesia."),
            "Một sinh viên Indonesia tham gia chương trình",
        ),
        quote_en=(
            ("I learned to cook bún nước lèo here, and my host mother learned a few words of Indonesian."),
            "An Indonesian student on the programme",
        ),
        source_outlet="Báo Sóc Trăng (bài mẫu)",
        source_url="https://example.org/bao-soc-trang/sinh-vien-asean-giao-luu",
        image_hue=280,
        image_label="Giao lưu sinh viên ASEAN",
    ),
    DemoArticle(
        key="school-asean-culture-day",
        pillar="van-hoa-xa-hoi",
        topics=("van-hoa", "giao-duc", "dac-san"),
        countries=("bn", "la", "ph", "tl", "mm", "vn"),
        days_ago=60,
        title_vi="Ngày hội văn hóa ASEAN trong trường học: 11 gian hàng, 11 sắc màu",
        lead_vi=(
            "Mỗi lớp nhận một quốc gia thành viên, tự tìm hiểu, trang trí gian hàng và giới thiệu món ăn, "
            "trang phục, trò chơi dân gian của nước bạn."
        ),
        body_vi=(
            (
                "Sân trường sáng cuối tuần rực rỡ cờ hoa của 11 quốc gia ASEAN. Gian hàng Brunei có mô "
                "hình làng nhà sàn trên mặt nước, gian Lào bày xôi nếp đựng trong giỏ tre, còn gian "
                "Philippines rộn ràng điệu múa sạp tre. Lần đầu tiên ngày hội có gian hàng Timor-Leste, "
                "với những tấm vải dệt tais nhiều màu do học sinh tự tìm hiểu và làm lại."
            ),
            (
                "Ở gian hàng Việt Nam, các em chọn giới thiệu đặc sản quê nhà: bánh pía, bún nước lèo, mè "
                "láo và gạo ST25. Gian Myanmar bên cạnh với món gỏi lá trà lên men và những chiếc ô giấy "
                "cũng thu hút nhiều phụ huynh dừng chân trò chuyện."
            ),
            "## Học mà chơi",
            (
                "Theo ban giám hiệu, ngày hội là hoạt động trải nghiệm gắn với các môn Lịch sử, Địa lý và "
                "Ngoại ngữ. Để chuẩn bị, học sinh phải tìm tài liệu, phân công thuyết trình bằng tiếng Anh "
                "và trả lời câu hỏi của ban giám khảo. Nhiều em cho biết nhờ vậy mà nhớ lâu hơn thủ đô, "
                "quốc kỳ và phong tục của các nước bạn."
            ),
            (
                "Ngày hội khép lại bằng màn đồng diễn và bài hát chính thức của ASEAN vang lên khắp sân "
                "trường. Những hoạt động như thế góp phần nuôi dưỡng ý thức công dân ASEAN ngay từ ghế nhà "
                "trường, để thế hệ trẻ tự tin hơn khi bước vào một khu vực ngày càng gắn kết."
            ),
        ),
        title_en="ASEAN culture day at school: 11 stalls, 11 colours",
        lead_en=(
            "Each class adopted one member country, researched it, decorated a stall and presented its "
            "food, costumes and folk games."
        ),
        body_en=(
            (
                "On a weekend morning the schoolyard was bright with the flags of ASEAN's 11 members. The "
                "Brunei stall featured a model of a stilt village built over water, the Lao stall served "
                "sticky rice in bamboo baskets and the Philippine stall rang with a lively bamboo-pole "
                "dance. For the first time there was also a Timor-Leste stall, with colourful tais "
                "textiles that students had researched and recreated themselves."
            ),
            (
                "At the Vietnam stall, students chose local specialties: bánh pía pastries, bún nước lèo, "
                "mè láo sesame sweets and ST25 rice. Next door, the Myanmar stall, with its fermented tea "
                "leaf salad and paper umbrellas, drew many parents in for a chat."
            ),
            "## Learning through play",
            (
                "According to the school's management, the day is a hands-on activity linked to history, "
                "geography and foreign language lessons. To prepare, students had to look up sources, "
                "share out presentations in English and answer the judges' questions. Many said it helped "
                "them remember the capitals, flags and customs of neighbouring countries."
            ),
            (
                "The day ended with a group performance and the official ASEAN anthem ringing across the "
                "schoolyard. Activities like this help nurture a sense of ASEAN citizenship from school "
                "age, so that young people step more confidently into an increasingly connected region."
            ),
        ),
        quote_vi=(
            ("Lớp em nhận Timor-Leste, lúc đầu chẳng biết gì, tìm hiểu rồi mới thấy nước bạn có nhiều điều thú vị."),
            "Một học sinh lớp 11",
        ),
        quote_en=(
            (
                "Our class got Timor-Leste. At first we knew nothing, but the more we read, the more "
                "interesting it became."
            ),
            "An 11th-grade student",
        ),
        image_hue=350,
        image_label="Ngày hội văn hóa ASEAN",
    ),
]
