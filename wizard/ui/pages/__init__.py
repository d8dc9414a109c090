"""One module per wizard page (SPEC §6). Pages present the core's results and add no logic of their own."""
