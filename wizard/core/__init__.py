"""The wizard's core: settings, the endpoint mapping, config/.env files. No Qt import here."""
