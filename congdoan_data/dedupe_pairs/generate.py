"""Write ``pairs.jsonl``: labelled pairs of Vietnamese union-news texts for evaluating dedupe.

Run ``.venv/bin/python tests/dedupe_pairs/generate.py`` (deterministic; commit its output). Labels come from
what the generator did, never from the dedupe code: a copy, however edited, is a duplicate; two different
stories are not, however alike their wording.

Duplicates: exact copies (whitespace and quotes changed), NFD copies, the same story with other page chrome or
an added source line, edited re-publications (rewritten sapo, LĐLĐ/Liên đoàn Lao động and other
abbreviations, old/new tone marks, sentences added or removed), truncated copies (the first ~55-70 %), and
combinations. Not duplicates: same-template monthly reports of one federation with other dates, figures and
names (short, and long templates with few slots), two articles on the same event written from different
sentences, same-topic stories of other federations, and unrelated stories.

The writer is also used by ``bench/dedupe.py`` to build 100,000 documents.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAIRS_FILE = HERE / "pairs.jsonl"
SEED = 20240415

PROVINCES = [
    "Cao Bằng", "Bắc Kạn", "Lào Cai", "Hà Giang", "Điện Biên", "Lạng Sơn", "Bắc Giang", "Thái Nguyên", "Phú Thọ",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Quảng Nam", "Bình Định",
    "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Bình Dương", "Đồng Nai", "Tây Ninh", "Long An", "An Giang",
    "Kiên Giang", "Cà Mau", "Bến Tre", "Hải Dương", "Bình Thuận", "Vĩnh Phúc", "Sơn La", "Tuyên Quang",
]
DISTRICTS = [
    "Hòa An", "Trùng Khánh", "Ba Bể", "Bảo Thắng", "Mường Chà", "Văn Lãng", "Yên Dũng", "Đại Từ", "Thanh Sơn",
    "Kim Sơn", "Nghi Sơn", "Diễn Châu", "Can Lộc", "Lệ Thủy", "Hải Lăng", "Điện Bàn", "Tuy Phước", "Ninh Hòa",
    "Krông Pắc", "Đức Trọng", "Bến Cát", "Trảng Bom", "Gò Dầu", "Đức Hòa", "Châu Thành", "Giồng Riềng",
    "Năm Căn", "Mỏ Cày", "Kinh Môn", "Hàm Thuận Bắc", "Tam Dương", "Mộc Châu", "Sơn Dương",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Đinh", "Trịnh"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Thu", "Kim", "Công", "Đình",
          "Hồng", "Bích", "Tiến"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hiển", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
         "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Thủy",
         "Trang", "Tuấn", "Vân", "Yến", "Đạt", "Giang", "Hòa", "Lộc", "Nhung", "Oanh"]
TITLES = [
    "Chủ tịch {org}", "Phó Chủ tịch {org}", "Phó Chủ tịch Thường trực {org}", "Ủy viên Ban Thường vụ Tỉnh ủy",
    "Phó Chủ tịch UBND tỉnh", "Trưởng Ban Tuyên giáo {org}", "Trưởng Ban Chính sách - Pháp luật {org}",
    "Chủ tịch Công đoàn các Khu công nghiệp tỉnh", "Giám đốc Sở Lao động - Thương binh và Xã hội",
    "Trưởng Ban Nữ công {org}", "Chủ nhiệm Ủy ban Kiểm tra {org}",
]
COMPANY_KINDS = ["Công ty TNHH May mặc", "Công ty CP Xi măng", "Công ty TNHH Điện tử",
                 "Công ty CP Chế biến thủy sản",
                 "Công ty TNHH Giày da", "Công ty CP Cao su", "Công ty TNHH Gỗ", "Công ty CP Mía đường",
                 "Công ty TNHH Linh kiện", "Công ty CP Chè", "Công ty CP Bao bì", "Công ty TNHH Thực phẩm"]
COMPANY_NAMES = ["Hòa Phát", "Minh Anh", "Tân Thành", "Phú Hưng", "Sao Việt", "Hưng Thịnh", "Đại Dương",
                 "Việt Thắng",
                 "Thành Công", "An Phú", "Trường Sơn", "Nam Tiến", "Kim Long", "Bảo Minh", "Đông Á", "Hải Hà",
                 "Thái Bình Dương", "Phúc Lộc", "Vạn Xuân", "Tiến Đạt"]

# Sentence templates: [a|b] picks one alternative, {slot} takes a value of the story's context.
SAPO = {
    "conference": [
        "Ngày {date}, {org} [tổ chức|long trọng tổ chức] Hội nghị {conf} nhằm đánh giá kết quả [thực hiện nhiệm "
        "vụ|hoạt "
        "động công đoàn] {period} và [triển khai|bàn] phương hướng, nhiệm vụ thời gian tới.",
        "[Sáng|Chiều] {date}, {org} đã tổ chức Hội nghị {conf} với sự tham dự của {m1} đại biểu đại diện cho các "
        "cấp công đoàn trong tỉnh.",
        "Hội nghị {conf} của {org} diễn ra [vào|trong] ngày {date} tại Hội trường {venue}, thu hút {m1} đại biểu "
        "tham dự.",
    ],
    "tet": [
        "[Nhân dịp|Hướng tới] Tết Nguyên đán {lunar}, {org} [đã trao|trao tặng] {l1} suất quà cho đoàn viên, "
        "người "
        "lao động có hoàn cảnh khó khăn, tổng trị giá {ty1}.",
        "Ngày {date}, {org} tổ chức Chương trình \"Tết Sum vầy - Xuân gắn kết\" năm {year}, trao {m1} suất quà "
        "Tết "
        "cho công nhân lao động tại {district}.",
        "Chăm lo Tết cho đoàn viên, người lao động, trong những ngày cuối năm {year} {org} đã [dành|bố trí] {ty1} "
        "để hỗ trợ {l1} trường hợp khó khăn.",
    ],
    "house": [
        "Ngày {date}, {org} phối hợp với {company} bàn giao Mái ấm Công đoàn cho gia đình đoàn viên {man} ở "
        "{district}.",
        "{org} vừa [tổ chức lễ bàn giao|trao] Mái ấm Công đoàn cho đoàn viên {man} có hoàn cảnh đặc biệt khó "
        "khăn, tổng kinh phí xây dựng {tr1}.",
        "Thêm một gia đình đoàn viên tại {district} có nhà mới khi {org} bàn giao Mái ấm Công đoàn vào ngày "
        "{date}.",
    ],
    "bargain": [
        "Ngày {date}, Công đoàn cơ sở {company} và đại diện người sử dụng lao động đã ký kết thỏa ước lao động "
        "tập "
        "thể với {s1} điều khoản có lợi hơn cho người lao động so với quy định của pháp luật.",
        "Sau nhiều vòng thương lượng, {company} và công đoàn cơ sở đã thống nhất nâng mức tiền ăn ca lên {vnd1} "
        "mỗi suất kể từ ngày {date}.",
        "{org} vừa tổ chức [đối thoại|buổi đối thoại] và thương lượng tập thể tại {company}, nơi có {l1} người "
        "lao "
        "động đang làm việc.",
    ],
    "worker_month": [
        "Hưởng ứng Tháng Công nhân năm {year}, {org} đã tổ chức nhiều hoạt động thiết thực, chăm lo cho {l1} đoàn "
        "viên, người lao động với tổng kinh phí {ty1}.",
        "Ngày {date}, {org} tổ chức Lễ phát động Tháng Công nhân và Tháng hành động về an toàn, vệ sinh lao động "
        "năm {year} tại {company}.",
        "Tháng Công nhân năm {year} tại {district} diễn ra sôi nổi với chuỗi hoạt động do {org} [chủ trì|tổ "
        "chức], "
        "thu hút {l1} công nhân tham gia.",
    ],
}
BODY = {
    "conference": [
        "Tham dự hội nghị có đồng chí {person1}, {title1}; đồng chí {person2}, {title2}, cùng lãnh đạo các ban "
        "chuyên đề, Văn phòng {org}.",
        "Báo cáo tại hội nghị cho biết, {period} các cấp công đoàn đã phát triển mới {l1} đoàn viên, thành lập "
        "{m2} công đoàn cơ sở, vượt {p1}% chỉ tiêu được giao.",
        "Công tác chăm lo đời sống đoàn viên tiếp tục được quan tâm, với {l2} lượt đoàn viên được thăm hỏi, hỗ "
        "trợ "
        "tổng số tiền {ty1}.",
        "Các cấp công đoàn đã phối hợp tổ chức {m3} hội nghị người lao động, {m4} cuộc đối thoại tại nơi làm "
        "việc, "
        "kịp thời giải quyết các kiến nghị của công nhân.",
        "Phát biểu chỉ đạo hội nghị, đồng chí {person1} ghi nhận những kết quả mà [các cấp công đoàn|tổ chức công "
        "đoàn] trong tỉnh đạt được {period}.",
        "Đồng chí đề nghị các cấp công đoàn tiếp tục đổi mới nội dung, phương thức hoạt động, hướng mạnh về cơ "
        "sở, "
        "lấy đoàn viên và người lao động làm trung tâm.",
        "Bên cạnh kết quả đạt được, hội nghị cũng chỉ ra một số hạn chế như công tác phát triển đoàn viên tại "
        "doanh "
        "nghiệp ngoài nhà nước còn khó khăn, tình trạng nợ đọng bảo hiểm xã hội chưa được giải quyết dứt điểm.",
        "Tại hội nghị, {org} đã khen thưởng {s1} tập thể và {s2} cá nhân có thành tích xuất sắc trong phong trào "
        "thi đua.",
        "Các đại biểu đã tập trung thảo luận, làm rõ nguyên nhân của những hạn chế và đề xuất giải pháp để nâng "
        "cao "
        "chất lượng hoạt động của công đoàn cơ sở.",
        "Công tác kiểm tra, giám sát được thực hiện [thường xuyên|đúng kế hoạch], với {m5} cuộc kiểm tra tài "
        "chính "
        "công đoàn và {s3} cuộc giám sát việc thực hiện chế độ, chính sách.",
    ],
    "tet": [
        "Mỗi suất quà gồm tiền mặt {vnd1} và các nhu yếu phẩm phục vụ Tết như gạo, dầu ăn, bánh kẹo.",
        "Đồng chí {person1}, {title1} đã đến thăm hỏi, động viên và trao quà cho công nhân tại {company}.",
        "Theo thống kê, toàn tỉnh có {l2} đoàn viên, người lao động có hoàn cảnh khó khăn cần được hỗ trợ trong "
        "dịp "
        "Tết năm nay.",
        "Bên cạnh quà Tết, {org} còn tổ chức {s1} chuyến xe đưa công nhân về quê đón Tết, với tổng chi phí "
        "{tr1}.",
        "Chương trình \"Chợ Tết Công đoàn\" được tổ chức tại {venue} với {s2} gian hàng, mỗi đoàn viên được tặng "
        "phiếu mua hàng trị giá {vnd2}.",
        "Nhiều doanh nghiệp đã chủ động phối hợp với công đoàn cơ sở để thưởng Tết cho người lao động, mức thưởng "
        "bình quân đạt {tr2}.",
        "Nhận quà từ tay lãnh đạo {org}, chị {woman}, công nhân {company} xúc động chia sẻ, món quà tuy không lớn "
        "nhưng là nguồn động viên kịp thời.",
        "Các cấp công đoàn đã rà soát, nắm chắc tình hình đời sống, việc làm của người lao động để có phương án "
        "hỗ "
        "trợ đúng đối tượng.",
        "Tổng kinh phí chăm lo Tết của các cấp công đoàn trong tỉnh ước đạt {ty1}, tăng {p1}% so với năm trước.",
        "Dịp này, {org} cũng đã trao {s3} sổ tiết kiệm cho con đoàn viên mồ côi, mỗi sổ trị giá {tr3}.",
    ],
    "house": [
        "Mái ấm có diện tích {m1} mét vuông, được xây dựng kiên cố với tổng kinh phí {tr1}, trong đó Quỹ Xã hội "
        "Công đoàn hỗ trợ {tr2}.",
        "Anh {man} là công nhân tại {company}, vợ thường xuyên ốm đau, gia đình có {kids} con nhỏ đang tuổi ăn "
        "học.",
        "Phần kinh phí còn lại do gia đình, họ hàng và đồng nghiệp cùng đóng góp, {org} vận động thêm {tr3}.",
        "Đến dự lễ bàn giao có đồng chí {person1}, {title1}, cùng đại diện chính quyền địa phương.",
        "Từ đầu năm đến nay, {org} đã hỗ trợ xây mới và sửa chữa {s1} Mái ấm Công đoàn với tổng số tiền {ty1}.",
        "Công trình được khởi công từ tháng {month} và hoàn thành sau hơn {kids} tháng thi công.",
        "Đồng chí {person1} mong muốn gia đình sớm ổn định cuộc sống, yên tâm lao động sản xuất, gắn bó với doanh "
        "nghiệp.",
        "Chương trình Mái ấm Công đoàn là hoạt động ý nghĩa, thể hiện sự quan tâm, chia sẻ của tổ chức công đoàn "
        "với đoàn viên có hoàn cảnh khó khăn về nhà ở.",
        "Xúc động nhận chìa khóa nhà mới, anh {man} gửi lời cảm ơn tới {org} và các nhà hảo tâm đã giúp đỡ gia "
        "đình.",
    ],
    "bargain": [
        "Theo thỏa ước mới, mức lương tối thiểu tại doanh nghiệp cao hơn mức lương tối thiểu vùng {p1}%, người "
        "lao "
        "động được nghỉ thêm {kids} ngày phép mỗi năm.",
        "Thỏa ước cũng quy định doanh nghiệp hỗ trợ tiền nhà trọ {vnd2} mỗi tháng và tiền xăng xe {vnd3} cho "
        "mỗi người lao động.",
        "Trước khi ký kết, công đoàn cơ sở đã lấy ý kiến của {l2} người lao động, với {p2}% số người được hỏi tán "
        "thành nội dung thỏa ước.",
        "Đồng chí {person1}, {title1} đánh giá đây là bản thỏa ước có chất lượng, mang lại lợi ích thiết thực cho "
        "người lao động.",
        "Trong năm qua, {org} đã hướng dẫn {m1} công đoàn cơ sở thương lượng, ký kết thỏa ước lao động tập thể.",
        "Chủ tịch công đoàn cơ sở {company}, anh {man} cho biết, quá trình thương lượng diễn ra trên tinh thần "
        "cầu thị, hai bên cùng có lợi.",
        "Ngoài tiền lương, người lao động còn được hưởng thưởng tháng lương thứ 13, quà sinh nhật trị giá {vnd4} "
        "và được khám sức khỏe định kỳ {kids} lần mỗi năm.",
        "Đại diện doanh nghiệp cam kết thực hiện nghiêm túc các nội dung đã ký kết, tạo môi trường làm việc an "
        "toàn "
        "cho người lao động.",
        "Thời gian tới, {org} tiếp tục chỉ đạo công đoàn cơ sở nâng cao kỹ năng thương lượng, bảo vệ quyền lợi "
        "hợp "
        "pháp, chính đáng của người lao động.",
    ],
    "worker_month": [
        "Trong khuôn khổ chương trình, {org} đã trao {m1} suất quà cho công nhân có hoàn cảnh khó khăn, mỗi "
        "suất trị "
        "giá {vnd1}.",
        "Ban tổ chức cũng tổ chức khám sức khỏe miễn phí cho {m2} công nhân lao động và tư vấn pháp luật lao động "
        "tại chỗ.",
        "Đồng chí {person1}, {title1} yêu cầu các doanh nghiệp nghiêm túc thực hiện các quy định về an toàn, vệ "
        "sinh "
        "lao động.",
        "Năm {year}, trên địa bàn tỉnh xảy ra {m3} vụ tai nạn lao động, giảm {s1} vụ so với cùng kỳ năm trước.",
        "Các cấp công đoàn đã tổ chức {s2} cuộc đối thoại, gặp gỡ giữa lãnh đạo tỉnh và công nhân lao động.",
        "Hội thi an toàn, vệ sinh viên giỏi thu hút {s3} đội thi đến từ các doanh nghiệp trong khu công nghiệp.",
        "Chương trình \"Phúc lợi cho đoàn viên\" được triển khai với {m4} doanh nghiệp ký kết thỏa thuận ưu đãi "
        "giảm giá cho đoàn viên công đoàn.",
        "Tại lễ phát động, {org} đã trao tặng {m5} phần quà cho công nhân tiêu biểu và gia đình đoàn viên bị tai "
        "nạn lao động.",
        "Chị {woman}, công nhân {company} cho biết, các hoạt động trong Tháng Công nhân giúp người lao động thêm "
        "gắn bó với tổ chức công đoàn.",
    ],
}
CLOSING = [
    "Thời gian tới, {org} tiếp tục [chỉ đạo|hướng dẫn] các cấp công đoàn thực hiện tốt chức năng đại diện, chăm "
    "lo, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên và người lao động.",
    "[Được biết|Theo kế hoạch], {org} sẽ sơ kết, đánh giá kết quả vào cuối năm {year} để rút kinh nghiệm cho "
    "những "
    "năm tiếp theo.",
    "Hoạt động góp phần xây dựng quan hệ lao động hài hòa, ổn định và tiến bộ trong doanh nghiệp.",
]
CHROME_TOP = ["Trang chủ / Tin tức / Hoạt động công đoàn", "Cỡ chữ: A A A", "Chia sẻ bài viết",
              "Lượt xem: {views}",
              "Thứ {weekday}, {date}"]
CHROME_BOTTOM = ["In bài viết | Gửi email | Quay lại", "Tin liên quan", "Ý kiến bạn đọc", "Chia sẻ: Facebook Zalo",
                 "Thông tin truy cập {views}", "Từ khóa: công đoàn, đoàn viên, người lao động"]
SOURCES = ["Nguồn: Báo Lao Động", "Theo congdoanvietnam.vn", "(Theo Báo Lao Động)", "Nguồn: LĐLĐ tỉnh {province}",
           "{author} (Văn phòng LĐLĐ tỉnh)", "Theo Cổng thông tin điện tử tỉnh {province}"]

# Free sentences for long stories, from short phrases drawn one by one (adjunct, subject, verb, object head,
# object topic, qualifier, aim), so that unrelated stories share set phrases but seldom longer runs.
ADJUNCTS = [
    "Trong năm {year},", "Thời gian qua,", "Từ đầu năm,", "Trong tháng {month},", "Bên cạnh đó,", "Ngoài ra,",
    "Nhân dịp kỷ niệm,", "Thực hiện chỉ đạo,", "Sau {s4} tháng,", "Trước đại hội,", "Hằng năm,", "Cùng với đó,",
    "Theo báo cáo,", "Tính đến ngày {date},", "Đặc biệt,", "Trong quý {quarter},", "Ở {district},", "Gần đây,",
    "Năm nay,", "Từ tháng {month},", "", "", "",
]
SUBJECTS = [
    "các cấp công đoàn", "{org}", "công đoàn cơ sở", "Ban Nữ công", "Ủy ban Kiểm tra", "cán bộ công đoàn",
    "Công đoàn ngành Giáo dục", "Công đoàn Viên chức", "LĐLĐ {district}", "nhiều doanh nghiệp", "ban chấp hành",
    "đồng chí {person1}", "lãnh đạo công ty", "Công đoàn ngành Y tế", "Công đoàn ngành Xây dựng", "tổ tư vấn",
    "chị {woman}", "anh {man}", "Công đoàn Khu công nghiệp", "đoàn viên", "công nhân", "người sử dụng lao động",
    "Ban Tuyên giáo", "Văn phòng {org}",
]
VERBS = [
    "đã tổ chức", "triển khai", "phối hợp thực hiện", "đề xuất", "vận động", "hỗ trợ", "kiểm tra", "tuyên truyền",
    "mở", "khảo sát", "phát động", "đẩy mạnh", "duy trì", "rà soát", "bổ sung", "ký kết", "giám sát",
    "hướng dẫn", "biểu dương", "trao", "đồng hành cùng", "quyên góp cho", "xây dựng", "nhân rộng", "tham gia",
    "hoàn thành", "sơ kết", "chỉ đạo",
]
OBJECT_HEADS = [
    "chương trình", "hội thi", "phong trào", "mô hình", "lớp tập huấn", "quỹ", "kế hoạch", "cuộc vận động",
    "đợt", "hoạt động", "chính sách", "giải", "hội nghị", "diễn đàn", "dự án", "đề án", "chuyên đề", "cuộc thi",
    "tọa đàm", "tháng cao điểm", "{s5} lớp", "{m6} suất", "{s6} buổi",
]
OBJECT_TOPICS = [
    "phúc lợi đoàn viên", "an toàn lao động", "bữa cơm công đoàn", "tìm hiểu pháp luật", "hiến máu", "chăm lo Tết",
    "phát triển đoàn viên", "nhà ở công nhân", "văn hóa cơ sở", "nữ công", "dạy nghề", "kỹ năng số",
    "bình đẳng giới", "phòng cháy chữa cháy", "sáng kiến kỹ thuật", "thể thao công nhân", "nước sạch",
    "khám sức khỏe", "tư vấn pháp luật", "đối thoại", "thương lượng tập thể", "tiền lương tối thiểu",
    "bảo hiểm xã hội", "học bổng", "mái ấm công đoàn", "chợ phiên", "an sinh xã hội", "chuyển đổi số",
    "xây dựng Đảng", "văn nghệ quần chúng", "gia đình văn hóa", "lao động sáng tạo", "phòng chống ma túy",
]
QUALIFIERS = [
    "năm {year}", "cấp cơ sở", "tại {district}", "cho công nhân", "dành cho nữ lao động", "toàn tỉnh",
    "lần thứ {s5}", "giai đoạn mới", "quý {quarter}", "ở khu công nghiệp", "tại {company}", "khu vực ngoài nhà "
    "nước",
    "cho con đoàn viên", "trực tuyến", "đầu xuân", "tháng {month}", "", "", "",
]
AIMS = [
    "nhằm nâng cao đời sống", "góp phần ổn định quan hệ lao động", "qua đó tạo sự gắn bó", "để nắm bắt tâm tư",
    "với kinh phí {tr4}", "thu hút {m4} người", "được hưởng ứng tích cực", "theo đúng kế hoạch",
    "dù còn nhiều khó khăn", "tại {venue}", "trong {s3} ngày", "bằng nhiều hình thức", "giúp giữ chân lao động",
    "nhằm giảm tai nạn", "để bảo vệ quyền lợi", "", "", "", "", "",
]

# Same-template monthly reports: one template per federation, new facts each month.
MONTHLY = [
    "[Chiều|Sáng] {date}, Thường trực {org} [tổ chức|đã tổ chức|chủ trì] giao ban công tác [công đoàn|] tháng "
    "{month}/{year}. [Chủ trì hội nghị có|Dự và chủ trì có|Chủ trì buổi giao ban là] đồng chí {person1}, {title1}."
    "\n[Trong tháng {month}|Tháng {month} vừa qua|Theo báo cáo, trong tháng {month}], các cấp công đoàn đã [thăm "
    "hỏi, tặng quà|thăm hỏi, hỗ trợ|trao quà cho] {m1} đoàn viên ốm đau, [có hoàn cảnh khó khăn|gặp khó khăn] với "
    "tổng số tiền {tr1}; phát triển mới {m2} đoàn viên, thành lập {s1} công đoàn cơ sở. {org} [đã tổ chức|mở] "
    "{s2} "
    "lớp [tập huấn nghiệp vụ|bồi dưỡng nghiệp vụ|tập huấn kỹ năng] cho {m3} cán bộ công đoàn cơ sở.\n[Nhiệm vụ "
    "tháng {next}|Trong tháng {next}, các cấp công đoàn sẽ|Tháng {next}, {org} tập trung]: tiếp tục chăm lo đời "
    "sống đoàn viên, đẩy mạnh phát triển đoàn viên, chuẩn bị tổng kết công tác năm {year}.",
    "Ngày {date}, {org} [họp|tổ chức họp|tiến hành họp] giao ban định kỳ tháng {month} năm {year} [dưới sự chủ "
    "trì "
    "của|do] đồng chí {person1}, {title1} [chủ trì|].\n[Báo cáo cho thấy|Báo cáo tại cuộc họp nêu rõ|Theo báo "
    "cáo], trong tháng các cấp công đoàn đã kiểm tra {s1} đơn vị, tiếp nhận {s2} đơn thư của [người lao "
    "động|công nhân, người lao động] và giải quyết dứt điểm {s3} vụ việc. Quỹ Xã hội Công đoàn [hỗ trợ|đã hỗ trợ|"
    "giúp đỡ] {m1} trường hợp với số tiền {tr1}.\nĐồng chí {person1} [đề nghị|yêu cầu|lưu ý] các ban chuyên đề "
    "bám sát kế hoạch tháng {next}, [tập trung hoàn thành|phấn đấu hoàn thành|hoàn thành tốt] các chỉ tiêu năm "
    "{year}.",
    "{org} [thông tin|thông báo|cho biết] kết quả hoạt động tháng {month}/{year}: tổ chức {s1} cuộc đối thoại tại "
    "nơi làm việc, ký mới {s2} thỏa ước lao động tập thể, tặng {m1} suất quà cho công nhân trị giá {tr1}.\n[Tại "
    "buổi giao ban|Tại cuộc họp giao ban|Phát biểu tại buổi giao ban] ngày {date}, đồng chí {person1}, {title1} "
    "[yêu cầu|đề nghị] các cấp công đoàn tiếp tục nắm bắt tâm tư, nguyện vọng của người lao động, kịp thời đề "
    "xuất "
    "giải pháp hỗ trợ.\n[Trong tháng {next}|Tháng {next}|Thời gian tới], {org} sẽ tổ chức {s3} lớp tập huấn cho "
    "{m2} cán bộ công đoàn cơ sở.",
]
# A long template with few slots: the text barely changes from one quarter to the next, the figures do.
QUARTERLY = (
    "Ngày {date}, {org} tổ chức hội nghị sơ kết công tác công đoàn quý {quarter} năm {year}.\nHội nghị đánh giá, "
    "trong quý {quarter} các cấp công đoàn trong tỉnh đã bám sát chương trình công tác năm, chủ động tham mưu "
    "với cấp "
    "ủy đảng, phối hợp với chính quyền cùng cấp triển khai đồng bộ các nhiệm vụ trọng tâm. Công tác tuyên truyền, "
    "giáo dục chính trị tư tưởng cho đoàn viên, người lao động được đẩy mạnh với nhiều hình thức phong phú, phù "
    "hợp "
    "với từng đối tượng. Hoạt động đại diện, chăm lo, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên và "
    "người lao động tiếp tục được chú trọng.\nKết quả, các cấp công đoàn đã phát triển mới {l1} đoàn viên, "
    "thành lập "
    "{s1} công đoàn cơ sở, thăm hỏi, hỗ trợ {m1} đoàn viên có hoàn cảnh khó khăn với tổng số tiền {ty1}.\nBên "
    "cạnh những kết quả đạt được, hội nghị cũng chỉ ra một số tồn tại, hạn chế như việc phát triển đoàn viên ở "
    "khu "
    "vực doanh nghiệp ngoài nhà nước còn gặp nhiều khó khăn, chất lượng hoạt động của một số công đoàn cơ sở chưa "
    "cao, công tác nắm bắt tình hình tư tưởng của người lao động có lúc chưa kịp thời.\nPhát biểu kết luận, đồng "
    "chí {person1}, {title1} đề nghị các cấp công đoàn tiếp tục đổi mới nội dung, phương thức hoạt động, tập "
    "trung "
    "thực hiện thắng lợi các chỉ tiêu, nhiệm vụ quý {next_quarter} và cả năm {year}."
)


class StoryWriter:
    """Random but realistic union-news texts; everything depends on the ``random.Random`` given."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self, middle: str | None = None) -> str:
        r = self.rng
        return f"{r.choice(SURNAMES)} {middle or r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def context(self, province: str | None = None, year: int | None = None) -> dict[str, str]:
        """Facts of one story: who, where, when, how many, how much."""
        r = self.rng
        province = province or r.choice(PROVINCES)
        org = r.choice([f"LĐLĐ tỉnh {province}", f"Liên đoàn Lao động tỉnh {province}"])
        year = year or r.randint(2019, 2025)
        month = r.randint(1, 12)
        ctx = {
            "province": province, "org": org, "year": str(year), "month": str(month),
            "next": str(month % 12 + 1), "date": f"{r.randint(1, 28)}/{month}/{year}", "lunar": f"{year + 1}",
            "quarter": r.choice(["I", "II", "III"]), "district": f"huyện {r.choice(DISTRICTS)}",
            "venue": r.choice(["Nhà Văn hóa Lao động tỉnh", "Trung tâm Hội nghị tỉnh", f"{org}",
                               "Cung Văn hóa Lao động"]),
            "company": f"{r.choice(COMPANY_KINDS)} {r.choice(COMPANY_NAMES)}",
            "conf": r.choice(["tổng kết công tác công đoàn năm", "sơ kết 6 tháng đầu năm",
                              "Ban Chấp hành lần thứ " + str(r.randint(2, 15)), "triển khai nhiệm vụ năm"]),
            "period": r.choice([f"năm {year}", f"6 tháng đầu năm {year}", f"9 tháng năm {year}"]),
            "views": str(r.randint(50, 9000)), "weekday": r.choice(["hai", "ba", "tư", "năm", "sáu"]),
            "author": r.choice([self.person(), "P.V", "H.Hiển", "Thanh Thủy"]),
            "man": self.person("Văn"), "woman": self.person("Thị"), "kids": str(r.randint(2, 5)),
        }
        ctx["next_quarter"] = {"I": "II", "II": "III", "III": "IV"}[ctx["quarter"]]
        for i in (1, 2):
            ctx[f"person{i}"] = self.person()
            ctx[f"title{i}"] = r.choice(TITLES).format(org=f"LĐLĐ tỉnh {province}")
        for i in range(1, 7):
            ctx[f"s{i}"] = str(r.randint(2, 40))  # a few
            ctx[f"m{i}"] = str(r.randint(41, 950))  # dozens to hundreds
            ctx[f"l{i}"] = f"{r.randint(1, 12)}.{r.randint(0, 999):03d}"  # thousands
            ctx[f"p{i}"] = str(r.randint(3, 45))  # per cent
            ctx[f"vnd{i}"] = f"{r.randint(10, 95)}0.000 đồng"  # a gift, a meal
            ctx[f"tr{i}"] = f"{r.randint(2, 99)} triệu đồng"  # a house, a fund
            ctx[f"ty{i}"] = r.choice([f"{r.randint(100, 950)} triệu đồng",
                                      f"{r.randint(1, 9)},{r.randint(1, 9)} tỷ đồng"])
        return ctx

    def fill(self, template: str, ctx: dict[str, str]) -> str:
        text = re.sub(r"\[([^\]]*)\]", lambda m: self.rng.choice(m.group(1).split("|")), template)
        return text.format(**ctx)

    def article(self, ctx: dict[str, str], topic: str | None = None, *, paragraphs: tuple[int, int] = (3, 5),
                half: int | None = None) -> str:
        """A story: sapo, body paragraphs of 2-3 sentences, maybe a closing line. ``half`` (0/1) draws from one
        half of the templates only, so that two stories on one event share facts but no sentence."""
        r = self.rng
        topic = topic or r.choice(sorted(BODY))
        sapos, body = list(SAPO[topic]), list(BODY[topic])
        if half is not None:
            sapos = sapos[half::2]
            body = body[half::2]
        r.shuffle(body)
        lines = [self.fill(r.choice(sapos), ctx)]
        count = r.randint(*paragraphs)
        sentences = [self.fill(t, ctx) for t in body]
        while sentences and len(lines) <= count:
            take = r.randint(1, 3)
            lines.append(" ".join(sentences[:take]))
            sentences = sentences[take:]
        if half is None and r.random() < 0.6:
            lines.append(self.fill(r.choice(CLOSING), ctx))
        return "\n".join(lines)

    def free_sentence(self, ctx: dict[str, str]) -> str:
        """One sentence from the phrase grammar (ADJUNCTS ... AIMS)."""
        r = self.rng
        parts = [r.choice(ADJUNCTS), r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECT_HEADS),
                 r.choice(OBJECT_TOPICS), r.choice(QUALIFIERS), r.choice(AIMS)]
        text = " ".join(self.fill(p, ctx) for p in parts if p)
        return text[0].upper() + text[1:] + "."

    def long_article(self, ctx: dict[str, str], topic: str | None = None) -> str:
        """A 200-600-word story (bench): the topic's sapo and one paragraph of its sentences, the rest free
        sentences (so that two stories on one topic share a few set sentences, not most of their text)."""
        r = self.rng
        topic = topic or r.choice(sorted(BODY))
        lines = self.article(ctx, topic, paragraphs=(1, 1)).split("\n")[:2]
        words = sum(len(line.split()) for line in lines)
        target = r.randint(200, 600)
        while words < target:
            paragraph = " ".join(self.free_sentence(ctx | self._fresh_numbers()) for _ in range(r.randint(2, 4)))
            lines.insert(r.randint(1, len(lines)), paragraph)
            words += len(paragraph.split())
        return "\n".join(lines)

    def _fresh_numbers(self) -> dict[str, str]:
        r = self.rng
        return {"s3": str(r.randint(2, 40)), "s4": str(r.randint(2, 40)), "s5": str(r.randint(2, 40)),
                "s6": str(r.randint(2, 40)), "m4": str(r.randint(41, 950)), "m5": str(r.randint(41, 950)),
                "m6": str(r.randint(41, 950)), "l3": f"{r.randint(1, 12)}.{r.randint(0, 999):03d}",
                "tr4": f"{r.randint(2, 99)} triệu đồng"}

    def house_style(self, template: str) -> str:
        """A federation's own wording of a template: its [a|b] choices made once, its slots left open."""
        return re.sub(r"\[([^\]]*)\]", lambda m: self.rng.choice(m.group(1).split("|")), template)

    def monthly(self, template: str, ctx: dict[str, str]) -> str:
        """One month's report on a federation's template (see house_style)."""
        return re.sub(r" +", " ", template.format(**ctx)).replace(" .", ".").replace(" ,", ",")


# ---------------------------------------------------------------------------------------------------------
# Edits that make a copy

ABBREVIATION_SWAPS = [
    ("Liên đoàn Lao động", "LĐLĐ"), ("người lao động", "NLĐ"), ("công nhân, viên chức, lao động", "CNVCLĐ"),
    ("công đoàn cơ sở", "CĐCS"), ("Ủy ban nhân dân", "UBND"), ("bảo hiểm xã hội", "BHXH"),
    ("an toàn, vệ sinh lao động", "ATVSLĐ"), ("khu công nghiệp", "KCN"), ("thỏa ước lao động tập thể", "TƯLĐTT"),
]
TONE_SWAPS = [("hòa", "hoà"), ("Hòa", "Hoà"), ("thủy", "thuỷ"), ("Thủy", "Thuỷ"), ("Ủy", "Uỷ"), ("ủy", "uỷ"),
              ("thỏa", "thoả"), ("khỏe", "khoẻ"), ("hóa", "hoá")]


def swap_abbreviations(text: str, rng: random.Random, share: float = 1.0) -> str:
    """Spell out or abbreviate union terms (one direction per term, as one site's style would)."""
    for long, short in ABBREVIATION_SWAPS:
        if rng.random() > share:
            continue
        if long in text:
            text = text.replace(long, short)
        elif short in text:
            text = text.replace(short, long)
    return text


def swap_tones(text: str) -> str:
    """Old-style tone marks (hoà, thuỷ) instead of new-style ones, or back."""
    for new, old in TONE_SWAPS:
        text = text.replace(new, "\0").replace(old, new).replace("\0", old)
    return text


def with_chrome(text: str, rng: random.Random, ctx: dict[str, str]) -> str:
    top = [c.format(**ctx) for c in rng.sample(CHROME_TOP, rng.randint(1, 2))]
    bottom = [c.format(**ctx) for c in rng.sample(CHROME_BOTTOM, rng.randint(1, 3))]
    return "\n".join([*top, text, *bottom])


def with_source(text: str, rng: random.Random, ctx: dict[str, str]) -> str:
    return f"{text}\n{rng.choice(SOURCES).format(**ctx)}"


def truncated(text: str, rng: random.Random, low: float = 0.55, high: float = 0.7) -> str:
    """The first ~55-70 % of the words, cut at a sentence end when one is near, with a 'read more' tail."""
    words = text.split(" ")
    cut = " ".join(words[: int(len(words) * rng.uniform(low, high))])
    end = cut.rfind(". ")
    if end > len(cut) * 0.8:
        cut = cut[: end + 1]
    return cut + rng.choice(["...", " (Còn nữa)", "\nXem tiếp tại nguồn", ""])


#: Rewordings an editor makes to a sapo without touching its facts.
PARAPHRASES = [
    ("đã tổ chức", "vừa tổ chức"), ("tổ chức", "tiến hành"), ("đã trao", "trao tặng"), ("trao tặng", "trao"),
    ("đoàn viên, người lao động", "người lao động, đoàn viên"), ("có hoàn cảnh khó khăn", "khó khăn"),
    ("với sự tham dự của", "có sự tham gia của"), ("nhằm", "để"), ("thu hút", "với sự tham gia của"),
    ("tổng trị giá", "với tổng giá trị"), ("cho", "tới"), ("đã ký kết", "chính thức ký"),
    ("bàn giao", "trao"), ("tham dự", "dự"), ("công nhân lao động", "công nhân"), ("nhiều", "hàng loạt"),
]
_LEADING_TIME = re.compile(r"^(Ngày|Sáng|Chiều) ([\d/]+), (.*?)\.?$")


def rewrite_sapo(text: str, writer: StoryWriter, ctx: dict[str, str], topic: str) -> str:
    """The sapo reworded by an editor: same facts, the date moved to the end, other verbs, a lead-in."""
    rng = writer.rng
    lines = text.split("\n")
    sapo = lines[0]
    match = _LEADING_TIME.match(sapo)
    if match:
        sapo = f"{match.group(3)[0].upper()}{match.group(3)[1:]} vào {match.group(1).lower()} {match.group(2)}."
    for old, new in rng.sample(PARAPHRASES, 6):
        sapo = sapo.replace(old, new, 1)
    lines[0] = rng.choice(["(LĐ) - ", f"{ctx['province']} - ", "Theo tin từ cơ sở, ", ""]) + sapo
    return "\n".join(lines)


def add_or_remove_sentence(text: str, writer: StoryWriter, ctx: dict[str, str]) -> str:
    rng = writer.rng
    lines = text.split("\n")
    i = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
    sentences = lines[i].split(". ")
    if len(sentences) > 1 and rng.random() < 0.5:
        del sentences[rng.randrange(len(sentences))]
        lines[i] = ". ".join(sentences)
    else:
        lines.insert(i, writer.fill(rng.choice(CLOSING), ctx))
    return "\n".join(lines)


def reformat(text: str, rng: random.Random) -> str:
    """Same text, other whitespace and quotes (an exact copy once normalised)."""
    text = text.replace("\n", "\n\n") if rng.random() < 0.5 else text.replace("\n", " \n")
    text = re.sub(r'"([^"]*)"', "“\\1”", text)
    return text.replace(", ", " , ", 1) if rng.random() < 0.5 else "  " + text + " "


# ---------------------------------------------------------------------------------------------------------
# Pairs


@dataclass(frozen=True)
class Edits:
    """How hard copies are edited: sentences added or removed in an edited re-publication, the share of
    abbreviations it switches, and the share of a text that a truncated copy keeps."""

    sentences: int = 1
    abbreviations: float = 0.6
    keep: tuple[float, float] = (0.55, 0.7)


def _edited(text: str, writer: StoryWriter, ctx: dict[str, str], topic: str, edits: Edits) -> str:
    text = swap_abbreviations(rewrite_sapo(text, writer, ctx, topic), writer.rng, edits.abbreviations)
    for _ in range(edits.sentences):
        text = add_or_remove_sentence(text, writer, ctx)
    return with_source(text, writer.rng, ctx)


def _duplicates(writer: StoryWriter, edits: Edits) -> list[tuple[str, str, str]]:
    r = writer.rng
    pairs: list[tuple[str, str, str]] = []

    def story() -> tuple[str, dict[str, str], str]:
        ctx = writer.context()
        topic = r.choice(sorted(BODY))
        return writer.article(ctx, topic), ctx, topic

    makers: list[tuple[str, int, Callable[[str, dict[str, str], str], str]]] = [
        ("exact", 5, lambda t, c, k: reformat(t, r)),
        ("nfd", 5, lambda t, c, k: unicodedata.normalize("NFD", t)),
        ("chrome", 10, lambda t, c, k: with_chrome(t, r, c)),
        ("source_line", 8, lambda t, c, k: with_source(t, r, c)),
        ("abbreviations", 8, lambda t, c, k: swap_abbreviations(t, r)),
        ("tone_marks", 4, lambda t, c, k: swap_tones(t)),
        ("rewritten_sapo", 8, lambda t, c, k: rewrite_sapo(t, writer, c, k)),
        ("sentence_edit", 8, lambda t, c, k: add_or_remove_sentence(t, writer, c)),
        ("edited", 10, lambda t, c, k: _edited(t, writer, c, k, edits)),
        ("truncated", 10, lambda t, c, k: truncated(t, r, *edits.keep)),
        ("truncated_chrome", 5, lambda t, c, k: with_chrome(truncated(t, r, *edits.keep), r, c)),
        ("truncated_edited", 5, lambda t, c, k: truncated(swap_abbreviations(t, r, 0.5), r, 0.6, 0.75)),
        ("nfd_edited", 4, lambda t, c, k: unicodedata.normalize("NFD", with_chrome(swap_tones(t), r, c))),
    ]
    for kind, count, make in makers:
        for _ in range(count):
            text, ctx, topic = story()
            copy = make(text, ctx, topic)
            pairs.append((kind, *((text, copy) if r.random() < 0.5 else (copy, text))))
    return pairs


def _distinct(writer: StoryWriter) -> list[tuple[str, str, str]]:
    r = writer.rng
    pairs: list[tuple[str, str, str]] = []
    for _ in range(24):  # one federation, one template, two months
        template = writer.house_style(r.choice(MONTHLY))
        base = writer.context()
        first = writer.context(base["province"])
        second = writer.context(base["province"], int(first["year"]) if r.random() < 0.5 else None)
        keep = {"org": base["org"], "province": base["province"]}
        if r.random() < 0.5:  # the same chair every month
            keep |= {"person1": base["person1"], "title1": base["title1"]}
        pairs.append(("template_monthly", writer.monthly(template, first | keep),
                      writer.monthly(template, second | keep)))
    for _ in range(8):  # long template, few slots
        base = writer.context()
        keep = {"org": base["org"], "province": base["province"], "person1": base["person1"],
                "title1": base["title1"]}
        year = int(base["year"])
        pairs.append(("template_quarterly", writer.fill(QUARTERLY, writer.context(year=year) | keep),
                      writer.fill(QUARTERLY, writer.context(year=year) | keep)))
    for _ in range(10):  # one event, two write-ups from different sentences
        ctx = writer.context()
        topic = r.choice(sorted(BODY))
        pairs.append(("same_event", writer.article(ctx, topic, half=0), writer.article(ctx, topic, half=1)))
    for _ in range(12):  # one topic, other federations and facts
        topic = r.choice(sorted(BODY))
        pairs.append(("same_topic", writer.article(writer.context(), topic),
                      writer.article(writer.context(), topic)))
    for _ in range(6):
        a, b = r.sample(sorted(BODY), 2)
        pairs.append(("unrelated", writer.article(writer.context(), a), writer.article(writer.context(), b)))
    return pairs


def generate(seed: int = SEED, edits: Edits | None = None) -> list[dict]:
    """All labelled pairs, deterministic for a seed and edits."""
    writer = StoryWriter(random.Random(seed))
    rows = [(True, kind, a, b) for kind, a, b in _duplicates(writer, edits or Edits())]
    rows += [(False, kind, a, b) for kind, a, b in _distinct(writer)]
    return [{"id": f"p{i:03d}", "kind": kind, "duplicate": label, "a": a, "b": b}
            for i, (label, kind, a, b) in enumerate(rows)]


def main() -> None:
    parser = argparse.ArgumentParser(description="Write labelled dedupe pairs (defaults: the committed file).")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--sentences", type=int, default=Edits.sentences, help="sentence edits per edited copy")
    parser.add_argument("--abbreviations", type=float, default=Edits.abbreviations,
                        help="share of abbreviations an edited copy switches")
    parser.add_argument("--keep", type=float, nargs=2, default=Edits.keep, metavar=("MIN", "MAX"),
                        help="share of the text a truncated copy keeps")
    parser.add_argument("--out", type=Path, default=HERE, help="directory for pairs.jsonl")
    args = parser.parse_args()
    pairs = generate(args.seed, Edits(args.sentences, args.abbreviations, tuple(args.keep)))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / PAIRS_FILE.name
    with path.open("w", encoding="utf-8") as out:
        for pair in pairs:
            out.write(json.dumps(pair, ensure_ascii=False) + "\n")
    positives = sum(p["duplicate"] for p in pairs)
    print(f"wrote {len(pairs)} pairs ({positives} duplicates) to {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
