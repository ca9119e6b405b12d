"""The hall faces (web/, built into web/dist): served by Tingwu itself under /hall/, nothing from another host.

The pages speak only the public GraphQL API (/graphql) and its subscriptions; see docs/hall-pages.md.
"""

from __future__ import annotations

from pathlib import Path

from starlette.responses import RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

WEB_DIST = Path(__file__).resolve().parents[2] / "web" / "dist"


class HallPages(StaticFiles):
    """Static files with the headers a hall screen needs: no caching of pages (a new build shows at the next
    load), long caching of hashed assets, and a policy that lets the pages reach only their own server."""

    async def get_response(self, path, scope):
        response = await super().get_response(path, scope)
        if path.startswith("assets/"):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["Cache-Control"] = "no-cache"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; "
            "style-src 'self'; script-src 'self'; frame-ancestors 'self'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def hall_pages(directory: Path = WEB_DIST) -> list:
    """Routes for /hall/ (and /hall → /hall/); none when the pages were not built."""
    if not (directory / "index.html").is_file():
        return []

    async def to_index(_request):
        return RedirectResponse("/hall/", status_code=308)

    return [Route("/hall", to_index), Mount("/hall", app=HallPages(directory=directory, html=True), name="hall")]
