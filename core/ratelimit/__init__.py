"""Rate limits (限流) for the public and abusable operations, with the ``limits`` library.

One call for a resolver or a service::

    from core import ratelimit
    await ratelimit.check(info.context, "takeTicket", device=device_id)

``check`` counts one hit against every limit of the rule that has an identifier (the client
address is always known: it comes from :func:`client_address`; other identifiers such as
``account`` or ``device`` are passed by the caller) and raises :class:`RateLimited` when one of
them is exhausted. The error carries ``retry_after`` (seconds); the GraphQL transport answers
HTTP 429 with a ``Retry-After`` header, and mutations return it as the typed ``RateLimited`` error.

Counts live in Redis when ``TINGWU_REDIS_URL`` is set, so that every worker shares them, and in
the worker's memory otherwise. Limits are configured per deployment (``TINGWU_RATE_LIMITS`` or
``[tingwu.rate_limits]`` in ``tingwu.toml``); see ``docs/operations.md``.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from core.errors import DomainError

# rule → identifier kind → limit ("N/second|minute|hour|day", several joined with ";").
# ``address`` is the client's address; the other kinds are given by the caller of ``check``.
DEFAULT_RULES: dict[str, dict[str, str]] = {
    # 登录: every attempt counts per address and per account; failures lock the account for a while.
    "signIn": {"address": "20/minute;200/hour", "account": "10/minute"},
    "signInFailure": {"account": "5/15 minutes", "address": "30/15 minutes"},
    # Citizen-facing writes: a kiosk serves a whole hall, so the per-address limit is generous and
    # the per-device one (a rating pad, a ticket kiosk, a signed-in client) is what holds a single source.
    "takeTicket": {"address": "120/minute", "device": "60/minute"},
    "submitRating": {"address": "60/minute", "device": "30/minute"},
    "submitComplaint": {"address": "10/minute;50/day", "device": "5/minute"},
    # Public look-ups (queue boards, progress look-up by serial number).
    "publicLookup": {"address": "120/minute", "device": "60/minute"},
    # 办件进度查询: wrong verifications lock the serial number (and the address) for a while, so the last
    # four digits of an ID number or phone cannot be guessed (10,000 tries) — 5 per serial per 15 minutes.
    "progressLookupFailure": {"serial": "5/15 minutes", "address": "20/15 minutes"},
    # Audit rows for refusals and denials are sampled: at most this many per caller, the rest are counted only.
    "auditDenial": {"caller": "10/minute"},
}


class RateLimited(DomainError):
    """Too many requests from this address, device or account; try again after ``retry_after`` seconds."""

    def __init__(self, rule: str, kind: str, retry_after: int):
        super().__init__("RATE_LIMITED", {"retry_after": retry_after, "rule": rule, "kind": kind})
        self.rule = rule
        self.kind = kind
        self.retry_after = retry_after


@dataclass(frozen=True)
class Limit:
    rule: str
    kind: str
    items: tuple[RateLimitItem, ...]


def parse_rules(rules: Mapping[str, Mapping[str, str]]) -> dict[tuple[str, str], Limit]:
    """Parse the configured rules; an unparsable limit fails at start-up with its name."""
    parsed: dict[tuple[str, str], Limit] = {}
    for rule, kinds in rules.items():
        for kind, text in kinds.items():
            text = str(text).strip()
            if text.lower() in ("", "off", "none"):
                continue
            try:
                items = tuple(parse_many(text))
            except ValueError as exc:
                raise ValueError(f"rate limit {rule}.{kind} = {text!r}: {exc}") from None
            parsed[(rule, kind)] = Limit(rule, kind, items)
    return parsed


def merged_rules(overrides: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    """The defaults with a deployment's overrides on top (``off`` removes a limit)."""
    rules = {rule: dict(kinds) for rule, kinds in DEFAULT_RULES.items()}
    for rule, kinds in (overrides or {}).items():
        rules.setdefault(rule, {}).update({k: str(v) for k, v in kinds.items()})
    return rules


def parse_rules_env(text: str) -> dict[str, dict[str, str]]:
    """``signIn.account=5/minute, takeTicket.device=off`` → {"signIn": {"account": "5/minute"}, …}.

    Several limits for one key are joined with ``;`` (``submitComplaint.address=10/minute;50/day``).
    """
    result: dict[str, dict[str, str]] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        rule, dot, kind = key.strip().partition(".")
        if not sep or not dot or not rule or not kind:
            raise ValueError(f"TINGWU_RATE_LIMITS: expected rule.kind=limit, got {part!r}")
        result.setdefault(rule, {})[kind.strip()] = value.strip()
    return result


def build_storage(redis_url: str | None) -> Storage:
    """Redis (shared by every worker) when configured, else this worker's memory."""
    if redis_url:
        uri = redis_url if redis_url.startswith("async+") else f"async+{redis_url}"
        return RedisStorage(uri, implementation="redispy", key_prefix="tingwu-ratelimit")
    return MemoryStorage()


class Limiter:
    """The configured limits over one storage; one per running Tingwu (``runtime.limiter``)."""

    def __init__(self, rules: Mapping[str, Mapping[str, str]] | None = None, *, storage: Storage | None = None,
                 redis_url: str | None = None, key_prefix: str = ""):
        self.rules = merged_rules(rules)
        self.limits = parse_rules(self.rules)
        self.storage = storage or build_storage(redis_url)
        self.strategy = MovingWindowRateLimiter(self.storage)
        self.key_prefix = key_prefix
        self.refusals = 0  # read by the metrics

    def _limits(self, rule: str, identifiers: Mapping[str, str | None]) -> Iterable[tuple[Limit, str]]:
        for kind, value in identifiers.items():
            if value is None or value == "":
                continue
            limit = self.limits.get((rule, kind))
            if limit is not None:
                yield limit, f"{self.key_prefix}{rule}:{kind}:{value}"

    async def hit(self, rule: str, **identifiers: str | None) -> None:
        """Count one request against every limit of ``rule``.

        :raises RateLimited: when one of them is exhausted (the request is then not counted further).
        """
        for limit, key in self._limits(rule, identifiers):
            for item in limit.items:
                if not await self.strategy.hit(item, key):
                    self.refusals += 1
                    on_refusal(rule, limit.kind)
                    raise RateLimited(rule, limit.kind, await self._retry_after(item, key))

    async def test(self, rule: str, **identifiers: str | None) -> None:
        """Refuse when a limit of ``rule`` is already exhausted, without counting (lockouts).

        :raises RateLimited: with the seconds until the oldest counted hit leaves the window.
        """
        for limit, key in self._limits(rule, identifiers):
            for item in limit.items:
                if not await self.strategy.test(item, key):
                    self.refusals += 1
                    on_refusal(rule, limit.kind)
                    raise RateLimited(rule, limit.kind, await self._retry_after(item, key))

    async def clear(self, rule: str, **identifiers: str | None) -> None:
        """Forget the counts of ``rule`` for these identifiers (e.g. failures after a good sign-in)."""
        for limit, key in self._limits(rule, identifiers):
            for item in limit.items:
                await self.strategy.clear(item, key)

    async def _retry_after(self, item: RateLimitItem, key: str) -> int:
        stats = await self.strategy.get_window_stats(item, key)
        return max(1, math.ceil(stats.reset_time - time.time()))

    async def reset(self) -> None:
        """Forget every count (tests; an operator after a false alarm)."""
        await self.storage.reset()


def on_refusal(rule: str, kind: str) -> None:
    """Hook for the metrics (``core.observability`` replaces it); does nothing by default."""


# --- the client's address -----------------------------------------------------------------------


def parse_networks(values: Iterable[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    networks = []
    for value in values:
        value = value.strip()
        if value:
            try:
                networks.append(ipaddress.ip_network(value, strict=False))
            except ValueError:
                raise ValueError(f"TINGWU_TRUSTED_PROXIES: {value!r} is not an address or network") from None
    return tuple(networks)


def _trusted(address: str, proxies) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(request, trusted_proxies=()) -> str:
    """The address of the client: the peer, unless the peer is a trusted proxy.

    Behind trusted proxies, ``X-Forwarded-For`` is read from the right and the first address that is
    not itself a trusted proxy is the client; a header sent by anybody else is ignored, so a client
    cannot pick its own address.
    """
    peer = request.client.host if getattr(request, "client", None) else "unknown"
    if not trusted_proxies or not _trusted(peer, trusted_proxies):
        return peer
    forwarded = request.headers.get("x-forwarded-for", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, trusted_proxies):
            return hop
    return hops[0] if hops else peer


DEVICE_HEADER = "x-tingwu-device"


def device_of(ctx) -> str | None:
    """The calling device: the signed-in user, else the ``X-Tingwu-Device`` header a pad or kiosk sends."""
    if getattr(ctx, "actor", None) is not None:
        return f"user:{ctx.actor.user_id}"
    request = getattr(ctx, "request", None)
    if request is None:
        return None
    value = (request.headers.get(DEVICE_HEADER) or "").strip()
    return f"device:{value[:64]}" if value else None


# --- the one call for resolvers -------------------------------------------------------------------


async def check(ctx, rule: str, **identifiers: str | None) -> None:
    """Count this request against ``rule`` for the caller's address, device and the given identifiers.

    :raises RateLimited: when a limit is exhausted; the HTTP answer becomes 429 with ``Retry-After``.
    """
    limiter: Limiter | None = getattr(ctx.runtime, "limiter", None)
    if limiter is None:
        return
    ids = {"address": address_of(ctx), "device": device_of(ctx)}
    ids.update(identifiers)
    try:
        await limiter.hit(rule, **ids)
    except RateLimited as exc:
        mark_refused(ctx, exc)
        raise


async def check_lockout(ctx, rule: str, **identifiers: str | None) -> None:
    """Refuse while ``rule`` (e.g. ``signInFailure``) is exhausted for these identifiers, without counting."""
    limiter: Limiter | None = getattr(ctx.runtime, "limiter", None)
    if limiter is None:
        return
    ids = {"address": address_of(ctx)}
    ids.update(identifiers)
    try:
        await limiter.test(rule, **ids)
    except RateLimited as exc:
        mark_refused(ctx, exc)
        raise


async def record_failure(ctx, rule: str, **identifiers: str | None) -> None:
    """Count a failure (a wrong password) towards the lockout ``rule``; never raises."""
    limiter: Limiter | None = getattr(ctx.runtime, "limiter", None)
    if limiter is None:
        return
    ids = {"address": address_of(ctx)}
    ids.update(identifiers)
    for limit, key in limiter._limits(rule, ids):
        for item in limit.items:
            await limiter.strategy.hit(item, key)


async def should_audit(ctx) -> bool:
    """Whether a denial or refusal of this caller still gets its own audit row (sampled per caller).

    The caller is the signed-in user, else the client address: an attacker cannot flood the audit table.
    """
    limiter: Limiter | None = getattr(ctx.runtime, "limiter", None)
    if limiter is None:
        return True
    actor = getattr(ctx, "actor", None)
    caller = f"user:{actor.user_id}" if actor is not None else f"address:{address_of(ctx)}"
    limit = limiter.limits.get(("auditDenial", "caller"))
    if limit is None:
        return True
    key = f"{limiter.key_prefix}auditDenial:caller:{caller}"
    for item in limit.items:
        if not await limiter.strategy.hit(item, key):
            return False
    return True


def address_of(ctx) -> str | None:
    request = getattr(ctx, "request", None)
    if request is None:
        return None
    return client_address(request, getattr(ctx.runtime, "trusted_proxies", ()))


def mark_refused(ctx, error: RateLimited) -> None:
    """Make the HTTP answer a 429 with ``Retry-After`` (the GraphQL view copies the temporal response)."""
    response = getattr(ctx, "response", None)
    if response is not None and hasattr(response, "status_code"):
        response.status_code = 429
        response.headers["Retry-After"] = str(error.retry_after)
