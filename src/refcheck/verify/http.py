"""The HTTP client every registry source uses: httpx, the response cache, retries with back-off, a rate limit.

A timeout, a connection error, a 429 or a 5xx is retried (honouring
Retry-After) up to `retries` times and then raised as `SourceUnavailable`:
the caller reports the reference as not checked, and the run goes on. A 404
is an answer ("no such work") and is cached like any other.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from refcheck import __version__
from refcheck.verify.cache import ResponseCache

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class SourceUnavailable(Exception):
    """A source could not answer (offline, timed out, rate-limited, broken); the reference stays unchecked."""


@dataclass
class HttpSettings:
    offline: bool = False
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    max_age: float | None = 30 * 86400  # cached answers older than this are asked again
    mailto: str | None = None
    rate: dict[str, float] = field(default_factory=dict)  # source name -> requests per second


class HttpClient:
    def __init__(self, settings: HttpSettings, cache: ResponseCache | None = None) -> None:
        self.settings = settings
        self.cache = cache
        self.requests = 0  # made over the network in this run
        self._last: dict[str, float] = {}
        self._client = None

    def _http(self):
        if self._client is None:
            import httpx  # only a run that goes online pays for importing it

            agent = f"refcheck/{__version__}" + (f" (mailto:{self.settings.mailto})" if self.settings.mailto else "")
            self._client = httpx.Client(timeout=self.settings.timeout, headers={"User-Agent": agent},
                                        follow_redirects=True)
        return self._client

    def get_json(self, source: str, url: str, params: dict | None = None) -> dict | None:
        """The JSON answer of GET url?params; None when the source says 404 (no such work)."""
        full = url + ("?" + urlencode(sorted((params or {}).items())) if params else "")
        if self.cache is not None and (hit := self.cache.get(full, self.settings.max_age)) is not None:
            status, body = hit
            return None if status == 404 else json.loads(body)
        if self.settings.offline:
            raise SourceUnavailable("offline, and not in the cache")
        status, body = self._fetch(source, full)
        if self.cache is not None:
            self.cache.put(full, status, body)
        return None if status == 404 else json.loads(body)

    def _fetch(self, source: str, url: str) -> tuple[int, str | None]:
        import httpx

        delay = self.settings.backoff
        problem = ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                time.sleep(delay)
                delay *= 2
            self._wait_turn(source)
            self.requests += 1
            try:
                response = self._http().get(url)
            except httpx.TimeoutException:
                problem = f"timed out after {self.settings.timeout:g} s"
                continue
            except httpx.TransportError as exc:
                problem = f"cannot connect ({type(exc).__name__})"
                continue
            if response.status_code in RETRY_STATUS:
                problem = f"HTTP {response.status_code}"
                delay = max(delay, _retry_after(response.headers.get("Retry-After")))
                continue
            if response.status_code == 404:
                return 404, None
            if response.status_code != 200:
                raise SourceUnavailable(f"HTTP {response.status_code} for {url}")
            try:
                response.json()
            except ValueError:
                raise SourceUnavailable(f"answer is not JSON: {url}") from None
            return 200, response.text
        tries = self.settings.retries + 1
        raise SourceUnavailable(f"{problem} ({tries} attempt{'s' if tries > 1 else ''})")

    def _wait_turn(self, source: str) -> None:
        rate = self.settings.rate.get(source)
        if not rate:
            return
        wait = self._last.get(source, 0.0) + 1.0 / rate - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[source] = time.monotonic()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _retry_after(value: str | None) -> float:
    """Seconds a 429 asks us to wait (capped: a run is never held for minutes by one answer)."""
    try:
        return min(float(value), 60.0) if value else 0.0
    except ValueError:
        return 0.0
