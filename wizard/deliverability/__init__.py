"""Will the mail arrive? The sender domain's SPF, DMARC and DKIM records judged against the relay (SPEC §11).

A core with no face: `check.DeliverabilityRun` starts the read-only DNS lookups beside the live test and
turns them, with the test's report, into a `verdicts.Deliverability` that every face renders."""
