"""Curator tools: ingest an article, draft its facts, promote them, measure coverage.
Imports records, reading, store and settings; never discord or state."""
