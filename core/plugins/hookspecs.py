"""Every hook a jurisdiction plugin can implement.

Conventions (pytest's and datasette's):

* every hook is prefixed ``tingwu_``;
* policy lookups are ``firstresult=True`` and take ``jurisdiction`` plus the
  facts they need as keyword arguments;
* an implementation returns ``None`` when the jurisdiction is not its own, so
  the next implementation (finally the national baseline, registered
  ``trylast``) answers.

``docs/plugin_hooks.md`` documents each hook with its exact signature; a test
fails when a hook is undocumented or untested.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from core.plugins.info import JurisdictionInfo

PROJECT_NAME = "tingwu"
ENTRY_POINT_GROUP = "tingwu.jurisdictions"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# ---------------------------------------------------------------------------
# Identity
# ---------------------------------------------------------------------------


@hookspec
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    """Describe the jurisdiction this plugin implements.

    Every jurisdiction plugin implements this hook exactly once; the national
    baseline does not (it is not a jurisdiction).

    :return: the plugin's :class:`core.plugins.info.JurisdictionInfo`
        (code, Chinese name, province, managing body, source documents).
    """
