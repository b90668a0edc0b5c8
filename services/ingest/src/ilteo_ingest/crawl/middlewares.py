"""Downloader middlewares and log formatting: backoff on 429/5xx, keys masked."""

import asyncio
import logging
import re
from typing import Any

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from scrapy.utils.response import response_status_message

from ilteo_ingest.sources import SOURCES

# Every key parameter of the catalog, masked wherever a URL is logged.
_KEY_PARAMS = sorted({s.key_param for s in SOURCES.values() if s.key_param})
_KEY_IN_URL = re.compile(
    r"(?P<name>" + "|".join(map(re.escape, _KEY_PARAMS)) + r")=(?P<value>[^&\s>'\"]+)",
    re.IGNORECASE,
)
MASK = "***"


def mask_keys(text: str, secrets: tuple[str, ...] = ()) -> str:
    masked = _KEY_IN_URL.sub(lambda m: f"{m['name']}={MASK}", text)
    for secret in secrets:
        if secret:
            masked = masked.replace(secret, MASK)
    return masked


class KeyMaskingFilter(logging.Filter):
    """Rewrites every record so that no API key reaches a log handler."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str):
            # structlog events carry a dict; ours never hold a key.
            return True
        message = record.getMessage()
        masked = mask_keys(message, self._secrets)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class MaskingLogFormatter(LogFormatter):
    """Scrapy's own lines (Crawled, Scraped, Dropped) with keys masked."""

    def crawled(
        self, request: Request, response: Response, spider: Spider
    ) -> LogFormatterResult:
        result = super().crawled(request, response, spider)
        return _masked(result)

    def download_error(
        self,
        failure: Any,
        request: Request,
        spider: Spider,
        errmsg: str | None = None,
    ) -> LogFormatterResult:
        return _masked(super().download_error(failure, request, spider, errmsg))


def _masked(result: LogFormatterResult) -> LogFormatterResult:
    args = result.get("args")
    if isinstance(args, dict):
        result["args"] = {k: mask_keys(str(v)) for k, v in args.items()}
    return result


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries 429 and 5xx after an exponential pause (or the server's
    Retry-After); the retry goes through the same throttled slot, so the
    source's request rate holds for retries too."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base_delay_s = settings.getfloat("RETRY_BACKOFF_BASE_S", 1.0)
        self.max_delay_s = settings.getfloat("RETRY_BACKOFF_MAX_S", 30.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        retryable = response.status in self.retry_http_codes
        if request.meta.get("dont_retry") or not retryable:
            return response
        attempt = int(request.meta.get("retry_times", 0))
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await asyncio.sleep(self._delay_s(response, attempt))
        return retry

    def _delay_s(self, response: Response, attempt: int) -> float:
        stated = response.headers.get(b"Retry-After")
        if stated and stated.strip().isdigit():
            return min(float(stated.strip()), self.max_delay_s)
        return float(min(self.base_delay_s * 2**attempt, self.max_delay_s))
