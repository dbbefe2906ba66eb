"""HTML templates of the eight CMS families, each in two markup variants ("a" and "b")."""
# ruff: noqa: E501 - long Vietnamese sentences and HTML fragments read better unbroken

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from content import Article

RENDER_DATE = datetime(2024, 4, 19, 8, 15)
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
WP_MONTHS = ["Tháng Một", "Tháng Hai", "Tháng Ba", "Tháng Tư", "Tháng Năm", "Tháng Sáu", "Tháng Bảy", "Tháng Tám",
             "Tháng Chín", "Tháng Mười", "Tháng Mười Một", "Tháng Mười Hai"]


def esc(s: str) -> str:
    """HTML-escape text content."""
    return escape(s, quote=True)


def weekday(d: datetime, cap: bool = False) -> str:
    """Vietnamese weekday name of ``d``."""
    w = WEEKDAYS[d.weekday()]
    return w.title() if cap else w


@dataclass
class Category:
    """One news category of a site: its slug, label and listing page paths."""

    slug: str
    name: str
    num: int
    pages: list[str] = field(default_factory=list)


@dataclass
class Entry:
    """An article placed on a site: the story plus its URL and placement."""

    article: Article
    path: str
    cat: Category
    num: int
    slug: str
    link_path: str | None = None  # how listings link to it (tracking params), default path
    linked: bool = True  # listed in category pages
    extra: dict = field(default_factory=dict)

    @property
    def href(self) -> str:
        return self.link_path or self.path


@dataclass
class SiteData:
    """Everything a template needs to know about one sample site."""

    slug: str
    family: str
    variant: str
    name: str
    province: str
    domain: str
    address: str
    phone: str
    categories: list[Category]
    entries: list[Entry]
    others: dict[str, str]  # kind -> path
    extra_links: list[tuple[str, str]] = field(default_factory=list)  # (label, href) shown in listings
    full_ledes: bool = False
    extra: dict = field(default_factory=dict)


class Html:
    """Collects the chrome strings a template writes, so gold can list what must not leak into text."""

    def __init__(self) -> None:
        self.chrome: list[str] = []

    def c(self, s: str) -> str:
        """Escape ``s`` and remember it as page chrome."""
        self.chrome.append(s)
        return esc(s)


def lede(a: Article, full: bool = False, words: int = 32) -> str:
    """Teaser shown in listings: the lead, or the first paragraph (cut unless ``full``)."""
    text = a.lead or next(b.text for b in a.blocks if b.kind == "p")
    if full:
        return text
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + "..."


def menu_items(s: SiteData) -> list[tuple[str, str]]:
    """Top menu: home, categories, contact."""
    items = [("Trang chủ", "/")] + [(c.name, c.pages[0]) for c in s.categories]
    if "contact" in s.others:
        items.append(("Liên hệ", s.others["contact"]))
    return items


def doc(head: str, body: str, lang: str = "vi", charset: str = "utf-8", doctype: str = "<!DOCTYPE html>") -> str:
    """A whole HTML document."""
    meta = (f'<meta charset="{charset}">' if doctype == "<!DOCTYPE html>" else
            f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    return f'{doctype}\n<html lang="{lang}">\n<head>\n{meta}\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n'


def footer_lines(s: SiteData) -> list[str]:
    """Address, phone and copyright lines of a site's footer."""
    return [f"Cơ quan chủ quản: {s.name}", f"Địa chỉ: {s.address}", f"Điện thoại: {s.phone}",
            f"Email: vanphong@{s.domain}", "Ghi rõ nguồn khi phát hành lại thông tin từ website này."]


def body_blocks(a: Article, p_attr: str = "", cap_html=None, head_tag: str = "h3", lead_html=None,
                nbsp: bool = False) -> str:
    """Render the story's lead, paragraphs, subheadings and captions."""
    out = []
    if a.lead and lead_html:
        out.append(lead_html(a.lead))
    for i, b in enumerate(a.blocks):
        if b.kind == "p":
            pad = "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; " if nbsp else ""
            out.append(f"<p{p_attr}>{pad}{esc(b.text)}</p>")
        elif b.kind == "h":
            out.append(f"<{head_tag}>{esc(b.text)}</{head_tag}>" if head_tag != "strong"
                       else f"<p{p_attr}><strong>{esc(b.text)}</strong></p>")
        else:
            img = f"/upload/images/{a.published.year}/{a.published.month:02d}/{a.key}-{i}.jpg"
            out.append(cap_html(img, b.text) if cap_html else
                       f'<figure><img src="{img}" alt=""><figcaption>{esc(b.text)}</figcaption></figure>')
    if a.source_line:
        out.append(f"<p{p_attr}><em>{esc(a.source_line)}</em></p>")
    return "\n".join(out)


def pagination(h: Html, paths: list[str], current: int, next_label: str, prev_label: str | None,
               cls: str, tag: str = "div") -> str:
    """Page-number links with previous/next labels."""
    parts = []
    if prev_label and current > 0:
        parts.append(f'<a href="{esc(paths[current - 1])}">{h.c(prev_label)}</a>')
    for i, p in enumerate(paths):
        parts.append(f"<span class=\"current\">{i + 1}</span>" if i == current else
                     f'<a href="{esc(p)}">{i + 1}</a>')
    if current < len(paths) - 1:
        parts.append(f'<a href="{esc(paths[current + 1])}">{h.c(next_label)}</a>')
    return f'<{tag} class="{cls}">' + " ".join(parts) + f"</{tag}>"


# ----------------------------------------------------------------------------------------------------------
# Family renderers. Each returns (html, chrome strings).


class Family:
    """Base renderer; subclasses fill in the layout and the article, listing and other-page markup."""

    def __init__(self, s: SiteData) -> None:
        self.s = s
        self.v = s.variant

    def date_text(self, a: Article) -> str:
        raise NotImplementedError

    def article(self, e: Entry, related: list[Entry]) -> tuple[str, list[str]]:
        raise NotImplementedError

    def listing(self, title: str, entries: list[Entry], cat: Category | None, page: int
                ) -> tuple[str, list[str]]:
        raise NotImplementedError

    def other(self, kind: str, title: str, body_html: str) -> tuple[str, list[str]]:
        raise NotImplementedError

    def item_date(self, a: Article) -> str:
        """Short date shown next to a headline in listings."""
        return a.published.strftime("%d/%m/%Y")


# --- 1. custom PHP CMS (seed 001) -------------------------------------------------------------------------


class PhpFamily(Family):
    """Custom PHP CMS with slides, a repeated mobile banner, a marquee slogan and "Cập nhật lúc" dates."""

    SLOGANS = ["NHIỆT LIỆT HƯỞNG ỨNG THÁNG HÀNH ĐỘNG VỀ AN TOÀN, VỆ SINH LAO ĐỘNG VÀ THÁNG CÔNG NHÂN NĂM 2024!",
               "Tháng công nhân năm 2024: “Đoàn kết, sáng tạo, vượt khó, phát triển”",
               "CÁC CẤP CÔNG ĐOÀN TÍCH CỰC HƯỞNG ỨNG CUỘC VẬN ĐỘNG “NGƯỜI VIỆT NAM ƯU TIÊN DÙNG HÀNG VIỆT NAM”"]

    def date_text(self, a: Article) -> str:
        d = a.published
        if self.v == "a":
            return (f"Cập nhật ngày {d:%d/%m/%Y}" if a.date_only else
                    f"Cập nhật lúc {d:%H:%M} - {d:%d/%m/%Y} (GMT +07:00)")
        return f"{d:%d-%m-%Y}" if a.date_only else f"{d:%d-%m-%Y} | {d:%H:%M}"

    def layout(self, h: Html, title: str, main: str, sidebar: str = "") -> str:
        s = self.s
        slides = "\n".join(f'<li><img src="/upload/images/slide/bk{i}.jpg" alt=""></li>' for i in range(5, 0, -1))
        banner = (f'<div class="{"site-name" if self.v == "a" else "logo-text"}"><span>{h.c("LIÊN ĐOÀN LAO ĐỘNG")}'
                  f'</span><br><span>{h.c("TỈNH " + s.province.upper())}</span><br>'
                  f'<small>{h.c(s.domain)}</small></div>')
        menu = "\n".join(f'<li><a href="{esc(u)}">{h.c(t)}</a></li>' for t, u in menu_items(s))
        marquee = " *********************** ".join(self.SLOGANS)
        h.c(self.SLOGANS[0])
        h.c(self.SLOGANS[2])
        if self.v == "a":
            today = f"{weekday(RENDER_DATE, True)}, ngày {RENDER_DATE:%d/%m/%Y}"
            top = (f'<div id="header"><ul class="slide">{slides}</ul>{banner}</div>\n'
                   f'<div id="mobile-header">{banner}<a class="menu-toggle" href="#">{h.c("Menu")}</a></div>\n'
                   f'<div class="today">{h.c(today)}</div>\n<ul id="main-menu">{menu}</ul>\n'
                   f'<div class="marquee"><marquee scrollamount="3">{esc(marquee)}</marquee></div>')
        else:
            today = f"Hôm nay: {weekday(RENDER_DATE)}, {RENDER_DATE:%d-%m-%Y}"
            top = (f'<header class="top"><div class="banner-slide">{slides}</div>{banner}'
                   f'<nav class="nav"><button class="navbar-toggle">{h.c("Danh mục")}</button>'
                   f'<ul>{menu}</ul></nav><p class="date-now">{h.c(today)}</p></header>\n{banner}\n'
                   f'<div class="run-text"><marquee>{esc(marquee)}</marquee></div>')
        foot = "<br>".join(h.c(x) for x in footer_lines(s))
        side = sidebar or ""
        body = (f'{top}\n<div class="{"container" if self.v == "a" else "wrap-main"}">'
                f'<div class="{"col-main" if self.v == "a" else "content-left"}">{main}</div>'
                f'<div class="{"col-right" if self.v == "a" else "content-right"}">{side}</div></div>\n'
                f'<div class="{"footer" if self.v == "a" else "bottom"}">{foot}'
                f'<p><a href="#top">{h.c("Về đầu trang")}</a></p></div>')
        return doc(f"<title>{esc(title)}</title>", body)

    def sidebar(self, h: Html, others: list[Entry]) -> str:
        items = "".join(f'<li><a href="{esc(e.href)}">{h.c(e.article.title)}</a></li>' for e in others[:4])
        label = "Tin mới nhất" if self.v == "a" else "Tin đọc nhiều"
        return f'<div class="box"><h3>{h.c(label)}</h3><ul>{items}</ul></div>'

    def article(self, e: Entry, related: list[Entry]) -> tuple[str, list[str]]:
        h, a = Html(), e.article
        if self.v == "a":
            def cap(src, t):
                return (f'<p style="text-align: center;"><img src="{src}" alt="" width="600"></p>\n'
                               f'<p style="text-align: center;"><em>{esc(t)}</em></p>')
            body = body_blocks(a, ' style="text-align: justify;"', cap, "strong",
                               lambda t: f'<div class="sapo"><strong>{esc(t)}</strong></div>')
            author = f'<p style="text-align: right;"><strong>{esc(a.author)}</strong></p>' if a.author else ""
            tools = (f'<div class="tools"><a href="#">{h.c("Chia sẻ")}</a> | <a href="#" onclick="window.print()">'
                     f'{h.c("In trang")}</a></div>')
            main = (f'<div class="breadcrumb"><a href="/">{h.c("Trang chủ")}</a> » <a href="{esc(e.cat.pages[0])}">'
                    f'{esc(e.cat.name)}</a></div>\n<div class="news-detail"><h1 class="title-news">{esc(a.title)}'
                    f'</h1>\n<div class="date-news">{esc(self.date_text(a))}</div>\n<div class="content-news">'
                    f'\n{body}\n{author}</div>{tools}</div>')
        else:
            def cap(src, t):
                return (f'<div class="img-box"><img src="{src}" alt="{esc(t)}"><div class="img-desc">'
                               f'{esc(t)}</div></div>')
            body = body_blocks(a, "", cap, "h4", lambda t: f'<p class="summary"><b>{esc(t)}</b></p>')
            author = f'<div class="author-name">{esc(a.author)}</div>' if a.author else ""
            tools = (f'<ul class="share"><li>{h.c("Chia sẻ:")}</li><li><a href="#">Facebook</a></li><li>'
                     f'<a href="#">Zalo</a></li><li><a href="#">{h.c("In bài viết")}</a></li></ul>')
            main = (f'<ol class="crumbs"><li><a href="/">{h.c("Trang chủ")}</a></li><li><a href="'
                    f'{esc(e.cat.pages[0])}">{esc(e.cat.name)}</a></li></ol>\n<article class="post">'
                    f'<div class="post-time">{esc(self.date_text(a))}</div><h2 class="post-title">{esc(a.title)}'
                    f'</h2>\n<div class="post-body">\n{body}\n</div>{author}\n{tools}</article>')
        others = "".join(f'<li><a href="{esc(r.href)}">{h.c(r.article.title)}</a> ({self.item_date(r.article)})'
                         f"</li>" for r in related[:3])
        main += f'<div class="other-news"><h3>{h.c("Tin khác")}</h3><ul>{others}</ul></div>'
        return self.layout(h, a.title, main, self.sidebar(h, related[3:] or related)), h.chrome

    def listing(self, title, entries, cat, page):
        h = Html()
        items = []
        for e in entries:
            a = e.article
            img = f'<img src="/upload/images/thumb/{a.key}.jpg" alt="">'
            if self.v == "a":
                items.append(f'<div class="item-news">{img}<h3><a href="{esc(e.href)}">{esc(a.title)}</a></h3>'
                             f'<span class="date">{self.date_text(a)}</span><p>{esc(lede(a))}</p></div>')
            else:
                items.append(f'<li class="news-item"><a href="{esc(e.href)}">{img}</a><h4><a href="{esc(e.href)}">'
                             f'{esc(a.title)}</a></h4><em>({self.item_date(a)})</em><p>{esc(lede(a))}</p></li>')
        extra = "".join(f'<p class="more"><a href="{esc(u)}">{esc(t)}</a></p>' for t, u in self.s.extra_links
                        if cat is None or cat is self.s.categories[0])
        pager = pagination(h, cat.pages, page, "Trang sau", "Trang trước", "paging") if cat else ""
        main = f"<h2 class=\"cat-title\">{esc(title)}</h2>" + (
            "\n".join(items) if self.v == "a" else f'<ul class="list-news">{"".join(items)}</ul>') + pager + extra
        return self.layout(h, title, main), h.chrome

    def other(self, kind, title, body_html):
        h = Html()
        return self.layout(h, title, f"<h2>{esc(title)}</h2>{body_html}"), h.chrome


# --- 2. Joomla / K2 (seed 002) ----------------------------------------------------------------------------


class JoomlaFamily(Family):
    """Joomla with K2: &nbsp; indents, right-aligned signatures, "Chuyên mục:", "In bài", "Gửi email"."""

    def date_text(self, a: Article) -> str:
        d = a.published
        core = f"{weekday(d, self.v == 'b')}, {d.day:02d} Tháng {d.month} {d.year}"
        if not a.date_only:
            core += f" {d:%H:%M}"
        return core if self.v == "a" else f"Được đăng: {core}"

    def layout(self, h: Html, title: str, main: str, extra_head: str = "") -> str:
        s = self.s
        menu = "\n".join(f'<li class="item-{i}"><a href="{esc(u)}">{h.c(t)}</a></li>'
                         for i, (t, u) in enumerate(menu_items(s), 101))
        today = (f"{weekday(RENDER_DATE)}, {RENDER_DATE.day} Tháng {RENDER_DATE.month} {RENDER_DATE.year}"
                 if self.v == "a" else f"Hôm nay, {RENDER_DATE:%d/%m/%Y}")
        login = (f'<div class="moduletable"><h3>{h.c("Đăng nhập")}</h3><form action="/index.php" method="post">'
                 f'<input name="username" placeholder="Tên đăng nhập"><input type="password" name="password">'
                 f'<button>{h.c("Đăng nhập")}</button></form></div>')
        poll = (f'<div class="moduletable"><h3>{h.c("Bình chọn")}</h3><p>{h.c("Bạn biết đến website qua kênh nào?")}'
                f'</p><label><input type="radio" name="v"> Báo chí</label><label><input type="radio" name="v"> '
                f'Bạn bè</label></div>')
        foot = "<br>".join(h.c(x) for x in footer_lines(s))
        if self.v == "a":
            body = (f'<div id="wrapper"><div id="header"><div class="logo"><a href="/"><img src="/images/logo.png" '
                    f'alt="{esc(s.name)}"></a></div><div class="date">{h.c(today)}</div></div>\n'
                    f'<div id="mainmenu"><ul class="menu">{menu}</ul></div>\n<div id="main"><div id="left">'
                    f'{login}</div><div id="content">{main}</div><div id="right">{poll}</div></div>\n'
                    f'<div id="footer">{foot}<div class="gotop"><a href="#wrapper">{h.c("Về đầu trang")}</a></div>'
                    f"</div></div>")
        else:
            body = (f'<div class="t3-wrapper"><header class="t3-header"><div class="brand"><h1>{h.c(s.name.upper())}'
                    f'</h1></div><div class="current-date">{h.c(today)}</div></header>\n<nav class="t3-mainnav">'
                    f'<ul class="nav navbar-nav">{menu}</ul></nav>\n<div class="t3-mainbody"><main class="t3-content">'
                    f'{main}</main><aside class="t3-sidebar">{poll}{login}</aside></div>\n<footer class="t3-footer">'
                    f'{foot}<a class="back-to-top" href="#">{h.c("Lên đầu trang")}</a></footer></div>')
        return doc(f"<title>{esc(title)}</title>{extra_head}", body)

    def article_main(self, h: Html, e: Entry, related: list[Entry], print_view: bool = False) -> str:
        a = e.article
        def cap(src, t):
            return (f'<p style="text-align: center;"><img src="{src}" alt="" width="500" height="333" />'
                       f'</p>\n<p style="text-align: center;"><span style="font-size: 10pt;"><em>{esc(t)}</em></span></p>')
        lead_html = ((lambda t: f'<div class="itemIntroText"><p><strong>{esc(t)}</strong></p></div>')
                     if self.v == "a" else (lambda t: f'<p class="article-intro"><b>{esc(t)}</b></p>'))
        body = body_blocks(a, ' style="text-align: justify;"', cap, "strong", lead_html, nbsp=True)
        if a.author:
            sig = a.author + (f", {a.affiliation}" if a.affiliation else "")
            body += (f'\n<p style="text-align: right;">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;'
                     f'&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; <strong>{esc(sig)}</strong></p>')
        print_href = f"{esc(e.path)}?tmpl=component&amp;print=1" if self.v == "a" else "javascript:window.print()"
        tools = (f'<ul class="itemToolbar"><li><a class="itemPrintLink" href="{print_href}" rel="nofollow">'
                 f'{h.c("In bài")}</a></li><li><a class="itemEmailLink" href="#">{h.c("Gửi email")}</a></li></ul>'
                 ) if not print_view else ""
        cat = (f'<div class="itemCategory"><span>{h.c("Chuyên mục:")}</span> <a href="{esc(e.cat.pages[0])}">'
               f'{esc(e.cat.name)}</a></div>')
        rel = "".join(f'<li><a href="{esc(r.href)}">{h.c(r.article.title)}</a></li>' for r in related[:4])
        if self.v == "a":
            return (f'<div id="k2Container" class="itemView"><div class="itemHeader"><span class="itemDateCreated">'
                    f'{esc(self.date_text(a))}</span><h2 class="itemTitle">{esc(a.title)}</h2></div>{tools}\n'
                    f'<div class="itemBody"><div class="itemFullText">\n{body}\n</div></div>\n{cat}\n'
                    f'<div class="itemRelated"><h3>{h.c("Các bài viết khác")}</h3><ul>{rel}</ul></div></div>')
        return (f'<div class="item-page"><div class="page-header"><h2 itemprop="headline">{esc(a.title)}</h2></div>'
                f'<dl class="article-info"><dd class="published">{esc(self.date_text(a))}</dd></dl>{tools}\n'
                f'<div itemprop="articleBody">\n{body}\n</div>\n{cat}\n<div class="relateditems">'
                f'<h4>{h.c("Tin liên quan")}</h4><ul>{rel}</ul></div></div>')

    def article(self, e, related):
        h = Html()
        crumbs = (f'<div class="breadcrumbs"><a href="/">{h.c("Trang chủ")}</a> / <a href="{esc(e.cat.pages[0])}">'
                  f'{esc(e.cat.name)}</a></div>')
        return self.layout(h, e.article.title, crumbs + self.article_main(h, e, related)), h.chrome

    def print_view(self, e: Entry, canonical: str) -> tuple[str, list[str]]:
        h = Html()
        main = self.article_main(h, e, [], print_view=True)
        head = (f'<title>{esc(e.article.title)}</title><link rel="canonical" href="{esc(canonical)}">'
                f'<meta name="robots" content="noindex, follow">')
        body = f'<div class="contentpane">{main}<p><a href="#" onclick="window.print();">{h.c("In trang")}</a></p></div>'
        return doc(head, body), h.chrome

    def listing(self, title, entries, cat, page):
        h = Html()
        items = []
        for e in entries:
            a = e.article
            if self.v == "a":
                items.append(f'<div class="catItemView"><div class="catItemHeader"><span class="catItemDateCreated">'
                             f'{esc(self.date_text(a))}</span><h3 class="catItemTitle"><a href="{esc(e.href)}">'
                             f'{esc(a.title)}</a></h3></div><div class="catItemIntroText">{esc(lede(a))}</div>'
                             f'<a class="k2ReadMore" href="{esc(e.href)}">{h.c("Đọc thêm...")}</a></div>')
            else:
                items.append(f'<div class="items-row"><h2><a href="{esc(e.href)}">{esc(a.title)}</a></h2>'
                             f'<p class="date">{self.item_date(a)}</p><p>{esc(lede(a))}</p></div>')
        extra = "".join(f'<p><a href="{esc(u)}">{esc(t)}</a></p>' for t, u in self.s.extra_links
                        if cat is None or cat is self.s.categories[0])
        pager = pagination(h, cat.pages, page, "Tiếp", "Trước", "k2Pagination" if self.v == "a" else "pagination"
                           ) if cat else ""
        main = f'<h2 class="componentheading">{esc(title)}</h2>' + "\n".join(items) + pager + extra
        return self.layout(h, title, main), h.chrome

    def other(self, kind, title, body_html):
        h = Html()
        return self.layout(h, title, f'<h2 class="componentheading">{esc(title)}</h2>{body_html}'), h.chrome


# --- 3. WordPress --------------------------------------------------------------------------------------------


class WordPressFamily(Family):
    """WordPress: trailing-slash slugs, /page/N/, /feed/, tags, related posts, share buttons, comment form."""

    def date_text(self, a: Article) -> str:
        d = a.published
        return f"{d:%d/%m/%Y}" if self.v == "a" else f"{d.day} {WP_MONTHS[d.month - 1]}, {d.year}"

    def time_tag(self, a: Article) -> str:
        iso = a.published.strftime("%Y-%m-%d") if a.date_only else a.published.isoformat()
        cls = "entry-date" if self.v == "a" else "entry-date published updated"
        return f'<time class="{cls}" datetime="{iso}">{esc(self.date_text(a))}</time>'

    def layout(self, h: Html, title: str, main: str, body_class: str) -> str:
        s = self.s
        menu = "\n".join(f'<li class="menu-item"><a href="{esc(u)}">{h.c(t)}</a></li>' for t, u in menu_items(s))
        recent = "".join(f'<li><a href="{esc(e.href)}">{h.c(e.article.title)}</a></li>'
                         for e in sorted(s.entries, key=lambda e: e.article.published, reverse=True)[:4]
                         if e.linked)
        cats = "".join(f'<li class="cat-item"><a href="{esc(c.pages[0])}">{esc(c.name)}</a></li>'
                       for c in s.categories)
        foot = "<br>".join(h.c(x) for x in footer_lines(s))
        today = f"{weekday(RENDER_DATE, True)}, {RENDER_DATE.day} {WP_MONTHS[RENDER_DATE.month - 1]}, {RENDER_DATE.year}"
        head = (f'<title>{esc(title)} – {esc(s.name)}</title><link rel="alternate" type="application/rss+xml" '
                f'title="{esc(s.name)} &raquo; Dòng thông tin" href="/feed/"><meta name="generator" '
                f'content="WordPress 6.4.3">')
        if self.v == "a":
            body = (f'<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">'
                    f'{h.c("Chuyển đến nội dung")}</a><header id="masthead" class="site-header"><div class="top-bar">'
                    f'{h.c(today)}</div><p class="site-title"><a href="/" rel="home">{esc(s.name)}</a></p>'
                    f'<p class="site-description">{h.c("Trang thông tin điện tử")}</p><nav id="site-navigation">'
                    f'<ul id="primary-menu">{menu}</ul></nav></header>\n<div id="content" class="site-content">'
                    f'<main id="main" class="site-main">{main}</main>\n<aside id="secondary" class="widget-area">'
                    f'<section class="widget widget_recent_entries"><h2 class="widget-title">{h.c("Bài viết mới")}'
                    f'</h2><ul>{recent}</ul></section><section class="widget widget_categories"><h2 class="widget-'
                    f'title">{h.c("Chuyên mục")}</h2><ul>{cats}</ul></section></aside></div>\n<footer id="colophon" '
                    f'class="site-footer"><div class="site-info">{foot}</div><a href="#page" class="back-to-top">'
                    f'{h.c("Về đầu trang")}</a></footer></div>')
        else:
            banners = " ".join(f'<img src="/wp-content/uploads/2022/05/bn{i}.jpg" alt="bn{i}">' for i in range(1, 5))
            body = (f'<div class="wrapper"><div class="header-top">{h.c(today)}</div><div class="banner">{banners}'
                    f'</div><header class="header"><div class="logo"><a href="/"><img src="/wp-content/uploads/'
                    f'logo.png" alt="{esc(s.name)}"></a></div><nav class="main-nav"><ul class="menu">{menu}</ul>'
                    f'</nav></header>\n<div class="container"><div class="row"><div class="col-md-8">{main}</div>'
                    f'<div class="col-md-4 sidebar"><div class="widget"><h4>{h.c("Tin mới")}</h4><ul>{recent}</ul>'
                    f'</div></div></div></div>\n<footer class="footer">{foot}<div class="scroll-top"><a href="#">'
                    f'{h.c("Lên đầu trang")}</a></div></footer></div>')
        return doc(head, f'<div class="{body_class}">{body}</div>')

    def article(self, e, related):
        h, a, s = Html(), e.article, self.s
        lead_html = ((lambda t: f'<p class="lead"><strong>{esc(t)}</strong></p>') if self.v == "a" else
                     (lambda t: f'<div class="entry-summary"><p>{esc(t)}</p></div>'))
        def cap(src, t):
            return (f'<figure class="wp-block-image size-large"><img src="{src}" alt=""><figcaption '
                       f'class="wp-element-caption">{esc(t)}</figcaption></figure>')
        body = body_blocks(a, "", cap, "h3" if self.v == "a" else "h2", lead_html)
        byline = ""
        if a.author and a.author_pos == "top":
            byline = f'<span class="byline">{h.c("Đăng bởi")} <span class="author vcard">{esc(a.author)}</span></span>'
        elif a.author:
            body += f'\n<p class="has-text-align-right"><strong>{esc(a.author)}</strong></p>'
        tags = "".join(f'<span class="tag-link">{h.c(t)}</span> ' for t in a.tags)  # tag archives: not generated
        share = (f'<div class="sharedaddy"><h3 class="sd-title">{h.c("Chia sẻ:")}</h3><ul><li><a href="#">'
                 f'{h.c("Chia sẻ lên Facebook")}</a></li><li><a href="#">{h.c("In trang")}</a></li></ul></div>')
        rel = "".join(f'<li><a href="{esc(r.href)}">{h.c(r.article.title)}</a> <span>{self.date_text(r.article)}'
                      f'</span></li>' for r in related[:3])
        comment = (f'<div id="respond" class="comment-respond"><h3 id="reply-title">{h.c("Để lại bình luận")}</h3>'
                   f'<form action="/wp-comments-post.php" method="post"><p class="comment-notes">'
                   f'{h.c("Email của bạn sẽ không được hiển thị công khai.")}</p><textarea name="comment"></textarea>'
                   f'<input name="author"><input type="submit" value="{h.c("Phản hồi")}"></form></div>')
        crumbs = (f'<nav class="breadcrumbs"><a href="/">{h.c("Trang chủ")}</a> » <a href="{esc(e.cat.pages[0])}">'
                  f'{esc(e.cat.name)}</a></nav>')
        main = (f'{crumbs}<article id="post-{e.num}" class="post-{e.num} post type-post status-publish">'
                f'<header class="entry-header"><h1 class="entry-title">{esc(a.title)}</h1><div class="entry-meta">'
                f'{self.time_tag(a)} {byline}</div></header>\n<div class="entry-content">\n{body}\n</div>\n'
                f'<footer class="entry-footer"><span class="tags-links">{h.c("Từ khóa:")} {tags}</span>{share}'
                f'</footer></article>\n<div class="related-posts"><h3>{h.c("Bài viết liên quan")}</h3><ul>{rel}</ul>'
                f'</div>\n{comment}')
        del s
        return self.layout(h, a.title, main, "single single-post"), h.chrome

    def listing(self, title, entries, cat, page):
        h = Html()
        items = []
        for e in entries:
            a = e.article
            items.append(f'<article class="post type-post"><header class="entry-header"><h2 class="entry-title">'
                         f'<a href="{esc(e.href)}" rel="bookmark">{esc(a.title)}</a></h2><div class="entry-meta">'
                         f'{self.time_tag(a)}</div></header><div class="entry-summary"><p>{esc(lede(a))}</p></div>'
                         f"</article>")
        extra = "".join(f'<p><a href="{esc(u)}">{esc(t)}</a></p>' for t, u in self.s.extra_links
                        if cat is None or cat is self.s.categories[0])
        pager = ""
        if cat:
            if self.v == "a":
                pager = pagination(h, cat.pages, page, "Trang sau »", "« Trang trước", "nav-links", "nav")
            else:
                older = (f'<div class="nav-previous"><a href="{esc(cat.pages[page + 1])}">{h.c("Bài cũ hơn")}</a>'
                         f"</div>") if page + 1 < len(cat.pages) else ""
                newer = (f'<div class="nav-next"><a href="{esc(cat.pages[page - 1])}">{h.c("Bài mới hơn")}</a>'
                         f"</div>") if page > 0 else ""
                pager = f'<nav class="navigation posts-navigation">{older}{newer}</nav>'
        main = f'<header class="page-header"><h1 class="page-title">{esc(title)}</h1></header>' + "".join(items)
        return self.layout(h, title, main + pager + extra, "archive category"), h.chrome

    def other(self, kind, title, body_html):
        h = Html()
        return self.layout(h, title, f'<h1 class="page-title">{esc(title)}</h1>{body_html}', "page"), h.chrome


# --- 4. NukeViet ---------------------------------------------------------------------------------------------


class NukeVietFamily(Family):
    """NukeViet: /vi/news/<cat>/<slug>-<id>.html, "Thứ tư - 04/04/2018 05:37", view counts, rating, other news."""

    def date_text(self, a: Article) -> str:
        d = a.published
        if self.v == "a":
            return f"{weekday(d)} - {d:%d/%m/%Y}" + ("" if a.date_only else f" {d:%H:%M}")
        return f"{weekday(d, True)}, {d:%d/%m/%Y}" + ("" if a.date_only else f", {d:%H:%M}")

    def layout(self, h: Html, title: str, main: str) -> str:
        s = self.s
        menu = "".join(f'<li><a href="{esc(u)}" title="{esc(t)}">{h.c(t)}</a></li>' for t, u in menu_items(s))
        today = f"{weekday(RENDER_DATE, True)}, {RENDER_DATE:%d/%m/%Y}"
        stats = (f'<div class="panel"><div class="panel-heading">{h.c("Thống kê truy cập")}</div><ul class="counter">'
                 f'<li>{h.c("Đang truy cập")} <span>27</span></li><li>{h.c("Hôm nay")} <span>1.342</span></li>'
                 f'<li>{h.c("Tổng lượt truy cập")} <span>2.418.775</span></li></ul></div>')
        foot = "<br>".join(h.c(x) for x in footer_lines(s))
        search_path = s.others.get("search", "/vi/search/")
        search = (f'<form action="{esc(search_path.split("?")[0])}" method="get"><input name="q" '
                  f'placeholder="{h.c("Tìm kiếm...")}"></form>')
        if self.v == "a":
            body = (f'<div class="body-bg"><div class="wraper"><header><div class="logo"><a href="/vi/"><img '
                    f'src="/uploads/logo.png" alt="{esc(s.name)}"></a></div><div class="headerSearch">{search}</div>'
                    f'<div class="current-time">{h.c(today)}</div></header><nav class="second-nav" id="menusite">'
                    f'<ul class="nav navbar-nav">{menu}</ul></nav>\n<section><div class="row"><div class="col-md-18">'
                    f'{main}</div><div class="col-md-6">{stats}</div></div></section>\n<footer id="footer">'
                    f'<div class="copyright">{foot}</div><a id="totop" href="#">{h.c("Về đầu trang")}</a></footer>'
                    f"</div></div>")
        else:
            body = (f'<div id="wrapper"><div id="header"><h1 class="site-name">{h.c(s.name)}</h1><span class="date">'
                    f'{h.c(today)}</span>{search}</div><div id="menu"><ul>{menu}</ul></div>\n<div id="content">'
                    f'<div class="left-col">{stats}</div><div class="main-col">{main}</div></div>\n<div id="footer">'
                    f'{foot}<p class="top"><a href="#wrapper">{h.c("Lên trên")}</a></p></div></div>')
        return doc(f"<title>{esc(title)} - {esc(s.name)}</title>", body)

    def article(self, e, related):
        h, a = Html(), e.article
        lead_html = lambda t: f'<div class="hometext m-bottom">{esc(t)}</div>'  # noqa: E731
        def cap(src, t):
            return (f'<div class="image-center"><figure class="image"><img alt="{esc(t)}" src="{src}">'
                       f'<figcaption>{esc(t)}</figcaption></figure></div>')
        body = body_blocks(a, ' style="text-align: justify;"', cap, "strong" if self.v == "a" else "h3", lead_html)
        if a.author:
            body += (f'\n<p style="text-align: right;"><strong>{esc(a.author)}</strong></p>' if a.author_pos != "top"
                     else "")
        top_author = (f'<div class="author">{h.c("Tác giả:")} {esc(a.author)}</div>'
                      if a.author and a.author_pos == "top" else "")
        views = f'{h.c("Lượt xem")}: {1000 + 37 * e.num}'
        rating = (f'<div class="news_column_rating"><span>{h.c("Tổng số điểm của bài viết là: 14 trong 3 đánh giá")}'
                  f'</span> {h.c("Click để đánh giá bài viết")}</div>')
        same = [r for r in related if r.cat is e.cat][:3]
        other = [r for r in related if r.cat is not e.cat][:3] or related[3:6]
        same_html = "".join(f'<li><a href="{esc(r.href)}">{h.c(r.article.title)}</a> <em>'
                            f'({self.item_date(r.article)})</em></li>' for r in same)
        other_html = "".join(f'<li><a href="{esc(r.href)}">{h.c(r.article.title)}</a></li>' for r in other)
        crumbs = (f'<ul class="breadcrumbs"><li><a href="/vi/">{h.c("Trang nhất")}</a></li><li><a href="'
                  f'{esc(e.cat.pages[0])}">{esc(e.cat.name)}</a></li></ul>')
        meta = f'<span class="meta"><em class="fa fa-clock-o"></em> {esc(self.date_text(a))}</span> <span>{views}</span>'
        main = (f'{crumbs}<div class="news_column panel"><div class="panel-body"><h1 class="title">{esc(a.title)}</h1>'
                f'<div class="meta">{meta}</div>{top_author}\n<div id="news-bodyhtml" class="bodytext margin-bottom-'
                f'lg">\n{body}\n</div>\n{rating}<div class="socialicon"><a href="#">{h.c("Chia sẻ")}</a> '
                f'<a href="#">{h.c("In bài viết")}</a></div></div></div>\n<div class="news_column"><h3>'
                f'{h.c("Tin cùng chuyên mục")}</h3><ul class="related">{same_html}</ul><h3>{h.c("Các tin khác")}</h3>'
                f'<ul class="related">{other_html}</ul></div>')
        return self.layout(h, a.title, main), h.chrome

    def listing(self, title, entries, cat, page):
        h = Html()
        items = []
        for e in entries:
            a = e.article
            items.append(f'<div class="news_column"><div class="panel-body clearfix"><a href="{esc(e.href)}"><img '
                         f'src="/assets/news/{a.key}.jpg" alt=""></a><h3><a href="{esc(e.href)}">{esc(a.title)}</a>'
                         f'</h3><div class="text-muted"><em>{esc(self.date_text(a))}</em></div><p class="hometext">'
                         f"{esc(lede(a, full=self.s.full_ledes and cat is None))}</p></div></div>")
        extra = "".join(f'<p><a href="{esc(u)}">{esc(t)}</a></p>' for t, u in self.s.extra_links if cat is None)
        pager = pagination(h, cat.pages, page, "Trang sau", "Trang trước", "pagination", "ul") if cat else ""
        main = f'<h2 class="page-title">{esc(title)}</h2>' + "\n".join(items) + pager + extra
        return self.layout(h, title, main), h.chrome

    def other(self, kind, title, body_html):
        h = Html()
        return self.layout(h, title, f"<h2>{esc(title)}</h2>{body_html}"), h.chrome


# --- 5. Liferay portal (seed 004) --------------------------------------------------------------------------


class LiferayFamily(Family):
    """Liferay: "Html Portlet" titles, weather box, "Tin nổi bật", journal-content-article, visitor counter, poll."""

    def date_text(self, a: Article) -> str:
        d = a.published
        if self.v == "a":
            return f"Ngày đăng {d:%d/%m/%Y}" + ("" if a.date_only else f" | {d:%H:%M}")
        return f"{d:%d/%m/%Y}" + ("" if a.date_only else f" {d:%H:%M}")

    def portlet(self, h: Html, title: str, inner: str) -> str:
        if self.v == "a":
            return (f'<section class="portlet"><header class="portlet-topper"><h2 class="portlet-title">'
                    f'<span class="portlet-title-text">{h.c(title)}</span></h2></header><div class="portlet-content">'
                    f"{inner}</div></section>")
        return f'<div class="box-portlet"><div class="box-title">{h.c(title)}</div><div class="box-body">{inner}</div></div>'

    def layout(self, h: Html, title: str, main: str) -> str:
        s = self.s
        others = sorted((e for e in s.entries if e.linked), key=lambda e: e.article.published, reverse=True)[:4]
        hot = "".join(f'<li><a href="{esc(e.href)}">{h.c(e.article.title)}</a><span class="date">'
                      f'{h.c(self.date_text(e.article))}</span></li>' for e in others)
        cities = ["Hà Nội", "Đà Nẵng", "TP Hồ Chí Minh", s.province]
        weather = "".join(f"<li>{h.c(c)} <span>{24 + i}°C</span></li>" for i, c in enumerate(cities))
        menu = "".join(f'<li><a href="{esc(u)}"><span>{h.c(t)}</span></a></li>' for t, u in menu_items(s))
        poll_q = "Bạn đánh giá thế nào về giao diện mới của Cổng thông tin?"
        poll = f'<p>{h.c(poll_q)}</p><label><input type="radio"> Đẹp</label><label><input type="radio"> Bình thường</label>'
        counter_label = "Thông tin truy cập" if self.v == "a" else "Lượt truy cập"
        counter = f"<p>{h.c(counter_label)} <strong>332609</strong></p>"
        foot = "<br>".join(h.c(x) for x in footer_lines(s))
        if self.v == "a":
            today = f"{weekday(RENDER_DATE)}, Ngày {RENDER_DATE.day} Tháng {RENDER_DATE.month} Năm {RENDER_DATE.year}"
            side = (self.portlet(h, "Html Portlet", f'<div class="weather"><h4>{h.c("thời tiết các vùng")}</h4><ul>'
                                 f"{weather}</ul></div>")
                    + self.portlet(h, "Tin nổi bật", f'<ul class="hot-news">{hot}</ul>')
                    + self.portlet(h, "Thăm dò ý kiến", poll) + self.portlet(h, "Html Portlet", counter))
            body = (f'<div id="wrapper" class="container-fluid"><header id="banner"><div class="date-time">{h.c(today)}'
                    f'</div><a class="logo" href="/web/guest"><img src="/image/layout_set_logo" alt="{esc(s.name)}">'
                    f'</a></header><nav id="navigation" class="sort-pages"><ul>{menu}</ul></nav>\n<div id="content">'
                    f'<div class="columns-2"><div class="portlet-column portlet-column-first">{main}</div>'
                    f'<div class="portlet-column portlet-column-last">{side}</div></div></div>\n<footer id="footer">'
                    f'{foot}<a href="#wrapper">{h.c("Về đầu trang")}</a></footer></div>')
        else:
            today = f"{weekday(RENDER_DATE, True)}, {RENDER_DATE:%d/%m/%Y}"
            side = (self.portlet(h, "Tin mới cập nhật", f'<ul class="list">{hot}</ul>')
                    + self.portlet(h, "Thời tiết", f"<ul>{weather}</ul>") + self.portlet(h, "Bình chọn", poll)
                    + self.portlet(h, "Thống kê", counter))
            body = (f'<div class="portal-wrap"><div class="top-header"><span class="today">{h.c(today)}</span>'
                    f'<a href="/dang-nhap">{h.c("Đăng nhập")}</a></div><div class="banner"><h1>{h.c(s.name)}</h1>'
                    f'</div><div class="menu-top"><ul>{menu}</ul></div>\n<table class="layout" width="100%"><tr>'
                    f'<td class="col-main" valign="top">{main}</td><td class="col-side" width="300" valign="top">'
                    f'{side}</td></tr></table>\n<div class="footer">{foot}<div class="go-top"><a href="#">'
                    f'{h.c("Về đầu trang")}</a></div></div></div>')
        return doc(f"<title>{esc(title)} - {esc(s.name)}</title>", body)

    def article(self, e, related):
        h, a = Html(), e.article
        def cap(src, t):
            return (f'<p style="text-align:center"><img src="{src}" style="width: 600px;"></p>\n'
                       f'<p style="text-align:center"><em>{esc(t)}</em></p>')
        lead_html = ((lambda t: f'<p><strong>{esc(t)}</strong></p>') if self.v == "a" else
                     (lambda t: f'<div class="sapo"><b>{esc(t)}</b></div>'))
        body = body_blocks(a, ' style="text-align: justify;"', cap, "strong", lead_html)
        if a.author:
            body += f'\n<p style="text-align: right;"><strong>{esc(a.author)}</strong></p>'
        rel = "".join(f'<li><a href="{esc(r.href)}">{h.c(r.article.title)}</a> ({self.item_date(r.article)})</li>'
                      for r in related[:4])
        tools = f'<div class="tools"><a href="#">{h.c("In trang")}</a> <a href="#">{h.c("Gửi Email")}</a></div>'
        if self.v == "a":
            inner = (f'<div class="journal-content-article"><h3 class="title-news">{esc(a.title)}</h3>'
                     f'<p class="date-news">{esc(self.date_text(a))}</p>\n{body}\n</div>{tools}'
                     f'<div class="other-news"><h4>{h.c("Các tin khác")}</h4><ul>{rel}</ul></div>')
            main = self.portlet(h, "Html Portlet", f'<div class="breadcrumb"><a href="/web/guest">{h.c("Trang chủ")}'
                                f'</a> &gt; <a href="{esc(e.cat.pages[0])}">{esc(e.cat.name)}</a></div>') + \
                self.portlet(h, e.cat.name, inner)
        else:
            inner = (f'<div class="news-detail"><div class="title">{esc(a.title)}</div><div class="time">'
                     f'{esc(self.date_text(a))}</div><div class="journal-content-article">\n{body}\n</div></div>'
                     f'{tools}<div class="tin-khac"><div class="label">{h.c("Tin đã đăng")}</div><ul>{rel}</ul></div>')
            main = (f'<div class="path"><a href="/">{h.c("Trang chủ")}</a> / <a href="{esc(e.cat.pages[0])}">'
                    f'{esc(e.cat.name)}</a></div>' + inner)
        return self.layout(h, a.title, main), h.chrome

    def listing(self, title, entries, cat, page):
        h = Html()
        items = []
        for e in entries:
            a = e.article
            items.append(f'<div class="nd_detail"><h2><a href="{esc(e.href)}">{esc(a.title)}</a> <span>'
                         f"({self.item_date(a)})</span></h2><img src=\"/documents/thumb/{a.key}.jpg\"><p>"
                         f"{esc(lede(a))}</p></div>")
        pager = pagination(h, cat.pages, page, "Trang sau", "Trang trước", "lfr-pagination", "div") if cat else ""
        extra = "".join(f'<p><a href="{esc(u)}">{esc(t)}</a></p>' for t, u in self.s.extra_links if cat is None)
        main = self.portlet(h, title if cat else "Tin tức - Sự kiện", "".join(items) + pager + extra)
        return self.layout(h, title, main), h.chrome

    def other(self, kind, title, body_html):
        h = Html()
        return self.layout(h, title, self.portlet(h, title, body_html)), h.chrome


# --- 6. ASP.NET government portal ---------------------------------------------------------------------------


class AspNetFamily(Family):
    """ASP.NET WebForms portal: .aspx query URLs, __VIEWSTATE, "Các tin đã đưa", login box, "Liên kết website"."""

    def date_text(self, a: Article) -> str:
        d = a.published
        if self.v == "a":
            return f"Ngày cập nhật: {d:%d/%m/%Y}" + ("" if a.date_only else f" {d:%H:%M}")
        return f"{d.day}-{d.month}-{d.year}"

    def layout(self, h: Html, title: str, main: str) -> str:
        s = self.s
        vs = "/wEPDwUKLTM0MjQ1NzE2Mw9kFgJmD2QWAgIDD2QWBAIBDxYCHgdWaXNpYmxlaGQCAw9kFgICAQ8WAh4LXyFJdGVtQ291bnQCBmQYAQUe"
        menu = "".join(f'<td class="menu-item"><a href="{esc(u)}">{h.c(t)}</a></td>' for t, u in menu_items(s))
        login = (f'<div class="login-box"><div class="title">{h.c("Đăng nhập hệ thống")}</div>'
                 f'<input name="ctl00$txtUser" type="text"><input name="ctl00$txtPass" type="password">'
                 f'<input type="submit" name="ctl00$btnLogin" value="{h.c("Đăng nhập")}"></div>')
        links = "".join(f'<option value="{esc(u)}">{h.c(t)}</option>' for t, u in [
            ("Tổng Liên đoàn Lao động Việt Nam", "http://www.congdoan.vn/"),
            ("Báo Lao Động", "https://laodong.vn/"), ("Cổng thông tin điện tử tỉnh", "https://www.example.gov.vn/")])
        web_links = (f'<div class="lienket"><div class="title">{h.c("Liên kết website")}</div><select onchange='
                     f'"window.open(this.value)"><option>{h.c("-- Chọn liên kết --")}</option>{links}</select>'
                     f'{self.sister_links(h)}</div>')
        foot = "<br>".join(h.c(x) for x in footer_lines(s))
        today = (f"{weekday(RENDER_DATE, True)}, ngày {RENDER_DATE:%d/%m/%Y}" if self.v == "a" else
                 f"Ngày {RENDER_DATE.day} tháng {RENDER_DATE.month} năm {RENDER_DATE.year}")
        form_open = ('<form method="post" action="./Default.aspx" id="aspnetForm">'
                     f'<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
                     f'value="{vs}"><input type="hidden" name="__EVENTVALIDATION" value="/wEdAAW2kXq1"></div>')
        if self.v == "a":
            body = (f'{form_open}<div id="ctl00_header" class="header"><div class="today">{h.c(today)}</div>'
                    f'<img src="/Images/banner.jpg" alt="{esc(s.name)}"></div><table class="menu"><tr>{menu}</tr>'
                    f'</table>\n<div class="page"><div id="ctl00_left" class="left">{login}{web_links}</div>'
                    f'<div id="ctl00_ContentPlaceHolder1_pnContent" class="center">{main}</div></div>\n'
                    f'<div class="footer">{foot}<a href="#">{h.c("Về đầu trang")}</a></div></form>')
        else:
            body = (f'{form_open}<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td '
                    f'class="banner"><span id="lblDate">{h.c(today)}</span></td></tr><tr><td><table class="mnu"><tr>'
                    f'{menu}</tr></table></td></tr><tr><td><table width="100%"><tr><td width="230" valign="top">'
                    f'{login}</td><td valign="top" id="ctl00_cph_main">{main}</td><td width="230" valign="top">'
                    f'{web_links}</td></tr></table></td></tr><tr><td class="foot">{foot}<br><a href="#">'
                    f'{h.c("Trở về đầu trang")}</a></td></tr></table></form>')
        return doc(f"<title>{esc(title)}</title>", body)

    def sister_links(self, h: Html) -> str:
        return "".join(f'<a class="sister" href="{{{{BASE_URL:{slug}}}}}/">{h.c(label)}</a> '
                       for label, slug in self.s.extra.get("sister_sites", []))

    def article(self, e, related):
        h, a = Html(), e.article
        def cap(src, t):
            return (f'<table class="image" align="center"><tr><td><img src="{src}" width="500"></td></tr>'
                       f'<tr><td class="caption"><em>{esc(t)}</em></td></tr></table>')
        lead_html = ((lambda t: f'<div class="summary"><strong>{esc(t)}</strong></div>') if self.v == "a" else
                     (lambda t: f'<span id="ctl00_cph_main_lblSummary" class="sapo"><b>{esc(t)}</b></span>'))
        body = body_blocks(a, ' align="justify"', cap, "strong", lead_html)
        if a.author:
            sig = a.author + (f" ({a.affiliation})" if a.affiliation else "")
            body += f'\n<p align="right"><b>{esc(sig)}</b></p>'
        olds = "".join(f'<li><a href="{esc(r.href)}">{h.c(r.article.title)}</a> <span class="date">'
                       f'({h.c(self.item_date(r.article))})</span></li>' for r in related[:5])
        tools = f'<div class="tool"><a href="#">{h.c("In bài")}</a> | <a href="#">{h.c("Gửi bài viết")}</a></div>'
        crumbs = (f'<div class="path"><a href="/">{h.c("Trang chủ")}</a> &raquo; <a href="{esc(e.cat.pages[0])}">'
                  f'{esc(e.cat.name)}</a></div>')
        if self.v == "a":
            main = (f'{crumbs}<div class="news-content"><span id="ctl00_ContentPlaceHolder1_lblTitle" class="title">'
                    f'{esc(a.title)}</span><br><span class="date">{esc(self.date_text(a))}</span>\n<div class="noidung">'
                    f'\n{body}\n</div>{tools}</div><div class="tin-da-dua"><div class="title">{h.c("Các tin đã đưa")}'
                    f'</div><ul>{olds}</ul></div>')
        else:
            main = (f'{crumbs}<table class="detail" width="100%"><tr><td class="tieude">{esc(a.title)}</td></tr>'
                    f'<tr><td class="ngay">{esc(self.date_text(a))}</td></tr><tr><td class="noidungchitiet">\n{body}\n'
                    f'</td></tr></table>{tools}<div class="cactindadua"><b>{h.c("Các tin đã đưa")}</b><ul>{olds}</ul>'
                    f"</div>")
        return self.layout(h, a.title, main), h.chrome

    def listing(self, title, entries, cat, page):
        h = Html()
        rows = []
        for e in entries:
            a = e.article
            rows.append(f'<tr><td class="item"><a class="tieude" href="{esc(e.href)}">{esc(a.title)}</a> '
                        f'<span class="ngay">({self.item_date(a)})</span><div class="tomtat">{esc(lede(a))}</div>'
                        f"</td></tr>")
        extra = "".join(f'<tr><td><a href="{esc(u)}">{esc(t)}</a></td></tr>' for t, u in self.s.extra_links
                        if cat is None or cat is self.s.categories[0])
        pager = pagination(h, cat.pages, page, "Trang sau", "Trang trước", "pager") if cat else ""
        main = f'<div class="cat-title">{esc(title)}</div><table class="list">{"".join(rows)}{extra}</table>{pager}'
        return self.layout(h, title, main), h.chrome

    def other(self, kind, title, body_html):
        h = Html()
        return self.layout(h, title, f'<div class="cat-title">{esc(title)}</div>{body_html}'), h.chrome


# --- 7. legacy table layout -----------------------------------------------------------------------------------


class LegacyFamily(Family):
    """2000s table layout: windows-1258 (or TCVN3 .VnTime) bytes, <br><br> paragraphs, nested tables."""

    def date_text(self, a: Article) -> str:
        d = a.published
        if self.v == "a":
            return f"(Ngày {d.day}/{d.month}/{d.year})" if a.date_only else f"(Ngày {d.day}/{d.month}/{d.year} - {d:%H:%M})"
        return f"{weekday(d, True)}, {d:%d/%m/%Y}" + ("" if a.date_only else f" - {d.hour}h{d.minute:02d}'")

    def layout(self, h: Html, title: str, main: str, font: str | None = None, charset: str = "windows-1258") -> str:
        s = self.s
        face = f' face="{font}"' if font else ' face="Times New Roman, Arial"'
        menu = " | ".join(f'<a href="{esc(u)}"><font{face} color="#FFFFFF"><b>{h.c(t)}</b></font></a>'
                          for t, u in menu_items(s))
        foot = "<br>".join(h.c(x) for x in footer_lines(s))
        today = f"{weekday(RENDER_DATE, True)}, {RENDER_DATE:%d/%m/%Y}"
        back = "Về đầu trang" if self.v == "a" else "Trở về"
        style = ('<style>@font-face { font-family: ".VnTime"; src: url("/fonts/VNTIME.TTF"); }</style>'
                 if font else "")
        body = (f'<table width="780" border="0" cellpadding="0" cellspacing="0" align="center" bgcolor="#FFFFFF"><tr>'
                f'<td><img src="/images/banner.gif" width="780" height="120" alt=""></td></tr><tr><td bgcolor="#003399"'
                f' height="24">{menu}</td></tr><tr><td align="right"><font{face} size="2"><i>{h.c(today)}</i></font>'
                f'</td></tr><tr><td><table width="100%" border="0" cellpadding="4"><tr><td width="170" valign="top" '
                f'bgcolor="#EEF3FF"><table width="100%">{self.left_col(h, face)}</table></td><td valign="top">'
                f"<table width=\"100%\"><tr><td>{main}</td></tr></table></td></tr></table></td></tr><tr><td "
                f'bgcolor="#DDDDDD" align="center"><font{face} size="2">{foot}</font><br><a href="#">'
                f'<font{face} size="2">{h.c(back)}</font></a></td></tr></table>')
        doctype = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">'
        return doc(f"<title>{esc(title)}</title>{style}", body, charset=charset, doctype=doctype)

    def left_col(self, h: Html, face: str) -> str:
        items = "".join(f'<tr><td><a href="{esc(c.pages[0])}"><font{face} size="2">{h.c("» " + c.name)}</font></a>'
                        f"</td></tr>" for c in self.s.categories)
        return f'<tr><td bgcolor="#003399"><font color="#FFFFFF"{face}><b>{h.c("DANH MỤC")}</b></font></td></tr>{items}'

    def article(self, e, related, font: str | None = None, charset: str = "windows-1258"):
        h, a = Html(), e.article
        face = f' face="{font}"' if font else ' face="Times New Roman"'
        parts = []
        if a.lead:
            parts.append(f"<b><i>{esc(a.lead)}</i></b>")
        for i, b in enumerate(a.blocks):
            if b.kind == "p":
                parts.append(esc(b.text))
            elif b.kind == "h":
                parts.append(f"<b>{esc(b.text)}</b>")
            else:
                parts.append(f'<center><img src="/images/news/{a.key}-{i}.jpg" border="0"><br><i>{esc(b.text)}</i>'
                             f"</center>")
        body = "<br><br>\n".join(parts)
        if a.author:
            body += f'<br><br>\n<div align="right"><b>{esc(a.author)}</b></div>'
        olds = "".join(f'<tr><td>- <a href="{esc(r.href)}"><font{face} size="2">{h.c(r.article.title)}</font></a> '
                       f"<font size=\"1\">{self.item_date(r.article)}</font></td></tr>" for r in related[:4])
        other_label = "Các tin khác:" if self.v == "a" else "Tin đã đăng:"
        main = (f'<table width="100%" cellpadding="3"><tr><td><font{face} size="4" color="#990000"><b>{esc(a.title)}'
                f'</b></font></td></tr><tr><td><font{face} size="2" color="#666666">{esc(self.date_text(a))}</font>'
                f'</td></tr><tr><td align="justify"><font{face} size="3">\n{body}\n</font></td></tr><tr><td '
                f'align="right"><a href="javascript:window.print()">{h.c("In trang")}</a> | <a href="javascript:'
                f'history.back()">{h.c("Quay lại")}</a></td></tr></table><table width="100%"><tr><td><b>'
                f"{h.c(other_label)}</b></td></tr>{olds}</table>")
        return self.layout(h, a.title, main, font, charset), h.chrome

    def listing(self, title, entries, cat, page):
        h = Html()
        rows = []
        for e in entries:
            a = e.article
            rows.append(f'<tr><td valign="top"><img src="/images/bullet.gif"></td><td><a href="{esc(e.href)}"><b>'
                        f'{esc(a.title)}</b></a> <font size="1" color="#666666">({self.item_date(a)})</font><br>'
                        f"{esc(lede(a))}</td></tr>")
        extra = "".join(f'<tr><td></td><td><a href="{esc(u)}">{esc(t)}</a></td></tr>' for t, u in self.s.extra_links
                        if cat is None)
        pager = ""
        if cat:
            nums = " ".join(f"[{i + 1}]" if i == page else f'<a href="{esc(p)}">[{i + 1}]</a>'
                            for i, p in enumerate(cat.pages))
            nxt = (f' <a href="{esc(cat.pages[page + 1])}">{h.c("Trang sau >>")}</a>'
                   if page + 1 < len(cat.pages) else "")
            pager = f"<tr><td></td><td align=\"center\">{h.c('Trang:')} {nums}{nxt}</td></tr>"
        main = (f'<table width="100%" cellpadding="3"><tr><td colspan="2" bgcolor="#EEEEEE"><b>{esc(title.upper())}'
                f"</b></td></tr>{''.join(rows)}{extra}{pager}</table>")
        return self.layout(h, title, main), h.chrome

    def other(self, kind, title, body_html):
        h = Html()
        return self.layout(h, title, f"<b>{esc(title)}</b><br><br>{body_html}"), h.chrome


# --- 8. laodong.vn-style newspaper (seed 003) ----------------------------------------------------------------


class NewspaperFamily(Family):
    """Newspaper: "Nguyên Anh |" byline, sapo, "TIN LIÊN QUAN" inside the article twice, keywords, JSON-LD."""

    def date_text(self, a: Article) -> str:
        d = a.published
        if self.v == "a":
            return f"{weekday(d, True)}, {d:%d/%m/%Y %H:%M} (GMT+7)"
        return f"{d:%H:%M} | {d:%d/%m/%Y}"

    def layout(self, h: Html, title: str, main: str, head_extra: str = "") -> str:
        s = self.s
        menu = "".join(f'<li><a href="{esc(u)}">{h.c(t)}</a></li>' for t, u in menu_items(s))
        extra_menu = "".join(f"<li><a href=\"https://laodong.vn/{x[1]}\">{h.c(x[0])}</a></li>" for x in [
            ("Thời sự", "thoi-su"), ("Pháp luật", "phap-luat"), ("Bạn đọc", "ban-doc")])
        today = f"{weekday(RENDER_DATE, True)}, {RENDER_DATE:%d/%m/%Y}"
        foot = "<br>".join(h.c(x) for x in footer_lines(s))
        hotline = h.c("Đường dây nóng: 0961.656.555") if self.v == "a" else h.c("Hotline: 0912.888.555")
        if self.v == "a":
            body = (f'<div class="wrapper"><header class="header"><div class="top-bar"><span>{h.c(today)}</span> '
                    f'<span>{hotline}</span></div><a class="logo" href="/">{esc(s.name)}</a><nav class="main-menu"><ul>'
                    f'{menu}{extra_menu}</ul></nav></header>\n<div class="main-content">{main}</div>\n<footer class='
                    f'"footer">{foot}<a class="go-top" href="#">{h.c("Về đầu trang")}</a></footer></div>')
        else:
            body = (f'<div id="admWrapsite"><div class="header-top"><span class="date">{h.c(today)}</span>{hotline}'
                    f'</div><div class="menu"><ul>{menu}{extra_menu}</ul></div>\n<div class="content-page">{main}</div>'
                    f'\n<div class="footer-page">{foot}<a href="#admWrapsite">{h.c("Lên đầu trang")}</a></div></div>')
        return doc(f"<title>{esc(title)}</title>{head_extra}", body)

    def related_block(self, h: Html, related: list[Entry]) -> str:
        items = []
        for r in related:
            ra = r.article
            name = (ra.author or "PV").upper()
            items.append(f'<div><a href="{esc(r.href)}"><h3>{h.c(ra.title)}</h3></a><div><span>{h.c(name + " |")}'
                         f"</span></div><p>{h.c(lede(ra))}</p></div>")
        return f"<div><div><b>{h.c('TIN LIÊN QUAN')}</b></div>{''.join(items)}</div>"

    def article(self, e, related):
        h, a = Html(), e.article
        def cap(src, t):
            return (f'<figure class="insert-center-image"><img src="{src}" alt="{esc(t)}"><figcaption>'
                       f"{esc(t)}</figcaption></figure>")
        if self.v == "a":
            lead_html = lambda t: f'<h2 class="sapo">{esc(t)}</h2>'  # noqa: E731
        else:
            lead_html = lambda t: f'<div class="sapo-detail"><strong>{esc(t)}</strong></div>'  # noqa: E731
        body = body_blocks(a, "", cap, "h2" if self.v == "a" else "h3", lead_html)
        byline = ""
        if a.author and a.author_pos == "top":
            byline = (f'<div class="author"><span class="name">{esc(a.author)}</span> |</div>' if self.v == "a" else
                      f'<p class="author-info"><b>{esc(a.author.upper())}</b> |</p>')
        if a.author:
            body += f'\n<p class="author-end" style="text-align:right"><strong>{esc(a.author)}</strong></p>'
        rel = related[:3]
        block = self.related_block(h, rel) if rel else ""
        kw = "".join(f'<span class="kw">{h.c(t)}</span> ' for t in a.tags)  # tag archives: not generated
        share = f'<div class="share"><a href="#">{h.c("Chia sẻ")}</a> <a href="#">{h.c("Bình luận")}</a></div>'
        crumbs = (f'<div class="breadcrumb"><a href="/">{h.c("Trang chủ")}</a> <a href="{esc(e.cat.pages[0])}">'
                  f'{esc(e.cat.name)}</a></div>')
        head = ""
        if self.v == "a":
            ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
                  "datePublished": a.published.isoformat(), "dateModified": a.published.isoformat(),
                  "author": {"@type": "Person", "name": a.author} if a.author else None,
                  "publisher": {"@type": "Organization", "name": self.s.name},
                  "mainEntityOfPage": "{{BASE_URL}}" + e.path}
            head = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
            head += f'<meta property="article:published_time" content="{a.published.isoformat()}">'
            main = (f'{crumbs}<div class="article-detail"><h1 class="title">{esc(a.title)}</h1><div class="time">'
                    f'<time class="f-datetime">{esc(self.date_text(a))}</time></div>{byline}<div class="art-body">\n'
                    f'{body}\n{block}\n<div class="keywords">{kw}</div>{block}</div>{share}</div>')
        else:
            main = (f'{crumbs}<div class="detail-content"><div class="top-detail"><div class="date-time">'
                    f'{esc(self.date_text(a))}</div><h1 class="title-detail">{esc(a.title)}</h1>{byline}</div>'
                    f'<div class="content-detail">\n{body}\n{block}</div><div class="tags">{h.c("Từ khóa:")} {kw}'
                    f'</div>{block}{share}</div>')
        return self.layout(h, a.title, main, head), h.chrome

    def listing(self, title, entries, cat, page):
        h = Html()
        items = []
        for e in entries:
            a = e.article
            name = (a.author or "PV").upper()
            items.append(f'<article class="article-large"><header><a href="{esc(e.href)}"><h2>{esc(a.title)}</h2></a>'
                         f'</header><div class="meta"><span>{esc(name)} |</span> <time>{self.item_date(a)}</time></div>'
                         f'<p class="chappeau">{esc(lede(a))}</p></article>')
        extra = "".join(f'<p><a href="{esc(u)}">{esc(t)}</a></p>' for t, u in self.s.extra_links
                        if cat is None or cat is self.s.categories[0])
        pager = pagination(h, cat.pages, page, "Trang sau", "Trang trước", "pagination", "div") if cat else ""
        main = f'<h1 class="cat-title">{esc(title)}</h1><ul class="list-main"><li>{"</li><li>".join(items)}</li></ul>'
        return self.layout(h, title, main + pager + extra), h.chrome

    def other(self, kind, title, body_html):
        h = Html()
        return self.layout(h, title, f"<h1>{esc(title)}</h1>{body_html}"), h.chrome


FAMILIES: dict[str, type[Family]] = {
    "php": PhpFamily, "joomla": JoomlaFamily, "wordpress": WordPressFamily, "nukeviet": NukeVietFamily,
    "liferay": LiferayFamily, "aspnet": AspNetFamily, "legacy": LegacyFamily, "newspaper": NewspaperFamily,
}
