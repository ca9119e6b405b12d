"""A provincial Tingwu beside the county one: its own database on the same backend, its own app."""

from __future__ import annotations

import httpx
import pytest

from core.app import create_app
from core.db import migrations
from core.runtime import Runtime
from tests.conftest import GraphQLClient, empty_all_tables, settings_for

PROVINCE_SECRET = "province-secret-key-that-is-long-enough-for-hs256"


@pytest.fixture(scope="session")
def province_database_url(backend, fresh_database_url) -> str:
    url = fresh_database_url(backend)
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session")
async def province_runtime(province_database_url):
    # The Guangdong provincial Tingwu: every Guangdong jurisdiction enabled.
    runtime = Runtime.create(settings_for(province_database_url, secret_key=PROVINCE_SECRET,
                                          jurisdictions=["panyu", "dongguan", "jiedong"]))
    yield runtime
    await runtime.close()


@pytest.fixture
async def province(province_runtime):
    """The province's runtime, its tables emptied after the test."""
    yield province_runtime
    await empty_all_tables(province_runtime.db)


@pytest.fixture
async def province_http(province):
    app = create_app(province, check_on_startup=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://province.test") as http:
        yield http


@pytest.fixture
def province_gql(province_http):
    return GraphQLClient(province_http)
