"""The shipped senders: a log sender (default) and an HTTP webhook sender (an SMS gateway or WeChat bridge).

The webhook receives ``POST`` JSON ``{"id", "kind", "to", "text", "attempt"}``; with a secret the body is signed
(``X-Tingwu-Signature: sha256=<hex HMAC of the body>``) so the receiver can check it came from Tingwu. A 2xx answer
is a delivery; anything else (an error status, a timeout, a refused connection) is a failure to retry. The
receiver should treat ``id`` as idempotency key: a retry after a lost answer sends the same id again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

import httpx

from core.policy.notifications import DeliveryResult, OutgoingMessage, SenderSettings

logger = logging.getLogger("tingwu.notifications")


async def log_sender(message: OutgoingMessage) -> DeliveryResult:
    """Writes the message to the log (no personal data beyond the masked number)."""
    masked = message.to[:3] + "****" + message.to[-4:] if len(message.to) >= 7 else "****"
    logger.info("notification %s %s to %s: %s", message.id, message.kind, masked, message.text)
    return DeliveryResult(ok=True, detail="logged")


async def webhook_sender(message: OutgoingMessage, settings: SenderSettings) -> DeliveryResult:
    body = json.dumps({"id": message.id, "kind": message.kind, "to": message.to, "text": message.text,
                       "attempt": message.attempt}, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": message.id}
    if settings.webhook_secret:
        signature = hmac.new(settings.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        headers["X-Tingwu-Signature"] = f"sha256={signature}"
    try:
        async with httpx.AsyncClient(timeout=settings.timeout_seconds) as client:
            response = await client.post(settings.webhook_url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return DeliveryResult(ok=False, detail=f"{type(exc).__name__}: {exc}"[:500])
    if 200 <= response.status_code < 300:
        return DeliveryResult(ok=True, detail=f"HTTP {response.status_code}")
    return DeliveryResult(ok=False, detail=f"HTTP {response.status_code}: {response.text[:300]}")


def default_sender(message: OutgoingMessage, settings: SenderSettings):
    """The baseline's choice: the webhook when one is configured, else the log."""
    if settings.webhook_url:
        return webhook_sender(message, settings)
    return log_sender(message)
