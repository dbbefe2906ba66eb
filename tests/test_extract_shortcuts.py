"""Shortcuts taken for speed say exactly what their plain definitions say: the memoised attachment test of
``clean_tree``, the one-XPath candidates of the main prose block and the link texts read once per page."""

from __future__ import annotations

import random

from lxml import html as lxml_html

from pipelines.extract.clean import Attachment
from pipelines.extract.normalize import normalize_line
from pipelines.extract.pagetype import _LEAF_BLOCKS, _PROSE_CANDIDATES, page_anchors

TAGS = ("div", "p", "span", "a", "td", "li", "font", "h2", "b", "table", "ul", "br")


def random_tree(rng: random.Random, nodes: int = 120) -> lxml_html.HtmlElement:
    """A random body of nested blocks and links, texts of every length, a few <br>s and comments."""
    root = lxml_html.fromstring("<html><body></body></html>")
    elements = [root.find("body")]
    for n in range(nodes):
        parent = rng.choice(elements)
        if parent.tag == "br":
            continue
        child = lxml_html.etree.SubElement(parent, rng.choice(TAGS))
        if child.tag == "a":
            child.set("href", f"/tin-{n}.html")
        if rng.random() < 0.1:
            child.append(lxml_html.etree.Comment("x"))
        child.text = " ".join(["chữ"] * rng.choice([0, 1, 5, 20, 40]))
        child.tail = "đuôi " * rng.choice([0, 0, 3])
        elements.append(child)
    return root


def _attached(element: lxml_html.HtmlElement, root: lxml_html.HtmlElement) -> bool:
    """The plain definition: ``element`` is ``root`` or has it among its ancestors."""
    return element is root or any(a is root for a in element.iterancestors())


def test_memoised_attachment_agrees_with_the_walk_to_the_root_while_blocks_are_removed() -> None:
    rng = random.Random(3)
    for _ in range(40):
        root = random_tree(rng).find("body")
        attached = Attachment(root)
        elements = list(root.iter())
        detached = 0
        for element in elements:
            assert attached(element) == _attached(element, root)
            if element is not root and element.getparent() is not None and rng.random() < 0.08:
                element.drop_tree()
                attached.forget()
        for element in elements:
            detached += not _attached(element, root)
            assert attached(element) == _attached(element, root)
        assert detached  # removals happened, so both answers were tried


def test_prose_candidates_are_the_links_and_the_long_leaf_blocks_in_page_order() -> None:
    rng = random.Random(5)
    for _ in range(40):
        body = random_tree(rng).find("body")
        expected = [e for e in body.iter("a", *_LEAF_BLOCKS) if e.tag == "a" or len(e.text_content()) >= 80
                    and next(e.iterdescendants("p", "div", "td", "li", "table"), None) is None]
        got = _PROSE_CANDIDATES(body)
        assert any(e.tag != "a" for e in got)
        assert got == expected


def test_link_texts_are_the_links_text_content() -> None:
    rng = random.Random(9)
    tree = random_tree(rng, 300)
    anchors = page_anchors(tree)
    assert len(anchors) == sum(1 for _ in tree.iter("a")) > 10
    for a, href, text in anchors:
        assert href == a.get("href")
        assert text == normalize_line(a.text_content())
