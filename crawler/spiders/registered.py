"""One spider per registry entry, so that ``scrapy crawl <slug>`` works for every registered site."""

from __future__ import annotations

import logging

from crawler.registry import RegistryError, load_registry
from crawler.spiders.site import SiteSpider

logger = logging.getLogger(__name__)


def _spider_classes() -> dict[str, type[SiteSpider]]:
    try:
        sites = load_registry()
    except RegistryError as exc:  # the generic spider reports it when a crawl starts
        logger.debug("No per-site spiders: %s", exc)
        return {}
    return {site.slug: type(f"Spider_{site.slug}", (SiteSpider,),
                            {"name": site.slug, "fixed_site": site.slug, "__module__": __name__})
            for site in sites if site.slug != SiteSpider.name}


globals().update(_spider_classes())
