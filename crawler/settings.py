"""Scrapy settings for congdoan-corpus: polite defaults, our pipelines and middlewares.

Component defaults live with the components; ``congdoan crawl -s NAME=VALUE`` overrides any of these.
"""

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "congdoan"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Our own settings (see README): registry, output, state; CONGDOAN_CRAWL_ID is set per run.
CONGDOAN_SITES_FILE = None  # None: crawler/sites.yaml
CONGDOAN_OUT = "data/corpus"
CONGDOAN_STATE = "data/state"
CONGDOAN_LANGUAGES = ["vi"]
CONGDOAN_ROWS_PER_FILE = 1000
DEDUPE_SHINGLE_SIZE = 5
DEDUPE_NUM_PERM = 128
DEDUPE_THRESHOLD = 0.8
CONGDOAN_EXTRACT_WORKERS = -1  # extraction processes; -1: one per core, 0: extract on the reactor thread
CONGDOAN_EXTRACT_TIMEOUT = 60.0  # seconds one page may take to extract (then: error extract_timeout)
# Limits against crawler traps and hostile sites (see README "Limits" and SECURITY.md); 0 = no limit.
CONGDOAN_MAX_PAGES_PER_SITE = 50_000  # a registry entry's max_pages overrides it
CONGDOAN_MAX_PATTERN_PAGES = 100  # pages of one URL pattern in a row without a new article
CONGDOAN_MAX_DEPTH = 20  # pattern-changing hops from a start page; a registry entry's max_depth overrides it
CONGDOAN_BLOCKED_NETWORKS = []  # empty: crawler.addresses.DEFAULT_BLOCKED_NETWORKS
CONGDOAN_EXTRA_BLOCKED_NETWORKS = []
CONGDOAN_ARCHIVE = None  # a directory: keep every response as WARC (crawler/archive.py)
CONGDOAN_ARCHIVE_MAX_BYTES = 256 * 1024 * 1024
# Web archives for `congdoan backfill` (crawler/backfill.py).
CONGDOAN_WAYBACK_CDX = "http://web.archive.org/cdx/search/cdx"
CONGDOAN_WAYBACK_WEB = "http://web.archive.org/web"
CONGDOAN_COMMONCRAWL_INDEX = "https://index.commoncrawl.org"
CONGDOAN_COMMONCRAWL_DATA = "https://data.commoncrawl.org"
# Incremental crawls (crawler/incremental.py): stop paging a listing after this many pages in a row that
# hold only known articles (0: never stop); re-fetch stored articles younger than this many days (0: never).
CONGDOAN_STOP_AFTER_KNOWN_PAGES = 2
CONGDOAN_REVISIT_DAYS = 0.0
# Progress (crawler/progress.py): "auto" (a line per site redrawn on a terminal, log lines otherwise), "tty",
# "log" or "off"; seconds between log lines when not on a terminal.
CONGDOAN_PROGRESS = "auto"
CONGDOAN_PROGRESS_INTERVAL = 60.0

# Politeness: identify ourselves, obey robots.txt, one site at a time at a gentle pace.
USER_AGENT = "congdoan-corpus/0.1 (research crawler of Vietnamese trade-union news)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
# Bound what a page may cost: union pages are well under 2 MiB; Scrapy's default limit is 1 GiB.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# One item per response: Scrapy starts CONCURRENT_ITEMS tasks for each callback's output (default 100).
CONCURRENT_ITEMS = 8
DEPTH_PRIORITY = 1  # breadth-first: listings near the start pages before deep archives
SCHEDULER_MEMORY_QUEUE = "crawler.queues.CompactLifoMemoryQueue"  # waiting requests as JSON: 450 B, not 1.5 KB
# Cookies only in each site's own jar (meta['cookiejar'] = slug, set by SiteRequestMiddleware): cookie-challenge
# stubs need them; no cookie ever crosses sites.
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no listening ports on a crawl machine

# Only http and https: no file://, data:, ftp:// or s3:// downloads, whatever a page or redirect names.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}

REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprint.CanonicalRequestFingerprinter"
LOG_FORMATTER = "crawler.logformatter.QuietLogFormatter"
LOG_LEVEL = "INFO"

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SiteScopeMiddleware": 50,
    "crawler.middlewares.AddressPolicyMiddleware": 51,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.CanonicalRedirectMiddleware": 600,
    "crawler.politeness.SiteRequestMiddleware": 60,  # site's jar, slot, timeout, proxy
    "crawler.redirects.StartRedirectMiddleware": 610,  # sees a start URL's redirect before 600 follows it
    "crawler.challenge.ChallengeMiddleware": 580,  # after decompression (590), before cookies (700)
    "crawler.politeness.RetryAfterMiddleware": 560,  # before Scrapy's retry (550)
    "crawler.archive.ArchiveMiddleware": 950,  # next to the downloader: bytes as served (CONGDOAN_ARCHIVE)
}
ITEM_PIPELINES = {
    "pipelines.steps.ExtractPipeline": 100,
    "pipelines.steps.LanguagePipeline": 200,
    "pipelines.versions.VersionPipeline": 250,
    "pipelines.steps.DedupePipeline": 300,
    "pipelines.versions.PageStatePipeline": 350,
    "pipelines.steps.ParquetPipeline": 400,
}
# Scrapy's extensions without the two consoles, which are off (above) but would still be imported (Scrapy
# imports every listed extension, even one set to None in EXTENSIONS): the remote control alone pulls in
# aiohttp, a tenth of a second or more of every start-up.
EXTENSIONS_BASE = {name: order for name, order in _scrapy_defaults.EXTENSIONS_BASE.items()
                   if name not in ("scrapy.extensions.telnet.TelnetConsole",
                                   "scrapy.extensions.remote_control.RemoteControl")}
EXTENSIONS = {
    "crawler.manifest.RunManifest": 500,
    "crawler.progress.Progress": 510,
}
