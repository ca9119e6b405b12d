"""The hook contract, kept honest (datasette's test_plugins / test_docs).

* every hook in ``core/plugins/hookspecs.py`` is documented in ``docs/plugin_hooks.md``
  with its exact signature;
* every hook name appears in a test file other than this one;
* every policy hook is ``firstresult`` and has a ``trylast`` baseline implementation;
* every plugin's ``tingwu_policy_rules`` entries cite a source document and article.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from core.plugins import baseline, hookspecs
from tests.policy.conftest import JURISDICTIONS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "plugin_hooks.md"
NOT_POLICY_LOOKUPS = {"tingwu_jurisdiction_info", "tingwu_policy_rules"}

HOOKS = {
    name: fn
    for name, fn in vars(hookspecs).items()
    if name.startswith("tingwu_") and getattr(fn, f"{hookspecs.PROJECT_NAME}_spec", None) is not None
}
POLICY_HOOKS = sorted(set(HOOKS) - NOT_POLICY_LOOKUPS)


def signature_line(fn) -> str:
    """``def name(a: T, …) -> R`` with annotations as written in hookspecs.py."""
    signature = inspect.signature(fn)
    params = ", ".join(f"{p.name}: {p.annotation}" for p in signature.parameters.values())
    return f"def {fn.__name__}({params}) -> {signature.return_annotation}"


def test_there_are_hooks_for_every_family():
    assert len(POLICY_HOOKS) >= 30


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_is_documented_with_its_exact_signature(name):
    assert signature_line(HOOKS[name]) in DOCS.read_text(encoding="utf-8"), (
        f"docs/plugin_hooks.md lacks the exact signature of {name}: {signature_line(HOOKS[name])}"
    )


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_has_a_docstring_with_params_and_return(name):
    doc = inspect.getdoc(HOOKS[name]) or ""
    assert ":return:" in doc
    for parameter in inspect.signature(HOOKS[name]).parameters:
        assert f":param {parameter}:" in doc
    if name in POLICY_HOOKS or name == "tingwu_policy_rules":
        assert "RULEBOOK" in doc and "return ``None``" in doc


def test_docs_document_no_hook_that_does_not_exist():
    documented = {
        line.split("(")[0].removeprefix("def ").strip()
        for line in DOCS.read_text(encoding="utf-8").splitlines()
        if line.startswith("def tingwu_")
    }
    assert documented == set(HOOKS)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_is_tested(name):
    here = Path(__file__).resolve()
    tests = [p for p in (ROOT / "tests").rglob("test_*.py") if p.resolve() != here]
    assert any(name in p.read_text(encoding="utf-8") for p in tests), f"no test mentions {name}"


@pytest.mark.parametrize("name", POLICY_HOOKS)
def test_policy_hook_is_firstresult_with_a_trylast_baseline(name):
    assert getattr(HOOKS[name], f"{hookspecs.PROJECT_NAME}_spec")["firstresult"] is True
    impl = getattr(baseline, name, None)
    assert impl is not None, f"the national baseline does not implement {name}"
    assert getattr(impl, f"{hookspecs.PROJECT_NAME}_impl")["trylast"] is True


def test_baseline_lists_its_rules_but_is_not_a_jurisdiction():
    assert getattr(baseline, "tingwu_policy_rules")
    assert not hasattr(baseline, "tingwu_jurisdiction_info")


@pytest.mark.parametrize("code", JURISDICTIONS)
def test_plugin_rules_cite_their_source(host, code):
    lists = host.hook.tingwu_policy_rules(jurisdiction=code)
    own = [rule for rules in lists for rule in rules if not rule.id.startswith(("default.", "national."))]
    assert own, f"{code} lists no rules"
    for rule in own:
        assert rule.id.startswith((f"{code}.", "guangdong.")), rule.id
        assert rule.source_document, rule.id
        assert rule.article, f"{rule.id} cites no article"
        assert rule.title and rule.summary and rule.topic and rule.plugin_version


@pytest.mark.parametrize("code", JURISDICTIONS)
def test_plugin_answers_only_for_its_own_jurisdiction(host, code):
    """Every plugin hookimpl returns None for a code that is not its own."""
    plugin = host.pm.get_plugin(code) or next(
        p for p in host.pm.get_plugins() if getattr(p, "CODE", None) == code
    )
    for name in POLICY_HOOKS:
        impl = getattr(plugin, name, None)
        if impl is None:
            continue
        params = inspect.signature(impl).parameters
        assert "jurisdiction" in params, f"{code}.{name} must take jurisdiction"
        kwargs = {p: None for p in params}
        kwargs["jurisdiction"] = "somewhere-else"
        assert impl(**kwargs) is None, f"{code}.{name} answered for another jurisdiction"
