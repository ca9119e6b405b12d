"""Keys for personal data (个人信息): data keys for SM4-GCM / AES-256-GCM and the blind-index key.

Keys live in a key file named by configuration (``TINGWU_KEY_FILE`` or ``key_file`` in
``tingwu.toml``), never in the database. The file is JSON::

    {"active": "k20261206a",
     "index_key": "<base64, 32 bytes>",
     "keys": [{"id": "k20261206a", "algorithm": "sm4-gcm", "secret": "<base64>", "created_at": "…"}]}

Every encrypted value carries the id of the key that encrypted it, so old keys stay in the file
until ``tingwu keys rotate`` has re-encrypted everything (and backups made before may still need
them). A running server notices a changed file (checked at most once a second) and a value under
a key id it does not know yet, so a rotation needs no restart.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ALGORITHMS = {"sm4-gcm": 16, "aes-256-gcm": 32}  # algorithm → key length in bytes
DEFAULT_ALGORITHM = "sm4-gcm"
DEFAULT_KEY_FILE = "tingwu-keys.json"


class KeyError_(Exception):
    """A key file that cannot be used; the message says what to fix (never a key)."""


@dataclass(frozen=True)
class DataKey:
    id: str
    algorithm: str
    secret: bytes = b""

    def __repr__(self) -> str:  # never print a secret
        return f"DataKey(id={self.id!r}, algorithm={self.algorithm!r})"


@dataclass(frozen=True)
class Keyring:
    active: DataKey
    keys: dict
    index_key: bytes
    path: Path | None = None

    def __repr__(self) -> str:
        return f"Keyring(active={self.active.id!r}, keys={sorted(self.keys)!r}, path={str(self.path)!r})"

    def get(self, key_id: str) -> DataKey | None:
        return self.keys.get(key_id)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def new_key_id() -> str:
    return "k" + datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S") + secrets.token_hex(2)


def new_data_key(algorithm: str = DEFAULT_ALGORITHM) -> dict:
    if algorithm not in ALGORITHMS:
        raise KeyError_(f"unknown algorithm {algorithm!r}: use one of {', '.join(ALGORITHMS)}")
    return {"id": new_key_id(), "algorithm": algorithm, "secret": _b64(secrets.token_bytes(ALGORITHMS[algorithm])),
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def write_key_file(path: Path, data: dict) -> None:
    """Write atomically with owner-only permissions (a reader never sees half a file)."""
    path = Path(path)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, path)


def create_key_file(path: Path, algorithm: str = DEFAULT_ALGORITHM) -> dict:
    key = new_data_key(algorithm)
    data = {"active": key["id"], "index_key": _b64(secrets.token_bytes(32)), "keys": [key]}
    write_key_file(path, data)
    return data


def add_active_key(path: Path, algorithm: str | None = None) -> str:
    """Add a new data key to the file and make it the one new values are encrypted with."""
    data = json.loads(Path(path).read_text("utf-8"))
    current = next((k for k in data["keys"] if k["id"] == data["active"]), None)
    key = new_data_key(algorithm or (current or {}).get("algorithm", DEFAULT_ALGORITHM))
    data["keys"].append(key)
    data["active"] = key["id"]
    write_key_file(path, data)
    return key["id"]


def parse_key_file(path: Path) -> Keyring:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise KeyError_(f"key file {path} does not exist: create it with `tingwu keys init`") from exc
    except (OSError, ValueError) as exc:
        raise KeyError_(f"key file {path} cannot be read as JSON") from exc
    keys = {}
    try:
        for entry in data["keys"]:
            algorithm = entry["algorithm"]
            secret = base64.b64decode(entry["secret"])
            if algorithm not in ALGORITHMS or len(secret) != ALGORITHMS[algorithm]:
                raise KeyError_(f"key {entry['id']} in {path}: {algorithm} needs a {ALGORITHMS.get(algorithm)}-byte key")
            keys[entry["id"]] = DataKey(entry["id"], algorithm, secret)
        active = keys[data["active"]]
        index_key = base64.b64decode(data["index_key"])
    except KeyError_:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyError_(f"key file {path} lacks 'active', 'index_key' or a well-formed 'keys' list") from exc
    if len(index_key) < 16:
        raise KeyError_(f"the index_key in {path} is shorter than 16 bytes")
    return Keyring(active=active, keys=keys, index_key=index_key, path=Path(path))


# --- the process's keyring ------------------------------------------------------------------------

_lock = threading.Lock()
_state: dict = {"path": None, "ring": None, "mtime": None, "checked": 0.0}


def key_file_path(settings=None) -> Path:
    """The configured key file: ``TINGWU_KEY_FILE`` / ``key_file`` in tingwu.toml, else ./tingwu-keys.json."""
    if settings is None:
        from core.config import load_settings

        settings = load_settings()
    return Path(getattr(settings, "key_file", None) or DEFAULT_KEY_FILE)


def configure(path: Path | str | None = None, *, create: bool = False) -> Keyring:
    """Use this key file from now on (``create``: make one when missing, for development set-ups)."""
    path = Path(path) if path is not None else key_file_path()
    if create and not path.exists():
        create_key_file(path)
    ring = parse_key_file(path)  # a file that cannot be used changes nothing
    with _lock:
        _state.update(path=path, ring=ring, mtime=path.stat().st_mtime_ns, checked=time.monotonic())
    return ring


def keyring(*, refresh: bool = False) -> Keyring:
    """The current keyring, re-read when the key file changed (checked at most once a second)."""
    now = time.monotonic()
    ring = _state["ring"]
    if ring is not None and not refresh and now - _state["checked"] < 1.0:
        return ring
    with _lock:
        path = _state["path"]
        if path is None:
            path = key_file_path()
            if not path.exists():
                from core.config import load_settings

                if load_settings().is_production:
                    raise KeyError_(f"no key file at {path}: set TINGWU_KEY_FILE (production never makes one)")
                create_key_file(path)
            _state["path"] = path
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError as exc:
            raise KeyError_(f"key file {path} does not exist: create it with `tingwu keys init`") from exc
        if _state["ring"] is None or refresh or mtime != _state["mtime"]:
            _state["ring"] = parse_key_file(path)
            _state["mtime"] = mtime
        _state["checked"] = now
        return _state["ring"]
