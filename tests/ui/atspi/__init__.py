"""The GUI read through AT-SPI, the interface screen readers use: the wizard on Xvfb in its own D-Bus session
(`app.py`, the project's Python) and a reader of its accessibility tree (`reader.py`, the system Python, where
Debian's python3-pyatspi lives)."""
