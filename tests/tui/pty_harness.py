"""The real terminal wizard (the real Textual app and driver) for a pseudo-terminal test: run as a program,
it shows the wizard on its terminal, without looking anything up on the network, and when the wizard ends
writes the answers it ended with as JSON to the file named by argv[3] — the secret only as whether it is the
one in the environment variable EXPECTED_SECRET (a secret is never written out).

argv: language, config path, answers path."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main() -> int:
    from keyring.backends.fail import Keyring

    from wizard.core import i18n
    from wizard.flow import Flow
    from wizard.tui.app import WizardApp

    language, config, out = sys.argv[1:4]
    i18n.set_language(language)
    flow = Flow(Path(config), load=False, auto_discover=False, keyring_backend=Keyring())
    code = WizardApp(flow).run()
    a = flow.answers
    answers = {
        "page": flow.page.value,
        "user": a.user,
        "host": a.host,
        "port": a.port,
        "secret_is_expected": a.secret == os.environ.get("EXPECTED_SECRET"),
    }
    Path(out).write_text(json.dumps(answers))
    return 1 if code is None else int(code)


if __name__ == "__main__":
    sys.exit(main())
