"""The wizard's core: settings, the endpoint mapping, config/.env files, the provider table (`providers`, read
by discovery, the probe's advice and the deliverability checks alike). No Qt import here."""
