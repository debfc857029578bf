"""The records curators write and the rules they keep: dates, text, sentences, quotes,
the JSON schema, and the lean copies the bot serves. Imports nothing else of the bot."""
