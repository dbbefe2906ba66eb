"""Per-site profiles: blocks that recur across a site's pages are its chrome, whatever their wording."""

from __future__ import annotations

import pickle
from pathlib import Path

from pipelines.extract import extract_page
from pipelines.profile import (
    LEARN_PAGES,
    ProfileBook,
    ProfileLearner,
    SiteProfile,
    load_profile,
    page_keys,
    url_shape,
)

STORY = ("Sáng ngày {n}/3, Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ "
         "trọng tâm, với sự tham dự của đại diện các công đoàn cơ sở trên địa bàn tỉnh số {n}.")


def page(n: int) -> bytes:
    """An article page of one site: the story, a notice under it (the same words on every page, no chrome
    wording), and a box of other stories at the same place whose headlines change."""
    others = "".join(f'<p><a href="/tin/{n * 10 + k}.html">Hội thao công nhân viên chức khu vực {n * 10 + k} năm '
                     f'nay</a></p>' for k in range(4))
    body = "".join(f"<p>{STORY.format(n=n)} Đoạn {k} của bài viết có nội dung riêng.</p>" for k in range(5))
    return f"""<html><head><title>Hội nghị số {n} của Liên đoàn</title></head><body>
    <div class="col-right"><div class="khoi-phai">{others}</div></div>
    <div class="main"><h1>Hội nghị số {n} của Liên đoàn</h1><p>Ngày {n}/3/2024</p>{body}
    <p class="ban-tin">Lịch tiếp công dân của Thường trực vào sáng thứ Năm hằng tuần tại trụ sở cơ quan, số 12
    đường Trần Phú, thành phố.</p></div>
    </body></html>""".encode()


def learnt(pages: range) -> SiteProfile:
    learner = ProfileLearner("demo")
    for n in pages:
        learner.observe_bytes(page(n), f"http://demo.example/tin/{n}.html", "article")
    return learner.profile()


def test_recurring_blocks_become_the_sites_chrome() -> None:
    profile = learnt(range(1, 7))
    assert profile.pages == 6 and len(profile.chrome) >= 2
    assert profile.article_shapes == [url_shape("http://demo.example/tin/99.html")]
    url = "http://demo.example/tin/9.html"
    without = extract_page(page(9), url)["text"]
    with_profile = extract_page(page(9), url, profile=profile)["text"]
    # generic rules keep the notice (its words are nobody's chrome vocabulary); the profile removes it
    assert "Lịch tiếp công dân" in without
    assert "Lịch tiếp công dân" not in with_profile and "Hội thao công nhân" not in with_profile
    assert with_profile.count("Liên đoàn Lao động tỉnh tổ chức hội nghị") == 5


def test_too_few_pages_teach_nothing() -> None:
    assert learnt(range(1, 3)).chrome == {}


def test_profile_is_plain_data(tmp_path: Path) -> None:
    profile = learnt(range(1, 5))
    assert pickle.loads(pickle.dumps(profile)) == profile
    assert SiteProfile.from_json(profile.to_json()) == profile
    book = ProfileBook(tmp_path)
    for n in range(1, 6):
        book.observe("demo", page(n), f"http://demo.example/tin/{n}.html", "article")
    assert book.save() == [tmp_path / "profiles" / "demo.json"]
    loaded = load_profile(tmp_path, "demo")
    assert loaded is not None and loaded.pages == 5 and loaded.chrome
    assert ProfileBook(tmp_path).get("demo") == loaded
    # keys worked out elsewhere (the extraction worker) teach the same as the page itself
    other = ProfileBook(None)
    for n in range(1, 6):
        assert other.learning("demo")
        other.observe("demo", b"", f"http://demo.example/tin/{n}.html", "article", keys=page_keys(page(n)))
    assert other.learners["demo"].profile() == book.learners["demo"].profile()
    assert load_profile(tmp_path, "other") is None


def test_url_shape_keeps_separators_and_extension() -> None:
    assert url_shape("https://x.vn/xa-hoi/khoi-cong-nha-ga-20221224192522724.htm") == "/w+/w+-9.htm"
    assert url_shape("https://x.vn/xa-hoi/trang-2.htm") == "/w+/w-9.htm"  # the section's page 2: no article
    assert url_shape("https://x.vn/xa-hoi/khoi-cong-nha-ga-20221224192522724.htm") == url_shape(
        "https://x.vn/the-thao/quang-hai-chay-dua-20221224200553135.htm")
    assert url_shape("https://x.vn/tin-tuc-chi-tiet?newsId=5964") == "/w+?newsId="


def test_article_shape_keeps_a_page_the_rules_would_drop() -> None:
    # a short story with no date and no headline of 4+ words: the rules alone call it "other"
    html = ("<html><body><h2>Tin ngắn</h2><p>" + STORY.format(n=3) + " " + STORY.format(n=4)
            + "</p></body></html>").encode()
    url = "http://demo.example/tin/77.html"
    assert extract_page(html, url)["page_type"] != "article"
    profile = SiteProfile("demo", pages=10, article_shapes=[url_shape(url)])
    kept = extract_page(html, url, profile=profile)
    assert kept["page_type"] == "article" and "page_type_uncertain" in kept["quality_flags"]


def _site(responses: int, stored: int, listing: int, uncertain: int = 0) -> dict:
    return {"responses": responses, "stored": stored, "flags": {"page_type_uncertain": uncertain},
            "dropped": {"listing": listing, "other": 0, "empty": 0, "non_vietnamese": 0, "duplicate": 0,
                        "already_stored": 0}}


def test_manifest_calls_out_sites_that_store_nothing_or_jump() -> None:
    from crawler.manifest import site_alerts

    sites = {"ok": _site(40, 30, 10), "empty": _site(25, 0, 25), "jump": _site(40, 10, 20, uncertain=8)}
    previous = {"sites": {"ok": _site(40, 30, 10), "jump": _site(40, 35, 5)}}
    alerts = site_alerts(sites, previous)
    assert any(a.startswith("empty: 25 pages fetched, none stored") for a in alerts)
    assert any(a.startswith("jump: share of listing/other/uncertain pages jumped from 12% to 70%") for a in alerts)
    assert not any(a.startswith("ok") for a in alerts)
    assert site_alerts({"again": {**_site(30, 0, 0), "dropped": {**_site(30, 0, 0)["dropped"],
                                                                 "already_stored": 30}}}) == []


def test_block_texts_in_one_pass_are_the_texts_of_each_block() -> None:
    from lxml import html as lxml_html

    from crawler.sampleserver import DEFAULT_ROOT
    from pipelines.extract.normalize import normalize_line
    from pipelines.profile import BLOCK_TAGS, MAX_TEXT, MIN_TEXT, block_texts

    def _text(element: lxml_html.HtmlElement) -> str:  # the definition, read one block at a time
        return normalize_line(" ".join(element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")))

    blocks = 0
    for path in sorted(DEFAULT_ROOT.glob("*/pages/*.html"))[:60]:
        body = lxml_html.document_fromstring(path.read_bytes()).find("body")
        if body is None:
            continue
        texts = block_texts(body)
        for element in body.iter(*BLOCK_TAGS):
            text = _text(element)
            assert texts.get(element) == (text if MIN_TEXT <= len(text) <= MAX_TEXT else None), path
            blocks += 1
    assert blocks > 1000


def test_link_dense_blocks_and_mostly_linked_weigh_links_the_same_way() -> None:
    # One helper counts a block's links with text and their characters for both rules (empty links, such as a
    # thumbnail's, count for neither).
    from lxml import html as lxml_html

    from pipelines.extract import clean
    from pipelines.profile import _link_dense

    menu = lxml_html.fragment_fromstring('<div><a href="/">Trang chủ</a> | <a href="/a">Giới thiệu</a> | '
                                         '<a href="/b">Tin tức</a> <a href="/c"><img src="x.png"></a></div>')
    assert clean.link_text(menu) == (3, len("Trang chủ") + len("Giới thiệu") + len("Tin tức"))
    text = " ".join(menu.text_content().split())
    assert clean.mostly_linked(menu, text) and _link_dense(menu, text)
    prose = lxml_html.fragment_fromstring(
        '<p>Công đoàn tổ chức hội nghị tổng kết năm, xem <a href="/a">kế hoạch</a>, <a href="/b">báo cáo</a> và '
        '<a href="/c">danh sách</a> kèm theo.</p>')
    text = " ".join(prose.text_content().split())
    assert clean.link_text(prose)[0] == 3
    assert not clean.mostly_linked(prose, text) and not _link_dense(prose, text)


def story_page(n: int, featured: int) -> bytes:
    """A page of a site whose template shows, on every page, a box with the sapo of its featured story."""
    sapo = (f"Bài số {featured}: công đoàn cơ sở trao quà cho đoàn viên có hoàn cảnh khó khăn trong dịp cuối năm "
            f"tại các khu nhà trọ công nhân của khu công nghiệp.")
    body = "".join(f"<p>{STORY.format(n=n)} Đoạn {k} có nội dung riêng của bài số {n}.</p>" for k in range(4))
    own = f'<p class="sapo">{sapo}</p>' if n == featured else ""
    return f"""<html><head><title>Bài số {n}</title></head><body>
    <div class="noi-bat"><h3><a href="/tin/{featured}.html">Tin nổi bật số {featured}</a></h3><p>{sapo}</p></div>
    <div class="main"><h1>Bài số {n} về công đoàn cơ sở</h1><p>Ngày {n}/3/2024</p>{own}{body}</div>
    </body></html>""".encode()


def test_a_story_shown_on_many_pages_keeps_its_own_paragraphs() -> None:
    # The featured story's sapo is on every page (in the template's box): it is learnt as chrome, and the box
    # goes; on the story's own page the same paragraph sits in the story, not in the box, and stays.
    learner = ProfileLearner("demo")
    for n in range(1, 30):
        learner.observe_bytes(story_page(n, 7), f"http://demo.example/tin/{n}.html", "article")
    profile = learner.profile()
    assert any(key.startswith("q:") for key in profile.chrome)
    other = extract_page(story_page(12, 7), "http://demo.example/tin/12.html", profile=profile)["text"]
    assert "trao quà cho đoàn viên" not in other  # the box is chrome on another story's page
    own = extract_page(story_page(7, 7), "http://demo.example/tin/7.html", profile=profile)["text"]
    assert "trao quà cho đoàn viên" in own and own.count("Đoạn") == 4


def test_copies_of_one_page_count_once() -> None:
    # A story saved at many addresses (a mirror's twin copies, the same story under several categories) is
    # one page: its paragraphs are not the site's chrome however many copies the crawl fetched.
    learner = ProfileLearner("demo")
    for n in range(1, 4):
        learner.observe_bytes(page(n), f"http://demo.example/tin/{n}.html", "article")
    for copy in range(8):
        learner.observe_bytes(page(5), f"http://demo.example/muc-{copy}/tin/5.html", "article")
    assert (learner.pages, learner.duplicates, learner.fed) == (4, 7, 11)
    profile = learner.profile()
    text = extract_page(page(5), "http://demo.example/tin/5.html", profile=profile)["text"]
    assert text.count("Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết công tác năm") == 5
    assert "Lịch tiếp công dân" not in text  # what recurs on distinct pages is still learnt
    book = ProfileBook(None)
    for copy in range(LEARN_PAGES + 5):
        book.observe("demo", page(5), f"http://demo.example/c{copy}/tin/5.html", "article")
    assert not book.learning("demo")  # copies count toward the pages a crawl learns from


def test_pages_of_other_types_teach_no_chrome() -> None:
    # A mirror full of error pages (no template, each a little different) does not put the site's chrome under
    # MIN_SHARE: pages typed neither article nor listing count toward URL shapes only.
    learner = ProfileLearner("demo")
    for n in range(1, 5):
        learner.observe_bytes(page(n), f"http://demo.example/tin/{n}.html", "article")
    for n in range(10):
        error = f"<html><body><p>Hệ thống đang từ chối truy cập của bạn, lần thứ {n}.</p></body></html>".encode()
        learner.observe_bytes(error, f"http://demo.example/tin/{100 + n}.html", "other")
    assert (learner.pages, learner.others, learner.fed) == (4, 10, 14)
    profile = learner.profile()
    text = extract_page(page(9), "http://demo.example/tin/9.html", profile=profile)["text"]
    assert "Lịch tiếp công dân" not in text
    assert url_shape("http://demo.example/tin/9.html") not in profile.article_shapes  # 4 of 14 were articles
