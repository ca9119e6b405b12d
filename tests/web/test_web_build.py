"""The hall pages' source and their committed build agree, every GraphQL document they send is valid against
the committed schema, and Tingwu serves them under /hall/ with a policy that keeps them on their own server."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from core.web.hall_pages import WEB_DIST

WEB = Path(__file__).resolve().parents[2] / "web"


def _npm_tools():
    if not (WEB / "node_modules" / ".bin" / "vite").exists() or not shutil.which("node"):
        pytest.fail("the hall pages' tools are not installed: run `make install-web` (npm ci --prefix web)", pytrace=False)


def test_every_document_is_valid_against_the_schema():
    _npm_tools()
    result = subprocess.run(["node", "check-documents.mjs"], cwd=WEB, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_committed_build_is_the_build_of_the_source(tmp_path):
    _npm_tools()
    out = tmp_path / "dist"
    result = subprocess.run([str(WEB / "node_modules" / ".bin" / "vite"), "build", "--outDir", str(out), "--emptyOutDir",
                             "--logLevel", "warn"], cwd=WEB, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(WEB_DIST).as_posix() for p in WEB_DIST.rglob("*") if p.is_file())
    assert built == committed, "web/dist is stale: run `make web` and commit web/dist"
    assert all(filecmp.cmp(out / name, WEB_DIST / name, shallow=False) for name in built), "web/dist is stale: run `make web`"


def test_no_page_names_another_host():
    """Fonts, scripts, styles and images all come from Tingwu itself (the SVG namespace is a name, not a fetch)."""
    urls = set()
    for path in WEB_DIST.rglob("*"):
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            urls |= set(re.findall(r"https?://[^\s'\"`)]+", text))
            urls |= set(re.findall(r"(?:url\(|src=[\"']?|href=[\"']?)//[^\s'\"`)]+", text))  # protocol-relative
    assert urls <= {"http://www.w3.org/2000/svg"}, urls


async def test_tingwu_serves_the_pages_under_hall(app):
    import httpx

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://tingwu.test") as http:
        assert (await http.get("/hall")).headers["location"] == "/hall/"
        for page in ("", "calling.html", "window.html", "rating.html", "kiosk.html", "dashboard.html"):
            response = await http.get(f"/hall/{page}")
            assert response.status_code == 200 and "<div id=\"app\">" in response.text, page
            policy = response.headers["content-security-policy"]
            assert "default-src 'self'" in policy and "connect-src 'self'" in policy
            assert response.headers["cache-control"] == "no-cache"
        asset = next((WEB_DIST / "assets").glob("*.js")).name
        response = await http.get(f"/hall/assets/{asset}")
        assert response.status_code == 200 and "immutable" in response.headers["cache-control"]
        assert (await http.get("/hall/nothing.html")).status_code == 404
