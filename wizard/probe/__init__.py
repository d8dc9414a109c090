"""The live probe: connect, (TLS), EHLO, AUTH, test-send, along the same route the server will take.

- `engine`: `ProbeRequest`, `run_probe(request, on_step)`, `cancelled_report(request, steps)`
- `steps`: `plan(...)` (which steps a run takes) and the checklist that times and reports them
- `diagnosis`: exactly one `Diagnosis` for a failure (`code_for`, `describe`, `diagnose_exception`, `localized`)
- `message`: the test mail (`build_test_message`); `tls`: the SSL context and certificate facts
- `transcript`: the redacted conversation; `report`: the result contract shared with the CLI and the GUI
"""
