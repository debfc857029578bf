"""The slash commands, one cog per feature, each an extension with ``async def setup(bot)``
(listed in ``bot.chat.client.EXTENSIONS``)."""
