"""What a person typed, read as one command with its argument: the chat, the command line
and the HTTP API all ask `interpret` and then run the command as if it had been typed.

Deterministic rules over folded text (lower case, no accents), English and Spanish:
slash commands and their Spanish names ("/ayuda", "/votos"), greetings, thanks, help,
"something like X" / "algo como X" with filter phrases, "who directed X", "movies with X",
"películas de Almodóvar", "best horror films of the 80s", "how long is X", "how many films
came out in January", and a bare title (or, with a catalogue, a bare name or genre).

>>> interpret("quiero ver algo como Titanic de los 90")
Intent(command='recommend', arg='titanic since:1990 until:1999', lang='es', rule='like')
>>> interpret("/ayuda")
Intent(command='help', arg='', lang='es', rule='slash')
>>> interpret("cuanto dura el padrino")
Intent(command='runtime', arg='el padrino', lang='es', rule='runtime')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from moviebot.core import lookups
from moviebot.core.interpret import filters
from moviebot.core.interpret.genres import genre as genre_of
from moviebot.core.text import clean_query, fold


@dataclass(frozen=True, slots=True)
class Intent:
    """A command to run: `command` is a chat command's canonical name (movie, recommend,
    actor, director, score, votes, runtime, month, day, language, country, franchise,
    company, top, start, help, reload, stats) or "thanks"; `arg` its argument as it would
    be typed after the slash command (filters as filter words); `lang` "es"/"en" when the
    words say which, else None; `rule` names the rule that read it (for tests and logs)."""

    command: str
    arg: str = ""
    lang: str | None = None
    rule: str = ""


# -- slash commands -------------------------------------------------------------------------
# Canonical name: (Spanish names, other English names). A name typed with one slip of 5+
# letters still counts ("/recomend").
COMMAND_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "start": (("inicio", "empezar", "comenzar", "hola"), ("hello", "hi")),
    "help": (("ayuda", "ayudame", "comandos", "menu"), ("commands", "h")),
    "recommend": (("recomendar", "recomienda", "recomiendame", "recomendacion", "parecidas",
                   "similares", "sugerir", "sugiere"), ("rec", "recs", "similar", "like",
                                                       "suggest", "recommendations")),
    "movie": (("pelicula", "peli", "ficha", "titulo", "filme"), ("film", "title", "card",
                                                                 "info", "search", "find")),
    "score": (("puntuacion", "nota", "popularidad", "valoracion"), ("rating", "popularity")),
    "votes": (("votos", "voto", "votaciones"), ("vote",)),
    "actor": (("actriz", "actores", "reparto", "interprete"), ("actress", "actors", "cast")),
    "director": (("directora", "dirigida", "directores"), ("directed", "directors")),
    "franchise": (("franquicia", "saga", "coleccion", "serie"), ("collection", "series")),
    "country": (("pais", "paises"), ("countries",)),
    "company": (("productora", "estudio", "productoras"), ("studio", "producer")),
    "language": (("idioma", "lengua", "idiomas"), ("lang", "languages")),
    "runtime": (("duracion", "dura", "minutos"), ("length", "duration", "minutes")),
    "month": (("mes", "meses"), ("months",)),
    "day": (("dia", "dias"), ("weekday", "days")),
    "top": (("mejores", "ranking", "lo_mejor", "mejor"), ("best",)),
    "reload": (("recargar",), ()),
    "stats": (("estadisticas",), ("statistics",)),
}
_SLASH_NAMES: dict[str, tuple[str, str | None]] = {}  # typed name -> (command, lang)
for _name, (_es, _en) in COMMAND_NAMES.items():
    _SLASH_NAMES[_name] = (_name, None)
    for _w in _en:
        _SLASH_NAMES.setdefault(_w, (_name, None))
    for _w in _es:
        _SLASH_NAMES.setdefault(_w, (_name, "es"))
_SLASH = re.compile(r"^/([^\s@/]{0,40})(?:@(\S{1,64}))?(?:\s+(.*))?$", re.S)


def command_name(typed: str) -> tuple[str, str | None] | None:
    """(canonical command, "es" when a Spanish name was typed) for a slash command's name,
    English or Spanish, accents or not, one slip allowed from 5 letters."""
    key = fold(typed).replace(" ", "_")
    if key in _SLASH_NAMES:
        return _SLASH_NAMES[key]
    if len(key) >= 5:
        hit = process.extractOne(key, list(_SLASH_NAMES), scorer=OSA.distance, score_cutoff=1)
        if hit:
            return _SLASH_NAMES[hit[0]]
    return None


# -- words ------------------------------------------------------------------------------------
# Words the rules below are written with: a typo'd one ("recomiendame", "pelicuals") is read
# as the word (6+ letters: one slip; 5 letters: two letters swapped).
KEYWORDS = frozenset("""
something anything similar similares parecidas parecidos parecida parecido recommend
recomiendame recomienda recomendame recomiendas recomendar recomendarias suggest sugiere
sugiereme peliculas pelicula movies director directed dirigio dirigida dirigidas directora
cuanto cuantas cuantos cuando estrenaron estreno released release starring protagonizada
protagonizadas thanks gracias hello minutos minutes duracion runtime mejores recommended
quiero watch looking please favor alguna algunas buscando estilo parecidas
despues before antes after desde since between entre rating puntuacion votos votes
familia terror horror comedia comedy comedias accion action western romantica romantic
documental documentary animacion animated aventuras adventure fantasia fantasy thriller
suspense misterio mystery ciencia ficcion science fiction guerra drama musical
ochenta noventa setenta sesenta eighties nineties seventies sixties
""".split())  # noqa: SIM905
_KEY_LIST = sorted(KEYWORDS)


# Short trigger words are too short for a typo rule: their usual slips, spelled out.
SHORT_SLIPS = {
    "liek": "like", "lik": "like", "lke": "like", "likr": "like", "ilke": "like",
    "cmo": "como", "komo": "como", "coomo": "como", "cono": "como", "xomo": "como",
    "whit": "with", "wiht": "with", "wth": "with", "wtih": "with", "cn": "con", "cin": "con",
    "teh": "the", "hte": "the", "fo": "of", "fro": "for", "form": "from", "frmo": "from",
    "quen": "quien", "kien": "quien", "qien": "quien", "ke": "que", "q": "que", "k": "que",
    "pelis": "pelis", "pelys": "pelis", "movis": "movies", "moive": "movie", "moives": "movies",
    "flims": "films", "flim": "film", "hwo": "how", "hoe": "how", "lnog": "long", "logn": "long",
    "dura": "dura", "durs": "dura", "tpo": "top", "bets": "best", "besr": "best",
    "xq": "porque", "pq": "porque", "tb": "tambien", "tmb": "tambien",
}


@lru_cache(maxsize=4096)
def _fix_word(word: str) -> str:
    if word in SHORT_SLIPS:
        return SHORT_SLIPS[word]
    if len(word) < 5 or word in KEYWORDS or word.isdigit():
        return word
    hit = process.extractOne(word, _KEY_LIST, scorer=OSA.distance, score_cutoff=1)
    if hit is None:
        return word
    if hit[0] == word + "s":
        return word  # "thank", "movie": a word of its own, not a slip for the plural
    swap = sorted(hit[0]) == sorted(word)
    dropped = len(hit[0]) == 6 and hit[0][:2] == word[:2]  # "cunto" (not "hanks": thanks)
    if len(word) == 5 and not (swap or dropped):
        return word
    return hit[0]


def _words(text: str) -> str:
    """Folded text with trigger words' typos fixed."""
    return " ".join(_fix_word(w) for w in fold(text).split())


_ES_CUES = frozenset("""quiero como algo peliculas pelicula peli pelis parecidas parecida
parecidos quien dirigio cuanto cuantas cuantos dura estrenaron mejores recomiendame
recomienda recomendame con hola gracias ayuda dame busco una que de los las del estilo
tipo sale actua hablame sabes ficha nota tiene votos duracion se en el mas otra la merece
pena vale cuando salio trata donde vi encanto gusto dime""".split())  # noqa: SIM905
_EN_CUES = frozenset("""something like movies movie films film who directed how long many
best the with recommend hello thanks help show want watch some similar to by of in is
does starring what tell about more came out released rating votes from""".split())  # noqa: SIM905


def _lang(words: str) -> str | None:
    ws = words.split()
    es = sum(w in _ES_CUES for w in ws)
    en = sum(w in _EN_CUES for w in ws)
    if es > en:
        return "es"
    if en > es:
        return "en"
    return None


# -- the rules ----------------------------------------------------------------------------------
_FILM = r"(?:movies?|films?|pelis?|peliculas?|filmes?|cine)"
_POLITE = re.compile(
    r"^(?:(?:hey|hi|hello|hola|oye|ey|ok|okay|vale|bueno|porfa|please|pls|plz|bot|moviebot"
    r"|amigo|che|mira|well|so|and|y|pues|entonces|dime|oye dime)\s+)+"
)
_TAIL = re.compile(
    r"(?:\s+(?:please|pls|plz|por favor|porfa|porfavor|thanks|thank you|gracias|then|pues"
    r"|but|pero|and|y|that|que|or|o|something|algo|please|movie|film|pelicula|peli|now|ya"
    r"|anyway|also|tambien|too|again|otra vez|for me|para mi|tonight|esta noche|hoy|today"
    r"|to watch|para ver|ok|vale))+$"
)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|howdy|hola|holi|holis|ola|buenas|buenos dias|buenas tardes"
    r"|buenas noches|good morning|good afternoon|good evening|hey there|hi there|hello there"
    r"|que tal|que onda|saludos|yo|sup|whats up|what s up|hola que tal|como estas|how are you"
    r"|greetings|alo|hello bot|hola bot|start|empezar|inicio)"
    r"(?:\s+(?:bot|moviebot|there|amigo|friend|again|everyone|a todos|que tal|como estas"
    r"|how are you|como va|how s it going|buddy))*$"
)
_THANKS = re.compile(
    r"^(?:(?:ok|okay|vale|great|genial|perfecto|perfect|awesome|cool|nice|super|muy bien"
    r"|excelente|excellent|buenisimo|good|bien)\s*)*"
    r"(?:thanks|thank you|thank u|thx|ty|tks|tnx|cheers|gracias|muchas gracias|mil gracias"
    r"|grax|thanks a lot|thank you so much|thanks so much|many thanks|te lo agradezco"
    r"|ok|okay|vale|great|genial|perfecto|perfect|awesome|cool|nice|super|excelente)"
    r"(?:\s+(?:a lot|so much|very much|muchas|mil|bot|moviebot|amigo|buddy|crack|again))*$"
)
_HELP = re.compile(
    r"^(?:help|ayuda|help me|ayudame|auxilio|socorro|what can you do|what do you do"
    r"|what can i ask|what can i ask you|what can i do|que puedes hacer|que sabes hacer"
    r"|que haces|que puedo preguntar|que puedo preguntarte|como funciona|como funcionas"
    r"|como te uso|como se usa|how does this work|how do you work|how do i use this"
    r"|how do i use you|how to use|how to use this|commands|comandos|menu|instructions"
    r"|instrucciones|opciones|options|info|informacion|who are you|quien eres|que eres"
    r"|what are you|necesito ayuda|i need help|can you help me|me ayudas|puedes ayudarme)"
    r"(?:\s+(?:esto|this|el bot|this bot|the bot|aqui|here|you|tu))?$"
)
_RUNTIME = re.compile(
    r"^(?:how long is|how long does|how long|what is the runtime of|whats the runtime of"
    r"|what s the runtime of|runtime of|runtime for|length of|duration of|how many minutes is"
    r"|how many minutes does|how many minutes|cuanto dura|cuanto tiempo dura|duracion de"
    r"|cuantos minutos dura|cuantos minutos tiene|que duracion tiene|cuanto mide"
    r"|la duracion de|what s the length of|what is the length of)\s+(?P<x>.+?)"
    r"(?:\s+(?:last|take|run|runs|lasts|be|dura|in minutes|en minutos))?$"
)
# "How good is it", "qué nota tiene": /score, whose answer gives the rating (average of
# the votes) beside the bootcamp's popularity figure.
_RATING = re.compile(
    r"^(?:what is the rating (?:of|for)|whats the rating (?:of|for)|what s the rating (?:of|for)"
    r"|rating of|rating for|how good is|is|que nota tiene|nota de|la nota de|puntuacion de"
    r"|que puntuacion tiene|valoracion de|que valoracion tiene|how is|es buena|que tal es"
    r"|que tal esta|que tan buena es|cual es la nota de|how well rated is|how is rated"
    r"|como de buena es|(?:vale )?la pena|merece la pena|is it worth watching"
    r"|is worth watching)"
    r"\s+(?P<x>.+?)"
    r"(?:\s+(?:good|rated|any good|buena|worth it|worth watching|worth|la pena))?$"
)
_SCORE = re.compile(
    r"^(?:what is the score (?:of|for)|whats the score (?:of|for)|what s the score (?:of|for)"
    r"|score of|score for|popularity of|popularidad de|how popular is|que popularidad tiene"
    r"|que tan popular es)\s+(?P<x>.+?)$"
)
# Questions a film's card answers: when it came out, what it is about, where to see it.
_CARD_QUESTION = re.compile(
    r"^(?:when (?:was|did|is)|what year (?:was|did|is)|which year (?:was|did)|cuando se estreno"
    r"|cuando salio|cuando sale|en que ano se estreno|en que ano salio|en que ano es|de que ano es"
    r"|que ano es|fecha de estreno de|release date of|de que trata"
    r"|de que va|sobre que trata|de que se trata|que trata|sinopsis de|argumento de"
    r"|resumen de|trama de|plot of|synopsis of|summary of|where can i (?:watch|see|stream)"
    r"|where to (?:watch|stream)|donde puedo ver|donde ver|donde veo|donde se puede ver)"
    r"\s+(?P<x>.+?)"
    r"(?:\s+(?:released|come out|came out|made|about|from|out|de|estreno|se estreno))?$"
)
_IN_LANGUAGE = re.compile(r"^(?:(?:las|los|the)\s+)?" + _FILM + r"\s+(?:(?:en|in|spoken in"
                          r"|habladas? en)\s+)?(?P<x>[a-z]+)$")
_WATCHED = re.compile(
    r"^(?:vi|he visto|ya vi|acabo de ver|i (?:just )?(?:watched|saw)|just watched|i ve seen"
    r"|i have seen)\s+(?P<x>.+?)\s+(?:y|and)\s+(?:(?:me|i|it|lo|la|le|really|realmente)\s+)*"
    r"(?:encanto|gusto|flipe|fascino|love[sd]?|like[sd]?|enjoyed|adored|adore)\b.*$")
_AS_ROLE = re.compile(r"\s+(?:como|as an?|as)\s+(?P<r>director|directora|actor|actriz|actress)$")
_ABOUT_TAIL = re.compile(r"^(?:what is|what s|whats)\s+(?P<x>.+?)\s+about$")
_MAKER = re.compile(r"^(?:(?:the\s+)?" + _FILM + r"\s+)?(?:of|by|from|de|del|directed by"
                    r"|dirigidas por)\s+(?P<p>.+)$")
_GENRE_WITH = re.compile(r"^(?:una|un|algo|alguna|something|anything|some|a|an)\s+(?:de\s+)?"
                         r"(?P<g>[a-z]+(?:\s[a-z]+)?)\s+(?:con|with|starring)\s+(?P<x>.+)$")
_VOTES = re.compile(
    r"^(?:how many votes (?:does|has|did)?|cuantos votos (?:tiene)?|votos de|votes for"
    r"|votes of|number of votes (?:of|for))\s*(?P<x>.+?)(?:\s+(?:have|has|got|get|tiene))?$"
)
_WHO_DIRECTED = re.compile(
    r"^(?:who|quien|quienes)\s+(?:directed|direct|dirigio|dirige|hizo|made|filmed"
    r"|was the director of|is the director of|es el director de|fue el director de"
    r"|es la directora de|fue el que dirigio)\s+(?P<x>.+)$"
    r"|^(?:the\s+)?(?:director|directora)\s+(?:of|de|del)\s+(?P<y>.+)$"
)
_WHO_STARS = re.compile(
    r"^(?:who|quien|quienes)\s+(?:stars in|starred in|is in|was in|acts in|acted in|plays in"
    r"|sale en|salen en|actua en|actuan en|aparece en|trabaja en|protagoniza)\s+(?P<x>.+)$"
    r"|^(?:cast of|reparto de|actores de|the cast of|el reparto de)\s+(?P<y>.+)$"
)
_ABOUT = re.compile(
    r"^(?:tell me about|tell me something about|info on|info about|information about"
    r"|what about|what is|whats|what s|search|search for|find|look up|show me|show"
    r"|hablame de|hablame sobre|cuentame de|cuentame sobre|que sabes de|que sabes sobre"
    r"|informacion de|informacion sobre|info de|ficha de|datos de|busca|buscame|muestrame"
    r"|quiero saber de|quiero saber sobre|the movie|the film|la pelicula|la peli|el film|info"
    r"|informacion"
    r"|movie|film|pelicula|peli)\s+(?P<x>.+)$"
)
_WITH = re.compile(
    r"^(?:(?:the\s+|las\s+|los\s+)?(?:best\s+|mejores\s+)?" + _FILM + r"\s+)?"
    r"(?:with|starring|featuring|con|protagonizadas? por|donde sale|donde salga|donde actua"
    r"|en las que sale|en las que actua|en las que aparece|where)\s+(?P<x>.+)$"
    r"|^(?:what|which|que|cuales|en que)\s+" + _FILM + r"\s+(?:has|have|did|is|was|de|con)?\s*"
    r"(?P<y>.+?)\s+(?:been in|starred in|star in|acted in|act in|appeared in|appear in|in)$"
    r"|^(?:en que|en cuales|que)\s+" + _FILM + r"\s+(?:sale|salio|actua|actuo|aparece"
    r"|ha actuado|ha salido|trabaja)\s+(?P<z>.+)$"
    r"|^(?:filmography of|filmografia de|la filmografia de)\s+(?P<w>.+)$"
)
_BY = re.compile(
    r"^(?:(?:the\s+|las\s+|los\s+)?(?:best\s+|mejores\s+)?" + _FILM + r"\s+)"
    r"(?:by|directed by|from director|from|de|del|dirigidas por|dirigida por|del director"
    r"|de la directora|hechas por)\s+(?P<x>.+)$"
)
_TOP = re.compile(
    r"^(?:the\s+|las\s+|los\s+|lo\s+|el\s+|la\s+)?(?:best|top(?:\s+\d+)?|greatest|highest rated"
    r"|best rated"
    r"|top rated|mejores|mejor|lo mejor|mejor valoradas|mas valoradas|ranking de|ranking"
    r"|las mejores|los mejores|top de)(?:\s+(?P<x>.*))?$"
)
_COUNT = re.compile(r"\b(?:how many|cuantas|cuantos|number of|numero de|count|total de)\b")
_RELEASE = re.compile(r"\b(?:came out|come out|released|premiered|se estrenaron|estrenadas"
                      r"|estrenaron|se estreno|salieron|estrenos|se lanzaron|were made"
                      r"|se hicieron|estrenadas|lanzadas|out)\b")
_LIKE = re.compile(
    r"(?:^|\s)(?:similar(?:es)?\s+(?:to|a)|like|parecid[ao]s?\s+a|parecid[ao]s?|como"
    r"|al estilo de|del estilo de|estilo|tipo|in the style of|along the lines of|such as"
    r"|similar a|comparable to|en la linea de|mas como|more like|igual que|as good as"
    r"|que se parezcan? a|que se parecen a|that are like|if i liked|if you liked|si me gusto"
    r"|si me gusta|si te gusto|i liked|i loved|me gusto|me encanto|after watching"
    r"|despues de ver|because i liked|porque me gusto)\s+(?P<x>.+)$"
)
_ASK_FOR = re.compile(
    r"^(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:recommend|recomiendame|recomienda"
    r"|recomendame|recomendarias|me recomiendas|que me recomiendas|suggest|sugiereme|sugiere"
    r"|give me|dame|i want|i wanna|quiero|busco|estoy buscando|looking for|im looking for"
    r"|i m looking for|me gustaria ver|me apetece|i d like|i would like|show me|muestrame"
    r"|i feel like|tengo ganas de|find me|encuentrame|necesito|i need|any|alguna|some"
    r"|what should i watch|que veo|que puedo ver|what can i watch|to watch|ver|watch)"
    r"(?:\s+(?P<x>.*))?$"
)
_SEED_TAIL = re.compile(
    r"\s+(?:what|what else|que|que otra|que mas|what other|recommend|recomiendas|suggest"
    r"|any|alguna|algo|something|can you|puedes|should i|deberia|got|have you got|tienes"
    r"|hay|anything|similar|parecida|parecido|parecidas|parecidos|or so|o asi|but|pero"
    r"|except|excepto|aunque|though)\b.*$"
)
_SEED_HEAD = re.compile(r"^(?:the movie|the film|la pelicula|la peli|el film|mucho|muchisimo"
                        r"|tanto|bastante|so much|a lot|really)\s+")
_NOTHING = re.compile(r"^(?:something|anything|algo|alguna|algun|una|un|a|an|some|unas|unos"
                      r"|cualquier cosa|good|buena|buenas|bueno|buenos|buen|nice|great|cool"
                      r"|new|nueva|nuevas|nuevo|nuevos|reciente|recientes|recent"
                      r"|movies?|films?|pelis?|peliculas?|to watch|para ver|watch|ver|de|of"
                      r"|the|el|la|los|las|me|please|to|i|me|you|for|para|que|tonight"
                      r"|esta noche|hoy|now|ahora|today|should|could|can|puedo|deberia|\s)*$")


def _clean_x(x: str) -> str:
    x = _SEED_HEAD.sub("", x.strip())
    return _TAIL.sub("", x).strip()


_ALL_TIME = re.compile(r"\b(?:de la historia|en la historia|de todos los tiempos|of all time"
                       r"|ever made|ever|jamas hecha|del mundo|in the world)\b")


def _top(text: str, lang: str | None, rule: str) -> Intent:
    """A "best" request: genre and years from the phrases, as /top's argument."""
    found = filters.phrases(_ALL_TIME.sub(" ", text))
    v = found.values
    parts = []
    if "genre" in v:
        parts.append(v["genre"])
    else:
        g = genre_of(" ".join(w for w in found.rest.split() if not _NOTHING.fullmatch(w)))
        if g:
            parts.append(g)
    if "year" in v:
        parts.append(v["year"])
    elif "since" in v or "until" in v:
        parts.append(f"{v.get('since', '1870')}-{v.get('until', '2100')}")
    return Intent("top", " ".join(parts), lang, rule)


_SEED_GENRE = re.compile(r"\s+(?:de|of|del genero|genre|genero|tipo|type|but|pero|y|and)\s+"
                         r"(?:(?:un|una|a|an)\s+)?(?P<g>[a-z]+(?: [a-z]+)?)$")


def _recommend(seed: str, tail_filters: dict[str, str], lang: str | None) -> Intent:
    found = filters.phrases(seed, genre=False)
    values = {**tail_filters, **found.values}
    title = _clean_x(found.rest)
    m = _SEED_GENRE.search(title)
    if m and genre_of(m.group("g")):  # "algo como alien de terror", "... but animated"
        values["genre"] = genre_of(m.group("g"))
        title = _clean_x(title[: m.start()])
    title = _clean_x(_SEED_TAIL.sub("", title))
    words = filters.FilterWords(title, values).as_words()
    return Intent("recommend", f"{title} {words}".strip(), lang, "like")


def _person_or_top(x: str, lang: str | None, rule: str, *, role: str) -> Intent:
    """"películas de X": a genre, a decade or a year make it a /top; a country a count;
    else a person (`role`)."""
    found = filters.phrases(x)
    if found.values and _NOTHING.fullmatch(found.rest or ""):
        return _top(x, lang, rule)
    if re.fullmatch(r"(?:18[89]\d|19\d\d|20\d\d)", x.strip()):  # "películas de 1999"
        return _top(f"in {x.strip()}", lang, rule)
    if lookups.country(x) and not lookups.language(x):
        return Intent("country", x, lang, rule)
    # "películas de leonardo dicaprio de los 90": the person's films (a person's list has
    # no year filter; their films show the years).
    return Intent(role, _clean_x(found.rest if found.values else x), lang, rule)


@lru_cache(maxsize=2048)
def _read(text: str) -> Intent:
    """The catalogue-free reading of one message (cached: people repeat themselves)."""
    raw = clean_query(text)
    m = _SLASH.match(raw)
    if raw.startswith("/"):
        if not m or not m.group(1):
            return Intent("help", "", None, "slash")
        found = command_name(m.group(1))
        arg = (m.group(3) or "").strip()
        if found is None:
            return Intent("unknown", "/" + m.group(1), None, "slash")
        name, lang = found
        return Intent(name, arg, lang, "slash")
    raw = re.sub(r"^@\w+[\s,:]*", "", raw).strip()  # "@moviebot algo como alien" in a group
    w = _words(raw)
    lang = _lang(w)
    if not w:
        return Intent("help", "", None, "empty")
    if _GREETING.match(w):
        return Intent("start", "", lang, "greeting")
    if _THANKS.match(w):
        return Intent("thanks", "", lang, "thanks")
    w = _POLITE.sub("", w).strip() or w
    w = re.sub(r"\s+(?:please|pls|plz|por favor|porfa|porfavor)$", "", w)
    if _HELP.match(w):
        return Intent("help", "", lang, "help")
    if m := _RUNTIME.match(w):
        return Intent("runtime", _clean_x(m.group("x")), lang, "runtime")
    if m := _VOTES.match(w):
        return Intent("votes", _clean_x(m.group("x")), lang, "votes")
    if m := _WHO_DIRECTED.match(w):
        return Intent("movie", _clean_x(m.group("x") or m.group("y")), lang, "who_directed")
    if m := _WHO_STARS.match(w):
        return Intent("movie", _clean_x(m.group("x") or m.group("y")), lang, "who_stars")
    if m := _CARD_QUESTION.match(w) or _ABOUT_TAIL.match(w):
        return Intent("movie", _clean_x(m.group("x")), lang, "about")
    if _COUNT.search(w) or _RELEASE.search(w):
        counted = _count(w, lang)
        if counted:
            return counted
    if m := _TOP.match(w):
        x = _ALL_TIME.sub(" ", m.group("x") or "").strip()
        maker = _MAKER.match(x)
        if maker and not filters.phrases(x).values and not maker.group("p").isdigit():
            # "lo mejor de kubrick", "best movies by spielberg": a person's films.
            return _person_or_top(maker.group("p"), lang, "by", role="director")
        return _top(x, lang, "top")
    if (m := _GENRE_WITH.match(w)) and genre_of(m.group("g")):
        return Intent("actor", _clean_x(m.group("x")), lang, "with")  # "una de acción con X"
    if m := _WITH.match(w):
        found = filters.phrases(w)
        if "genre" in found.values and _NOTHING.fullmatch(found.rest):
            return _top(w, lang, "genre")  # "pelis con niños de los 90": for the family
        x = next(g for g in m.groups() if g)
        return Intent("actor", _clean_x(x), lang, "with")
    if m := _BY.match(w):
        return _person_or_top(m.group("x"), lang, "by", role="director")
    if m := _WATCHED.match(w):  # "vi matrix y me encantó": more like it
        return _recommend(m.group("x"), {}, lang)
    if m := _LIKE.search(w):
        head = w[: m.start()]
        return _recommend(m.group("x"), filters.phrases(head).values, lang)
    if m := _ASK_FOR.match(w):
        rest = m.group("x") or ""
        found = filters.phrases(rest)
        if _NOTHING.fullmatch(found.rest):
            return _top(rest, lang, "ask")  # "recommend me a horror movie from the 80s"
        g = genre_of(" ".join(x for x in found.rest.split() if not _NOTHING.fullmatch(x)))
        if g:
            return _top(rest, lang, "ask")  # "quiero ver una comedia"
        return _recommend(rest, {}, lang)  # "recommend titanic"
    if m := _SCORE.match(w):
        return Intent("score", _clean_x(m.group("x")), lang, "score")
    if m := _RATING.match(w):
        return Intent("score", _clean_x(m.group("x")), lang, "score")
    if m := _ABOUT.match(w):
        if best := _TOP.match(m.group("x")):  # "what is the best horror movie"
            return _top(best.group("x") or "", lang, "top")
        return Intent("movie", _clean_x(m.group("x")), lang, "about")
    if (m := _IN_LANGUAGE.match(w)) and lookups.language(m.group("x")):
        return Intent("language", m.group("x"), lang, "count_language")  # "pelis francesas"
    found = filters.phrases(w)
    rest = found.rest
    if found.values and ("genre" in found.values) and _NOTHING.fullmatch(rest):
        return _top(w, lang, "genre")  # "comedias de los 90", "horror"
    return Intent("movie", raw, None, "title")


def _count(w: str, lang: str | None) -> Intent | None:
    """"how many films came out in January", "cuántas películas se estrenaron en enero",
    "films released on a friday", "how many spanish films", "películas de Francia"."""
    for word in reversed(w.split()):
        word = word[:-1] if word.endswith("s") and len(word) > 4 else word
        if len(word) >= 3 and word in lookups._MONTH_NAMES and word not in ("may", "mar"):
            return Intent("month", word, lang, "count_month")
        if len(word) >= 5 and lookups.weekday(word) is not None:
            return Intent("day", word, lang, "count_day")
    if re.search(r"\bmay\b", w) and _RELEASE.search(w):
        return Intent("month", "may", lang, "count_month")
    m = re.search(r"\b(?:in|en|spoken in|hablada?s? en)\s+(?P<x>[a-z]+(?: [a-z]+)?)$", w)
    if m and lookups.language(m.group("x")):
        return Intent("language", m.group("x"), lang, "count_language")
    m = re.search(r"\b(?:from|de|in|en|made in|hechas en|producidas en|of)\s+(?P<x>[a-z]+"
                  r"(?: [a-z]+){0,3})$", w)
    if m and lookups.country(m.group("x")):
        return Intent("country", m.group("x"), lang, "count_country")
    if _COUNT.search(w):
        for word in w.split():
            if len(word) >= 5 and lookups.language(word) and word not in ("films", "movies"):
                return Intent("language", word, lang, "count_language")
            if len(word) >= 5 and lookups.country(word):
                return Intent("country", word, lang, "count_country")
    return None


def interpret(text: str, *, catalogue=None) -> Intent:
    """The command meant by `text`. With an open `catalogue`, a bare text that is not a
    sure title may be read as a person ("tom hanks", "kubrick") or a genre ("comedias")."""
    text = text if isinstance(text, str) else ""
    if (m := _AS_ROLE.search(fold(text))) and not text.lstrip().startswith("/"):
        # "películas de clint eastwood como director": the role is said, not guessed.
        intent = _read(fold(text)[: m.start()])
        if intent.command in ("actor", "director"):
            role = "director" if m.group("r").startswith("direct") else "actor"
            return Intent(role, intent.arg, intent.lang, intent.rule)
    else:
        intent = _read(text)
    if catalogue is None:
        return intent
    if intent.rule == "title":
        return _bare(intent, catalogue)
    if intent.command == "actor" and intent.rule == "with":
        return _with_role(intent, catalogue, prefer="actor")
    if intent.command == "director" and intent.rule == "by":
        return _with_role(intent, catalogue, prefer="director")
    if intent.rule in _TITLE_HOLDING_RULES:
        intent = _like_title(text, intent, catalogue)
    if intent.command == "recommend" and intent.rule == "like":
        return _newer_or_older(text, _several_seeds(intent, catalogue), catalogue)
    return intent


def _bare(intent: Intent, cat) -> Intent:
    """A bare text: a sure title wins, then a person or a genre, else the title path (it
    answers "not found" with suggestions)."""
    res = cat.resolve(intent.arg)
    if res.movie is not None and res.confidence >= 0.95:
        return intent
    g = genre_of(intent.arg)
    if g and len(fold(intent.arg)) >= 4 and (res.movie is None or res.confidence < 0.9):
        return Intent("top", g, None, "genre")
    person, role = cat.person_role(intent.arg)
    if person is not None and person.confidence > (res.confidence if res.movie else 0.0):
        return Intent(role, intent.arg, None, "person")
    return intent


def _with_role(intent: Intent, cat, *, prefer: str) -> Intent:
    """"películas de X" may name an actor, "movies with X" a director: the catalogue says."""
    person, role = cat.person_role(intent.arg)
    if person is None or role == prefer:
        return intent
    return Intent(role, intent.arg, intent.lang, intent.rule)


# Rules that cut a title out of a sentence: a whole message that is itself a title
# ("Like Water for Chocolate", "What's Up, Doc?") stays a title.
_TITLE_HOLDING_RULES = frozenset({"like", "about", "with", "by", "score", "ask"})
_AND = re.compile(r"\s+(?:and|y|e|&|plus|or|o|with|con)\s+|\s*,\s*")


def _several_seeds(intent: Intent, cat) -> Intent:
    """"something like alien and blade runner": several seeds, when each is a film."""
    words = filters.parse(intent.arg)
    res = cat.resolve(words.rest)
    if res.movie is not None and res.confidence >= 0.7:
        return intent
    parts = [p for p in _AND.split(words.rest) if p.strip()]
    if len(parts) < 2 or len(parts) > 5:
        return intent
    if any(cat.resolve(p).movie is None for p in parts):
        return intent
    arg = "; ".join(parts) + (f" {words.as_words()}" if words else "")
    return Intent("recommend", arg, intent.lang, intent.rule)


_NEWER = re.compile(r"\b(?:mas (?:recientes?|nuevas?|nuevos?|modernas?|modernos?|actuales?)"
                    r"|more recent|newer|more modern|recientes|posteriores|later ones)\b")
_OLDER = re.compile(r"\b(?:mas (?:antiguas?|antiguos?|viejas?|viejos?|clasicas?|clasicos?)"
                    r"|older|anteriores|earlier ones)\b")


def _newer_or_older(text: str, intent: Intent, cat) -> Intent:
    """"algo como titanic pero más reciente": films after the seed's year (before, for
    "older"), unless the years were given."""
    words = filters.parse(intent.arg)
    folded = fold(text)
    newer, older = _NEWER.search(folded), _OLDER.search(folded)
    given = {"since", "until", "year"} & words.values.keys()
    if not (newer or older) or given or ";" in intent.arg:
        return intent
    res = cat.resolve(words.rest)
    if res.movie is None or not res.movie.year:
        return intent
    year = res.movie.year + 1 if newer else res.movie.year - 1
    extra = f"since:{year}" if newer else f"until:{year}"
    return Intent(intent.command, f"{intent.arg} {extra}", intent.lang, intent.rule)


def _like_title(text: str, intent: Intent, cat) -> Intent:
    """A title that holds a request's words ("Like Water for Chocolate", "Como agua para
    chocolate", "What's Up, Doc?") is a title, not a request."""
    res = cat.resolve(clean_query(text))
    if res.movie is not None and res.confidence >= 0.95:
        return Intent("movie", clean_query(text), None, "title")
    return intent
