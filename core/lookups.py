"""Names people use for months, weekdays, languages, countries and genres (English, Spanish).

Every lookup folds accents and case ("miércoles" = "miercoles" = "MIERCOLES") and forgives
one typo in longer names.

>>> month("Enero"), month("sept"), month("12")
(1, 9, 12)
>>> weekday("miercoles"), weekday("Wednesday")
(2, 2)
>>> language("español"), language("Spanish"), language("es")
('es', 'es', 'es')
>>> country("EEUU"), country("España")
('US', 'ES')
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from moviebot.core.interpret.genres import GENRES as _GENRES
from moviebot.core.interpret.genres import genre as _genre
from moviebot.core.text import fold

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
_MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
              "septiembre", "octubre", "noviembre", "diciembre"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]

# ISO 639-1 code | English name | Spanish name | other names (native, common variants)
_LANGUAGES = """
en|English|inglés|
es|Spanish|español|castellano;castilian
fr|French|francés|français;francais
de|German|alemán|deutsch
it|Italian|italiano|
pt|Portuguese|portugués|português
ja|Japanese|japonés|nihongo
zh|Chinese|chino|mandarin;mandarín;putonghua
cn|Cantonese|cantonés|
ko|Korean|coreano|
ru|Russian|ruso|russkij
hi|Hindi|hindi|
ar|Arabic|árabe|
sv|Swedish|sueco|svenska
da|Danish|danés|dansk
no|Norwegian|noruego|norsk
fi|Finnish|finés|finlandés;suomi
nl|Dutch|neerlandés|holandés;nederlands;flemish
pl|Polish|polaco|polski
cs|Czech|checo|cesky
sk|Slovak|eslovaco|
hu|Hungarian|húngaro|magyar
ro|Romanian|rumano|
el|Greek|griego|
tr|Turkish|turco|türkçe
he|Hebrew|hebreo|
fa|Persian|persa|farsi
th|Thai|tailandés|
vi|Vietnamese|vietnamita|
id|Indonesian|indonesio|bahasa indonesia
ms|Malay|malayo|
tl|Tagalog|tagalo|filipino
ta|Tamil|tamil|
te|Telugu|telugu|
ml|Malayalam|malayalam|
bn|Bengali|bengalí|bangla
ur|Urdu|urdu|
pa|Punjabi|panyabí|
mr|Marathi|maratí|
kn|Kannada|canarés|
uk|Ukrainian|ucraniano|
bg|Bulgarian|búlgaro|
sr|Serbian|serbio|
hr|Croatian|croata|
bs|Bosnian|bosnio|
sl|Slovenian|esloveno|
et|Estonian|estonio|
lv|Latvian|letón|
lt|Lithuanian|lituano|
is|Icelandic|islandés|
ga|Irish|irlandés|gaelic
cy|Welsh|galés|
ca|Catalan|catalán|català;catala
eu|Basque|euskera|vasco;euskara
gl|Galician|gallego|
la|Latin|latín|
eo|Esperanto|esperanto|
af|Afrikaans|afrikáans|
sw|Swahili|suajili|
am|Amharic|amhárico|
ka|Georgian|georgiano|
hy|Armenian|armenio|
kk|Kazakh|kazajo|
mn|Mongolian|mongol|
ne|Nepali|nepalí|
si|Sinhala|cingalés|
km|Khmer|jemer|
lo|Lao|lao|
xx|No language|sin idioma|none;no language;mute;silent
"""

# ISO 3166-1 alpha-2 | English (TMDB's name) | Spanish | other names
_COUNTRIES = """
US|United States of America|Estados Unidos|usa;us;united states;america;eeuu;ee uu;eua
GB|United Kingdom|Reino Unido|uk;britain;great britain;england;inglaterra;gran bretana
ES|Spain|España|espana
FR|France|Francia|
DE|Germany|Alemania|deutschland;west germany;alemania occidental
IT|Italy|Italia|
JP|Japan|Japón|nippon
CN|China|China|prc
HK|Hong Kong|Hong Kong|
TW|Taiwan|Taiwán|
KR|South Korea|Corea del Sur|korea;corea
KP|North Korea|Corea del Norte|
IN|India|India|
CA|Canada|Canadá|
MX|Mexico|México|mejico
AR|Argentina|Argentina|
BR|Brazil|Brasil|
CL|Chile|Chile|
CO|Colombia|Colombia|
PE|Peru|Perú|
VE|Venezuela|Venezuela|
UY|Uruguay|Uruguay|
CU|Cuba|Cuba|
PR|Puerto Rico|Puerto Rico|
AU|Australia|Australia|
NZ|New Zealand|Nueva Zelanda|
IE|Ireland|Irlanda|eire
PT|Portugal|Portugal|
NL|Netherlands|Países Bajos|holland;holanda;the netherlands
BE|Belgium|Bélgica|
LU|Luxembourg|Luxemburgo|
CH|Switzerland|Suiza|
AT|Austria|Austria|
DK|Denmark|Dinamarca|
SE|Sweden|Suecia|
NO|Norway|Noruega|
FI|Finland|Finlandia|
IS|Iceland|Islandia|
PL|Poland|Polonia|
CZ|Czech Republic|República Checa|czechia;chequia
SK|Slovakia|Eslovaquia|
XC|Czechoslovakia|Checoslovaquia|
HU|Hungary|Hungría|
RO|Romania|Rumania|rumanía
BG|Bulgaria|Bulgaria|
GR|Greece|Grecia|
TR|Turkey|Turquía|turkiye
RU|Russia|Rusia|russian federation
SU|Soviet Union|Unión Soviética|ussr;urss
UA|Ukraine|Ucrania|
RS|Serbia|Serbia|
YU|Yugoslavia|Yugoslavia|
HR|Croatia|Croacia|
SI|Slovenia|Eslovenia|
BA|Bosnia and Herzegovina|Bosnia y Herzegovina|bosnia
EE|Estonia|Estonia|
LV|Latvia|Letonia|
LT|Lithuania|Lituania|
IL|Israel|Israel|
IR|Iran|Irán|persia
IQ|Iraq|Irak|
LB|Lebanon|Líbano|
EG|Egypt|Egipto|
MA|Morocco|Marruecos|
TN|Tunisia|Túnez|
DZ|Algeria|Argelia|
ZA|South Africa|Sudáfrica|
NG|Nigeria|Nigeria|
KE|Kenya|Kenia|
AE|United Arab Emirates|Emiratos Árabes Unidos|uae
SA|Saudi Arabia|Arabia Saudita|arabia saudi
PK|Pakistan|Pakistán|
BD|Bangladesh|Bangladés|
LK|Sri Lanka|Sri Lanka|
TH|Thailand|Tailandia|
VN|Vietnam|Vietnam|viet nam
PH|Philippines|Filipinas|
ID|Indonesia|Indonesia|
MY|Malaysia|Malasia|
SG|Singapore|Singapur|
"""

# TMDB genre names (English) and Spanish names.
# Genres live in one vocabulary (core/interpret/genres.py); this view keeps the old shape:
# TMDB name -> "spanish name;other words".
GENRES_ES = {en: ";".join([es, *others.split(";")]) for en, (es, others) in _GENRES.items()}


def _table(text: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(folded name -> code, code -> English name, code -> Spanish name) from a table above."""
    names: dict[str, str] = {}
    english: dict[str, str] = {}
    spanish: dict[str, str] = {}
    for line in text.strip().splitlines():
        code, en, es, other = line.split("|")
        english[code] = en
        spanish[code] = es
        names[fold(code)] = code
        for name in [en, es, *other.split(";")]:
            if name:
                names.setdefault(fold(name), code)
    return names, english, spanish


_LANG_NAMES, LANGUAGE_NAMES, LANGUAGE_NAMES_ES = _table(_LANGUAGES)
_COUNTRY_NAMES, COUNTRY_NAMES, COUNTRY_NAMES_ES = _table(_COUNTRIES)
_MONTH_NAMES = {fold(n): i + 1 for names in (MONTHS_EN, _MONTHS_ES) for i, n in enumerate(names)}
_MONTH_NAMES.update({fold(n)[:3]: i + 1 for i, n in enumerate(MONTHS_EN)})
_MONTH_NAMES.update({"sept": 9, "setiembre": 9, "ene": 1, "abr": 4, "ago": 8, "dic": 12})
_DAY_NAMES = {fold(n): i for names in (WEEKDAYS_EN, _WEEKDAYS_ES) for i, n in enumerate(names)}
_DAY_NAMES.update({fold(n)[:3]: i for i, n in enumerate(WEEKDAYS_EN)})
_DAY_NAMES.update({"tues": 1, "thurs": 3, "mie": 2, "sab": 5, "dom": 6})

# "in Spanish", "de España", "del mes de enero": words around the name people type.
_FRAME_WORDS = frozenset(
    """in on the of de del la el en films movies peliculas film movie language idioma
    lengua country pais month mes day dia los las un a""".split()  # noqa: SIM905
)


def _find(text: str, table: dict, *, codes_upper: bool = False):
    """Exact folded name, then the name without frame words, then one typo (5+ letters)."""
    key = fold(text or "")
    if not key:
        return None
    if key in table:
        return table[key]
    words = [w for w in key.split() if w not in _FRAME_WORDS]
    key = " ".join(words)
    if key in table:
        return table[key]
    if len(key) >= 5:
        hit = process.extractOne(
            key, [k for k in table if len(k) >= 4], scorer=OSA.distance,
            score_cutoff=1 if len(key) < 9 else 2,
        )
        if hit:
            return table[hit[0]]
    return None


def month(text: str) -> int | None:
    """Month number 1-12 from "enero", "January", "jan", "1"/"01"; None if unknown."""
    key = fold(text or "")
    if key.isdigit():
        n = int(key)
        return n if 1 <= n <= 12 else None
    return _find(text, _MONTH_NAMES)


def weekday(text: str) -> int | None:
    """Weekday with Monday = 0 from "lunes", "Monday", "mon"; None if unknown."""
    return _find(text, _DAY_NAMES)


def language(text: str) -> str | None:
    """ISO 639-1 code from "es", "Spanish", "español", "espanol"; None if unknown."""
    return _find(text, _LANG_NAMES)


def country(text: str) -> str | None:
    """ISO 3166-1 code from "ES", "Spain", "España", "EEUU"; None if unknown."""
    return _find(text, _COUNTRY_NAMES)


def genre(text: str) -> str | None:
    """TMDB genre name from "comedy", "Comedia", "ciencia ficcion"; None if unknown."""
    return _genre(text) or _genre(" ".join(
        w for w in fold(text or "").split() if w not in _FRAME_WORDS))


def suggestions(text: str, kind: str, *, limit: int = 5) -> list[str]:
    """Nearest English names for a "did you mean" line."""
    pool = {
        "month": MONTHS_EN,
        "day": WEEKDAYS_EN,
        "language": sorted(LANGUAGE_NAMES.values()),
        "country": sorted(COUNTRY_NAMES.values()),
        "genre": sorted(GENRES_ES),
    }.get(kind, [])
    key = fold(text or "")
    if not key or not pool:
        return []
    return [m[0] for m in process.extract(key, pool, processor=fold, limit=limit)]
