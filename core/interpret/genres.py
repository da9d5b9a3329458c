"""One genre vocabulary for every front end: TMDB's genre names, their Spanish names and
the words people use for them ("scary", "de miedo", "sci-fi", "suspense").

>>> genre("suspense"), genre("ciencia ficcion"), genre("scary"), genre("comedias")
('Thriller', 'Science Fiction', 'Horror', 'Comedy')
>>> spanish_name("Science Fiction")
'ciencia ficción'
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from moviebot.core.text import fold

# TMDB name: (Spanish name shown in replies, other names and words, English and Spanish).
# "suspense" is Thriller, as TMDB's Spanish names have it (Mystery is "misterio").
GENRES: dict[str, tuple[str, str]] = {
    "Action": ("acción", "action;action movie;accion;de accion"),
    "Adventure": ("aventura", "adventure;adventures;aventuras;de aventuras"),
    "Animation": ("animación", "animation;animated;cartoon;cartoons;anime;animacion;animada;"
                  "animadas;dibujos;dibujos animados;de dibujos"),
    "Comedy": ("comedia", "comedy;comedies;funny;comedia;comedias;graciosa;graciosas;"
               "divertida;divertidas;de risa;de humor;humor"),
    "Crime": ("crimen", "crime;gangster;gangsters;crimen;policiaca;policiacas;policiaco;"
              "policiacos;de gangsters;mafia;de mafia"),
    "Documentary": ("documental", "documentary;documentaries;documental;documentales"),
    "Drama": ("drama", "drama;dramas;dramatic;dramatica;dramaticas"),
    "Family": ("familia", "family;kids;for kids;children;familia;familiar;familiares;"
               "para ninos;infantil;infantiles;para toda la familia;con ninos;con los ninos;"
               "con mis hijos;con la familia;en familia;with kids;with the kids;with my kids;"
               "with children;for the family;for children"),
    "Fantasy": ("fantasía", "fantasy;fantasia;fantastica;fantasticas;fantastico"),
    "History": ("historia", "history;historical;historia;historica;historicas;historico"),
    "Horror": ("terror", "horror;horror movie;scary;terror;miedo;de miedo;de terror;"
               "horror film;terrorifica;terrorificas"),
    "Music": ("música", "music;musical;musicals;musica;musicales"),
    "Mystery": ("misterio", "mystery;mysteries;misterio;de misterio;misterios"),
    "Romance": ("romance", "romance;romantic;romcom;rom com;love story;romantica;"
                "romanticas;romantico;de amor;amor;romances"),
    "Science Fiction": ("ciencia ficción", "science fiction;sci fi;scifi;sf;sci-fi;"
                        "ciencia ficcion;ciencia-ficcion;ficcion cientifica;cifi"),
    "TV Movie": ("película de TV", "tv movie;tv movies;tv film;pelicula de tv;telefilme;"
                 "telefilm;telefilmes"),
    "Thriller": ("suspense", "thriller;thrillers;suspense;suspenso;intriga;de suspense;"
                 "de suspenso;de intriga"),
    "War": ("bélica", "war;war movie;war film;guerra;de guerra;belica;belicas;belico"),
    "Western": ("western", "western;westerns;cowboy;cowboys;oeste;del oeste;de vaqueros;"
                "vaqueros"),
}

NAMES: dict[str, str] = {}  # folded name or word -> TMDB name
for _en, (_es, _others) in GENRES.items():
    for _name in (_en, _es, *_others.split(";")):
        NAMES.setdefault(fold(_name), _en)
_TYPO_KEYS = [k for k in NAMES if len(k) >= 5]


def genre(text: str) -> str | None:
    """TMDB genre name for a genre word, English or Spanish, one typo allowed from 5
    letters ("comdey"); None if it is not a genre."""
    key = fold(text or "")
    if not key:
        return None
    if key in NAMES:
        return NAMES[key]
    if len(key) >= 5:
        hit = process.extractOne(key, _TYPO_KEYS, scorer=OSA.distance,
                                 score_cutoff=1 if len(key) < 9 else 2)
        if hit:
            return NAMES[hit[0]]
    return None


def spanish_name(name: str) -> str:
    """The Spanish name of a TMDB genre (the name itself when unknown)."""
    entry = GENRES.get(name)
    return entry[0] if entry else name
