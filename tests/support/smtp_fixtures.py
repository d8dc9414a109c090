"""pytest fixtures for real SMTP servers on 127.0.0.1 (filled in by the probe work)."""
