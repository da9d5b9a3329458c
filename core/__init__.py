"""Read-only answers from the catalogue file: queries, title matching, recommendations.

Import from the submodules (`moviebot.core.catalogue`, `moviebot.core.models`).
Never imports telegram or moviebot.bot.
"""
