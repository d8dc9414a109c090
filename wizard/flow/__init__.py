"""The wizard's flow without any UI: one set of pages and questions, presented by several faces.

As with debconf (one question set, several frontends), everything a face needs to know lives here: the page
sequence and its branching (the full route and the quick path of SPEC §6 rev 2), each page's questions with
their state, defaults and localized validation messages, the pre-fill from the existing setup, discovery
suggestions, the live test with its step events, the plan with its diff, the writing and the next steps.
A face (the Qt wizard, the Textual terminal wizard) only asks and shows. No Qt or Textual import here.

    flow = Flow(config_path)            # reads config.toml and .env (flow.load())
    flow.page                           # PageId of the current page
    flow.questions()                    # the visible questions of the page, with their problems
    flow.set("user", "me@example.com")
    flow.advance()                      # moves on when the page is valid (FlowError otherwise)
    await flow.run_test(on_change)      # on the Test page: the live probe, step by step
    flow.advance()                      # on the Summary page this writes the files

The lazy boundary (the one place start-up time is decided): the flow, its pages' content and helpers and the
core's settings model load with the first screen; two seams hold what the first screen must not pay for,
each a module imported on first use with `from wizard.flow import <seam>  # lazy: …` in the function that
needs it:
- `wizard.flow.services`: discovery (dnspython, autoconfig over HTTPS), the live test (the probe with
  aiosmtplib and ssl) and the sender domain's records (SPEC §11);
- `wizard.flow.files`: the setup's files, read once the first page is on screen (`Flow.load`): config.toml
  (tomllib, tomlkit), the .env files, the Docker Compose project (layout, container environment, network,
  EHLO name, the `hostname:` editor) and the apply plan with its transaction.
Below the flow, the core keeps its own heavy libraries behind one import each (see `wizard.core`), so its
modules can be imported at the top. Every other import stands at the top (`scripts/import_graph.py` lists
those that do not; tests/test_import_graph.py and the first-screen import tests hold both). The helpers
(`content`, `deployment_choice`, `keyring_option`, `outcome`, `report_file`) read a run through small
protocols (`PageFacts`, `ChoiceFacts`, …), not `Flow`: `flow.py` imports them, they never import it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.flow.answers import Answers
    from wizard.flow.errors import FlowError
    from wizard.flow.flow import Flow
    from wizard.flow.pages import PageId
    from wizard.flow.questions import Kind, Message, Question

__all__ = ["Answers", "Flow", "FlowError", "Kind", "Message", "PageId", "Question"]

# Loaded on first use: the Qt wizard asks the route table (wizard.flow.pages) while its first window is
# being shown, and must not pay for the rest of the flow then.
_WHERE = {
    "Answers": "wizard.flow.answers",
    "Flow": "wizard.flow.flow",
    "FlowError": "wizard.flow.errors",
    "Kind": "wizard.flow.questions",
    "Message": "wizard.flow.questions",
    "PageId": "wizard.flow.pages",
    "Question": "wizard.flow.questions",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
