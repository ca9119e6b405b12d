"""Declaring rules: each plugin (and the baseline) keeps one :class:`RuleSet` of its rules.

A rule is declared once, next to the pure function that applies it, and the
same object both answers ``tingwu_policy_rules`` and stamps every answer with
its :class:`~core.policy.types.RuleRef`.
"""

from __future__ import annotations

from datetime import date

from core.policy.types import SOURCE_DEFAULT, SOURCE_NATIONAL, PolicyRule

#: Rule ids of the national baseline start with its sources; plugin rule ids start with the plugin's code.
BASELINE_ID_PREFIXES = (f"{SOURCE_DEFAULT}.", f"{SOURCE_NATIONAL}.")


def is_baseline_rule(rule: PolicyRule) -> bool:
    return rule.id.startswith(BASELINE_ID_PREFIXES)


class RuleSet:
    """The rules one plugin implements, all read from one source document."""

    def __init__(
        self,
        *,
        source: str,
        source_document: str,
        plugin_version: str,
        effective_from: date | None = None,
    ):
        self.source = source
        self.source_document = source_document
        self.plugin_version = plugin_version
        self.effective_from = effective_from
        self._rules: dict[str, PolicyRule] = {}

    def define(
        self,
        rule_id: str,
        *,
        topic: str,
        title: str,
        summary: str,
        article: str | None,
        source: str | None = None,
        source_document: str | None = None,
    ) -> PolicyRule:
        """Declare a rule; ``source`` defaults to the set's (pass ``default`` for a configurable default)."""
        if rule_id in self._rules:
            raise ValueError(f"rule {rule_id} declared twice")
        rule = PolicyRule(
            id=rule_id,
            title=title,
            summary=summary,
            topic=topic,
            source=source or self.source,
            source_document=source_document or self.source_document,
            article=article,
            plugin_version=self.plugin_version,
            effective_from=self.effective_from,
        )
        self._rules[rule_id] = rule
        return rule

    def all(self) -> list[PolicyRule]:
        return list(self._rules.values())

    def __getitem__(self, rule_id: str) -> PolicyRule:
        return self._rules[rule_id]


# ---------------------------------------------------------------------------
# The national baseline's own rule set
# ---------------------------------------------------------------------------

BASELINE_VERSION = "0.1.0"
BASELINE_DOCUMENT = "Tingwu national baseline (全国基线): configurable defaults, RULEBOOK"
NATIONAL_DOCUMENT = "Tingwu national baseline (全国基线): rules all five source documents agree on"

#: Rules of the national baseline. Each family module (``core.policy.hours`` …) declares its own here.
BASELINE = RuleSet(source=SOURCE_DEFAULT, source_document=BASELINE_DOCUMENT, plugin_version=BASELINE_VERSION)


def national_rule(rule_id: str, *, topic: str, title: str, summary: str, article: str) -> PolicyRule:
    """Declare a baseline rule every seed agrees on (``source="national"``)."""
    return BASELINE.define(
        rule_id,
        topic=topic,
        title=title,
        summary=summary,
        article=article,
        source=SOURCE_NATIONAL,
        source_document=NATIONAL_DOCUMENT,
    )


def default_rule(rule_id: str, *, topic: str, title: str, summary: str, article: str) -> PolicyRule:
    """Declare a configurable default of the baseline (``source="default"``)."""
    return BASELINE.define(rule_id, topic=topic, title=title, summary=summary, article=article)
