"""`smtp-wizard detect ADDRESS`: suggest the submission server for an address (SPEC §5, §8).

Exit codes: 0 something was found, 1 nothing was found, 2 the address is not one."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

import dns.asyncresolver

from wizard.cli.options import timeout_seconds
from wizard.cli.output import EXIT_OK, EXIT_USAGE, error_json, error_text, print_json, say, warn
from wizard.core.errors import ValidationError
from wizard.core.i18n import tr
from wizard.discovery import Candidate, discover
from wizard.discovery.discover import DEADLINE, mail_domain
from wizard.discovery.labels import hint_text, login_label, security_label, source_label, status_label
from wizard.discovery.verify import Verify

if TYPE_CHECKING:
    from wizard.discovery.autoconfig import AutoconfigLookups

EXIT_NOTHING_FOUND = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", metavar="ADDRESS", help=tr("discovery.cli.help_address"))
    parser.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    parser.add_argument(
        "--timeout",
        type=timeout_seconds,
        default=DEADLINE,
        metavar="S",
        help=tr("discovery.cli.help_timeout", default=DEADLINE),
    )


def run(
    args: argparse.Namespace,
    *,
    resolver: dns.asyncresolver.Resolver | None = None,
    verify: Verify | None = None,
    use_dns: bool = True,
    autoconfig: AutoconfigLookups | None = None,
) -> int:
    """Run discovery and print it. `resolver`, `verify`, `use_dns` and `autoconfig` are for tests (local
    servers only; see `discover`)."""
    try:
        found = asyncio.run(
            discover(
                args.address,
                resolver=resolver,
                verify=verify,
                deadline=args.timeout,
                use_dns=use_dns,
                autoconfig=autoconfig,
            )
        )
    except ValidationError as exc:
        if args.json:
            # The same "ok" and "error" {"kind", ...} as every other command's failure.
            print_json({"ok": False, "candidates": [], "error": error_json(exc)})
        else:
            warn(tr("cli.error_prefix") + " " + error_text(exc))
        return EXIT_USAGE
    if args.json:
        print_json({"candidates": [c.to_json() for c in found]})
    elif found:
        _print_human(args.address.strip(), found)
    else:
        say(tr("discovery.cli.nothing", domain=mail_domain(args.address) or args.address))
    return EXIT_OK if found else EXIT_NOTHING_FOUND


def _print_human(address: str, found: list[Candidate]) -> None:
    say(tr("discovery.cli.heading", address=address))
    for number, candidate in enumerate(found, start=1):
        title = f"{candidate.host}:{candidate.port} · {security_label(candidate)}"
        if candidate.provider_name:
            title += f" · {candidate.provider_name}"
        say(f"{number:>3}. {title}")
        say(f"     {source_label(candidate)} · {status_label(candidate)}")
        say("     " + tr("discovery.cli.login", login=login_label(candidate)))
        if hint := hint_text(candidate):
            say("     " + hint)
