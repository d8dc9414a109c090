"""The wizard's core: settings, the endpoint mapping, config/.env files, the provider table (`providers`, read
by discovery, the probe's advice and the deliverability checks alike). No Qt import here.

The core's lazy seams: a heavy third-party library is imported in one place, inside the function that uses
it, so every core module can be imported at the top by the flow and the CLI without loading it:
- idna and email-validator: `name_syntax` (the settings model and its validation import cheaply);
- ruamel.yaml: `deployment.compose_file.load_yaml` (the compose readers and editors);
- keyring: `keyring_store` (`ranked_backends`, `_guarded`);
- hashlib (OpenSSL's libcrypto): `atomic.sha256_hex` (snapshots, the compose stand-in container id);
- tomllib for the message catalogue: `i18n` (only without a compiled catalogue).
The TOML reader and writer (`config_file`: tomllib, tomlkit) import theirs at the top: the flow reaches them
through its file seam (`wizard.flow.files`); the compose and .env readers decode text with `file_text`,
not with it.
"""
