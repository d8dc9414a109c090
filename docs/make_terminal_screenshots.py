"""SVG screenshots of every page of the terminal wizard, at 80×24, into docs/screenshots/terminal/[de/].

Runs the real Textual app headless (its test pilot) in demo mode: a scratch folder and the embedded mail
server on 127.0.0.1. The full route is walked to show every page; a wrong password against a second local
server that asks for a login shows a failed test with its diagnosis and details, and its report saved to a
file; an address of a provider in the table shows the quick path's Account page; a compose project shows
the detected layout and the compose file named by hand; the Secret page shows the system keyring offered
(a file-based keyring standing in for the desktop's) and, as on a server without a desktop, not offered.

    .venv/bin/python docs/make_terminal_screenshots.py [--lang en|de]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository root: tests.support (the server that refuses every login)
OUT = ROOT / "docs" / "screenshots" / "terminal"
SIZE = (80, 24)


async def _until(pilot: Any, predicate: Callable[[], object], timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the wizard did not get there")
        await pilot.pause(0.05)


async def _walk(folder: Path) -> list[Path]:
    from keyring.backends.fail import Keyring as NoKeyring
    from keyrings.alt.file import PlaintextKeyring
    from textual.widgets import Input

    from tests.support.refusing_login import refusing_login_server
    from wizard.core.keyring_store import SERVICE, account
    from wizard.demo.environment import DemoEnvironment
    from wizard.flow import Flow, PageId
    from wizard.flow.keyring_option import KeyringOption
    from wizard.tui.app import WizardApp

    taken: list[Path] = []
    demo = DemoEnvironment()
    login_server = contextlib.ExitStack()
    login_port = login_server.enter_context(refusing_login_server())
    no_keyring = {"keyring_backend": NoKeyring()}  # as on a server without a desktop session
    remembering = PlaintextKeyring()  # stands in for a desktop keyring that remembers a password
    remembering.file_path = str(demo.folder / "keyring.cfg")  # scratch, removed at the end
    remembering.set_password(SERVICE, account("bom@example.com", "127.0.0.1"), "remembered")
    try:
        flow = Flow(demo.config_path, demo=demo, quick=False, load=False, **no_keyring)  # read after the first frame
        app = WizardApp(flow, demo=demo)
        async with app.run_test(size=SIZE) as pilot:

            async def shoot(name: str) -> None:
                await pilot.pause(0.3)
                app.save_screenshot(f"{name}.svg", path=str(folder))
                taken.append(folder / f"{name}.svg")

            async def next_page(expect: PageId) -> None:
                await pilot.press("enter")
                await _until(pilot, lambda: getattr(app.screen, "page", None) is expect)

            async def test_finished() -> None:
                await _until(pilot, lambda: flow.test is not None and flow.test.finished)

            await pilot.pause(0.5)
            await shoot("01-welcome")
            app.screen.query_one("#q-skip").focus()
            await pilot.press("space")
            await shoot("02-welcome-no-mail-server")
            await pilot.press("space")
            await next_page(PageId.ACCOUNT)
            await shoot("03-account")
            await next_page(PageId.SERVER)
            await shoot("04-server")
            await next_page(PageId.SECURITY)  # the demo's server wants STARTTLS and a login: no relay
            await shoot("05-security")
            await next_page(PageId.SECRET)
            await shoot("06-secret")
            await next_page(PageId.TEST)
            await test_finished()
            await shoot("07-test-passed")
            await next_page(PageId.SUMMARY)
            await shoot("09-summary")
            await next_page(PageId.DONE)
            await shoot("10-done")

        # A failed test: a server that refuses the password, reached through the full route.
        failing = Flow(demo.config_path, demo=None, quick=False, **no_keyring)
        app = WizardApp(failing)
        async with app.run_test(size=SIZE) as pilot:
            flow = failing

            async def shoot(name: str) -> None:
                await pilot.pause(0.3)
                app.save_screenshot(f"{name}.svg", path=str(folder))
                taken.append(folder / f"{name}.svg")

            flow.advance()
            flow.set("user", "bom@example.com")
            flow.advance()
            flow.set("host", "127.0.0.1")
            flow.set("port", str(login_port))
            flow.set("relay", True)
            flow.advance()
            flow.set("secret_source", "new")
            flow.set("secret", "not the password")
            flow.set("secret_var", "SMTP_SECRET")
            flow.advance()
            app.show_page()
            await _until(pilot, lambda: flow.test is not None and flow.test.finished)
            await shoot("08-test-failed")
            app.screen.query_one("#details").press()
            await pilot.pause(0.3)
            app.screen.query_one("#body").scroll_end(animate=False)
            await shoot("08-test-failed-details")
            app.screen.query_one("#details").press()
            app.screen.query_one("#save-report").press()
            await _until(pilot, lambda: flow.report_file.path is not None)
            await pilot.pause(0.3)
            app.screen.query_one("#report-note").scroll_visible(animate=False)
            app.screen.query_one("#messages").scroll_visible(animate=False)
            await shoot("08-test-report-saved")
            report = flow.report_file.path
            if report is not None:
                report.unlink()  # the demo folder is scratch, but leave nothing behind

            # The Secret page, with and without a usable keyring (the failing flow's answers, a new secret).
            for name, backend, insecure in (
                ("06-secret-no-keyring", NoKeyring(), False),
                ("06-secret-keyring", remembering, True),
            ):
                flow.keyring = KeyringOption(backend, insecure)
                flow.go_to(PageId.SECRET)
                flow.set("secret_source", "new")
                app.show_page()
                await _until(pilot, lambda: flow.keyring.status is not None)
                await pilot.pause(0.3)
                app.screen.query_one("#body").scroll_end(animate=False)
                await shoot(name)

        # The quick path: a provider from the table is recognised on the Account page.
        quick = Flow(demo.config_path.parent / "new" / "config.toml")
        app = WizardApp(quick)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            await pilot.press("enter")
            await _until(pilot, lambda: getattr(app.screen, "page", None) is PageId.ACCOUNT)
            box = app.screen.query_one("#q-user", Input)
            box.focus()
            await pilot.press(*"bom@gmail.com")
            await pilot.pause(0.3)
            app.save_screenshot("03-account-quick-provider.svg", path=str(folder))
            taken.append(folder / "03-account-quick-provider.svg")
        # A compose project: the detected layout, then the compose file named by hand.
        project = demo.folder / "stack"
        (project / "bomnipotent_config").mkdir(parents=True)
        (project / "bomnipotent_config" / "config.toml").write_text('domain = "https://bom.example.org"\n')
        (project / "production.yml").write_text(
            "services:\n  bomnipotent_server:\n    image: wwhsoft/bomnipotent_server:latest\n"
            "    volumes:\n      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro\n"
        )
        compose = Flow(project / "bomnipotent_config" / "config.toml", load=False, **no_keyring)
        app = WizardApp(compose)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            compose.set("deployment", "compose")
            await app.page_screen.refresh_state()  # type: ignore[union-attr]
            await pilot.pause(0.3)
            app.screen.query_one("#q-deployment").scroll_visible(animate=False, top=True)
            app.save_screenshot("01-welcome-compose-not-found.svg", path=str(folder))
            taken.append(folder / "01-welcome-compose-not-found.svg")
            box = app.screen.query_one("#q-compose_file", Input)
            box.focus()
            await pilot.press(*"../production.yml")
            await _until(pilot, lambda: compose.deployment_problem is None)
            await pilot.pause(0.3)
            app.screen.query_one("#q-deployment").scroll_visible(animate=False, top=True)
            app.save_screenshot("01-welcome-compose-file.svg", path=str(folder))
            taken.append(folder / "01-welcome-compose-file.svg")
    finally:
        login_server.close()
        demo.close()
        Path(remembering.file_path).unlink(missing_ok=True)
    return taken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["en", "de"], default="en")
    args = parser.parse_args()
    from wizard.core import i18n

    i18n.set_language(args.lang)
    folder = OUT / "de" if args.lang == "de" else OUT
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.svg"):
        old.unlink()
    for path in asyncio.run(_walk(folder)):
        print(path.relative_to(OUT.parent.parent.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
