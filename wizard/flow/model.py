"""Between the answers (text as typed) and the core's settings model: the one place that knows both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings, is_address, validate_port

if TYPE_CHECKING:
    from wizard.core.existing import ExistingSetup
    from wizard.flow.answers import Answers


def secret_stored(existing: ExistingSetup | None) -> bool:
    """Whether a secret is really stored to keep (`ExistingSetup.kept_secret`, which `apply --keep-secret`
    uses too): an empty one (e.g. a compose project passing an unset `${SMTP_SECRET}`, which compose turns
    into "") is nothing to keep; a value in the compose project's `.env` that the service does not pass yet
    is one. Both faces ask this."""
    return existing is not None and existing.kept_secret is not None


def secret_of(answers: Answers, existing: ExistingSetup | None) -> Secret | None:
    """The secret the probe and the writer use: typed, or the kept one (never shown), or none."""
    source = SecretSource(answers.secret_source)
    if source is SecretSource.NEW:
        return Secret(answers.secret)
    if source is SecretSource.KEEP and existing is not None:
        return existing.kept_secret
    return None


def settings_from_answers(answers: Answers, existing: ExistingSetup | None) -> Settings:
    """The validated core settings (ValidationError names the field that is wrong)."""
    return Settings(
        user=answers.user.strip(),
        host=answers.host.strip(),
        port=validate_port(answers.port),
        security=Security(answers.security),
        secret_var=answers.secret_var.strip(),
        secret_source=SecretSource(answers.secret_source),
        secret=secret_of(answers, existing),
    ).validated()


def answers_from_settings(settings: Settings) -> dict[str, str | bool]:
    """The answers that stand for `settings` (the existing setup or the demo), by Answers attribute."""
    relay = settings.security is Security.NONE
    return {
        "user": settings.user,
        "login_differs": not is_address(settings.user),
        "host": settings.host,
        "port": str(settings.port),
        "security": str(settings.security),
        "relay": relay,
        "secret_var": settings.secret_var,
        "secret_source": str(settings.secret_source),
    }
