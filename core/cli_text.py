"""The language of the `tingwu` command line: Chinese by default, English with ``--lang en`` or ``LANG=en_*``."""

from __future__ import annotations

import os

_chosen: str | None = None


def set_language(lang: str | None) -> None:
    global _chosen
    _chosen = ("en" if lang.lower().startswith("en") else "zh") if lang else None


def language() -> str:
    if _chosen:
        return _chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def t(zh: str, en: str) -> str:
    """The message in the command line's language."""
    return en if language() == "en" else zh


#: Start-up refusals (core/startup.py, core/config.py, core/plugins/manager.py) are written once, in English,
#: because /readyz and logs show them too; the command line shows them in Chinese by these patterns.
import re  # noqa: E402

_STARTUP_ZH = [
    (r"the SQLite database (?P<p>.+) does not exist: run `tingwu db upgrade` to create it",
     "SQLite 数据库 {p} 不存在：请运行 tingwu db upgrade 创建它"),
    (r"cannot reach the database at (?P<u>\S+): (?P<r>.*)", "无法连接数据库 {u}：{r}"),
    (r"the database at (?P<u>\S+) is at (?P<have>.+), the code needs (?P<need>.+): run `tingwu db upgrade`",
     "数据库 {u} 的版本为 {have}，代码需要 {need}：请运行 tingwu db upgrade"),
    (r"TINGWU_SECRET_KEY must be set in production.*", "生产环境必须设置 TINGWU_SECRET_KEY（至少32个字符，用于签发访问令牌）。"),
    (r"TINGWU_JURISDICTIONS names unknown jurisdiction\(s\) (?P<u>.+); installed: (?P<i>.+)",
     "TINGWU_JURISDICTIONS 中有未安装的辖区：{u}；已安装：{i}"),
    (r"TINGWU_PORT must be a number, got (?P<v>.+)", "TINGWU_PORT 须为数字，而不是 {v}"),
    (r"TINGWU_ENV must be development or production, got (?P<v>.+)", "TINGWU_ENV 须为 development 或 production，而不是 {v}"),
    (r"TINGWU_DATABASE_URL must be a sqlite:/// or postgresql:// URL, got (?P<v>.+)",
     "TINGWU_DATABASE_URL 须为 sqlite:/// 或 postgresql:// 地址，而不是 {v}"),
    (r"(?P<p>.+) is not valid TOML: (?P<r>.*)", "{p} 不是有效的 TOML：{r}"),
]


def startup_message(message: str) -> str:
    """A start-up refusal in the command line's language (English as written; Chinese by pattern)."""
    if language() == "en":
        return message
    for pattern, zh in _STARTUP_ZH:
        match = re.fullmatch(pattern, message.strip(), re.S)
        if match:
            return zh.format(**match.groupdict())
    return message
