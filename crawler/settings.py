"""Scrapy settings for congdoan-corpus: polite defaults, our pipelines and middlewares.

Component defaults live with the components; ``congdoan crawl -s NAME=VALUE`` overrides any of these.
"""

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
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no listening ports on a crawl machine

REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprint.CanonicalRequestFingerprinter"
LOG_FORMATTER = "crawler.logformatter.QuietLogFormatter"
LOG_LEVEL = "INFO"

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SiteScopeMiddleware": 50,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.CanonicalRedirectMiddleware": 600,
}
ITEM_PIPELINES = {
    "pipelines.steps.ExtractPipeline": 100,
    "pipelines.steps.LanguagePipeline": 200,
    "pipelines.steps.DedupePipeline": 300,
    "pipelines.steps.ParquetPipeline": 400,
}
EXTENSIONS = {
    "crawler.manifest.RunManifest": 500,
}
