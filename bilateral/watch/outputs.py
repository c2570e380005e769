"""Where alerts go besides the store: a JSON Lines file, and a webhook that receives each alert as a signed
JSON POST (the terminal is the CLI's). A body is signed with HMAC-SHA256 of the shared secret, sent as
``X-Bilateral-Signature: sha256=<hex>``; the receiver computes the same over the raw body and compares.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bilateral.read.fetch import USER_AGENT

log = logging.getLogger(__name__)

Alert = dict[str, Any]
Output = Callable[[Alert], None]
SIGNATURE_HEADER = "X-Bilateral-Signature"
_RETRIED = {408, 425, 429, 500, 502, 503, 504}


def body(alert: Alert) -> bytes:
    """An alert as the bytes every output writes (one line of JSON, keys sorted)."""
    return json.dumps(alert, ensure_ascii=False, sort_keys=True).encode("utf-8")


def signature(payload: bytes, secret: str) -> str:
    """The signature header's value for ``payload``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), payload, hashlib.sha256).hexdigest()


class JsonLines:
    """Appends each alert to a file, one JSON object a line, flushed at once (``tail -f`` shows it)."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __call__(self, alert: Alert) -> None:
        with self._path.open("ab") as stream:
            stream.write(body(alert) + b"\n")


class Webhook:
    """POSTs each alert to ``url``, tried ``retries`` more times on a network error or a 408, 429 or 5xx answer,
    after waits that double (with jitter); an alert still undelivered is logged, and the watch goes on."""

    def __init__(
        self,
        url: str,
        *,
        secret: str | None,
        retries: int = 3,
        timeout: float = 10.0,
        first_wait: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import httpx

        self._url = url
        self._secret = secret
        self._retries = retries
        self._first_wait = first_wait
        self._sleep = sleep
        self._client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False)

    def __call__(self, alert: Alert) -> None:
        self.deliver(alert)

    def deliver(self, alert: Alert) -> bool:
        """Whether the receiver took the alert (a 2xx answer) within the tries."""
        import httpx

        payload = body(alert)
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
        if self._secret:
            headers[SIGNATURE_HEADER] = signature(payload, self._secret)
        problem = ""
        for attempt in range(self._retries + 1):
            if attempt:
                self._sleep(self._first_wait * 2 ** (attempt - 1) * random.uniform(0.8, 1.2))
            try:
                response = self._client.post(self._url, content=payload, headers=headers)
            except httpx.HTTPError as error:
                problem = f"{type(error).__name__}: {error}"
                continue
            if response.is_success:
                return True
            problem = f"HTTP {response.status_code}"
            if response.status_code not in _RETRIED:
                break
        log.warning("%s: alert %s on story %s not delivered (%s)", self._url, alert["rule"], alert["story"], problem)
        return False

    def close(self) -> None:
        self._client.close()
