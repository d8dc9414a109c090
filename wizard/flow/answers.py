"""What the user has answered so far: plain values as typed, the one state every face shows and edits."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Answers:
    """Values as the user typed or chose them (not yet validated). `secret` never appears in a repr."""

    config_path: str = ""
    language: str = "en"
    skip: bool = False  # "I have no mail server yet": switch off user verification for now
    layout: str = "current"  # config_file.Layout value for the skip flag
    deployment: str = "auto"  # DeploymentChoice value: detect the layout, or the user's (SPEC §3a)
    compose_file: str = ""  # the compose file when the user names it; empty: found automatically
    compose_service: str = ""  # the server's service when several mount the config folder; empty: not asked
    user: str = ""  # the mail address, which is the login; the server sends as it (SPEC §2 rev 2)
    login_differs: bool = False  # "my login is not my address": `user` is then a login such as `apikey`
    relay: bool = False  # a relay on this machine or network: no encryption, usually no password
    host: str = ""
    port: str = "465"
    security: str = "smtps"
    secret_source: str = "new"  # settings.SecretSource value
    secret: str = field(default="", repr=False)
    secret_var: str = "SMTP_SECRET"
    remember: bool = False  # also remember the new secret in the system keyring (after writing)
    send_to: str = ""  # the test mail's recipient; empty: connect and log in only
    plaintext_auth: bool = False  # send the password without encryption to a host that is not loopback
    save_untested: bool = False  # save although the test did not pass
    hostname: str = ""  # the compose service's `hostname:` offered on the Test page (flow/hostname_offer.py)
