"""Answers: each command's cited response, questions routed to commands, the command set,
the digest and follow alerts' content. Pure: imports records and store, never discord or
state."""
