"""Serving the store: the one current store, reloads that swap only a valid one, the last
good copy, baselines to compare with, and the health check. Imports records, reading, store,
state and settings; never discord."""
