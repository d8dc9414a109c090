"""The flow itself: where the user is, what they answered, where Next and Back lead, and the work behind it.

Routes (SPEC §6 rev 2):
- quick path: Welcome → Account (address and password; the server from the provider table, discovery or
  the existing setup) → Test → Summary → Done;
- full route: Welcome → Account → Server → (Security, unless a relay) → Secret → Test → Summary → Done,
  taken when the server is not known yet, after "Change server settings…", after a fix-it link, or always
  with `quick=False`;
- no mail server yet: Welcome → Summary (the skip-verification flag) → Done.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core import i18n
from wizard.core.errors import FileChangedError, FileProblem, ValidationError, WizardError
from wizard.core.i18n import tr
from wizard.core.loopback import is_loopback_host
from wizard.core.os_reason import os_reason
from wizard.core.settings import Settings, is_address, validate_address, validate_host
from wizard.core.warnings import WarningCode
from wizard.flow import content, deployment_choice, hostname_offer
from wizard.flow.answers import Answers
from wizard.flow.errors import FlowError
from wizard.flow.keyring_option import KeyringOption, use_remembered
from wizard.flow.model import answers_from_settings, secret_of, secret_stored, settings_from_answers
from wizard.flow.pages import PageId, next_page
from wizard.flow.questions import Action, Message, Question
from wizard.flow.report_file import ReportFile, shareable_report

if TYPE_CHECKING:
    from wizard.core.apply import ApplyPlan, ApplyResult
    from wizard.core.deployment import Deployment
    from wizard.core.deployment.network import NetworkHost
    from wizard.core.existing import ExistingSetup
    from wizard.core.secret import Secret
    from wizard.demo.environment import DemoEnvironment
    from wizard.discovery.candidate import Candidate
    from wizard.flow.deliverability_view import DeliverabilityView
    from wizard.flow.outcome import DoneView, SummaryView
    from wizard.flow.testing import TestRun
    from wizard.probe.report import ProbeReport, Step

RELAY_HOST = "localhost"
# The question a fix-it link points at on each page.
FIX_FOCUS = {
    PageId.ACCOUNT: "user",
    PageId.SERVER: "host",
    PageId.SECURITY: "security",
    PageId.SECRET: "secret",
    PageId.TEST: "send_to",
}
DEFAULT_PORT_TEXTS = ("", "465", "587", "25")  # ports nobody typed: a relay may replace them with 25


class Flow:
    """One run of the wizard, shared by every face. Not thread-safe: a face calls it from its event loop."""

    def __init__(
        self,
        config_path: Path,
        *,
        demo: DemoEnvironment | None = None,
        quick: bool = True,
        ca_file: Path | None = None,
        keyring_backend: Any = None,
        keyring_allow_insecure: bool = False,
        connect_to: tuple[str, int] | None = None,
        discovery_options: dict[str, Any] | None = None,
        probe_timeout: float = 20.0,
        load: bool = True,
        auto_discover: bool = False,
    ) -> None:
        """`load=False`: read the files later with `load()` (a face shows its first page first).
        `auto_discover`: the Account page looks the server up while the address is typed (the real program;
        tests pass `discovery_options` that keep it on loopback). `keyring_backend`: None for the system's
        keyring; tests inject a file-based one (`keyring_allow_insecure` lets them use it)."""
        self.answers = Answers(config_path=str(config_path), language=i18n.current_language())
        self.demo = demo
        self.quick = quick
        self.detailed = not quick  # the full route: Server, Security and Secret pages
        # an extra CA for the probe (tests, corporate CAs; the demo's own, made for this run only)
        self.ca_file = ca_file if ca_file is not None or demo is None else demo.ca_file
        self.connect_to = connect_to  # probe this address instead of the route's (tests only)
        # The compose service's `hostname:` to write with the settings (the fix for an EHLO name without a dot,
        # SPEC §12 rev 3); the test sends it as the EHLO name. None: leave the compose file's.
        # Set by the Test page's offer (wizard/flow/hostname_offer.py) or by a caller (the CLI's option).
        self.compose_hostname: str | None = None
        self.machine_fqdn: str | None = None  # this machine's name from the name service, looked up once
        self.discovery_options = dict(discovery_options or {})
        self.probe_timeout = probe_timeout
        self.auto_discover = auto_discover
        self.page = PageId.WELCOME
        self.history: list[PageId] = []
        self.config_path = config_path
        self.existing: ExistingSetup | None = None
        self.deployment: Deployment | None = None  # the detected layout (SPEC §3a): where the secret goes
        self.load_problem: str | None = None
        self.deployment_problem: str | None = None  # the chosen layout does not fit the files
        # several compose services mount the config folder (SPEC §12 rev 3): the faces ask which runs the server
        self.service_candidates: tuple[str, ...] = ()
        self.keyring = KeyringOption(keyring_backend, keyring_allow_insecure)  # the Secret page's option
        self.report_file = ReportFile()  # the Test page's report, saved to a file
        self.touched: set[str] = set()  # answers the user set: pre-fill and suggestions never change them
        self.prefilled: set[str] = set()  # answers filled from the existing setup or the demo
        self.tried: set[PageId] = set()  # pages the user tried to leave with Next (their empty fields are errors)
        self._prefilled_for: Path | None = None
        self._secret_defaulted_for: tuple[bool, bool] | None = None
        self._relay_before: tuple[str, str] | None = None  # (port, security) before "relay" was ticked
        self._relay_filled_host = False  # ticking "relay" filled the empty host with localhost
        self.suggestions: list[Candidate] = []
        self._suggested_for = ""
        self._login_filled = ""  # the login a suggestion filled in (local part, fixed name), to undo it
        self._address_before = ""
        self.provider_hint = ""  # catalogue id of the chosen provider's login hint
        self.detect_status = ""
        self.test: TestRun | None = None
        self.plan: ApplyPlan | None = None
        self.plan_problem: str | None = None
        self.plan_outdated = False  # a file changed on disk since it was read: offer to read again
        self.result: ApplyResult | None = None
        self.focus: str | None = None  # the question a face focuses when it shows the page next (a fix link)
        self.loaded = False
        if load:
            self.load()

    # -- answers -------------------------------------------------------------------------------------

    def value(self, name: str) -> str | bool:
        value: str | bool = getattr(self.answers, name)
        return value

    def set(self, name: str, value: str | bool) -> None:
        """The user typed or chose `value` for the answer `name`; the flow reacts as the pages do."""
        if not hasattr(self.answers, name):
            raise KeyError(name)
        if getattr(self.answers, name) == value:
            return
        setattr(self.answers, name, value)
        self.touched.add(name)
        if name in ("config_path", "deployment", "compose_file", "compose_service"):
            self.load()
        elif name == "language":
            i18n.set_language(str(value))
        elif name == "user":
            self._user_changed()
        elif name == "relay":
            self._relay_changed(bool(value))
        elif name == "secret":
            self._secret_typed(bool(value))

    def answers_given(self) -> bool:
        """Whether the user has answered anything (the language aside) that quitting would throw away: both
        faces ask before quitting then (SPEC §12 rev 3, §6/§10)."""
        return bool(self.touched - {"language"})

    def _set_default(self, name: str, value: str | bool) -> None:
        """A value the flow chose (pre-fill, suggestion, default): never over one the user set."""
        if name not in self.touched:
            setattr(self.answers, name, value)

    def _secret_typed(self, typed: bool) -> None:
        """Typing a secret chooses "new"; on the Account page an emptied field means the stored one (or
        none), as its placeholder says. The Secret page keeps an explicit choice of "new"."""
        if typed:
            self.answers.secret_source = "new"
            self.touched.add("secret_source")
        elif self.page is PageId.ACCOUNT:
            self._quick_secret_source()

    def _quick_secret_source(self) -> None:
        a = self.answers
        if not a.secret:
            a.secret_source = "keep" if self.can_keep_secret else "none"

    def _user_changed(self) -> None:
        """The test mail goes to the address (until the user names another recipient); the provider is
        recognised from it."""
        if "send_to" not in self.touched or not self.answers.send_to.strip():
            self.answers.send_to = self._default_recipient()
            self.touched.discard("send_to")
        self.refresh_table_suggestions()

    def _default_recipient(self) -> str:
        user = self.answers.user.strip()
        return user if is_address(user) else ""

    def _relay_changed(self, on: bool) -> None:
        a = self.answers
        if on:
            self._relay_before = (a.port, a.security)
            self._relay_filled_host = not a.host.strip()
            if self._relay_filled_host:
                a.host = RELAY_HOST
                self.touched.discard("host")
            if a.port.strip() in DEFAULT_PORT_TEXTS and "port" not in self.touched and "port" not in self.prefilled:
                a.port = "25"
            a.security = "none"
        else:
            port, security = self._relay_before or (a.port, "none")
            if a.port == "25" and "port" not in self.touched:
                a.port = port
            if self._relay_filled_host and a.host == RELAY_HOST and "host" not in self.touched:
                a.host = ""  # give back what ticking filled in, unless changed since
            self._relay_filled_host = False
            a.security = security if security != "none" else ("smtps" if a.port.strip() == "465" else "starttls")
            self._relay_before = None

    @property
    def can_keep_secret(self) -> bool:
        return secret_stored(self.existing)

    # -- the existing setup --------------------------------------------------------------------------

    def load(self) -> None:
        """Read the chosen config.toml and the .env next to it, and detect the deployment layout (standalone or
        Docker Compose) — on start and whenever the path changes."""
        from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

        self.existing, self.deployment, self.load_problem, self.deployment_problem = None, None, None, None
        self.loaded = True
        self.compose_hostname = None  # chosen for the project read before, not for this one
        if "hostname" not in self.touched:
            self.answers.hostname = ""
        text = self.answers.config_path.strip()
        if not text:
            self.load_problem = tr("flow.welcome.path_missing")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            path = path / "config.toml"
            self.answers.config_path = str(path)
        try:
            # Recover a killed run's change, lock, then detect and read (SPEC §12 rev 3), as the CLI does:
            # never a layout read from a half-written file. The lock is let go once the files are read.
            with _lock_if_free(path, deployment_choice.compose_path(self, path)):
                self.deployment = deployment_choice.detect(self, path)  # with the service chosen among the last
                # several mounting services: the choice stays visible, to change it
                self.service_candidates = self.deployment.candidates if len(self.deployment.candidates) > 1 else ()
                self.existing = files.load_existing(path, deployment=self.deployment)
        except files.ServiceChoiceNeeded as exc:  # never a silent pick: the Welcome page asks
            self.service_candidates = exc.candidates
            self.deployment_problem = tr("compose_engine.flow.choose_service", candidates=", ".join(exc.candidates))
            return
        except (WizardError, OSError) as exc:
            if self.deployment is not None:  # the layout was found; its files cannot be read
                self.load_problem = str(exc)
                return
            self.service_candidates = ()
            if not deployment_choice.explicit(self) and not isinstance(exc, files.DeploymentError):
                self.load_problem = str(exc)
                return
            self.deployment_problem = deployment_choice.problem_words(exc)  # said under the choice
            return
        self.config_path = path
        if "layout" not in self.touched:
            self.answers.layout = str(self.existing.layout)

    def prefill(self) -> None:
        """Fill the answers from the demo or the existing [smtp], once per config file; a value the user
        typed is never replaced, and nothing is changed that the file does not say."""
        if self._prefilled_for == self.config_path:
            return
        self._prefilled_for = self.config_path
        existing = self.existing
        settings: Settings | None = self.demo.settings if self.demo is not None else None
        if settings is None and existing is not None:
            settings = existing.prefill()
        if settings is None:
            return
        for name, value in answers_from_settings(settings).items():
            if name not in self.touched:
                setattr(self.answers, name, value)
                self.prefilled.add(name)
        if self.demo is not None and "secret" not in self.touched:  # the demo server's login, as shown
            self.answers.secret = self.demo.password
            self.prefilled.add("secret")
        if "send_to" not in self.touched:
            self.answers.send_to = self._default_recipient()
        self.refresh_table_suggestions()

    # -- discovery -----------------------------------------------------------------------------------

    def refresh_table_suggestions(self) -> None:
        """The provider table's suggestion for the address (instant, offline)."""
        address = self.answers.user.strip()
        if address == self._suggested_for:
            return
        self._suggested_for = address
        self.suggestions = []
        if "@" in address:
            from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

            self.suggestions = list(services.suggest_from_table(address))
        self.detect_status = ""

    @property
    def provider_name(self) -> str:
        return next((c.provider_name for c in self.suggestions if c.provider_name), "")

    def offer(self, candidate: Candidate) -> None:
        """A suggestion from discovery, new or updated (matched by host, port and security)."""
        for index, known in enumerate(self.suggestions):
            if known.key == candidate.key:
                self.suggestions[index] = candidate
                break
        else:
            self.suggestions.append(candidate)
        self.suggestions.sort(key=lambda c: c.rank())

    async def discover(self, on_change: Callable[[], None] | None = None) -> list[Candidate]:
        """Look the address's server up (provider table, DNS, trying the usual names), each suggestion
        checked live; `on_change` is called whenever the list changes. Cancel the task to stop it. In the
        demo there is nothing to look up (its own server is filled in): only loopback is ever contacted."""
        from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

        demo = self.demo
        if demo is not None and demo.server is not None:
            self.detect_status = tr("flow_gui.demo_detect", host=demo.settings.host, port=demo.settings.port)
            return []
        address = self.answers.user.strip()
        self.detect_status = tr("flow.server.detecting", address=address)

        def offered(candidate: Candidate) -> None:
            self.offer(candidate)
            if on_change is not None:
                on_change()

        try:
            found = await services.discover(address, on_candidate=offered, **self.discovery_options)
        except asyncio.CancelledError:
            self.detect_status = tr("flow.server.detect_cancelled")
            raise
        except ValidationError as exc:
            self.detect_status = str(exc)
            return []
        except Exception as exc:  # a network failure during discovery: say so, the page stays usable
            # a system error in the user's language; anything else by its kind (no English sentence inside)
            reason = os_reason(exc) if isinstance(exc, OSError) else type(exc).__name__
            self.detect_status = tr("flow.server.detect_failed", reason=reason)
            return []
        for candidate in found:
            self.offer(candidate)
        key = "flow.server.detect_found" if found else "flow.server.detect_none"
        self.detect_status = tr(key, count=len(found))
        return found

    def wants_discovery(self) -> bool:
        """Whether a face should look the address's server up now (the quick path, while typing; the demo has
        its own server: nothing to look up)."""
        address = self.answers.user.strip()
        quick = self.auto_discover and self.quick and not self.detailed and self.demo is None
        return quick and not self.answers.login_differs and "@" in address and not self.server_from_setup()

    def server_from_setup(self) -> bool:
        """Whether the quick path tests the server the existing setup (or the demo) names, unchanged by the
        user: nothing to look up then, and nothing "not found" (the test goes there, `_pick_server`)."""
        return "host" in self.prefilled and "host" not in self.touched and self.server_known()

    def use_suggestion(self, index: int) -> None:
        """Fill host, port and security (and a fixed login such as SendGrid's `apikey`) from a suggestion."""
        candidate = self.suggestions[index]
        if not candidate.usable:  # listed so the user knows, but the server cannot be configured that way
            from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

            self.detect_status = tr("discovery.unusable_note", reason=services.unusable_reason(candidate))
            return
        a = self.answers
        a.relay = False
        a.host, a.port, a.security = candidate.host, str(candidate.port), str(candidate.security)
        self.touched.update(("host", "port", "security"))
        self.provider_hint = candidate.hint_id
        if candidate.login_form in ("literal", "local-part"):
            # e.g. SendGrid's "apikey", or "fred" where the provider wants the local part (Thunderbird's
            # %EMAILLOCALPART%): it becomes `user`, with the warning
            if not self._login_filled:
                self._address_before = a.user
            a.login_differs, a.user = True, candidate.login
            self._login_filled = self._suggested_for = candidate.login  # the list stays for this login
            self.touched.update(("login_differs", "user"))
        elif self._login_filled and a.user == self._login_filled:
            # undo what an earlier suggestion filled in: for this server the address is the login again
            a.login_differs, a.user = False, self._address_before
            self._login_filled, self._suggested_for = "", self._address_before

    def best_suggestion(self) -> int | None:
        """The suggestion the quick path tests: verified first, then by source and security (SPEC §8)."""
        usable = [i for i, c in enumerate(self.suggestions) if c.usable]
        if not usable:
            return None
        return min(usable, key=lambda i: self.suggestions[i].rank())

    # -- what a page shows -----------------------------------------------------------------------------

    def questions(self, page: PageId | None = None) -> list[Question]:
        """The page's questions. An empty field's problem ("… is required") is shown only once the user
        typed in it or tried to go on: not as a greeting on arrival. `problems()` always has all."""
        page = page or self.page
        found = content.questions(self, page)
        if page in self.tried:
            return found
        return [
            replace(q, problem=None)
            if q.problem and isinstance(q.value, str) and not q.value.strip() and q.name not in self.touched
            else q
            for q in found
        ]

    def tried_to_leave(self) -> None:
        """Next was pressed on the current page (refused or not): from now on its empty fields say so."""
        self.tried.add(self.page)

    def messages(self, page: PageId | None = None) -> list[Message]:
        return content.messages(self, page or self.page)

    def actions(self, page: PageId | None = None) -> list[Action]:
        return content.actions(self, page or self.page)

    def title(self, page: PageId | None = None) -> str:
        return tr(f"flow.{page or self.page}.title")

    def subtitle(self, page: PageId | None = None) -> str:
        page = page or self.page
        place = content.secret_place_words(self.deployment) if page == PageId.SECRET else None
        if place is not None:  # in a compose project the secret is not written next to config.toml (SPEC §3a)
            return place[0]
        return tr(f"flow.{page}.subtitle", config=self.config_path.name)  # the file's own name where said

    def problems(self, page: PageId | None = None) -> list[str]:
        """Why the page cannot be left yet (empty: Next may go on)."""
        return content.problems(self, page or self.page)

    def can_advance(self) -> bool:
        return not self.problems()

    # -- moving ------------------------------------------------------------------------------------------

    def next_of(self, page: PageId) -> PageId | None:
        """Where Next leads from `page` with the current answers."""
        a = self.answers
        quick = page is PageId.ACCOUNT and self.quick and not self.detailed and self.server_known()
        return next_page(page, skip=a.skip, relay=a.relay, quick=quick)

    def account_target(self) -> PageId:
        """Where Next will lead from the Account page with the answers so far, without leaving it (a face asks
        this to label its buttons while the user types): the quick path's live test when a server is named or
        a usable suggestion can be picked, else the Server page."""
        if not self.quick or self.detailed:
            return PageId.SERVER
        if self.server_known():
            return PageId.TEST
        if "host" in self.touched or "host" in self.prefilled:
            return PageId.SERVER
        best = self.best_suggestion()
        if best is None or self.suggestions[best].unusable is not None:
            return PageId.SERVER
        return PageId.TEST

    def server_known(self) -> bool:
        """Whether the quick path can test at once: a server from a suggestion or the existing setup."""
        try:
            validate_host(self.answers.host)
        except ValidationError:
            return False
        return not content.security_problem(self)

    def advance(self) -> PageId:
        """Next (on the Summary page: write the files). Raises FlowError when the page is not complete or
        writing failed (nothing written; the page stays with every value)."""
        self.tried_to_leave()
        problems = self.problems()
        if problems:
            raise FlowError(problems)
        self._leave(self.page)
        target = self.next_of(self.page)
        if target is None:
            raise FlowError([tr("flow.done.last_page")])
        self.history.append(self.page)
        self.page = target
        self._enter(target)
        return target

    def back(self) -> PageId:
        """Back: to the page before, every value kept. The live test is stopped by the face first."""
        if self.page is PageId.DONE or not self.history:
            return self.page
        self.page = self.history.pop()
        self._enter(self.page, returning=True)
        return self.page

    def go_to(self, target: PageId) -> PageId:
        """A fix-it link or "Change server settings…": open `target` on the full route. Pages already on
        the way are returned to (Back keeps their values); others are entered after the Account page."""
        if target is self.page:
            return target
        self.detailed = True
        if target in self.history:
            while self.history and self.page is not target:
                self.page = self.history.pop()
        else:
            if PageId.ACCOUNT in self.history:
                del self.history[self.history.index(PageId.ACCOUNT) + 1 :]
            elif self.page is PageId.ACCOUNT:
                self.history.append(PageId.ACCOUNT)
            self.page = target
        self._enter(target, returning=True)
        return target

    def act(self, action_id: str) -> None:
        """Do a page's action (see `actions()`)."""
        a = self.answers
        if action_id == "change_server":
            self.focus = "host"
            self.go_to(PageId.SERVER)
        elif action_id.startswith("use_suggestion:"):
            self.use_suggestion(int(action_id.split(":", 1)[1]))
        elif action_id == "use_465":
            a.port = "465"
            self.touched.add("port")
        elif action_id == "use_587":
            a.port = "587"
            self.touched.add("port")
        elif action_id == "use_starttls":
            a.security = "starttls"
            self.touched.add("security")
        elif action_id == "no_password":
            a.secret_source = "none"
            self.touched.add("secret_source")
        elif action_id == "retry_no_password":  # the server offers no login: test again without one
            a.secret_source = "none"
            self.touched.add("secret_source")
            self.test = None  # the face starts the test anew
        elif action_id == "fix" and self.test is not None and self.test.fix is not None:
            target = self.test.fix[0]
            if target is PageId.SECRET:  # a wrong or missing password: the link is to type another one
                a.secret_source = "new"
                self.touched.add("secret_source")
            self.focus = FIX_FOCUS.get(target)
            self.go_to(target)
        elif action_id == "reread":
            self._make_plan()
        elif action_id == "use_remembered":
            use_remembered(self)
        elif action_id == "save_report":
            self.report_file.save(self)
        elif action_id in ("set_hostname", "unset_hostname"):
            hostname_offer.act(self, action_id)
        else:
            raise KeyError(action_id)

    def _leave(self, page: PageId) -> None:
        if page is PageId.WELCOME:
            self.prefill()
        elif page is PageId.ACCOUNT and self.quick:
            self._quick_secret_source()
            if not self.detailed:
                self._pick_server()
        elif page is PageId.SUMMARY:
            self._write()

    def _pick_server(self) -> None:
        """The quick path tests the best suggestion unless the user or the existing setup named a server."""
        if "host" in self.touched or "host" in self.prefilled:
            return
        best = self.best_suggestion()
        if best is not None:
            self.use_suggestion(best)
            self.touched.difference_update(("host", "port", "security"))  # still the flow's choice

    def _enter(self, page: PageId, *, returning: bool = False) -> None:
        a = self.answers
        if page is PageId.SERVER:
            self.refresh_table_suggestions()
            if not a.host.strip() and not a.relay and self.suggestions:
                self.use_suggestion(0)
                self.touched.difference_update(("host", "port", "security"))
        elif page is PageId.SECURITY and "security" not in self.touched and "security" not in self.prefilled:
            if not any(c.key == (a.host, _int(a.port), a.security) for c in self.suggestions):
                a.security = "smtps" if a.port.strip() == "465" else "starttls"
        elif page is PageId.SECRET:
            self._default_secret_source()
        elif page is PageId.TEST:
            self._default_secret_source()
            hostname_offer.prefill(self)
            if not returning or self.test is None:
                self.test = None
        elif page is PageId.SUMMARY:
            self._make_plan()

    def _default_secret_source(self) -> None:
        """Keep a stored secret when there is one; no password for a relay; else a new one — chosen once
        per situation, after that the user's choice (or the pre-filled one) stands."""
        a = self.answers
        situation = (self.can_keep_secret, a.relay)
        if "secret_source" in self.touched or self._secret_defaulted_for == situation:
            return
        self._secret_defaulted_for = situation
        if a.secret:
            a.secret_source = "new"
        elif "secret_source" in self.prefilled and (a.secret_source != "keep" or self.can_keep_secret):
            return
        elif self.can_keep_secret:
            a.secret_source = "keep"
        elif a.relay or a.security == "none":
            a.secret_source = "none"
        else:
            a.secret_source = "new"

    # -- the settings, the test ------------------------------------------------------------------------

    def secret(self) -> Secret | None:
        """The password the answers hold, or the one kept from the existing setup; None without one."""
        return secret_of(self.answers, self.existing)

    def settings(self) -> Settings:
        """The validated settings the answers add up to (ValidationError names the field)."""
        return settings_from_answers(self.answers, self.existing)

    def needs_plaintext_confirmation(self) -> bool:
        a = self.answers
        return a.security == "none" and a.secret_source != "none" and not is_loopback_host(a.host.strip())

    async def run_test(self, on_change: Callable[[TestRun], None] | None = None) -> ProbeReport | None:
        """The live probe with the current answers; `on_change` after every step event. Cancelling the
        task ends with a `cancelled` report (and re-raises). None when a value was refused before connecting."""
        from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

        a = self.answers
        try:
            settings = self.settings()
            send_to = a.send_to.strip() or None
            if send_to is not None:
                send_to = validate_address(send_to, "send_to")
        except ValidationError as exc:
            self.test = services.TestRun.refused(str(exc))
            if on_change is not None:
                on_change(self.test)
            return None
        network = self._compose_network_host(settings)
        if network is not None and network.probe_at is None:
            # Only the compose network knows this host, or it is loopback, i.e. the server's own container
            # (SPEC §3a): no test from here, not `dns_failed`; the
            # face offers "save untested", and the Done page names the server's own test.
            self.test = services.TestRun.refused(network.message(send_to))
            if on_change is not None:
                on_change(self.test)
            return None
        request = services.ProbeRequest(
            settings,
            settings.secret,
            send_to=send_to,
            timeout=self.probe_timeout,
            ca_file=self.ca_file,
            allow_plaintext_auth=a.plaintext_auth,
            connect_to=network.probe_at if network is not None else self.connect_to,  # a published port
            ehlo=services.for_deployment(
                self.deployment, self.compose_hostname
            ),  # what the server will send (SPEC §12)
            host_suggested=settings.host.lower() in {c.host.lower() for c in self.suggestions},
        )
        run = services.TestRun.start(request)
        self.test = run
        self.report_file.forget()
        a.save_untested = False

        def changed() -> None:
            if on_change is not None and self.test is run:
                on_change(run)

        def on_step(step: Step) -> None:
            run.update(step)
            changed()

        changed()
        records = services.DeliverabilityRun(settings.user, settings.host)
        try:
            report = await services.run_probe(request, on_step=on_step)
        except asyncio.CancelledError:
            records.cancel()
            run.finish(services.cancelled_report(request, list(run.steps.values())))
            changed()
            raise
        except (ValidationError, FileProblem) as exc:  # refused before connecting: a value to correct
            records.cancel()
            run.crash(str(exc))
            changed()
            return None
        if self.demo is not None and self.ca_file == self.demo.ca_file:
            # the demo's authority is made for this run: no server will ever be asked to trust it
            report = replace(report, warnings=[w for w in report.warnings if w.code is not WarningCode.EXTRA_CA])
        run.finish(report)
        changed()  # the verdict shows at once; the records' verdicts follow within 2 s
        if not report.ok:
            records.cancel()
            return report
        try:
            run.deliverability = await records.finish(report)
        except asyncio.CancelledError:  # the face was closed or the test cancelled during the lookups
            records.cancel()
            run.deliverability = records.unfinished()
            changed()
            raise
        changed()
        return report

    def _compose_network_host(self, settings: Settings) -> NetworkHost | None:
        """The compose service the host names, in the compose layout; None otherwise."""
        if self.deployment is None:
            return None
        from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

        return files.compose_network_host(self.deployment, settings.host, settings.port)

    def test_passed(self) -> bool:
        return self.test is not None and self.test.passed

    def deliverability(self) -> DeliverabilityView | None:
        """The sender domain's SPF, DMARC and DKIM after a passed test (SPEC §11), as the faces show them."""
        if self.test is None:
            return None  # no test ran: the service seam (the probe, DNS) stays unloaded
        from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

        return services.deliverability_view(self.test)

    # -- the plan and writing ----------------------------------------------------------------------------

    def _make_plan(self) -> None:
        self.plan, self.plan_problem, self.plan_outdated = None, None, False
        try:
            with _lock_if_free(self.config_path, deployment_choice.compose_path(self, self.config_path)):
                self.plan = self._read_and_plan()
        except (WizardError, OSError) as exc:  # unreadable/unparsable files, a .env the wizard cannot merge
            self.plan_problem = str(exc)

    def _read_and_plan(self) -> ApplyPlan:
        """The plan from the files as they are now (call it holding the lock, so a killed run's change is
        recovered first: SPEC §12 rev 3) — minutes may have passed since the Welcome page read them. The
        flow's layout and existing setup become the ones read here."""
        from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

        path = self.config_path
        if self.answers.skip:
            return files.plan_skip(path, files.Layout(self.answers.layout))
        deployment = deployment_choice.detect(self, path)
        existing = files.load_existing(path, deployment=deployment)
        self.deployment, self.existing = deployment, existing
        return files.plan_apply(self.settings(), path, existing, deployment, hostname=self.compose_hostname)

    def summary(self) -> SummaryView | None:
        if self.plan is None:
            return None
        from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

        return files.summary_view(self)

    def _write(self) -> None:
        from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

        assert self.plan is not None  # problems() refuses the Summary page without a plan
        try:
            # The same order as the CLI: recover, lock, read and detect again; the summary's plan is written
            # only when the files still give exactly it (a layout or a file that decides the container's
            # secret changed meanwhile — an override file appeared, a killed run was undone — is re-read).
            with files.lock_before_reading(self.config_path, deployment_choice.compose_path(self, self.config_path)):
                fresh = self._read_and_plan()
                if not same_plan(self.plan, fresh):
                    raise FileChangedError(self.config_path, "compose_adversarial.plan_changed")
                self.result = files.commit_apply(fresh)
        except FileChangedError as exc:
            self.plan_problem, self.plan_outdated = str(exc), True
            raise FlowError([str(exc)]) from None
        except (WizardError, OSError) as exc:  # nothing was written (or the backup says what was)
            self.plan_problem = str(exc)
            raise FlowError([str(exc)]) from None

    def done(self) -> DoneView:
        from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

        return files.done_view(self)

    # -- the optional system keyring and the report file ----------------------------------------------

    async def ask_keyring(self) -> None:
        """On the Secret page: whether the keyring can be offered, and what it remembers (see
        `wizard.flow.keyring_option`). A face awaits it when the page is shown, then shows the page again."""
        await self.keyring.ask(self)

    async def remember_in_keyring(self) -> str:
        """On the Done page: store the written secret when the user asked for it; the sentence to show
        ("" when nothing was asked)."""
        return await self.keyring.remember(self)

    def shareable_report(self) -> str | None:
        """The finished test's report for "Copy report" (secret masked); None while there is none."""
        return shareable_report(self)


READ_LOCK_WAIT = 1.0  # seconds the Welcome page and the Summary wait for another wizard before reading anyway


@contextlib.contextmanager
def _lock_if_free(config_path: Path, compose_file: Path | None) -> Iterator[None]:
    """Recover and lock before reading, as the CLI does, for a read that only shows something: when another
    wizard is writing there, read without waiting long (a face never freezes for 10 s on a keystroke) — the
    write re-reads everything under the lock and refuses a plan the files no longer give."""
    from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(files.lock_before_reading(config_path, compose_file, READ_LOCK_WAIT))
        except FileProblem as exc:
            if exc.msg_id != "transaction.locked":
                raise
        yield


def same_plan(shown: ApplyPlan, fresh: ApplyPlan) -> bool:
    """Whether a plan made again from the files says what the shown one said: the same layout, files and
    service, the same new contents, the same secret."""
    layouts = [plan.deployment.to_json() if plan.deployment else None for plan in (shown, fresh)]
    return (
        layouts[0] == layouts[1]
        and shown.config_after == fresh.config_after
        and shown.config_snapshot.data == fresh.config_snapshot.data
        and shown.env_path == fresh.env_path
        and shown.env_after == fresh.env_after
        and shown.env_variable == fresh.env_variable
        and shown.compose_after == fresh.compose_after
        and (shown.compose_snapshot.path if shown.compose_snapshot else None)
        == (fresh.compose_snapshot.path if fresh.compose_snapshot else None)
        and shown.expected_secret == fresh.expected_secret
    )


def _int(text: str) -> int:
    with contextlib.suppress(ValueError):
        return int(text.strip())
    return 0
