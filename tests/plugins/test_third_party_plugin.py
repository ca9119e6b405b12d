"""A third-party jurisdiction plugin, in its own package, appears without any change to core.

The package is the one `docs/writing-a-plugin.md` walks a county office
through: its files are taken from the guide's code blocks, so the guide stays
true. It is pip-installed into a temporary directory and found through the
`tingwu.jurisdictions` entry-point group, exactly as a county would install it.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from core.app import create_app
from core.plugins.manager import build_plugin_manager
from core.runtime import Runtime
from tests.conftest import GraphQLClient, settings_for

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "writing-a-plugin.md"


def guide_files() -> dict[str, str]:
    """The package's files as the guide shows them.

    A code block whose first line is ``# tingwu_huicheng/<file>.py`` starts that
    file; an unnamed block of hookimpls continues ``hooks.py`` (the guide shows it
    in two parts: identity, then policies). The test module block is left out.
    """
    text = GUIDE.read_text(encoding="utf-8")
    toml = re.search(r"```toml\n(.*?)```", text, re.S).group(1)
    files = {
        "pyproject.toml": toml.replace('dependencies = ["tingwu>=0.1"]', "dependencies = []"),
        "tingwu_huicheng/__init__.py": re.search(r"`tingwu_huicheng/__init__.py`:\n\n```python\n(.*?)```", text, re.S).group(1),
    }
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        named = re.match(r"# (tingwu_huicheng/\w+\.py)\n", block)
        if named:
            files[named.group(1)] = block[named.end():]
        elif "@hookimpl" in block:
            files["tingwu_huicheng/hooks.py"] += "\n\n" + block
    return files


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory):
    source = tmp_path_factory.mktemp("tingwu-huicheng")
    for name, content in guide_files().items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(content, encoding="utf-8")
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "--target", str(target), str(source)],
        check=True,
    )
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    yield target
    sys.path.remove(str(target))
    for name in [m for m in sys.modules if m.startswith("tingwu_huicheng")]:
        del sys.modules[name]


def test_installed_plugin_is_found_through_its_entry_point(installed_plugin):
    host = build_plugin_manager()
    assert "huicheng" in host.installed
    assert host.installed["huicheng"].distribution == "tingwu-huicheng"
    assert {"panyu", "dongguan", "jiedong", "dongying", "nanbu"} <= set(host.installed)


@pytest.mark.db
async def test_installed_plugin_is_served_through_graphql(installed_plugin, database_url):
    runtime = Runtime.create(settings_for(database_url, jurisdictions=["huicheng", "jiedong"]))
    try:
        app = create_app(runtime, check_on_startup=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            data = await GraphQLClient(http).data("""{ jurisdictions { code name }
              jurisdiction(code: "huicheng") { serviceHours(date: "2026-07-03") { public { start end } rules { source } }
                leaveApprovalChain(days: 1) { steps { role } }
                ratingScale { score }
                complaintRules: rules { id source } } }""")
        assert [j["code"] for j in data["jurisdictions"]] == ["huicheng", "jiedong"]
        huicheng = data["jurisdiction"]
        assert huicheng["serviceHours"]["public"][1] == {"start": "14:30", "end": "17:30"}
        assert huicheng["serviceHours"]["rules"][0]["source"] == "huicheng"
        assert [s["role"] for s in huicheng["leaveApprovalChain"]["steps"]] == ["chief_representative"]
        assert [level["score"] for level in huicheng["ratingScale"]] == [10, 8, 6, 3, 0]
        sources = {r["source"] for r in huicheng["complaintRules"]}
        assert "huicheng" in sources and "default" in sources  # silent topics come from the baseline
        assert "guangdong" in sources  # it joined the Guangdong provincial 好差评 rules
    finally:
        await runtime.close()
