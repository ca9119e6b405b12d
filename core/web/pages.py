"""The home page (`/`, in Chinese) and GraphiQL, every asset served from `/static/` (a hall's LAN has no internet)."""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"


@lru_cache(maxsize=1)
def graphiql_html() -> str:
    return (HERE / "graphiql.html").read_text(encoding="utf-8")


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)


def home_page(*, env: str, ide: bool, version: str, jurisdictions: list[str]) -> str:
    """A small page saying what this server is, with links to GraphiQL (development) and the docs."""
    ide_line = ('<li><a href="/graphql">GraphiQL</a>：在浏览器里编写并试运行 GraphQL 查询（仅开发环境提供）</li>'
                if ide else "<li>GraphiQL：生产环境不提供（请用 GraphQL 客户端访问 <code>/graphql</code>）</li>")
    names = "、".join(html.escape(name) for name in jurisdictions) or "（未启用）"
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>厅务 Tingwu · 政务服务大厅平台</title>
<style>
  body {{ font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; max-width: 42rem;
         margin: 3rem auto; padding: 0 1rem; color: #1f2933; line-height: 1.7; }}
  h1 {{ font-size: 1.6rem; margin-bottom: .2rem; }}
  .sub {{ color: #52606d; margin-top: 0; }}
  code {{ background: #f0f4f8; padding: .1rem .3rem; border-radius: 3px; }}
  footer {{ margin-top: 2rem; color: #7b8794; font-size: .85rem; }}
</style>
</head>
<body>
<h1>厅务 Tingwu</h1>
<p class="sub">政务服务大厅平台：大厅、窗口、派驻人员、服务事项、办件、好差评与投诉，统一由一个 GraphQL 接口提供。</p>
<p>这是本辖区的厅务服务器。大厅叫号屏、窗口终端、评价器和数据看板都通过 <code>/graphql</code> 访问它。</p>
<ul>
  <li>GraphQL 接口：<code>/graphql</code>（POST，JSON；需要时附带 <code>Authorization: Bearer …</code>）</li>
  {ide_line}
  <li>健康检查：<a href="/healthz">/healthz</a>（进程存活）、<a href="/readyz">/readyz</a>（数据库可用）</li>
  <li>文档：随软件附带的 <code>docs/</code> 目录，部署与运维见 <code>docs/deployment.md</code>，接口结构见 <code>schema.graphql</code></li>
</ul>
<p>已启用的辖区：{names}</p>
<footer>厅务 {html.escape(version)} · 运行环境：{html.escape(env)} · 本页及其引用的资源均由本服务器提供，无需连接互联网。</footer>
</body>
</html>
"""


async def home(request: Request, *, runtime) -> HTMLResponse:
    from importlib.metadata import PackageNotFoundError, version

    try:
        tingwu_version = version("tingwu")
    except PackageNotFoundError:  # pragma: no cover - a checkout without install
        tingwu_version = "dev"
    names = [info.name for info in runtime.plugins.enabled.values()]
    return HTMLResponse(home_page(env=runtime.settings.env, ide=not runtime.settings.is_production,
                                  version=tingwu_version, jurisdictions=names))
