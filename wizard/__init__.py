"""SMTP Setup Wizard: gets a server's outgoing mail right on the first try."""

__version__ = "0.1.0"
