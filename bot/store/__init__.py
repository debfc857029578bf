"""The served store and its indexes: names, full-text search, dates, who speaks for whom,
and what changed between two versions. Imports records only."""
