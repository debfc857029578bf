"""The Discord adapter: the bot (client), its cogs (loaded as extensions), replies, embeds,
paging, the Sources menu, posting digests, follow alerts, the command tree. The only package
that imports discord."""
