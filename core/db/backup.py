"""Backups: a consistent copy of the database and putting it back.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a
consistent snapshot while Tingwu keeps serving (WAL included); restoring copies
the backup into the live file the same way, page by page, in one step.
PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot, a
repeatable-read transaction) and ``pg_restore --clean --if-exists
--single-transaction`` (all or nothing). pg_dump must be at least the server's
major version: checked before it runs.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse


class BackupError(Exception):
    """A backup or restore that cannot be done: the message says why, in one line (zh, en)."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    kind: str  # "sqlite" or "postgresql"


def _sqlite_path(url: str) -> Path:
    path = url.split(":///", 1)[1] if ":///" in url else ""
    if not path or path.startswith(":memory:"):
        raise BackupError("内存数据库无法备份", "an in-memory database has nothing to back up")
    return Path(unquote(path.split("?", 1)[0]))


def _libpq_url(url: str) -> str:
    """The URL pg_dump understands: postgresql://… without the driver."""
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


def _major(text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", text)
    return int(match.group(1)) if match else 0


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"找不到 {name}，请安装 PostgreSQL 客户端（与服务器同一主版本）",
                          f"{name} not found: install the PostgreSQL client tools (the server's major version)")
    return path


def _check_versions(url: str) -> None:
    dump = _major(subprocess.run([_tool("pg_dump"), "--version"], capture_output=True, text=True).stdout)
    server = subprocess.run([_tool("psql"), "--no-psqlrc", "-Atc", "SHOW server_version", _libpq_url(url)],
                            capture_output=True, text=True)
    if server.returncode != 0:
        raise BackupError(f"无法连接数据库：{server.stderr.strip().splitlines()[-1] if server.stderr.strip() else ''}",
                          f"cannot reach the database: {server.stderr.strip().splitlines()[-1] if server.stderr.strip() else ''}")
    major = _major(server.stdout)
    if dump < major:
        raise BackupError(f"pg_dump 版本 {dump} 低于服务器版本 {major}，请安装 {major} 版客户端",
                          f"pg_dump {dump} is older than the server ({major}): install the {major} client tools")


def backup(database_url: str, target: Path) -> BackupResult:
    """Write a consistent copy of the database to ``target`` (refuses to overwrite)."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} 已存在，不覆盖", f"{target} exists: not overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    if database_url.startswith("sqlite"):
        source = _sqlite_path(database_url)
        if not source.is_file():
            raise BackupError(f"数据库文件 {source} 不存在", f"the database file {source} does not exist")
        partial = target.with_name(target.name + ".partial")
        with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
            src.backup(dst)
        partial.replace(target)
        return BackupResult(target, target.stat().st_size, "sqlite")
    _check_versions(database_url)
    partial = target.with_name(target.name + ".partial")
    done = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial),
                           _libpq_url(database_url)], capture_output=True, text=True)
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        raise BackupError(f"pg_dump 失败：{last}", f"pg_dump failed: {last}")
    partial.replace(target)
    return BackupResult(target, target.stat().st_size, "postgresql")


def restore(database_url: str, source: Path) -> BackupResult:
    """Put a backup made by :func:`backup` back into the database (everything in it is replaced)."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"备份文件 {source} 不存在", f"the backup {source} does not exist")
    if database_url.startswith("sqlite"):
        target = _sqlite_path(database_url)
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
                src.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.DatabaseError:
            raise BackupError(f"{source} 不是厅务的 SQLite 备份", f"{source} is not a Tingwu SQLite backup") from None
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return BackupResult(source, source.stat().st_size, "sqlite")
    _check_versions(database_url)
    with source.open("rb") as handle:
        if handle.read(5) != b"PGDMP":
            raise BackupError(f"{source} 不是 pg_dump 自定义格式的备份", f"{source} is not a pg_dump custom-format backup")
    done = subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                           "--single-transaction", "--exit-on-error", "--dbname", _libpq_url(database_url), str(source)],
                          capture_output=True, text=True, env={**os.environ})
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        raise BackupError(f"pg_restore 失败，数据库未改变：{last}", f"pg_restore failed, the database is unchanged: {last}")
    return BackupResult(source, source.stat().st_size, "postgresql")
