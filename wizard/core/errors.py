"""The typed errors of the core. Each carries a message id from the catalogue and the facts the user needs
(field, file, line, column), so every face can show it in the user's language."""

from __future__ import annotations

from pathlib import Path

from wizard.core.i18n import tr


class WizardError(Exception):
    """Base of every error the user is meant to read. `str()` is the localized message."""

    exit_code = 2

    def __init__(self, msg_id: str, /, **params: object) -> None:
        self.msg_id = msg_id
        self.params = params
        super().__init__(msg_id)

    @property
    def message(self) -> str:
        return tr(self.msg_id, **self.params)

    def __str__(self) -> str:
        return self.message


class ValidationError(WizardError, ValueError):
    """An input value is not acceptable. `field` names the setting (sender, host, port, ...)."""

    exit_code = 2

    def __init__(self, field: str, msg_id: str, /, **params: object) -> None:
        self.field = field
        super().__init__(msg_id, **params)


class FileProblem(WizardError, OSError):
    """A file cannot be read, parsed or written; nothing was written. CLI exit code 3."""

    exit_code = 3

    def __init__(
        self,
        path: Path,
        msg_id: str,
        /,
        *,
        line: int | None = None,
        col: int | None = None,
        **params: object,
    ) -> None:
        self.path = path
        self.line = line
        self.col = col
        super().__init__(msg_id, path=str(path), line=line or "", col=col or "", **params)

    @property
    def location(self) -> str:
        """Where the problem is, in words a non-expert reads: `path`, `path, line 5` or
        `path, line 5, column 1` (both counted from 1), localized."""
        if self.line is None:
            return str(self.path)
        if self.col is None:
            return tr("transaction.location_line", path=str(self.path), line=self.line)
        return tr("transaction.location", path=str(self.path), line=self.line, col=self.col)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class FileChangedError(FileProblem):
    """The file changed on disk after the wizard read it; it is not overwritten."""


class Cancelled(KeyboardInterrupt):
    """The user interrupted the run (Ctrl-C / SIGINT or SIGTERM). Raised by the file transaction after it put
    every file back; like KeyboardInterrupt it is not an Exception, so no ordinary handler swallows it."""
