"""Demo mode: a scratch folder and a mail server on loopback, so the whole flow works without an account."""
