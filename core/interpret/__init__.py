"""Everything that reads what a person typed: titles and names go to the catalogue's
matcher; commands, requests, genres and filter phrases are read here (see docs/interpret.md).

>>> from moviebot.core.interpret import interpret
>>> interpret("something like alien from the 80s").arg
'alien since:1980 until:1989'
"""

from moviebot.core.interpret.intent import Intent, command_name, interpret

__all__ = ["Intent", "command_name", "interpret"]
