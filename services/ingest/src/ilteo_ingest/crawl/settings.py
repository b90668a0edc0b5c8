"""Scrapy settings of the crawl, derived from the service's ``Settings``."""

from scrapy.settings import Settings as ScrapySettings

from ilteo_ingest.settings import Settings

SETTINGS_KEY = "ILTEO_INGEST_SETTINGS"
MODE_KEY = "ILTEO_INGEST_MODE"

# Retried with backoff: throttling and server trouble.
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]


def scrapy_settings(settings: Settings, *, mode: str = "full") -> ScrapySettings:
    scrapy = ScrapySettings()
    scrapy.setdict(
        {
            SETTINGS_KEY: settings,
            MODE_KEY: mode,
            "BOT_NAME": "ilteo",
            "SPIDER_MODULES": ["ilteo_ingest.crawl.spiders"],
            "USER_AGENT": settings.user_agent,
            "LOG_LEVEL": settings.log_level,
            "LOG_FORMATTER": "ilteo_ingest.crawl.middlewares.MaskingLogFormatter",
            "LOG_INSTALL_ROOT_HANDLER": False,
            "TELNETCONSOLE_ENABLED": False,
            # Politeness: one request at a time per source, at least the
            # source's delay apart; AutoThrottle may slow down, never speed up.
            "ROBOTSTXT_OBEY": False,
            "CONCURRENT_REQUESTS": 4,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
            "RANDOMIZE_DOWNLOAD_DELAY": False,
            "AUTOTHROTTLE_ENABLED": True,
            "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
            "AUTOTHROTTLE_MAX_DELAY": 60.0,
            "DOWNLOAD_TIMEOUT": settings.download_timeout_s,
            "RETRY_ENABLED": True,
            "RETRY_TIMES": settings.retry_times,
            "RETRY_HTTP_CODES": RETRY_HTTP_CODES,
            "DOWNLOADER_MIDDLEWARES": {
                "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
                "ilteo_ingest.crawl.middlewares.BackoffRetryMiddleware": 550,
            },
            "ITEM_PIPELINES": {
                "ilteo_ingest.crawl.pipelines.PublishPipeline": 300,
            },
            "CONCURRENT_ITEMS": 200,
            "HTTPERROR_ALLOW_ALL": False,
            "COOKIES_ENABLED": False,
            "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        },
        priority="project",
    )
    return scrapy
