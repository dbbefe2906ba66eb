"""Layouts of union sites that are not among the sample sites (the issue's two examples, written from the
seeds' descriptions): a laodong.vn-style article with loose paragraphs and its related cards repeated twice
(seed 003), and a government-portal article with sidebar widgets and a signature line (seed 004)."""

from __future__ import annotations

from pipelines.extract import extract_page

PARA = ("Năm 2023, dù gặp không ít khó khăn trong các mặt công tác nhưng các cấp Công đoàn tỉnh đã nỗ lực "
        "vượt khó để phát huy toàn diện vai trò, trách nhiệm của mình với đoàn viên, người lao động số {n}.")


def cards() -> str:
    return "".join(f'<div class="card"><a href="/cong-doan/tin-{k}-12345{k}.ldo"><img src="/i/{k}.jpg">'
                   f'<h3>Công đoàn cơ sở tổ chức hội nghị người lao động năm {2020 + k}</h3></a>'
                   f'<p>Hội nghị diễn ra sôi nổi với nhiều ý kiến đóng góp của người lao động lần {k}.</p></div>'
                   for k in range(4))


def test_loose_paragraphs_with_repeated_related_cards_stay_an_article() -> None:
    body = "".join(f"<p>{PARA.format(n=n)}</p>" for n in range(6))
    html = f"""<html><head><title>Phát huy vai trò bảo vệ đoàn viên | Báo Lao Động</title>
    <meta property="og:site_name" content="Báo Lao Động"></head><body>
    <h1>Phát huy vai trò bảo vệ, chăm lo đoàn viên, người lao động gắn với các khâu đột phá</h1>
    <p class="author">Nguyên Anh |</p><p>05/01/2024 08:30</p>
    {body[:len(body) // 2]}<div class="related">{cards()}</div>{body[len(body) // 2:]}
    <div class="more">{cards()}</div></body></html>"""
    page = extract_page(html.encode(), "https://laodong.vn/cong-doan/phat-huy-vai-tro-1290000.ldo")
    assert page["page_type"] == "article"
    assert page["text"].count("các cấp Công đoàn tỉnh đã nỗ lực") == 6
    assert "hội nghị người lao động năm" not in page["text"]
    assert page["author"] == "Nguyên Anh"


def test_portal_widgets_and_signature_line() -> None:
    body = "".join(f"<p>{PARA.format(n=n)}</p>" for n in range(4))
    html = f"""<html><head><title>Ký kết chương trình phối hợp giai đoạn 2020 - 2025</title></head><body>
    <div class="col-left"><div class="box"><div class="box-title">Liên kết website</div>
      <select><option>Cổng thông tin điện tử tỉnh</option>
      <option>Tổng Liên đoàn Lao động Việt Nam</option></select>
    </div><div class="box"><div class="box-title">Thăm dò ý kiến</div><p>Bạn đánh giá thế nào về hoạt động
      của công đoàn cơ sở nơi bạn làm việc?</p><label><input type="radio" name="v"> Rất tốt</label>
      <label><input type="radio" name="v"> Bình thường</label></div></div>
    <div class="col-main"><h1>Ký kết chương trình phối hợp giai đoạn 2020 - 2025</h1>
    <p>Ngày đăng 29/10/2020 | 16:10</p>{body}<p style="text-align:right"><b>Hà Hiển (Văn phòng LĐLĐ tỉnh)</b></p>
    </div></body></html>"""
    page = extract_page(html.encode(), "https://ldld.example.gov.vn/tin-tuc/ky-ket-chuong-trinh-12.html")
    assert page["page_type"] == "article" and page["author"] == "Hà Hiển"
    assert "Cổng thông tin điện tử tỉnh" not in page["text"] and "Bạn đánh giá thế nào" not in page["text"]
    assert "Hà Hiển" not in page["text"] and page["text"].count("các cấp Công đoàn tỉnh") == 4
