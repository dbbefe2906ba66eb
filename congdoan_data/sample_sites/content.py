"""Vietnamese union-news content for the sample sites: facts pools, topic templates and article assembly."""
# ruff: noqa: E501 - long Vietnamese sentences and HTML fragments read better unbroken

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7))

LUNAR_YEAR = {2019: "Kỷ Hợi", 2020: "Canh Tý", 2021: "Tân Sửu", 2022: "Nhâm Dần", 2023: "Quý Mão",
              2024: "Giáp Thìn"}

#: Real pre-2025 provinces with real districts (used as place names in the stories).
DISTRICTS: dict[str, list[str]] = {
    "Bắc Kạn": ["huyện Chợ Mới", "huyện Bạch Thông", "huyện Ba Bể", "huyện Na Rì", "huyện Ngân Sơn",
                "huyện Pác Nặm", "huyện Chợ Đồn", "thành phố Bắc Kạn"],
    "Hà Tĩnh": ["thị xã Kỳ Anh", "huyện Cẩm Xuyên", "huyện Hương Sơn", "huyện Đức Thọ", "huyện Thạch Hà",
                "huyện Can Lộc", "huyện Nghi Xuân", "thị xã Hồng Lĩnh"],
    "Lạng Sơn": ["huyện Cao Lộc", "huyện Hữu Lũng", "huyện Chi Lăng", "huyện Lộc Bình", "huyện Đình Lập",
                 "huyện Bắc Sơn", "huyện Tràng Định", "huyện Văn Lãng"],
    "Bắc Giang": ["huyện Lục Nam", "huyện Lạng Giang", "huyện Yên Dũng", "thị xã Việt Yên", "huyện Hiệp Hòa",
                  "huyện Tân Yên", "huyện Sơn Động", "thành phố Bắc Giang"],
    "Bà Rịa - Vũng Tàu": ["huyện Châu Đức", "huyện Xuyên Mộc", "huyện Long Điền", "huyện Đất Đỏ",
                          "huyện Côn Đảo", "thị xã Phú Mỹ", "thành phố Bà Rịa", "thành phố Vũng Tàu"],
    "Bình Dương": ["thành phố Thuận An", "thành phố Dĩ An", "thị xã Bến Cát", "thị xã Tân Uyên",
                   "huyện Bàu Bàng", "huyện Phú Giáo", "huyện Dầu Tiếng", "thành phố Thủ Dầu Một"],
    "Cao Bằng": ["huyện Hà Quảng", "huyện Trùng Khánh", "huyện Bảo Lạc", "huyện Nguyên Bình", "huyện Hòa An",
                 "huyện Quảng Hòa", "huyện Thạch An", "thành phố Cao Bằng"],
    "Điện Biên": ["huyện Mường Chà", "huyện Tủa Chùa", "huyện Tuần Giáo", "huyện Điện Biên Đông",
                  "huyện Mường Ảng", "huyện Nậm Pồ", "huyện Mường Nhé", "thành phố Điện Biên Phủ"],
    "Đắk Lắk": ["huyện Krông Pắc", "huyện Ea Kar", "huyện Cư M'gar", "huyện Krông Năng", "huyện Buôn Đôn",
                "huyện Lắk", "thị xã Buôn Hồ", "thành phố Buôn Ma Thuột"],
    "Hà Giang": ["huyện Vị Xuyên", "huyện Bắc Quang", "huyện Quản Bạ", "huyện Yên Minh", "huyện Đồng Văn",
                 "huyện Mèo Vạc", "huyện Hoàng Su Phì", "thành phố Hà Giang"],
    "Đồng Nai": ["huyện Trảng Bom", "huyện Long Thành", "huyện Nhơn Trạch", "huyện Vĩnh Cửu",
                 "huyện Thống Nhất", "huyện Cẩm Mỹ", "thành phố Biên Hòa", "thành phố Long Khánh"],
    "Quảng Bình": ["huyện Bố Trạch", "huyện Quảng Trạch", "huyện Lệ Thủy", "huyện Quảng Ninh",
                   "huyện Tuyên Hóa", "huyện Minh Hóa", "thị xã Ba Đồn", "thành phố Đồng Hới"],
    "Tây Ninh": ["thị xã Trảng Bàng", "huyện Gò Dầu", "huyện Dương Minh Châu", "huyện Châu Thành",
                 "huyện Tân Biên", "huyện Tân Châu", "thị xã Hòa Thành", "thành phố Tây Ninh"],
    "Cà Mau": ["huyện Trần Văn Thời", "huyện U Minh", "huyện Thới Bình", "huyện Cái Nước", "huyện Đầm Dơi",
               "huyện Năm Căn", "huyện Ngọc Hiển", "thành phố Cà Mau"],
    "Kiên Giang": ["huyện Giồng Riềng", "huyện Châu Thành", "huyện Tân Hiệp", "huyện Hòn Đất",
                   "huyện Kiên Lương", "huyện An Biên", "huyện Gò Quao", "thành phố Rạch Giá"],
    "Thanh Hóa": ["thị xã Nghi Sơn", "huyện Hoằng Hóa", "huyện Quảng Xương", "huyện Thọ Xuân",
                  "huyện Triệu Sơn", "thị xã Bỉm Sơn", "thành phố Sầm Sơn", "thành phố Thanh Hóa"],
}

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
            "Phan", "Trương", "Đinh", "Lương", "Hà", "Mai", "Tạ"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quang", "Hữu", "Ngọc", "Thu", "Xuân", "Hồng", "Kim"]
GIVEN = ["Cảnh", "Thắng", "Hương", "Lan", "Tuấn", "Dũng", "Hòa", "Bình", "Thúy", "Nga", "Khánh", "Long",
         "Phương", "Hải", "Sơn", "Yến", "Trung", "Hạnh", "Quyết", "Thành", "Tâm", "Vinh", "Loan", "Nam",
         "Oanh", "Hiếu", "Giang", "Chiến", "Mai", "Toàn"]

ROLES = ["Chủ tịch LĐLĐ tỉnh", "Phó Chủ tịch LĐLĐ tỉnh", "Phó Chủ tịch Thường trực LĐLĐ tỉnh",
         "Trưởng ban Tuyên giáo LĐLĐ tỉnh", "Trưởng ban Chính sách - Pháp luật LĐLĐ tỉnh",
         "Chủ tịch LĐLĐ {d1}", "Chủ tịch Công đoàn các Khu công nghiệp tỉnh", "Phó Chủ tịch UBND tỉnh",
         "Giám đốc Sở Lao động - Thương binh và Xã hội", "Chủ tịch Công đoàn cơ sở {comp1}"]

REPORTERS = ["Ngọc Liêm", "Hà Hiển", "Thu Hằng", "Minh Quân", "Lê Hoa", "Văn Thành", "Đức Anh", "Phương Thảo",
             "Quang Đại - Thanh Thủy", "Diệp Anh", "Hoàng Yến", "Trần Tuấn", "Mai Lan", "Bảo Ngọc", "Việt Hà",
             "Khánh Linh", "Thanh Tùng", "Nguyên Anh", "Kim Oanh", "Hữu Phước"]
AFFILIATIONS = ["Văn phòng LĐLĐ tỉnh", "Ban Tuyên giáo LĐLĐ tỉnh", "LĐLĐ {d1}", "Công đoàn ngành Giáo dục",
                "Ban Nữ công LĐLĐ tỉnh", "CTV"]

COMPANY_KIND = ["Công ty TNHH May", "Công ty CP Xi măng", "Công ty TNHH Giày da", "Công ty CP Chế biến gỗ",
                "Công ty TNHH Điện tử", "Công ty CP Thủy sản", "Công ty CP Cao su", "Công ty TNHH Bao bì",
                "Công ty CP Môi trường đô thị", "Công ty TNHH Thực phẩm", "Công ty CP Dệt", "Công ty CP Gạch ngói"]
COMPANY_NAME = ["Hòa Thọ", "Phú Thịnh", "Việt Hưng", "Tân Phát", "Đại An", "Hưng Long", "Minh Tiến", "Sao Mai",
                "Thành Công", "Phúc Lộc", "An Khang", "Bình Minh", "Trường Sơn", "Nam Việt", "Kim Long", "Hải Âu"]


def vn_int(n: int) -> str:
    """Format an integer the Vietnamese way (dot as thousands separator)."""
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float, digits: int = 1) -> str:
    """Format a decimal the Vietnamese way (comma as decimal mark)."""
    return f"{x:.{digits}f}".replace(".", ",")


ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


@dataclass
class Topic:
    """One kind of union story: title, lead and sentence templates with {slots}."""

    key: str
    category: str
    months: list[int]
    titles: list[str]
    leads: list[str]
    openings: list[str]
    sentences: list[str]
    subheads: list[str]
    captions: list[str]
    quotes: list[str]


TOPICS: list[Topic] = [
    Topic(
        key="giaoban", category="Hoạt động công đoàn", months=[3, 4, 6, 7, 9, 10, 12],
        titles=["{fed} tổ chức Hội nghị giao ban công tác công đoàn {period_y}",
                "Giao ban công tác công đoàn {period}: nhiều chỉ tiêu đạt và vượt kế hoạch",
                "Thường trực {fed} làm việc với LĐLĐ các huyện, thành phố"],
        leads=["Sáng {dm}, {fed} tổ chức hội nghị giao ban đánh giá kết quả hoạt động công đoàn {period} và "
               "triển khai nhiệm vụ những tháng tiếp theo.",
               "Các cấp công đoàn trong tỉnh đã hoàn thành {pct} chỉ tiêu đăng ký, trong đó công tác phát triển "
               "đoàn viên và thành lập công đoàn cơ sở có nhiều chuyển biến."],
        openings=["Ngày {dmy}, {fed_full} tổ chức hội nghị giao ban công tác công đoàn {period_y}. "
                  "Tham dự hội nghị có các đồng chí Thường trực, trưởng, phó các ban LĐLĐ tỉnh; chủ tịch LĐLĐ "
                  "các huyện, thành phố, công đoàn ngành và Công đoàn các Khu công nghiệp tỉnh.",
                  "Trong {n_small} ngày, từ {dm_prev} đến {dm}, Thường trực LĐLĐ tỉnh {prov} đã làm việc với "
                  "LĐLĐ {d1}, {d2} và {d3} để thăm nắm việc triển khai nhiệm vụ {period_y}."],
        sentences=["Theo báo cáo, toàn tỉnh hiện có {n_units} công đoàn cơ sở với {n_members} đoàn viên; "
                   "{period} đã kết nạp mới {n_mid} đoàn viên, thành lập {n_small} công đoàn cơ sở.",
                   "Công tác thu kinh phí công đoàn đạt {pct} dự toán, cao hơn cùng kỳ năm trước.",
                   "Các cấp công đoàn đã tham gia giải quyết {n_small} vụ ngừng việc tập thể, bảo đảm quyền lợi "
                   "cho {n_mid} người lao động.",
                   "Tại {d1}, LĐLĐ huyện đã phối hợp với phòng Lao động rà soát {n_enterprises} doanh nghiệp "
                   "chưa thành lập công đoàn cơ sở.",
                   "Một số đơn vị còn chậm cập nhật dữ liệu đoàn viên lên phần mềm quản lý, việc nắm bắt tình "
                   "hình nợ đóng bảo hiểm xã hội ở một số doanh nghiệp chưa kịp thời.",
                   "Các đại biểu đã thảo luận về khó khăn trong phát triển đoàn viên ở khu vực doanh nghiệp ngoài "
                   "nhà nước, nơi nhiều lao động làm việc theo thời vụ.",
                   "Hoạt động tuyên truyền về Bộ luật Lao động năm 2019 được triển khai tới {n_mid} lượt đoàn "
                   "viên thông qua hội nghị, tờ rơi và nhóm Zalo của công đoàn cơ sở.",
                   "LĐLĐ {d2} đề nghị tỉnh sớm có hướng dẫn về việc hỗ trợ đoàn viên bị giảm giờ làm do doanh "
                   "nghiệp thiếu đơn hàng.",
                   "Ủy ban Kiểm tra các cấp đã kiểm tra {n_small} đơn vị, qua đó kiến nghị khắc phục những tồn "
                   "tại trong quản lý tài chính, tài sản công đoàn.",
                   "Công tác nữ công tiếp tục được quan tâm với {n_small} mô hình nhà trẻ, nhóm trẻ tại khu công "
                   "nghiệp được duy trì."],
        subheads=["Nhiều chỉ tiêu đạt và vượt", "Nhiệm vụ trọng tâm thời gian tới", "Còn những hạn chế"],
        captions=["Quang cảnh hội nghị giao ban tại {d1}", "Đồng chí {p1} phát biểu kết luận hội nghị"],
        quotes=["Kết luận hội nghị, đồng chí {p1}, {p1role} đề nghị các cấp công đoàn bám sát cơ sở, kịp thời "
                "nắm bắt tâm tư, nguyện vọng, đời sống và việc làm của người lao động trong {period_next}.",
                "Đồng chí {p1}, {p1role} nhấn mạnh: “Mỗi cán bộ công đoàn phải đến với người lao động nhiều hơn, "
                "lắng nghe nhiều hơn và giải quyết dứt điểm những kiến nghị chính đáng”."]),
    Topic(
        key="tet", category="Chăm lo đời sống", months=[1, 2],
        titles=["Trao {n_gifts} suất quà Tết cho đoàn viên, người lao động có hoàn cảnh khó khăn",
                "Tết Sum vầy {lunar}: ấm lòng công nhân xa quê tại {d1}",
                "Chợ Tết Công đoàn {year}: {n_vouchers} phiếu mua hàng đến tay người lao động"],
        leads=["Nhân dịp Tết Nguyên đán {lunar}, {fed} đã trao {n_gifts} suất quà với tổng trị giá {money} cho "
               "đoàn viên, người lao động có hoàn cảnh khó khăn.",
               "Chương trình “Tết Sum vầy - Xuân gắn kết” năm nay được tổ chức tại {d1} với nhiều hoạt động "
               "văn hóa, thể thao và gian hàng 0 đồng cho công nhân."],
        openings=["Ngày {dmy}, tại {d1}, {fed_full} phối hợp với các nhà hảo tâm tổ chức chương trình chăm lo "
                  "Tết cho đoàn viên, người lao động nhân dịp Tết Nguyên đán {lunar}.",
                  "Sáng {dm}, hàng trăm công nhân {comp1} đã có mặt từ sớm tại nhà văn hóa {d1} để tham gia "
                  "chương trình “Tết Sum vầy” do {fed} tổ chức."],
        sentences=["Mỗi suất quà gồm tiền mặt {gift_value} và các nhu yếu phẩm như gạo, dầu ăn, bánh kẹo.",
                   "Tổng kinh phí chăm lo Tết của các cấp công đoàn trong tỉnh năm nay ước đạt {money}, tăng so "
                   "với năm trước.",
                   "Ngoài quà Tết, công đoàn còn hỗ trợ {n_tickets} vé xe cho công nhân về quê đón Tết và tổ chức "
                   "đưa đón tại các khu nhà trọ.",
                   "Tại gian hàng 0 đồng, mỗi đoàn viên được chọn các mặt hàng trị giá {gift_value} bằng phiếu "
                   "mua hàng do công đoàn cơ sở phát.",
                   "Chị {w1}, công nhân {comp1}, cho biết năm nay gia đình chị không về quê vì đang nuôi con nhỏ, "
                   "món quà của công đoàn giúp gia đình có cái Tết đủ đầy hơn.",
                   "Đối tượng được nhận quà là đoàn viên có hoàn cảnh khó khăn, bị tai nạn lao động, bệnh nghề "
                   "nghiệp hoặc bị giảm giờ làm trong năm.",
                   "Công đoàn {comp2} đã thương lượng với chủ doanh nghiệp để thưởng Tết bình quân {bonus} một "
                   "người, cao hơn năm trước.",
                   "Chương trình có sự đồng hành của {n_small} doanh nghiệp và ngân hàng trên địa bàn.",
                   "Các tiết mục văn nghệ do chính công nhân biểu diễn đã mang lại không khí vui tươi, ấm cúng.",
                   "LĐLĐ {d2} cũng tổ chức thăm, tặng quà {n_mid} đoàn viên tại các doanh nghiệp có đông lao "
                   "động nữ."],
        subheads=["Quà Tết đến tận tay người lao động", "Gian hàng 0 đồng", "Không để ai không có Tết"],
        captions=["Lãnh đạo LĐLĐ tỉnh trao quà Tết cho công nhân {comp1}",
                  "Công nhân mua sắm tại gian hàng Chợ Tết Công đoàn ở {d1}"],
        quotes=["Đồng chí {p1}, {p1role} chia sẻ: “Món quà tuy không lớn nhưng là tấm lòng của tổ chức Công đoàn, "
                "mong mỗi người lao động đều có một cái Tết ấm áp, an toàn”.",
                "Phát biểu tại chương trình, đồng chí {p1} mong muốn người sử dụng lao động tiếp tục quan tâm trả "
                "lương, thưởng Tết đầy đủ, đúng hạn cho người lao động."]),
    Topic(
        key="maiam", category="Chăm lo đời sống", months=[3, 5, 7, 8, 10, 11],
        titles=["Bàn giao nhà “Mái ấm Công đoàn” cho đoàn viên tại {d1}",
                "Thêm {n_houses} mái ấm công đoàn cho đoàn viên khó khăn về nhà ở",
                "Niềm vui của chị {w1} trong ngôi nhà Mái ấm Công đoàn"],
        leads=["Ngôi nhà được xây dựng với tổng kinh phí {house_cost}, trong đó Quỹ Xã hội công đoàn tỉnh hỗ trợ "
               "{house_support}.",
               "Từ đầu năm đến nay, các cấp công đoàn tỉnh {prov} đã hỗ trợ xây mới và sửa chữa {n_houses} nhà "
               "Mái ấm Công đoàn."],
        openings=["Ngày {dmy}, LĐLĐ {d1} phối hợp với Công đoàn cơ sở {comp1} tổ chức bàn giao nhà “Mái ấm Công "
                  "đoàn” cho đoàn viên {w1}.",
                  "Chiều {dm}, đoàn công tác của {fed} do đồng chí {p1}, {p1role} dẫn đầu đã dự lễ khánh thành "
                  "và bàn giao nhà “Mái ấm Công đoàn” tại {d1}."],
        sentences=["Ngôi nhà có diện tích {area} mét vuông, được xây dựng kiên cố gồm phòng khách, hai phòng ngủ "
                   "và khu bếp.",
                   "Gia đình chị {w1} thuộc diện hộ nghèo, chồng mất sớm, một mình nuôi hai con đang tuổi đi học.",
                   "Ngoài số tiền hỗ trợ của công đoàn, gia đình được anh em, họ hàng và đồng nghiệp góp thêm ngày "
                   "công xây dựng.",
                   "Năm {year}, chương trình Mái ấm Công đoàn của tỉnh đặt mục tiêu hỗ trợ {n_houses} căn nhà cho "
                   "đoàn viên khó khăn về nhà ở.",
                   "Mỗi căn nhà xây mới được hỗ trợ {house_support}, sửa chữa được hỗ trợ từ 20 đến 30 triệu đồng.",
                   "Nguồn kinh phí được vận động từ các doanh nghiệp, cán bộ, đoàn viên và Quỹ Xã hội công đoàn.",
                   "Xúc động nhận chìa khóa ngôi nhà mới, chị {w1} cảm ơn tổ chức Công đoàn và hứa sẽ cố gắng lao "
                   "động, nuôi dạy các con nên người.",
                   "Trước đó, gia đình chị phải sống trong căn nhà tạm lợp mái tôn đã xuống cấp, mỗi mùa mưa bão lại "
                   "thấp thỏm lo âu.",
                   "Việc khảo sát, lựa chọn đối tượng được thực hiện công khai, dân chủ, đúng đối tượng.",
                   "Từ năm 2014 đến nay, các cấp công đoàn trong tỉnh đã trao tổng cộng {n_mid} nhà Mái ấm Công "
                   "đoàn với tổng kinh phí hơn {money}."],
        subheads=["Ước mơ an cư thành hiện thực", "Lan tỏa chương trình Mái ấm Công đoàn"],
        captions=["Lãnh đạo LĐLĐ tỉnh trao quyết định hỗ trợ xây nhà cho đoàn viên {w1}",
                  "Ngôi nhà Mái ấm Công đoàn mới được bàn giao tại {d1}"],
        quotes=["Đồng chí {p1}, {p1role} cho biết: “Mỗi mái ấm là một lời cam kết của tổ chức Công đoàn với "
                "người lao động: không để đoàn viên nào phải sống trong nhà tạm, nhà dột nát”.",
                "Phát biểu tại buổi lễ, đồng chí {p1} mong gia đình sớm ổn định cuộc sống, yên tâm công tác."]),
    Topic(
        key="thoauoc", category="Chính sách - Pháp luật", months=[4, 6, 8, 9, 11],
        titles=["Ký kết thỏa ước lao động tập thể nhóm doanh nghiệp ngành may tại {d1}",
                "Thương lượng tập thể: nhiều lợi ích thiết thực hơn luật cho người lao động",
                "{n_enterprises} doanh nghiệp tham gia thỏa ước lao động tập thể nhóm"],
        leads=["Thỏa ước có nhiều điều khoản có lợi hơn so với quy định của pháp luật, như tăng tiền ăn ca, hỗ "
               "trợ nhà trọ và thưởng các ngày lễ.",
               "Đây là thỏa ước nhóm thứ {n_small} được ký kết trên địa bàn tỉnh, mang lại quyền lợi cho hơn "
               "{n_workers} người lao động."],
        openings=["Ngày {dmy}, {fed} phối hợp với Sở Lao động - Thương binh và Xã hội tổ chức lễ ký kết thỏa ước "
                  "lao động tập thể nhóm doanh nghiệp tại {d1}.",
                  "Sau gần {n_small} tháng thương lượng, ngày {dmy}, ban chấp hành công đoàn cơ sở và ban giám "
                  "đốc {comp1} đã ký thỏa ước lao động tập thể nhiệm kỳ mới."],
        sentences=["Theo thỏa ước, tiền ăn ca của người lao động được nâng lên {meal} một bữa.",
                   "Người lao động được hỗ trợ tiền nhà trọ {rent} một tháng và tiền đi lại cho người ở xa.",
                   "Lao động nữ nuôi con dưới 6 tuổi được hỗ trợ thêm {childcare} một tháng.",
                   "Doanh nghiệp cam kết tổ chức khám sức khỏe định kỳ mỗi năm một lần cho toàn bộ người lao "
                   "động, khám chuyên khoa phụ sản cho lao động nữ.",
                   "Quá trình thương lượng được tiến hành qua {n_small} phiên, có sự tham gia của đại diện người "
                   "lao động ở từng tổ sản xuất.",
                   "Trước khi ký, dự thảo thỏa ước đã được lấy ý kiến và có {pct} người lao động biểu quyết tán "
                   "thành.",
                   "Các ngày lễ, Tết, người lao động được thưởng từ 300.000 đến 1.000.000 đồng tùy theo thâm niên.",
                   "Hiện toàn tỉnh có {n_mid} bản thỏa ước lao động tập thể còn hiệu lực, trong đó nhiều bản được "
                   "đánh giá loại A.",
                   "Các doanh nghiệp tham gia thỏa ước nhóm chủ yếu hoạt động trong lĩnh vực may mặc, da giày và "
                   "chế biến thủy sản.",
                   "Công đoàn sẽ giám sát việc thực hiện thỏa ước và tổ chức đối thoại định kỳ sáu tháng một lần."],
        subheads=["Nhiều điều khoản có lợi hơn luật", "Vai trò đại diện của công đoàn"],
        captions=["Đại diện các doanh nghiệp ký kết thỏa ước lao động tập thể nhóm",
                  "Lễ ký kết thỏa ước tại {comp1}"],
        quotes=["Đồng chí {p1}, {p1role} đánh giá: “Thỏa ước chỉ có giá trị khi được thực hiện nghiêm túc; công "
                "đoàn sẽ cùng người lao động giám sát từng điều khoản”.",
                "Ông {p2}, Giám đốc {comp1} cho rằng chăm lo tốt cho người lao động là cách giữ chân công nhân "
                "lành nghề hiệu quả nhất."]),
    Topic(
        key="atvsld", category="An toàn vệ sinh lao động", months=[4, 5, 6],
        titles=["Phát động Tháng hành động về an toàn, vệ sinh lao động năm {year}",
                "Huấn luyện an toàn, vệ sinh lao động cho {n_trainees} an toàn vệ sinh viên",
                "Kiểm tra công tác an toàn lao động tại các doanh nghiệp trên địa bàn {d1}"],
        leads=["Tháng hành động năm nay có chủ đề “Tăng cường đánh giá, kiểm soát các nguy cơ rủi ro về an toàn, "
               "vệ sinh lao động”.",
               "Qua kiểm tra, đoàn đã phát hiện và yêu cầu khắc phục {n_small} tồn tại về thiết bị có yêu cầu "
               "nghiêm ngặt về an toàn lao động."],
        openings=["Sáng {dm}, Ban chỉ đạo Tháng hành động về an toàn, vệ sinh lao động tỉnh {prov} tổ chức lễ "
                  "phát động tại {comp1}, {d1}.",
                  "Từ ngày {dm_prev} đến {dm}, đoàn kiểm tra liên ngành do {fed} chủ trì đã kiểm tra công tác an "
                  "toàn, vệ sinh lao động tại {n_small} doanh nghiệp."],
        sentences=["Năm {prev_year}, toàn tỉnh xảy ra {n_accidents} vụ tai nạn lao động, làm {n_small} người bị "
                   "thương nặng.",
                   "Nguyên nhân chủ yếu là người lao động vi phạm quy trình kỹ thuật, không sử dụng phương tiện bảo "
                   "vệ cá nhân.",
                   "Các doanh nghiệp được yêu cầu rà soát, kiểm định máy móc, thiết bị và trang bị đầy đủ bảo hộ "
                   "lao động.",
                   "Mạng lưới an toàn vệ sinh viên của tỉnh hiện có {n_mid} người, hoạt động ở hầu hết các doanh "
                   "nghiệp có trên 10 lao động.",
                   "Lớp huấn luyện trang bị kiến thức về nhận diện mối nguy, sơ cứu, cấp cứu và phòng chống cháy nổ.",
                   "Tại {comp2}, đoàn ghi nhận hệ thống phòng cháy được đầu tư bài bản, nhà xưởng thông thoáng.",
                   "Một số cơ sở nhỏ chưa xây dựng nội quy an toàn, chưa tổ chức quan trắc môi trường lao động "
                   "định kỳ.",
                   "Dịp này, công đoàn trao {n_small} suất hỗ trợ cho người lao động bị tai nạn lao động, mỗi suất "
                   "{gift_value}.",
                   "Các học viên được thực hành thoát nạn, sử dụng bình chữa cháy và sơ cứu người bị điện giật.",
                   "Ban chỉ đạo đề nghị các địa phương tổ chức Tháng hành động thiết thực, tránh hình thức."],
        subheads=["Không để xảy ra tai nạn lao động nghiêm trọng", "Nâng cao năng lực an toàn vệ sinh viên"],
        captions=["Các đại biểu thực hiện nghi thức phát động Tháng hành động",
                  "Công nhân {comp1} thực hành sử dụng bình chữa cháy"],
        quotes=["Phát biểu tại lễ phát động, đồng chí {p1}, {p1role} yêu cầu người sử dụng lao động coi an toàn là "
                "điều kiện tiên quyết của sản xuất.",
                "“An toàn cho người lao động là hạnh phúc của gia đình và sự phát triển bền vững của doanh "
                "nghiệp”, đồng chí {p1} nhấn mạnh."]),
    Topic(
        key="daihoi", category="Xây dựng tổ chức", months=[3, 5, 6, 7, 9, 10],
        titles=["Đại hội Công đoàn {d1} lần thứ {congress}, nhiệm kỳ {term}",
                "Đại hội Công đoàn cơ sở điểm tại {comp1}",
                "Đại hội Công đoàn tỉnh {prov} lần thứ {congress} thành công tốt đẹp"],
        leads=["Đại hội đã bầu Ban Chấp hành gồm {n_exec} đồng chí; đồng chí {p1} tái đắc cử Chủ tịch.",
               "Đại hội đề ra mục tiêu đến cuối nhiệm kỳ phát triển mới {n_members} đoàn viên, {pct} công đoàn "
               "cơ sở đạt tiêu chuẩn vững mạnh."],
        openings=["Trong hai ngày {dm_prev} và {dm}, Công đoàn {d1} long trọng tổ chức Đại hội lần thứ "
                  "{congress}, nhiệm kỳ {term}, với sự tham dự của {n_delegates} đại biểu.",
                  "Ngày {dmy}, Công đoàn cơ sở {comp1} tổ chức đại hội điểm nhiệm kỳ {term} để rút kinh "
                  "nghiệm chỉ đạo đại hội công đoàn cơ sở trên địa bàn tỉnh {prov}."],
        sentences=["Nhiệm kỳ qua, Công đoàn đã phát triển mới {n_mid} đoàn viên, thành lập {n_small} công đoàn cơ "
                   "sở, vượt chỉ tiêu nghị quyết đề ra.",
                   "Đại hội đã thảo luận và biểu quyết thông qua các chỉ tiêu, nhiệm vụ, giải pháp cho nhiệm kỳ "
                   "{term}.",
                   "Các tham luận tập trung vào công tác đại diện, bảo vệ quyền lợi người lao động và chuyển đổi "
                   "số trong hoạt động công đoàn.",
                   "Đại hội đã bầu {n_delegates2} đại biểu chính thức đi dự Đại hội Công đoàn cấp trên.",
                   "Nhiệm kỳ mới, Công đoàn xác định hai khâu đột phá là thương lượng tập thể và nâng cao chất "
                   "lượng đội ngũ cán bộ công đoàn cơ sở.",
                   "Đại hội được tổ chức theo tinh thần đổi mới, ngắn gọn, tiết kiệm, không treo băng rôn khẩu hiệu "
                   "tràn lan.",
                   "Tỷ lệ cán bộ nữ trong Ban Chấp hành khóa mới đạt {pct_small}, cán bộ trẻ dưới 40 tuổi chiếm một "
                   "phần ba.",
                   "Các đại biểu cũng góp ý vào dự thảo văn kiện Đại hội Công đoàn cấp trên.",
                   "Đại hội đã trao Bằng khen của Tổng LĐLĐ Việt Nam cho {n_small} tập thể và cá nhân có thành "
                   "tích xuất sắc.",
                   "Khẩu hiệu hành động của nhiệm kỳ là “Đổi mới - Dân chủ - Đoàn kết - Phát triển”."],
        subheads=["Kết quả nổi bật nhiệm kỳ qua", "Mục tiêu nhiệm kỳ mới", "Ra mắt Ban Chấp hành khóa mới"],
        captions=["Ban Chấp hành khóa mới ra mắt Đại hội", "Đoàn đại biểu dự Đại hội Công đoàn {d1}"],
        quotes=["Phát biểu chỉ đạo, đồng chí {p1}, {p1role} đề nghị Ban Chấp hành khóa mới sớm cụ thể hóa nghị "
                "quyết thành chương trình hành động.",
                "Đồng chí {p1} khẳng định: “Đoàn viên là gốc rễ; mọi hoạt động của Công đoàn phải xuất phát từ lợi "
                "ích của đoàn viên”."]),
    Topic(
        key="phapluat", category="Chính sách - Pháp luật", months=[3, 4, 8, 9, 10, 11],
        titles=["Tập huấn Bộ luật Lao động cho cán bộ công đoàn cơ sở tại {d1}",
                "Tư vấn pháp luật miễn phí cho {n_workers} công nhân khu công nghiệp",
                "Hội thi tìm hiểu pháp luật lao động năm {year}"],
        leads=["Lớp tập huấn giúp cán bộ công đoàn nắm vững các điểm mới về hợp đồng lao động, tiền lương và "
               "thời giờ làm việc.",
               "Văn phòng Tư vấn pháp luật Công đoàn tỉnh đã tiếp nhận {n_cases} lượt tư vấn từ đầu năm."],
        openings=["Ngày {dmy}, {fed} tổ chức lớp tập huấn pháp luật lao động cho {n_trainees} cán bộ công đoàn "
                  "cơ sở khu vực {d1} và {d2}.",
                  "Trong {n_small} ngày, từ {dm_prev} đến {dm}, Văn phòng Tư vấn pháp luật Công đoàn tỉnh {prov} "
                  "tổ chức tư vấn lưu động tại các khu nhà trọ công nhân {d1}."],
        sentences=["Học viên được giới thiệu những điểm mới của Bộ luật Lao động số 45/2019/QH14 về hợp đồng lao "
                   "động, kỷ luật lao động và tuổi nghỉ hưu.",
                   "Nhiều câu hỏi liên quan đến chế độ thai sản, bảo hiểm xã hội một lần và trợ cấp thôi việc được "
                   "giải đáp tại chỗ.",
                   "Báo cáo viên là luật sư của Văn phòng Tư vấn pháp luật Công đoàn tỉnh, người có nhiều năm tham "
                   "gia giải quyết tranh chấp lao động.",
                   "Năm {year}, Văn phòng đã đại diện cho {n_small} người lao động tham gia tố tụng, giúp đòi lại "
                   "hơn {money_small} tiền lương, bảo hiểm bị nợ.",
                   "Hội thi thu hút {n_teams} đội đến từ các công đoàn ngành, công đoàn khu công nghiệp và LĐLĐ "
                   "các huyện.",
                   "Phần thi tiểu phẩm tái hiện tình huống người lao động bị chấm dứt hợp đồng trái luật và cách "
                   "công đoàn bảo vệ.",
                   "Nhiều công nhân cho biết lần đầu hiểu rõ quyền được từ chối làm thêm giờ và được trả lương "
                   "làm đêm.",
                   "Ban tổ chức đã phát {n_mid} cuốn sổ tay pháp luật và tờ gấp tuyên truyền cho người lao động.",
                   "Nội dung Luật Bảo hiểm xã hội sửa đổi cũng được giới thiệu để người lao động cân nhắc trước khi "
                   "rút bảo hiểm xã hội một lần.",
                   "Các cấp công đoàn sẽ tiếp tục mở lớp tại khu vực có đông lao động ngoài nhà nước."],
        subheads=["Giải đáp tại chỗ nhiều vướng mắc", "Đưa pháp luật đến khu nhà trọ"],
        captions=["Luật sư giải đáp thắc mắc cho công nhân tại {d1}", "Quang cảnh lớp tập huấn"],
        quotes=["Đồng chí {p1}, {p1role} cho rằng hiểu luật là cách tốt nhất để người lao động tự bảo vệ mình.",
                "“Chúng tôi muốn mỗi tổ trưởng công đoàn là một tuyên truyền viên pháp luật ở cơ sở”, đồng chí "
                "{p1} nói."]),
    Topic(
        key="thangcn", category="Hoạt động công đoàn", months=[5],
        titles=["Khai mạc Tháng Công nhân năm {year} tại {d1}",
                "Tháng Công nhân {year}: đối thoại, lắng nghe người lao động",
                "Chương trình “Phúc lợi đoàn viên” trong Tháng Công nhân"],
        leads=["Tháng Công nhân năm nay có chủ đề “Đoàn kết, sáng tạo, vượt khó, phát triển”, với nhiều hoạt "
               "động thiết thực hướng về cơ sở.",
               "Trong khuôn khổ Tháng Công nhân, các cấp công đoàn tổ chức {n_small} cuộc đối thoại giữa người sử "
               "dụng lao động và người lao động."],
        openings=["Tối {dm}, tại quảng trường {d1}, {fed} tổ chức lễ khai mạc Tháng Công nhân năm {year} với sự "
                  "tham gia của hơn {n_mid} công nhân lao động.",
                  "Ngày {dmy}, Công đoàn các Khu công nghiệp tỉnh {prov} tổ chức hội nghị đối thoại với chủ doanh "
                  "nghiệp tại {d1}."],
        sentences=["Tại buổi đối thoại, công nhân kiến nghị về điều chỉnh giờ làm ca đêm, chất lượng bữa ăn ca và "
                   "xe đưa đón.",
                   "Đại diện doanh nghiệp đã giải đáp trực tiếp và cam kết nâng mức tiền ăn ca từ tháng sau.",
                   "Chương trình khám bệnh, phát thuốc miễn phí cho {n_mid} đoàn viên được tổ chức ngay sau lễ khai "
                   "mạc.",
                   "Các cấp công đoàn trao {n_small} suất học bổng “Vì em hiếu học” cho con công nhân.",
                   "Nhiều doanh nghiệp tổ chức giải bóng đá, kéo co, hội thi nấu ăn cho công nhân.",
                   "Các đoàn viên tiêu biểu được tuyên dương là những người có sáng kiến làm lợi hàng trăm triệu "
                   "đồng cho doanh nghiệp.",
                   "Trong tháng, công đoàn sẽ ký kết thêm {n_small} thỏa thuận phúc lợi với siêu thị, phòng khám và "
                   "trường mầm non.",
                   "Nhiều ý kiến phản ánh giá điện, nước tại khu nhà trọ còn cao so với quy định.",
                   "Công đoàn cơ sở {comp1} đề xuất xây dựng nhà trẻ cho con công nhân làm ca."],
        subheads=["Lắng nghe để chia sẻ", "Phúc lợi thiết thực cho đoàn viên"],
        captions=["Công nhân tham gia chương trình khai mạc Tháng Công nhân",
                  "Đối thoại giữa công nhân và lãnh đạo doanh nghiệp tại {d1}"],
        quotes=["Đồng chí {p1}, {p1role} mong muốn mỗi cuộc đối thoại phải giải quyết được việc cụ thể, không dừng "
                "ở việc ghi nhận ý kiến.",
                "“Công nhân cần một bữa ăn ngon, một chỗ ở an toàn và một chỗ gửi con”, đồng chí {p1} nói."]),
    Topic(
        key="hoithao", category="Văn hóa - Thể thao", months=[3, 4, 7, 8, 10],
        titles=["Hội thao công nhân viên chức lao động tỉnh {prov} năm {year}",
                "Sôi nổi giải bóng đá nam công nhân {d1}",
                "Liên hoan văn nghệ công nhân chào mừng ngày thành lập Công đoàn Việt Nam"],
        leads=["Hội thao thu hút {n_athletes} vận động viên đến từ {n_teams} đơn vị tham gia tranh tài ở sáu môn.",
               "Liên hoan là dịp để công nhân giao lưu, thể hiện tài năng sau những giờ lao động vất vả."],
        openings=["Sáng {dm}, tại nhà thi đấu {d1}, {fed} khai mạc Hội thao công nhân viên chức lao động năm "
                  "{year}.",
                  "Tối {dm}, Nhà Văn hóa Lao động tỉnh {prov} tổ chức liên hoan văn nghệ công nhân với {n_teams} "
                  "đội tham gia."],
        sentences=["Các môn thi đấu gồm bóng đá, cầu lông, bóng bàn, kéo co, cờ tướng và việt dã.",
                   "Sau {n_small} ngày tranh tài, ban tổ chức trao {n_medals} huy chương các loại.",
                   "Đội LĐLĐ {d2} giành giải nhất toàn đoàn, đội Công đoàn ngành Y tế xếp thứ hai.",
                   "Nhiều tiết mục ca ngợi Đảng, Bác Hồ và người công nhân trên công trường được khán giả cổ vũ "
                   "nhiệt tình.",
                   "Các vận động viên đều là công nhân trực tiếp sản xuất, tranh thủ tập luyện sau giờ làm.",
                   "Ban tổ chức trao giải cho {n_small} tiết mục xuất sắc và {n_small} diễn viên triển vọng.",
                   "Các đội được lựa chọn sẽ đại diện tỉnh tham gia hội thao khu vực vào cuối năm.",
                   "Nhiều doanh nghiệp hỗ trợ kinh phí, trang phục và bố trí thời gian cho công nhân tập luyện."],
        subheads=["Kết quả các môn thi đấu", "Sân chơi bổ ích cho người lao động"],
        captions=["Trận chung kết môn kéo co nam", "Tiết mục văn nghệ của công nhân {comp1}"],
        quotes=["Đồng chí {p1}, {p1role} đánh giá hội thao là dịp để rèn luyện sức khỏe, tăng cường đoàn kết trong "
                "công nhân viên chức lao động.",
                "Anh {m1}, công nhân {comp1}, chia sẻ: “Được thi đấu cùng đồng nghiệp, chúng tôi thấy gắn bó với "
                "công ty hơn”."]),
    Topic(
        key="doanvien", category="Xây dựng tổ chức", months=[2, 6, 8, 11, 12],
        titles=["Phát triển {n_mid} đoàn viên mới tại doanh nghiệp ngoài nhà nước",
                "Thành lập Công đoàn cơ sở {comp1}",
                "Nâng cao chất lượng hoạt động công đoàn cơ sở khu vực doanh nghiệp"],
        leads=["Với {n_workers} người lao động, đây là công đoàn cơ sở có số đoàn viên đông nhất được thành lập "
               "trong năm tại {d1}.",
               "Tỉnh đặt mục tiêu đến năm {year_next} có {pct} doanh nghiệp từ 25 lao động trở lên thành lập công "
               "đoàn cơ sở."],
        openings=["Ngày {dmy}, LĐLĐ {d1} trao quyết định công nhận đoàn viên và thành lập Công đoàn cơ sở {comp1}.",
                  "Tính đến {dm}, các cấp công đoàn tỉnh {prov} đã kết nạp {n_mid} đoàn viên mới, thành lập "
                  "{n_small} công đoàn cơ sở tại doanh nghiệp ngoài nhà nước."],
        sentences=["Trước đó, tổ công tác của LĐLĐ huyện đã nhiều lần gặp gỡ chủ doanh nghiệp để tuyên truyền về "
                   "quyền, lợi ích khi có tổ chức công đoàn.",
                   "Ban Chấp hành lâm thời gồm {n_exec} đồng chí, do anh {m1}, tổ trưởng tổ sản xuất làm chủ tịch.",
                   "Nhiều doanh nghiệp có vốn đầu tư nước ngoài còn e ngại khi thành lập công đoàn cơ sở.",
                   "Công đoàn cấp trên đã hỗ trợ công đoàn cơ sở mới thành lập {gift_value} kinh phí hoạt động ban "
                   "đầu.",
                   "Đoàn viên được hưởng ưu đãi từ các thỏa thuận hợp tác mà công đoàn ký với siêu thị, ngân hàng và "
                   "phòng khám.",
                   "Cán bộ công đoàn chuyên trách được phân công bám địa bàn, theo dõi từng doanh nghiệp mới đăng "
                   "ký hoạt động.",
                   "Việc thu, nộp kinh phí công đoàn tại khu vực này còn khó khăn, nhiều doanh nghiệp chậm đóng.",
                   "Toàn tỉnh hiện có {n_enterprises} doanh nghiệp đủ điều kiện nhưng chưa thành lập công đoàn cơ sở."],
        subheads=["Kiên trì thuyết phục chủ doanh nghiệp", "Đoàn viên được gì khi vào công đoàn"],
        captions=["Lãnh đạo LĐLĐ {d1} trao quyết định thành lập công đoàn cơ sở",
                  "Công nhân {comp1} ký đơn gia nhập công đoàn"],
        quotes=["Đồng chí {p1}, {p1role} nói: “Người lao động chỉ vào công đoàn khi thấy công đoàn thực sự vì họ”.",
                "Anh {m1} cho biết sẽ cùng ban chấp hành sớm xây dựng quy chế đối thoại với người sử dụng lao "
                "động."]),
    Topic(
        key="nucong", category="Nữ công", months=[3, 10],
        titles=["Tọa đàm kỷ niệm {women_day} trong nữ công nhân viên chức lao động",
                "Tôn vinh {n_small} nữ đoàn viên giỏi việc nước, đảm việc nhà",
                "Khám sức khỏe sinh sản miễn phí cho nữ công nhân tại {d1}"],
        leads=["Các nữ đoàn viên được tôn vinh đều có nhiều sáng kiến trong lao động sản xuất và tích cực tham gia "
               "phong trào ở cơ sở.",
               "Chương trình khám sàng lọc ung thư vú, ung thư cổ tử cung được tổ chức cho {n_mid} nữ công nhân."],
        openings=["Ngày {dmy}, Ban Nữ công {fed} tổ chức tọa đàm với chủ đề “Phụ nữ Công đoàn - tự tin, sáng tạo, "
                  "hạnh phúc”.",
                  "Nhân kỷ niệm {women_day}, sáng {dm}, {fed} tuyên dương {n_small} nữ đoàn viên tiêu biểu."],
        sentences=["Hiện nữ công nhân viên chức lao động chiếm khoảng {pct_small} tổng số đoàn viên của tỉnh.",
                   "Chị {w1}, công nhân {comp1}, đã có {n_small} sáng kiến cải tiến kỹ thuật được công nhận.",
                   "Nhiều ý kiến đề nghị doanh nghiệp bố trí phòng vắt trữ sữa và hỗ trợ tiền gửi trẻ cho công "
                   "nhân nữ.",
                   "Chương trình có sự phối hợp của Bệnh viện Đa khoa tỉnh và Trung tâm Kiểm soát bệnh tật.",
                   "Các nữ đoàn viên được tư vấn về dinh dưỡng, chăm sóc sức khỏe sinh sản và kỹ năng phòng chống "
                   "quấy rối tình dục nơi làm việc.",
                   "Ban Nữ công cũng tặng {n_small} suất quà cho nữ công nhân là mẹ đơn thân có hoàn cảnh khó khăn.",
                   "Phong trào “Giỏi việc nước, đảm việc nhà” được duy trì ở {pct} công đoàn cơ sở."],
        subheads=["Những bông hoa đẹp trong lao động", "Quan tâm sức khỏe lao động nữ"],
        captions=["Các nữ đoàn viên tiêu biểu nhận giấy khen", "Bác sĩ khám sức khỏe cho nữ công nhân"],
        quotes=["Đồng chí {p1}, {p1role} ghi nhận những đóng góp thầm lặng của lao động nữ trong sản xuất.",
                "Chị {w1} tâm sự: “Có công đoàn bên cạnh, chúng tôi yên tâm hơn khi vừa đi làm vừa nuôi con nhỏ”."]),
    Topic(
        key="hocbong", category="Chăm lo đời sống", months=[6, 7, 8, 9],
        titles=["Trao {n_small} suất học bổng cho con đoàn viên vượt khó học giỏi",
                "Quỹ “Vì em hiếu học” tiếp sức con công nhân đến trường",
                "Tuyên dương con đoàn viên đạt thành tích cao trong học tập năm học {school_year}"],
        leads=["Mỗi suất học bổng trị giá {gift_value}, kèm theo sách vở và đồ dùng học tập.",
               "Quỹ được duy trì từ nguồn đóng góp của cán bộ, đoàn viên và các doanh nghiệp trên địa bàn."],
        openings=["Ngày {dmy}, {fed} tổ chức trao học bổng cho con đoàn viên có hoàn cảnh khó khăn vượt khó học "
                  "giỏi năm học {school_year}.",
                  "Sáng {dm}, tại hội trường {d1}, LĐLĐ huyện tuyên dương {n_mid} cháu là con đoàn viên đạt thành "
                  "tích cao trong học tập."],
        sentences=["Nhiều em có bố hoặc mẹ bị tai nạn lao động, mất việc làm nhưng vẫn đạt học sinh giỏi nhiều năm "
                   "liền.",
                   "Em {m1}, con chị {w1}, công nhân {comp1}, vừa đỗ thủ khoa đầu vào của một trường đại học.",
                   "Từ khi thành lập, quỹ đã trao hơn {n_mid} suất học bổng với tổng số tiền trên {money}.",
                   "Các em được tặng thêm cặp sách, áo mưa và bộ dụng cụ học tập.",
                   "Ban tổ chức cũng trao {n_small} chiếc xe đạp cho học sinh ở các xã vùng sâu của {d2}.",
                   "Nhiều doanh nghiệp cam kết tiếp tục đồng hành với quỹ trong các năm tiếp theo.",
                   "Phụ huynh là công nhân xúc động khi thấy con được tuyên dương trước đông đảo đại biểu."],
        subheads=["Tiếp sức cho ước mơ", "Những tấm gương vượt khó"],
        captions=["Lãnh đạo LĐLĐ tỉnh trao học bổng cho các em học sinh", "Các em học sinh nhận quà tại {d1}"],
        quotes=["Đồng chí {p1}, {p1role} mong các em tiếp tục nỗ lực học tập, xứng đáng với sự hy sinh của cha mẹ.",
                "“Con học tốt là động lực lớn nhất để bố mẹ yên tâm làm việc”, chị {w1} chia sẻ."]),
    Topic(
        key="chuyendoiso", category="Hoạt động công đoàn", months=[1, 5, 8, 11, 12],
        titles=["Đẩy mạnh chuyển đổi số trong hoạt động công đoàn",
                "Triển khai thẻ đoàn viên điện tử cho {n_members} đoàn viên",
                "Tập huấn phần mềm quản lý đoàn viên cho cán bộ công đoàn cơ sở"],
        leads=["Đến nay {pct} công đoàn cơ sở đã cập nhật dữ liệu đoàn viên lên phần mềm quản lý của Tổng Liên đoàn.",
               "Ứng dụng giúp đoàn viên tra cứu quyền lợi, gửi kiến nghị và nhận thông tin từ công đoàn cấp trên."],
        openings=["Ngày {dmy}, {fed} tổ chức hội nghị sơ kết việc triển khai chuyển đổi số trong hoạt động công "
                  "đoàn tại {d1}.",
                  "Từ {dm_prev} đến {dm}, Ban Tổ chức LĐLĐ tỉnh {prov} mở {n_small} lớp tập huấn sử dụng phần mềm "
                  "quản lý đoàn viên."],
        sentences=["Các học viên được hướng dẫn nhập liệu, cấp thẻ đoàn viên điện tử và kết xuất báo cáo thống kê.",
                   "Việc chuyển đổi số giúp giảm đáng kể thời gian tổng hợp báo cáo của công đoàn cơ sở.",
                   "Nhiều cán bộ công đoàn kiêm nhiệm còn lúng túng khi sử dụng phần mềm do thiếu thiết bị.",
                   "LĐLĐ tỉnh đã mở nhóm hỗ trợ trực tuyến để giải đáp vướng mắc trong giờ hành chính.",
                   "Thẻ đoàn viên điện tử được tích hợp mã QR để sử dụng tại các đơn vị có thỏa thuận ưu đãi.",
                   "Năm {year}, công đoàn tỉnh phấn đấu {pct} hồ sơ đoàn viên được số hóa.",
                   "Các hội nghị trực tuyến đã tiết kiệm chi phí đi lại cho cán bộ ở các huyện vùng cao."],
        subheads=["Số hóa dữ liệu đoàn viên", "Khó khăn ở cơ sở"],
        captions=["Cán bộ công đoàn thực hành trên phần mềm quản lý đoàn viên",
                  "Hội nghị sơ kết chuyển đổi số tại {d1}"],
        quotes=["Đồng chí {p1}, {p1role} cho rằng chuyển đổi số phải bắt đầu từ thay đổi nhận thức của cán bộ "
                "công đoàn.",
                "“Đoàn viên cầm điện thoại là có thể gặp công đoàn”, đồng chí {p1} nói."]),
]

GENERAL_SENTENCES = [
    "Các cấp công đoàn sẽ tiếp tục bám sát cơ sở, kịp thời nắm bắt tâm tư, nguyện vọng của đoàn viên, người lao "
    "động.",
    "Hoạt động nhằm thiết thực chào mừng kỷ niệm ngày thành lập Công đoàn Việt Nam 28/7.",
    "Đây là một trong những hoạt động trọng tâm của tổ chức Công đoàn tỉnh {prov} trong năm {year}.",
    "Công tác phối hợp giữa công đoàn và chính quyền địa phương được đánh giá ngày càng chặt chẽ.",
    "Nhiều doanh nghiệp trên địa bàn {d3} đã chủ động phối hợp với công đoàn trong chăm lo cho người lao động.",
    "Kết quả này góp phần xây dựng quan hệ lao động hài hòa, ổn định và tiến bộ tại doanh nghiệp.",
    "Thời gian tới, LĐLĐ tỉnh sẽ nhân rộng các mô hình hiệu quả ra toàn tỉnh.",
    "Số liệu được tổng hợp từ báo cáo của {n_small} công đoàn cấp trên trực tiếp cơ sở.",
]

ENGLISH_ARTICLE = {
    "title": "Provincial labour federation hosts exchange with foreign-invested firms",
    "lead": None,
    "paragraphs": [
        "On {dm_en}, the provincial Labour Federation held a meeting with representatives of foreign-invested "
        "companies operating in the industrial parks of the province.",
        "The meeting discussed working conditions, overtime rules under the 2019 Labour Code and the role of "
        "grassroots trade unions in collective bargaining.",
        "Company representatives said they would continue to cooperate with the union on occupational safety "
        "training and on support for workers who lost shifts because of falling export orders.",
        "The federation said more than {n_workers} workers in the industrial parks are union members, and that "
        "it plans to sign cooperation agreements with a further {n_small} employers this year.",
    ],
}

MONTHLY_REPORT = {
    "title": "Giao ban công tác công đoàn tháng {month} năm {year}",
    "paragraphs": [
        "Ngày {dmy}, Thường trực {fed} chủ trì giao ban công tác công đoàn tháng {month} năm {year}. Dự giao ban "
        "có trưởng, phó các ban, Văn phòng LĐLĐ tỉnh.",
        "Trong tháng {month}, các cấp công đoàn kết nạp {n_mid} đoàn viên, thành lập {n_small} công đoàn cơ sở; "
        "thăm hỏi, hỗ trợ {n_units} đoàn viên ốm đau, tai nạn với số tiền {money_small}. Việc thu kinh phí công "
        "đoàn đạt {pct} kế hoạch tháng.",
        "Giao ban thống nhất nhiệm vụ tháng {month_next}: đồng chí {p1} phụ trách công tác tổ chức, đồng chí {p2} "
        "theo dõi công tác tài chính và kiểm tra tại {d1}.",
    ],
}


@dataclass
class Block:
    """One body element: a paragraph, a subheading or a photo caption."""

    kind: str  # "p" | "h" | "cap"
    text: str


@dataclass
class Article:
    """A story as the generator wrote it (the gold truth)."""

    key: str
    title: str
    lead: str | None
    blocks: list[Block]
    author: str | None
    affiliation: str | None
    author_pos: str  # "top" | "bottom" | "none"
    published: datetime
    date_only: bool
    category: str
    language: str = "vi"
    tags: list[str] = field(default_factory=list)
    source_line: str | None = None

    def gold_paragraphs(self) -> list[str]:
        """Body paragraphs in order: lead first, then paragraphs, subheadings and captions."""
        out = [self.lead] if self.lead else []
        out += [b.text for b in self.blocks]
        if self.source_line:
            out.append(self.source_line)
        return out


def _person(rng: random.Random, female: bool | None = None) -> str:
    given = rng.choice(GIVEN)
    middle = rng.choice(MIDDLE if female is None else (["Thị", "Ngọc", "Thu", "Hồng", "Kim"] if female
                                                        else ["Văn", "Đức", "Minh", "Quang", "Hữu"]))
    return f"{rng.choice(SURNAMES)} {middle} {given}"


def _period(month: int) -> tuple[str, str]:
    if month <= 3:
        return "quý I", "quý II"
    if month <= 6:
        return "6 tháng đầu năm", "6 tháng cuối năm"
    if month <= 9:
        return "9 tháng đầu năm", "quý IV"
    if month <= 11:
        return f"{month} tháng đầu năm", "những tháng cuối năm"
    return "năm nay", "năm tới"


def make_context(rng: random.Random, province: str, when: datetime) -> dict[str, str]:
    """Fill every template slot with facts drawn for one story."""
    d = rng.sample(DISTRICTS[province], 3)
    comps = rng.sample([f"{k} {n}" for k in COMPANY_KIND for n in COMPANY_NAME], 2)
    prev = when - timedelta(days=rng.randint(1, 3))
    period, period_next = _period(when.month)
    ctx = {
        "prov": province, "fed": f"LĐLĐ tỉnh {province}", "fed_full": f"Liên đoàn Lao động tỉnh {province}",
        "d1": d[0], "d2": d[1], "d3": d[2], "comp1": comps[0], "comp2": comps[1],
        "p1": _person(rng), "p2": _person(rng), "w1": _person(rng, True), "m1": _person(rng, False),
        "dm": f"{when.day}/{when.month}", "dmy": f"{when.day}/{when.month}/{when.year}",
        "dm_prev": f"{prev.day}/{prev.month}", "dm_en": when.strftime("%B ") + str(when.day),
        "year": str(when.year), "prev_year": str(when.year - 1), "year_next": str(when.year + 1),
        "month": str(when.month), "month_next": str(when.month % 12 + 1),
        "lunar": f"{LUNAR_YEAR.get(when.year + (1 if when.month > 6 else 0), 'Giáp Thìn')} "
                 f"{when.year + (1 if when.month > 6 else 0)}",
        "school_year": f"{when.year - (1 if when.month < 9 else 0)} - {when.year + (0 if when.month < 9 else 1)}",
        "period": period, "period_next": period_next,
        "period_y": (f"năm {when.year}" if period == "năm nay" else
                     f"{period} {when.year}" if period.endswith("năm") else f"{period} năm {when.year}"),
        "n_small": str(rng.randint(3, 28)), "n_mid": vn_int(rng.randint(120, 980)),
        "n_units": vn_int(rng.randint(600, 2400)), "n_members": vn_int(rng.randint(18000, 160000)),
        "n_enterprises": str(rng.randint(12, 95)), "n_workers": vn_int(rng.randint(1200, 42000)),
        "n_gifts": vn_int(rng.choice([150, 200, 320, 450, 600, 800, 1200])),
        "n_vouchers": vn_int(rng.choice([3000, 5000, 9000, 12000])),
        "n_tickets": vn_int(rng.randint(80, 600)), "n_houses": str(rng.randint(12, 60)),
        "n_trainees": vn_int(rng.randint(60, 350)), "n_delegates": str(rng.randint(90, 300)),
        "n_delegates2": str(rng.randint(8, 30)), "n_exec": str(rng.randint(9, 35)),
        "n_accidents": str(rng.randint(20, 140)), "n_cases": vn_int(rng.randint(300, 2500)),
        "n_teams": str(rng.randint(12, 48)), "n_athletes": vn_int(rng.randint(300, 1500)),
        "n_medals": str(rng.randint(40, 160)),
        "pct": vn_dec(rng.uniform(80, 99.5)) + "%", "pct_small": vn_dec(rng.uniform(35, 62)) + "%",
        "money": vn_dec(rng.uniform(1.1, 9.8)) + " tỷ đồng",
        "money_small": vn_int(rng.randint(120, 950)) + " triệu đồng",
        "gift_value": vn_int(rng.choice([300, 500, 700, 1000, 1500])) + ".000 đồng",
        "bonus": vn_dec(rng.uniform(3.2, 9.5)) + " triệu đồng",
        "house_cost": vn_int(rng.randint(180, 420)) + " triệu đồng",
        "house_support": vn_int(rng.choice([50, 60, 70, 80])) + " triệu đồng",
        "area": str(rng.randint(45, 90)), "meal": vn_int(rng.choice([25, 28, 30, 32, 35])) + ".000 đồng",
        "rent": vn_int(rng.choice([200, 300, 400, 500])) + ".000 đồng",
        "childcare": vn_int(rng.choice([100, 150, 200, 300])) + ".000 đồng",
        "congress": ROMAN[rng.randint(5, 13)], "term": rng.choice(["2023 - 2028", "2018 - 2023"]),
    }
    ctx["women_day"] = "ngày Quốc tế Phụ nữ 8/3" if when.month <= 6 else "ngày Phụ nữ Việt Nam 20/10"
    role = rng.choice(ROLES)
    ctx["p1role"] = role.format(**ctx)
    return ctx


_FRESH = {"n_small": (3, 28), "n_mid": (120, 980)}


def fill_template(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    """Fill ``template``; every {n_small}/{n_mid} gets its own number so one story does not repeat a figure."""
    def fresh(m: re.Match[str]) -> str:
        lo, hi = _FRESH[m.group(1)]
        n = rng.randint(lo, hi)
        return vn_int(n)
    return re.sub(r"\{(n_small|n_mid)\}", fresh, template).format(**ctx)


def pick_date(rng: random.Random, months: list[int], years: tuple[int, int] = (2019, 2023)) -> datetime:
    """A publication time (Vietnam time) in one of ``months``."""
    year = rng.randint(*years)
    month = rng.choice(months)
    day = rng.randint(1, 28)
    return datetime(year, month, day, rng.randint(6, 22), rng.choice([0, 5, 12, 15, 20, 30, 37, 45, 50]),
                    tzinfo=VN_TZ)


def make_article(rng: random.Random, key: str, province: str, topic: Topic, n_paragraphs: int, *,
                 with_lead: bool, subheads: bool, captions: int, author_pos: str, date_only: bool,
                 when: datetime | None = None, encodable=None) -> Article:
    """Assemble one story of ``n_paragraphs`` body paragraphs from ``topic`` with fresh facts."""
    when = when or pick_date(rng, topic.months)
    if date_only:
        when = when.replace(hour=0, minute=0)
    ctx = make_context(rng, province, when)

    def fixed(t: str) -> str:  # title, lead and opening share one set of figures
        return t.format(**ctx)

    def fill(t: str) -> str:  # body sentences draw fresh figures
        return fill_template(rng, t, ctx)

    def ok(t: str) -> bool:
        return encodable is None or encodable(fixed(t))

    ti = rng.choice([i for i, t in enumerate(topic.titles) if ok(t)])
    title = fixed(topic.titles[ti])
    lead = fixed(rng.choice([t for t in topic.leads if ok(t)])) if with_lead else None
    pool = [s for s in topic.sentences + rng.sample(GENERAL_SENTENCES, 3) if ok(s)]
    rng.shuffle(pool)
    openings = [t for t in topic.openings if ok(t)]
    paragraphs = [fixed(openings[ti % len(openings)])]
    quote = fill(rng.choice([t for t in topic.quotes if ok(t)]))
    body_n = n_paragraphs - 2 if n_paragraphs >= 3 else n_paragraphs - 1
    for i in range(max(body_n, 0)):
        k = 1 if n_paragraphs > 7 else rng.choice([1, 2, 2, 3])
        chunk = [pool.pop() for _ in range(k) if pool]
        if not chunk:
            chunk = [fill(GENERAL_SENTENCES[i % len(GENERAL_SENTENCES)])]
        paragraphs.append(" ".join(fill(s) for s in chunk))
    if n_paragraphs >= 3:
        paragraphs.insert(len(paragraphs) - rng.randint(0, 1), quote)
    blocks = [Block("p", p) for p in paragraphs[:n_paragraphs]]
    if subheads and len(blocks) >= 4:
        heads = [h for h in topic.subheads if ok(h)]
        blocks.insert(2, Block("h", fill(heads[0])))
        if len(blocks) >= 7 and len(heads) > 1:
            blocks.insert(len(blocks) - 2, Block("h", fill(heads[1])))
    caps = [c for c in topic.captions if ok(c)]
    for j in range(min(captions, len(caps))):
        blocks.insert(1 + 3 * j, Block("cap", fill(caps[j])))
    author = affiliation = None
    if author_pos != "none":
        author = rng.choice(REPORTERS)
        if author_pos == "bottom" and rng.random() < 0.5:
            affiliation = rng.choice(AFFILIATIONS).format(**ctx)
    return Article(key=key, title=title, lead=lead, blocks=blocks, author=author, affiliation=affiliation,
                   author_pos=author_pos, published=when, date_only=date_only, category=topic.category)


def make_monthly_report(rng: random.Random, key: str, province: str, when: datetime, author: str) -> Article:
    """A short templated monthly meeting report: same wording, different figures, dates and names."""
    ctx = make_context(rng, province, when)
    paras = [fill_template(rng, p, ctx) for p in MONTHLY_REPORT["paragraphs"]]
    return Article(key=key, title=MONTHLY_REPORT["title"].format(**ctx), lead=None,
                   blocks=[Block("p", p) for p in paras], author=author, affiliation="Văn phòng LĐLĐ tỉnh",
                   author_pos="bottom", published=when, date_only=False, category="Hoạt động công đoàn")


def make_english_article(rng: random.Random, key: str, province: str, when: datetime) -> Article:
    """An English-only story (the kind of page a Vietnamese corpus must not keep)."""
    ctx = make_context(rng, province, when)
    return Article(key=key, title=ENGLISH_ARTICLE["title"], lead=None,
                   blocks=[Block("p", fill_template(rng, p, ctx)) for p in ENGLISH_ARTICLE["paragraphs"]],
                   author=None, affiliation=None, author_pos="none", published=when, date_only=False,
                   category="English", language="en")
