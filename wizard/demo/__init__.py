"""Demo mode: a scratch folder and a mail server on loopback, so the whole flow works without an account.

The demo's lazy seam: `mail_server.DemoMailServer` binds its socket at once and imports `serving` (aiosmtpd,
ssl and the certificate maker with cryptography) only when the server starts, after the first window."""
