"""The terminal wizard (SPEC §10): a Textual face on the UI-free flow (wizard/flow/)."""
