"""Field encryption (SM4-GCM, or AES-256-GCM) and blind indexes (HMAC-SM3), through ``cryptography``.

A stored value is ``$pii1$<key id>$<base64(nonce ‖ ciphertext ‖ tag)>``: a 96-bit random nonce,
the GCM tag of 128 bits, and the column's name as associated data (a value copied into another
column does not decrypt). Anything else in an encrypted column is a value from before the
encryption migration and is read as it is (``is_encrypted`` tells them apart).

A binary value (a leave attachment's content) is sealed the same way and stored as bytes, without
base64: ``b"$pii1$<key id>$" ‖ nonce ‖ ciphertext ‖ tag``. ``encrypt``, ``decrypt``, ``is_encrypted``
and ``key_id_of`` take either form and answer in the form they were given.

A blind index is HMAC-SM3 under the separate index key of ``kind`` and the normalised value, as
64 hex digits: equal values give equal indexes, so a look-up is ``column_bidx = blind_index(…)``
without decrypting anything; the index says nothing about the value without the index key.
"""

from __future__ import annotations

import base64
import os
import re
from typing import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.pii.keys import DataKey, Keyring, keyring

PREFIX = "$pii1$"
BINARY_PREFIX = PREFIX.encode("ascii")
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    """A stored value that no configured key opens (its message names the key id, never the value)."""


_BINARY = (bytes, bytearray, memoryview)


def is_encrypted(stored: str | bytes | None) -> bool:
    if isinstance(stored, _BINARY):
        return bytes(stored[:len(BINARY_PREFIX)]) == BINARY_PREFIX
    return bool(stored) and stored.startswith(PREFIX)


def key_id_of(stored: str | bytes | None) -> str | None:
    if not is_encrypted(stored):
        return None
    if isinstance(stored, _BINARY):
        return bytes(stored[len(BINARY_PREFIX):len(BINARY_PREFIX) + 80]).split(b"$", 1)[0].decode("ascii")
    return stored[len(PREFIX):].split("$", 1)[0]


def _seal(key: DataKey, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    if key.algorithm == "aes-256-gcm":
        return nonce + AESGCM(key.secret).encrypt(nonce, plaintext, aad)
    encryptor = Cipher(algorithms.SM4(key.secret), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    body = encryptor.update(plaintext) + encryptor.finalize()
    return nonce + body + encryptor.tag


def _open(key: DataKey, blob: bytes, aad: bytes) -> bytes:
    nonce, body = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
    if key.algorithm == "aes-256-gcm":
        return AESGCM(key.secret).decrypt(nonce, body, aad)
    decryptor = Cipher(algorithms.SM4(key.secret), modes.GCM(nonce, body[-TAG_BYTES:])).decryptor()
    decryptor.authenticate_additional_data(aad)
    return decryptor.update(body[:-TAG_BYTES]) + decryptor.finalize()


def encrypt(value: str | bytes | None, *, context: str, ring: Keyring | None = None) -> str | bytes | None:
    """``value`` sealed under the active key, for the column named ``context`` (None stays None; bytes give bytes)."""
    if value is None:
        return None
    ring = ring or keyring()
    if isinstance(value, _BINARY):
        blob = _seal(ring.active, bytes(value), context.encode("utf-8"))
        return BINARY_PREFIX + ring.active.id.encode("ascii") + b"$" + blob
    blob = _seal(ring.active, value.encode("utf-8"), context.encode("utf-8"))
    return f"{PREFIX}{ring.active.id}${base64.b64encode(blob).decode('ascii')}"


def decrypt(stored: str | bytes | None, *, context: str, ring: Keyring | None = None) -> str | bytes | None:
    """The clear value of a stored one (a value from before encryption is returned as it is)."""
    if isinstance(stored, _BINARY):
        return _decrypt_bytes(bytes(stored), context=context, ring=ring)
    if stored is None or not stored.startswith(PREFIX):
        return stored
    key_id, _, payload = stored[len(PREFIX):].partition("$")
    return _open_with(key_id, lambda key: _open(key, base64.b64decode(payload), context.encode("utf-8")).decode("utf-8"),
                      context=context, ring=ring)


def _decrypt_bytes(stored: bytes, *, context: str, ring: Keyring | None) -> bytes:
    if not stored.startswith(BINARY_PREFIX):
        return stored
    key_id, _, blob = stored[len(BINARY_PREFIX):].partition(b"$")
    return _open_with(key_id.decode("ascii", "replace"), lambda key: _open(key, blob, context.encode("utf-8")),
                      context=context, ring=ring)


def _open_with(key_id: str, open_: Callable[[DataKey], object], *, context: str, ring: Keyring | None):
    ring = ring or keyring()
    key = ring.get(key_id)
    if key is None:  # a key added since the file was read (a rotation under way in another process)
        ring = keyring(refresh=True)
        key = ring.get(key_id)
    if key is None:
        raise DecryptionError(f"no key {key_id!r} in the key file: a value in {context} cannot be read")
    try:
        return open_(key)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError(f"a value in {context} does not open with key {key_id!r}") from exc


# --- blind indexes ----------------------------------------------------------------------------------


def normalize_phone(value: str) -> str:
    """Digits only, without the +86 / 0086 country prefix: 138-1234 5678 and +8613812345678 are one phone."""
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+86") or (digits.startswith("0086") and len(digits) > 11):
        digits = digits[4:] if digits.startswith("0086") else digits[2:]
    return digits


def normalize_id_number(value: str) -> str:
    """Upper-case without spaces or dashes (the check character x and X are one)."""
    return re.sub(r"[\s\-]", "", value).upper()


def normalize_contact(value: str) -> str:
    """A complaint contact: an e-mail address in lower case, else a phone as its digits."""
    value = value.strip().lower()
    return value if "@" in value else normalize_phone(value)


def last4(value: str, kind: str) -> str:
    """The last four characters of the normalised ID number or phone."""
    return (normalize_id_number(value) if kind == "id_number" else normalize_phone(value))[-4:]


NORMALIZERS = {
    "id_number": normalize_id_number,
    "phone": normalize_phone,
    "contact": normalize_contact,
    "last4": lambda v: re.sub(r"\s", "", v).upper(),
    "applicant": lambda v: v.strip(),
    "name": lambda v: re.sub(r"\s", "", v),
}


def blind_index(kind: str, value: str | None, *, ring: Keyring | None = None) -> str | None:
    """HMAC-SM3 of the normalised value under the index key; None for an empty value.

    Kinds: ``id_number``, ``phone``, ``contact`` (complaint contact: phone or e-mail), ``last4``
    (the last four characters of an ID number or phone), ``applicant`` (the anomaly watch's key).
    """
    if value is None:
        return None
    normalized = NORMALIZERS[kind](value)
    if not normalized:
        return None
    ring = ring or keyring()
    mac = hmac.HMAC(ring.index_key, hashes.SM3())
    mac.update(kind.encode("ascii") + b"\x00" + normalized.encode("utf-8"))
    return mac.finalize().hex()


def last4_index(value: str | None, kind: str, *, ring: Keyring | None = None) -> str | None:
    """The blind index of the last four characters of an ID number (``kind='id_number'``) or phone."""
    if not value:
        return None
    tail = last4(value, kind)
    return blind_index("last4", tail, ring=ring) if len(tail) == 4 else None
