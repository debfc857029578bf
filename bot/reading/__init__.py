"""Reading the files: seeds and knowledge, safely and within limits, into a validated
store, and the saved copy (data, never code) a restart serves from. Imports records and
store."""
