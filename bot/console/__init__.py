"""The console and the command line's output: the prompt, plain-text rendering, timeline
pictures, and what the bot would post (diff, digest) without it. Never imports discord."""
