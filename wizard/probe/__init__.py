"""The live probe: connect, (TLS), EHLO, AUTH, test-send, along the same route the server will take."""
