"""When digests are due and the one task that posts them, never losing a day. Imports
answers, records, store and state; posts through a poster it is given (no discord import)."""
