"""Curator tools: ingest an article, draft its facts, promote them, measure coverage."""
