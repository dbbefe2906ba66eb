"""Page types on hand-made pages shaped like union sites: articles, listings (with full-paragraph ledes),
contact and search pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extract import extract_page

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@pytest.mark.parametrize(("name", "url", "expected"), [
    ("php_article.html", "http://congdoanbackan.example/tin-tuc/lam-viec-voi-ldld-huyen-12.html", "article"),
    ("newspaper_article.html", "http://laodong.example/cong-doan/phat-huy-vai-tro-1300001.ldo", "article"),
    ("liferay_article.html", "http://ldld.example/web/guest/tin/-/asset_publisher/a1/content/ky-ket", "article"),
    ("joomla_article.html", "http://ldld.example/index.php/tin-tuc/item/51-giao-ban", "article"),
    # A listing whose ledes are whole paragraphs (seed 000): the URL looks like an article's, the text is long.
    ("listing_full_ledes.html", "http://congdoancaobang.example/vi/news/tin-hoat-dong/", "listing"),
    ("listing_full_ledes.html", "http://congdoancaobang.example/tin-hoat-dong-123.html", "listing"),
    ("contact.html", "http://ldld.example/lien-he.html", "other"),
    ("search_results.html", "http://ldld.example/tim-kiem?tu-khoa=cong+doan", "other"),
])
def test_page_types(name: str, url: str, expected: str) -> None:
    page = extract_page((FIXTURES / name).read_bytes(), url, content_type="text/html; charset=utf-8")
    assert page["page_type"] == expected


def test_last_page_of_a_category_with_one_item_is_a_listing() -> None:
    html = """<html><body><div class="main"><h1>Tin hoạt động</h1><ul><li><div class="item">
    <a href="/tin/hoi-nghi-giao-ban-12.html">Hội nghị giao ban công tác công đoàn quý IV năm 2020</a>
    <span>12/01/2021</span><p>Sáng 12/1, LĐLĐ tỉnh tổ chức hội nghị giao ban đánh giá kết quả hoạt động công đoàn
    quý IV và triển khai nhiệm vụ năm 2021.</p></div></li></ul>
    <div class="pages">Trang: <a href="/tin-hoat-dong">[1]</a> [2]</div></div></body></html>"""
    assert extract_page(html.encode(), "http://ldld.example/tin-hoat-dong?trang=2")["page_type"] == "listing"


@pytest.mark.parametrize("heading", ["Hình ảnh hoạt động công đoàn", "Hội thao công nhân viên chức năm 2021"])
def test_photo_gallery_is_other(heading: str) -> None:
    items = "".join(f'<div class="photo"><img src="/anh/{i}.jpg"><p>Hội thao công nhân năm 2021, ảnh {i}</p></div>'
                    for i in range(8))
    html = f"<html><body><h1>{heading}</h1><p>Ngày 17/10/2021</p>{items}</body></html>"
    assert extract_page(html.encode(), "http://ldld.example/album/12")["page_type"] == "other"


STORY = ("Sáng 12/1, Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết công tác công đoàn năm 2023 và triển khai "
         "nhiệm vụ năm 2024, với sự tham dự của đại diện các công đoàn cơ sở trên địa bàn tỉnh. ")


@pytest.mark.parametrize("headline", ["Tôn vinh 23 nữ đoàn viên giỏi việc nước, đảm việc nhà (bài số 404)",
                                      "Hướng dẫn thực hiện Nghị định 500/2025 về chế độ cho người lao động",
                                      "Bài sau lỗi 500", "404/2025/NĐ-CP về tiền lương tối thiểu"])
def test_a_status_code_in_a_headline_is_no_error_page(headline: str) -> None:
    html = (f"<html><head><title>{headline}</title></head><body><h1>{headline}</h1><p>12/01/2024 08:30</p>"
            + "".join(f"<p>Đoạn {n}. {STORY * 3}</p>" for n in range(4)) + "</body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin-tuc/bai-404.html")["page_type"] == "article"


@pytest.mark.parametrize("title", ["404", "Lỗi 404", "404 Not Found", "503 Service Unavailable",
                                   "Error 404 - Trang"])
def test_a_short_status_title_is_an_error_page(title: str) -> None:
    html = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            "<p>Xin lỗi, đường dẫn bạn truy cập có thể đã bị thay đổi. Quay lại trang chủ.</p></body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin-tuc/bai-9.html")["page_type"] == "other"
