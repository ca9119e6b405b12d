"""Ready for a LAN without internet: `/` is a small Chinese page, GraphiQL's assets are Tingwu's own (pinned, with
their licences and integrity hashes), and no page or response Tingwu serves refers to an external host."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from core.web.pages import STATIC

pytestmark = pytest.mark.db

OWN_HOST = "tingwu.test"
#: Identifiers that look like URLs but are never fetched: XML namespaces (the favicon's inline SVG), the
#: Apollo Federation spec a subgraph SDL @links and the @specifiedBy URL of a scalar (names, by the GraphQL specs).
NOT_FETCHED = {"www.w3.org", "specs.apollo.dev", "ecma-international.org"}
CDN_HOSTS = re.compile(r"unpkg\.com|jsdelivr|cdnjs|googleapis|gstatic|bootcdn|staticfile\.org|cdn\.|esm\.sh|skypack")
REFERENCE = re.compile(r"""(?:src|href|action)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']""")
ANY_URL = re.compile(r"""(?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,}|localhost|\d+\.\d+\.\d+\.\d+)(?::\d+)?""")


def external_references(body: str, content_type: str) -> list[str]:
    """URLs in a response that would make a browser (or a client) reach a host other than Tingwu."""
    found = []
    if "javascript" in content_type:
        # Library code carries documentation links in strings (reactjs.org error decoder …): only CDN loads count.
        return [m.group(0) for m in CDN_HOSTS.finditer(body) if re.search(r"https?://[^\"']*" + re.escape(m.group(0)), body)]
    if "html" in content_type or "css" in content_type:
        for groups in REFERENCE.findall(body):
            ref = next(g for g in groups if g)
            if ref.startswith(("data:", "#", "/", "mailto:")) and not ref.startswith("//"):
                continue
            host = urlparse(ref if "//" in ref else "//" + ref).hostname
            if ref.startswith(("http:", "https:", "//")) and host not in (OWN_HOST, *NOT_FETCHED):
                found.append(ref)
        found += [m.group(0) for m in CDN_HOSTS.finditer(body)]
        return found
    return [m.group(0) for m in ANY_URL.finditer(body) if m.group(1) not in (OWN_HOST, *NOT_FETCHED)]


async def test_every_page_and_response_stays_on_tingwu(gql, db):
    http = gql.http
    home = await http.get("/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    assert "厅务" in home.text and "政务服务" in home.text and 'href="/graphql"' in home.text and "docs/" in home.text
    ide = await http.get("/graphql", headers={"Accept": "text/html"})
    assert ide.status_code == 200 and "GraphiQL" in ide.text
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', ide.text)
    assert len(assets) == 7
    responses = {"/": home, "/graphql (GraphiQL)": ide}
    for path in assets:
        response = await http.get(path)
        assert response.status_code == 200, path
        responses[path] = response
        integrity = re.search(rf'(?:src|href)="{re.escape(path)}"[^>]*integrity="sha384-([^"]+)"', ide.text, re.S)
        assert integrity, f"{path} has no integrity hash"
        assert base64.b64encode(hashlib.sha384(response.content).digest()).decode() == integrity.group(1), path
    for path in ("/healthz", "/readyz"):
        responses[path] = await http.get(path)
    responses["/graphql (query)"] = await http.post("/graphql", json={"query": "{ jurisdictions { code name } }"})
    responses["/graphql (error)"] = await http.post("/graphql", json={"query": "{ nope }"})
    responses["/graphql (_service sdl)"] = await http.post("/graphql", json={"query": "{ _service { sdl } }"})
    responses["/exports (404)"] = await http.get("/exports/bulletin.pdf")
    responses["/static (404)"] = await http.get("/static/graphiql/none.js")
    problems = {path: refs for path, response in responses.items()
                if (refs := external_references(response.text, response.headers.get("content-type", "")))}
    assert problems == {}


def test_the_vendored_assets_match_their_checksums_and_keep_their_licences():
    folder = STATIC / "graphiql"
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    licences = {p.name for p in (folder / "licenses").iterdir()}
    assert licences == {"graphiql.LICENSE", "react.LICENSE", "react-dom.LICENSE", "plugin-explorer.LICENSE", "js-cookie.LICENSE"}


def test_the_scanner_finds_what_it_should():
    assert external_references('<script src="https://unpkg.com/x.js"></script>', "text/html")
    assert external_references("a { background: url(//fonts.example.com/a.woff) }", "text/css")
    assert external_references('{"data": {"link": "https://example.com/x"}}', "application/json")
    assert not external_references('<a href="/graphql">x</a><svg xmlns="http://www.w3.org/2000/svg"></svg>', "text/html")
