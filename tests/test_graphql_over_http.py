"""GraphQL over HTTP to the letter: the graphql-http server audit against a live Tingwu, media types and
status codes, GET (never mutations), body limit, request id, CORS, persisted and trusted documents,
error codes and languages, production without suggestions, /metrics and one log line per operation."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from dataclasses import replace

import httpx
import pytest

from core.app import create_app
from core.http.persisted import document_hash
from tests.factories import make_user
from tests.federation.processes import PROJECT_ROOT, Service, base_env, free_loopback_port

CONFORMANCE_DIR = PROJECT_ROOT / "conformance"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def client_for(runtime, **settings):
    """An HTTP client on an app whose settings differ from the test runtime's (same database and caches)."""
    changed = replace(runtime, settings=replace(runtime.settings, **settings)) if settings else runtime
    app = create_app(changed, check_on_startup=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://tingwu.test")


# --- the spec's own audit ----------------------------------------------------------------------------------


def test_graphql_http_server_audit_passes_without_warnings(database_url, tmp_path):
    node = shutil.which("node")
    if node is None or not (CONFORMANCE_DIR / "node_modules" / "graphql-http").is_dir():
        pytest.fail("the audit needs Node and `npm ci --prefix conformance` (make test runs it)", pytrace=False)
    port = free_loopback_port()
    # Development mode: the audit asks `__type(name: …)`, and production serves no introspection.
    env = base_env(TINGWU_DATABASE_URL=database_url, TINGWU_ENV="development", TINGWU_HOST="127.0.0.1",
                   TINGWU_PORT=str(port), TINGWU_SECRET_KEY="audit-secret-key-that-is-long-enough-for-hs256")
    import sys

    tingwu = Service("tingwu", [sys.executable, "-m", "core.cli", "serve"], env=env, cwd=PROJECT_ROOT,
                     url=f"http://127.0.0.1:{port}/graphql", log_dir=tmp_path)
    try:
        tingwu.wait_ready()
        audit = subprocess.run([node, "audit.mjs", tingwu.url], cwd=CONFORMANCE_DIR, capture_output=True,
                               text=True, timeout=120)
    finally:
        tingwu.stop()
    lines = [json.loads(line) for line in audit.stdout.splitlines() if line.startswith("{")]
    problems = [line for line in lines if line.get("status") in ("warn", "error")]
    assert lines and lines[-1].get("summary"), audit.stdout + audit.stderr
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
    assert lines[-1]["summary"]["error"] == 0 and lines[-1]["summary"]["warn"] == 0
    assert lines[-1]["summary"]["ok"] >= 40


# --- media types and status codes --------------------------------------------------------------------------


async def test_request_errors_are_400_without_data_for_graphql_response_json(gql, db):
    response = await gql.http.post("/graphql", json={"query": "{ halls("}, headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400 and response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert body["errors"][0]["message"].startswith("GraphQL 语法错误")
    english = await gql.http.post("/graphql", json={"query": "{ nope }"},
                                  headers={"Accept": GRAPHQL_RESPONSE, "Accept-Language": "en"})
    assert english.status_code == 400
    assert english.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert english.json()["errors"][0]["message"].startswith("Cannot query field 'nope'")
    coercion = await gql.http.post("/graphql", json={"query": "query($id: ID!) { node(id: $id) { id } }",
                                                     "variables": {"id": {"not": "an id"}}}, headers={"Accept": GRAPHQL_RESPONSE})
    assert coercion.status_code == 400 and coercion.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_legacy_json_clients_keep_200(gql, db):
    response = await gql.http.post("/graphql", json={"query": "{ nope }"}, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    assert response.json()["data"] is None
    ok = await gql.http.post("/graphql", json={"query": "{ __typename }"}, headers={"Accept": GRAPHQL_RESPONSE})
    assert ok.status_code == 200 and ok.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert ok.json() == {"data": {"__typename": "Query"}}


async def test_get_runs_queries_and_refuses_mutations_with_405(gql, db):
    ok = await gql.http.get("/graphql", params={"query": "{ __typename }"}, headers={"Accept": GRAPHQL_RESPONSE})
    assert ok.status_code == 200 and ok.json() == {"data": {"__typename": "Query"}}
    refused = await gql.http.get("/graphql", params={"query": 'mutation { signIn(username: "a", password: "b") { __typename } }'},
                                 headers={"Accept": GRAPHQL_RESPONSE})
    assert refused.status_code == 405 and refused.headers["allow"] == "POST"
    assert refused.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    unsupported = await gql.http.post("/graphql", content="query=%7B__typename%7D",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert unsupported.status_code == 415
    assert unsupported.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


# --- body limit, request id, CORS ------------------------------------------------------------------------------


async def test_a_body_over_the_limit_is_413_before_it_is_parsed(runtime, db):
    async with client_for(runtime, body_limit=1000) as http:
        # Not even JSON: had it been parsed, the answer would be 400.
        big = await http.post("/graphql", content=b"x" * 5000, headers={"Content-Type": "application/json"})
        assert big.status_code == 413
        assert big.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"

        async def chunks():  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"y" * 500

        streamed = await http.post("/graphql", content=chunks(), headers={"Content-Type": "application/json",
                                                                          "Accept-Language": "en"})
        assert streamed.status_code == 413 and "over the limit of 1000 bytes" in streamed.json()["errors"][0]["message"]
        small = await http.post("/graphql", json={"query": "{ __typename }"})
        assert small.status_code == 200


async def test_signed_in_uploads_get_the_upload_limit_and_forged_tokens_do_not(runtime, db):
    import uuid
    from datetime import timedelta

    from core.auth.tokens import encode, utc_now

    def token(secret):
        now = utc_now()
        return encode(secret=secret, user_id=uuid.uuid4(), username="clerk", staff_id=None, token_id=uuid.uuid4(),
                      issued_at=now, expires_at=now + timedelta(minutes=5))

    signed, forged = token(runtime.settings.secret_key), token("another-secret-that-is-long-enough-for-hs256-signing")
    body = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * 5000}})
    async with client_for(runtime, body_limit=1000, upload_limit=100_000) as http:
        anonymous = await http.post("/graphql", content=body, headers={"Content-Type": "application/json"})
        assert anonymous.status_code == 413
        not_ours = await http.post("/graphql", content=body, headers={"Content-Type": "application/json",
                                                                      "Authorization": f"Bearer {forged}"})
        assert not_ours.status_code == 413
        # Past the body limit, the signed token's request reaches GraphQL (which then answers for the token).
        ours = await http.post("/graphql", content=body, headers={"Content-Type": "application/json",
                                                                  "Authorization": f"Bearer {signed}"})
        assert ours.status_code != 413


async def test_the_default_body_limit_is_one_megabyte(gql, db):
    payload = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * (1024 * 1024)}})
    assert (await gql.http.post("/graphql", content=payload, headers={"Content-Type": "application/json"})).status_code == 413


async def test_every_answer_carries_a_request_id(gql, db):
    given = await gql.http.post("/graphql", json={"query": "{ __typename }"}, headers={"X-Request-ID": "screen-7.call-42"})
    assert given.headers["x-request-id"] == "screen-7.call-42"
    fresh = await gql.http.post("/graphql", json={"query": "{ __typename }"})
    assert len(fresh.headers["x-request-id"]) == 32
    forged = await gql.http.post("/graphql", json={"query": "{ __typename }"}, headers={"X-Request-ID": "a b\n" * 100})
    assert len(forged.headers["x-request-id"]) == 32
    assert (await gql.http.get("/healthz")).headers["x-request-id"]


async def test_cors_answers_configured_origins_only(runtime, gql, db):
    preflight = {"Origin": "https://screen.example.gov.cn", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type, authorization"}
    # Not configured: no CORS at all.
    plain = await gql.http.options("/graphql", headers=preflight)
    assert "access-control-allow-origin" not in plain.headers
    async with client_for(runtime, cors_origins=("https://screen.example.gov.cn",)) as http:
        allowed = await http.options("/graphql", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://screen.example.gov.cn"
        assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
        other = await http.options("/graphql", headers={**preflight, "Origin": "https://evil.example"})
        assert other.status_code == 400 and "access-control-allow-origin" not in other.headers
        simple = await http.post("/graphql", json={"query": "{ __typename }"}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in simple.headers


# --- persisted and trusted documents ---------------------------------------------------------------------------


BOARD = "query Board { __typename }"


@pytest.fixture
def manifest(tmp_path):
    path = tmp_path / "documents.json"
    path.write_text(json.dumps({document_hash(BOARD): BOARD}))
    return str(path)


async def test_persisted_documents_run_by_hash(runtime, db, manifest):
    async with client_for(runtime, persisted_documents=manifest) as http:
        by_id = await http.post("/graphql", json={"documentId": f"sha256:{document_hash(BOARD)}"})
        assert by_id.json() == {"data": {"__typename": "Query"}}
        apollo = await http.get("/graphql", params={"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": document_hash(BOARD)}})},
                                headers={"Accept": GRAPHQL_RESPONSE})
        assert apollo.json() == {"data": {"__typename": "Query"}}
        unknown = await http.post("/graphql", json={"documentId": "sha256:" + "0" * 64})
        assert unknown.status_code == 400 and unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
        # Off mode: any document still runs.
        assert (await http.post("/graphql", json={"query": "{ __typename }"})).status_code == 200


async def test_trusted_documents_mode_runs_only_registered_documents_for_devices(runtime, db, manifest):
    staff = await make_user(db, runtime)
    async with client_for(runtime, persisted_documents=manifest, trusted_documents="anonymous") as http:
        refused = await http.post("/graphql", json={"query": "{ halls { totalCount } }"})
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"
        assert refused.json()["errors"][0]["message"].startswith("此处只运行已登记的查询文档")
        assert (await http.post("/graphql", json={"query": BOARD})).json() == {"data": {"__typename": "Query"}}
        assert (await http.post("/graphql", json={"documentId": document_hash(BOARD)})).status_code == 200
        # Signed-in staff may still send any document in "anonymous" mode …
        assert (await http.post("/graphql", json={"query": "{ __typename }"}, headers=staff["headers"])).status_code == 200
    async with client_for(runtime, persisted_documents=manifest, trusted_documents="all") as http:
        # … but not in "all".
        denied = await http.post("/graphql", json={"query": "{ __typename }"}, headers=staff["headers"])
        assert denied.json()["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"


def test_trusted_documents_need_a_manifest_and_a_known_mode():
    from core.config import ConfigError, load_settings

    with pytest.raises(ConfigError, match="TINGWU_PERSISTED_DOCUMENTS"):
        load_settings({"TINGWU_TRUSTED_DOCUMENTS": "anonymous"}, config_file="/nonexistent.toml")
    with pytest.raises(ConfigError, match="off, anonymous or all"):
        load_settings({"TINGWU_TRUSTED_DOCUMENTS": "some"}, config_file="/nonexistent.toml")
    with pytest.raises(ConfigError, match="origin"):
        load_settings({"TINGWU_CORS_ORIGINS": "screen.example"}, config_file="/nonexistent.toml")
    with pytest.raises(ConfigError, match="BODY_LIMIT"):
        load_settings({"TINGWU_BODY_LIMIT": "-1"}, config_file="/nonexistent.toml")


# --- production answers, metrics, logs --------------------------------------------------------------------------


async def test_production_hides_field_suggestions(runtime, db):
    async with client_for(runtime) as http:
        development = await http.post("/graphql", json={"query": "{ hallz { totalCount } }"}, headers={"Accept-Language": "en"})
        assert "Did you mean" in development.json()["errors"][0]["message"]
    async with client_for(runtime, env="production", secret_key="x" * 40) as http:
        production = await http.post("/graphql", json={"query": "{ hallz { totalCount } }"}, headers={"Accept-Language": "en"})
        message = production.json()["errors"][0]["message"]
        assert message.startswith("Cannot query field 'hallz'") and "Did you mean" not in message


async def test_metrics_count_operations_errors_and_refusals(gql, db):
    await gql.http.post("/graphql", json={"query": "{ __typename }"})
    await gql.http.post("/graphql", json={"query": "{ nope }"})
    metrics = await gql.http.get("/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    for name in ("tingwu_graphql_requests_total", "tingwu_graphql_request_duration_seconds_bucket",
                 "tingwu_errors_total", "tingwu_rate_limit_refusals_total", "tingwu_outbox_backlog",
                 "tingwu_outbox_oldest_age_seconds", "tingwu_db_pool_connections", "tingwu_subscriptions",
                 "tingwu_job_runs_total", "tingwu_http_refusals_total"):
        assert name.removesuffix("_bucket") in text, name
    assert 'tingwu_graphql_requests_total{operation="__typename",outcome="ok",type="query"}' in text
    assert 'tingwu_errors_total{code="GRAPHQL_VALIDATION_FAILED"}' in text


async def test_a_domain_error_is_one_log_line_without_a_traceback(gql, db, caplog):
    caplog.set_level(logging.INFO)
    body = await gql.execute('{ auditLog(first: 1) { edges { cursor } } }')
    assert body["errors"][0]["extensions"]["code"] in ("UNAUTHENTICATED", "PERMISSION_DENIED")
    lines = [r for r in caplog.records if r.name == "tingwu.graphql"]
    assert len(lines) == 1 and lines[0].levelno == logging.INFO
    event = lines[0].msg
    assert event["outcome"] == "rejected" and event["caller"] == "anonymous" and event["operation"] == "auditLog"
    assert not [r for r in caplog.records if r.name == "strawberry.execution"]
    assert not [r for r in caplog.records if r.exc_info]
