"""Every user-facing string of the bot, in English and Spanish, in one place.

`t(lang, key, **values)` formats one string; values are inserted as given, so callers
escape dynamic text for HTML before passing it (see `formatting.esc`).
"""

from __future__ import annotations

LANGS = ("en", "es")

STRINGS: dict[str, dict[str, str]] = {
    # -- start / help ------------------------------------------------------------------------
    "welcome": {
        "en": "🎬 <b>Hi{name}!</b> I answer questions about {movies} movies and recommend "
        "similar ones.\nTry <code>/recommend Titanic</code> or <code>/movie amelie</code>, "
        "or send /help for everything I know.",
        "es": "🎬 <b>¡Hola{name}!</b> Respondo preguntas sobre {movies} películas y recomiendo "
        "otras parecidas.\nPrueba <code>/recomendar Titanic</code> o "
        "<code>/pelicula amelie</code>, o envía /help para ver todo lo que sé.",
    },
    "help_header": {
        "en": "<b>Commands</b> (one example each):",
        "es": "<b>Comandos</b> (un ejemplo de cada uno):",
    },
    "joined_group": {
        "en": "🎬 Hi all! I answer questions about movies and recommend similar ones. "
        "Try <code>/recommend@{bot} Alien; Blade Runner</code>; /help@{bot} lists everything.",
        "es": "🎬 ¡Hola a todos! Respondo preguntas sobre películas y recomiendo otras "
        "parecidas. Prueben <code>/recomendar@{bot} Alien; Blade Runner</code>; "
        "/help@{bot} lo muestra todo.",
    },
    "help_group": {
        "en": "<b>In groups</b> I answer commands and replies to my messages: write "
        "<code>/movie@{bot} titanic</code> (or <code>/movie@{bot}</code> and answer my "
        "question with a reply), or use <code>@{bot} titanic</code> inline.",
        "es": "<b>En grupos</b> respondo a comandos y a respuestas a mis mensajes: escribe "
        "<code>/pelicula@{bot} titanic</code> (o <code>/pelicula@{bot}</code> y contesta mi "
        "pregunta respondiéndola), o usa <code>@{bot} titanic</code> en línea.",
    },
    "help_admin_header": {"en": "<b>Admin</b>:", "es": "<b>Administración</b>:"},
    "help_footer": {
        "en": "Or just write: <code>something like alien from the 80s</code>, <code>who "
        "directed jaws</code>, <code>movies with tom hanks</code>, <code>how long is titanic"
        "</code>, <code>best comedies of the 90s</code>.\n"
        "Spanish works too: /recomendar, /pelicula, /franquicia, /pais, /productora, "
        "/idioma, /duracion, /mes, /dia, /votos, /mejores, /ayuda.\n"
        "In any chat: <code>@{bot} titanic</code>.",
        "es": "O escribe sin más: <code>algo como titanic de los 90</code>, <code>quién "
        "dirigió el padrino</code>, <code>películas con penélope cruz</code>, <code>cuánto dura"
        " tiburón</code>, <code>mejores películas de terror de los 80</code>.\n"
        "También en inglés: /recommend, /movie, /franchise, /country, /company, "
        "/language, /runtime, /month, /day.\nEn cualquier chat: <code>@{bot} titanic</code>.",
    },
    # -- command descriptions (help and set_my_commands) -------------------------------------
    "cmd_start": {"en": "Welcome and a first example", "es": "Bienvenida y un primer ejemplo"},
    "cmd_help": {"en": "Every command with an example", "es": "Todos los comandos con un ejemplo"},
    "cmd_recommend": {
        "en": "Movies like the ones you name",
        "es": "Películas como las que nombras",
    },
    "cmd_movie": {"en": "Card of a movie", "es": "Ficha de una película"},
    "cmd_score": {"en": "Rating and popularity of a movie",
                  "es": "Nota y popularidad de una película"},
    "cmd_votes": {"en": "Votes and rating of a movie", "es": "Votos y nota de una película"},
    "cmd_actor": {"en": "An actor's films and return", "es": "Películas y retorno de un actor"},
    "cmd_director": {
        "en": "A director's films, return per film",
        "es": "Películas de un director y su retorno",
    },
    "cmd_franchise": {"en": "A franchise and its revenue", "es": "Una saga y su recaudación"},
    "cmd_country": {"en": "Films produced in a country", "es": "Películas producidas en un país"},
    "cmd_company": {"en": "A production company's revenue", "es": "Recaudación de una productora"},
    "cmd_language": {
        "en": "Films in an original language",
        "es": "Películas en un idioma original",
    },
    "cmd_runtime": {"en": "Runtime of a movie", "es": "Duración de una película"},
    "cmd_month": {"en": "Films released in a month", "es": "Películas estrenadas en un mes"},
    "cmd_day": {
        "en": "Films released on a weekday",
        "es": "Películas estrenadas un día de la semana",
    },
    "cmd_top": {"en": "Best rated, by genre and years", "es": "Mejor valoradas, por género y años"},
    "cmd_reload": {"en": "Reload the catalogue (admin)", "es": "Recargar el catálogo (admin)"},
    "cmd_stats": {"en": "Uptime, requests, latency (admin)", "es": "Actividad y latencia (admin)"},
    # -- prompts (ForceReply) ----------------------------------------------------------------
    "prompt_movie": {"en": "Which movie?", "es": "¿Qué película?"},
    "prompt_movies": {
        "en": "Which movie? (several: Alien; Blade Runner — filters: genre:horror "
        "since:1990 min:7)",
        "es": "¿Qué película? (varias: Alien; Blade Runner — filtros: género:terror "
        "desde:1990 mín:7)",
    },
    "prompt_actor": {"en": "Which actor or actress?", "es": "¿Qué actor o actriz?"},
    "prompt_director": {"en": "Which director?", "es": "¿Qué director?"},
    "prompt_franchise": {"en": "Which franchise?", "es": "¿Qué saga?"},
    "prompt_country": {"en": "Which country?", "es": "¿Qué país?"},
    "prompt_company": {"en": "Which production company?", "es": "¿Qué productora?"},
    "prompt_language": {"en": "Which language?", "es": "¿Qué idioma?"},
    "prompt_month": {"en": "Which month?", "es": "¿Qué mes?"},
    "prompt_day": {"en": "Which day of the week?", "es": "¿Qué día de la semana?"},
    "placeholder_movie": {"en": "e.g. Titanic 1997", "es": "p. ej. Titanic 1997"},
    "placeholder_name": {"en": "e.g. Tom Hanks", "es": "p. ej. Penélope Cruz"},
    "placeholder_other": {"en": "type your answer", "es": "escribe tu respuesta"},
    # -- problems ----------------------------------------------------------------------------
    "unknown_command": {
        "en": "I don't know {command}. Send /help to see what I can do.",
        "es": "No conozco {command}. Envía /ayuda para ver lo que sé hacer.",
    },
    "thanks": {
        "en": "You're welcome! 🍿 Ask me for another one whenever you like.",
        "es": "¡De nada! 🍿 Pídeme otra cuando quieras.",
    },
    "try_examples": {
        "en": "You can write a title (<code>jurassic park</code>), a name (<code>tom hanks"
        "</code>) or a request: <code>something like alien from the 80s</code>, "
        "<code>who directed jaws</code>, <code>best comedies of the 90s</code>, /help.",
        "es": "Puedes escribir un título (<code>el padrino</code>), un nombre (<code>almodovar"
        "</code>) o una petición: <code>algo como titanic de los 90</code>, "
        "<code>quién dirigió tiburón</code>, <code>mejores películas de terror de los 80</code>, "
        "/ayuda.",
    },
    "not_text": {
        "en": "I only read text 🙂 Send me a movie title (like <code>titanic</code>) or a "
        "command; /help lists them all.",
        "es": "Solo leo texto 🙂 Envíame el título de una película (como "
        "<code>titanic</code>) o un comando; /help los muestra todos.",
    },
    "too_long": {
        "en": "That is too long for me ({length} characters); try a title or a name.",
        "es": "Es demasiado largo ({length} caracteres); prueba con un título o un nombre.",
    },
    "not_found_movie": {
        "en": "I found no movie called “{query}”.",
        "es": "No encontré ninguna película llamada «{query}».",
    },
    "not_found_kind": {
        "en": "I found no {kind} called “{query}”.",
        "es": "No encontré ningún {kind} llamado «{query}».",
    },
    "did_you_mean": {"en": "Did you mean:", "es": "¿Quisiste decir?"},
    "pick_one": {"en": "Which one do you mean?", "es": "¿Cuál de ellas?"},
    "also": {"en": "Also: {items}", "es": "También: {items}"},
    "error": {
        "en": "Sorry, something went wrong on my side. Please try again.",
        "es": "Lo siento, algo falló por mi parte. Inténtalo de nuevo.",
    },
    "no_catalogue": {
        "en": "The catalogue is not loaded yet. An admin can run /reload.",
        "es": "El catálogo aún no está cargado. Un administrador puede usar /reload.",
    },
    "button_stale": {
        "en": "This button is from an older version of the catalogue and that movie is gone. "
        "Please ask again.",
        "es": "Este botón es de una versión anterior del catálogo y esa película ya no está. "
        "Pregunta de nuevo, por favor.",
    },
    "button_expired": {
        "en": "This button has expired. Please ask again.",
        "es": "Este botón ha caducado. Pregunta de nuevo, por favor.",
    },
    # -- kinds (for "I found no {kind}") -----------------------------------------------------
    "kind_person": {"en": "person", "es": "persona"},
    "kind_actor": {"en": "actor or actress", "es": "actor o actriz"},
    "kind_director": {"en": "director", "es": "director"},
    "kind_collection": {"en": "franchise", "es": "saga"},
    "kind_company": {"en": "production company", "es": "productora"},
    "kind_country": {"en": "country", "es": "país"},
    "kind_language": {"en": "language", "es": "idioma"},
    "kind_month": {"en": "month", "es": "mes"},
    "kind_day": {"en": "weekday", "es": "día de la semana"},
    "kind_genre": {"en": "genre", "es": "género"},
    "kind_movie": {"en": "movie", "es": "película"},
    "kind_empty": {"en": "thing", "es": "cosa"},
    # -- movie card --------------------------------------------------------------------------
    "card_runtime": {"en": "{minutes} min", "es": "{minutes} min"},
    "card_director": {"en": "Director", "es": "Dirección"},
    "card_cast": {"en": "Cast", "es": "Reparto"},
    "card_rating": {
        "en": "⭐ {average}/10 ({votes} votes)",
        "es": "⭐ {average}/10 ({votes} votos)",
    },
    "film_rating": {"en": "⭐ {average} ({votes} votes)", "es": "⭐ {average} ({votes} votos)"},
    "no_votes_short": {"en": "⭐ no votes yet", "es": "⭐ aún sin votos"},
    "card_no_votes": {"en": "⭐ no votes yet", "es": "⭐ aún sin votos"},
    "card_money": {
        "en": "💰 Budget {budget} · Revenue {revenue} · Return {ret}",
        "es": "💰 Presupuesto {budget} · Recaudación {revenue} · Retorno {ret}",
    },
    "card_collection": {"en": "Part of {name}", "es": "Parte de {name}"},
    "unknown_value": {"en": "n/a", "es": "n/d"},
    # -- one-line answers --------------------------------------------------------------------
    "score_rated": {
        "en": "<b>{title}</b> ({year}) is rated <b>{rating}/10</b> ({votes} votes); its "
        "popularity score is {popularity}.",
        "es": "<b>{title}</b> ({year}) tiene una nota de <b>{rating}/10</b> ({votes} votos) y "
        "una popularidad de {popularity}.",
    },
    "score": {
        "en": "<b>{title}</b> ({year}) has a popularity score of <b>{popularity}</b>.",
        "es": "<b>{title}</b> ({year}) tiene una popularidad de <b>{popularity}</b>.",
    },
    "votes_ok": {
        "en": "<b>{title}</b> ({year}) has <b>{votes}</b> votes averaging <b>{average}</b>/10 "
        "(as on its card). It qualifies: this question counts films with at least {required} "
        "votes.",
        "es": "<b>{title}</b> ({year}) tiene <b>{votes}</b> votos con una media de "
        "<b>{average}</b>/10 (como en su ficha). Cumple la condición de esta pregunta: al "
        "menos {required} votos.",
    },
    "votes_few": {
        "en": "<b>{title}</b> ({year}) has <b>{votes}</b> votes averaging {average}/10 (as on "
        "its card). It does not qualify: this question counts films with at least {required} "
        "votes, and it is {short} short.",
        "es": "<b>{title}</b> ({year}) tiene <b>{votes}</b> votos con una media de "
        "{average}/10 (como en su ficha). No cumple la condición de esta pregunta, al menos "
        "{required} votos: le faltan {short}.",
    },
    "votes_none": {
        "en": "<b>{title}</b> ({year}) has no votes yet, so no average (this question counts "
        "films with at least {required} votes).",
        "es": "<b>{title}</b> ({year}) aún no tiene votos, así que no tiene media (esta "
        "pregunta cuenta las películas con al menos {required} votos).",
    },
    "runtime": {
        "en": "<b>{title}</b> ({year}) runs <b>{minutes}</b> minutes.",
        "es": "<b>{title}</b> ({year}) dura <b>{minutes}</b> minutos.",
    },
    "runtime_unknown": {
        "en": "I don't know the runtime of <b>{title}</b> ({year}).",
        "es": "No conozco la duración de <b>{title}</b> ({year}).",
    },
    "count_month": {
        "en": "<b>{count}</b> {n:film was|films were} released in <b>{name}</b>.",
        "es": "{n:Se estrenó|Se estrenaron} <b>{count}</b> {n:película|películas} en "
        "<b>{name}</b>.",
    },
    "count_day": {
        "en": "<b>{count}</b> {n:film was|films were} released on a <b>{name}</b>.",
        "es": "{n:Se estrenó|Se estrenaron} <b>{count}</b> {n:película|películas} un "
        "<b>{name}</b>.",
    },
    "count_language": {
        "en": "<b>{count}</b> {n:film was|films were} made in <b>{name}</b> ({key}).",
        "es": "Hay <b>{count}</b> {n:película|películas} en <b>{name}</b> ({key}).",
    },
    "count_country": {
        "en": "<b>{count}</b> {n:film was|films were} produced in <b>{name}</b> ({key}).",
        "es": "{n:Se produjo|Se produjeron} <b>{count}</b> {n:película|películas} en "
        "<b>{name}</b> ({key}).",
    },
    "actor": {
        "en": "🎭 <b>{name}</b> appears in <b>{films}</b> {n:film|films}.",
        "es": "🎭 <b>{name}</b> aparece en <b>{films}</b> {n:película|películas}.",
    },
    "returns": {
        "en": "💰 Over the {known} {known:film|films} whose budget and revenue are known: "
        "total return <b>{overall}</b> ({revenue} earned on {budget} of budgets); the median "
        "film returned <b>{median}</b>.",
        "es": "💰 Sobre {known:la|las} {known} {known:película|películas} con presupuesto y "
        "recaudación conocidos: retorno total <b>{overall}</b> ({revenue} recaudados con "
        "{budget} de presupuesto); la película mediana devolvió <b>{median}</b>.",
    },
    "returns_unknown": {
        "en": "💰 No film here has both budget and revenue known, so no return.",
        "es": "💰 Ninguna película tiene presupuesto y recaudación conocidos: no hay retorno.",
    },
    "films_page": {
        "en": "Best known first ({first}–{last} of {total}):",
        "es": "Más conocidas primero ({first}–{last} de {total}):",
    },
    "films_best_known": {"en": "Best known first:", "es": "Más conocidas primero:"},
    "page_next": {"en": "More ▶", "es": "Más ▶"},
    "page_previous": {"en": "◀ Back", "es": "◀ Anteriores"},
    "best_known": {"en": "Best known:", "es": "Más conocidas:"},
    "director": {
        "en": "🎬 <b>{name}</b> directed <b>{films}</b> {n:film|films}.",
        "es": "🎬 <b>{name}</b> dirigió <b>{films}</b> {n:película|películas}.",
    },
    "director_line": {
        "en": "{date} · {title} · return {ret} · budget {budget} · revenue {revenue}",
        "es": "{date} · {title} · retorno {ret} · presupuesto {budget} · recaudación {revenue}",
    },
    "franchise": {
        "en": "🎞 <b>{name}</b>: <b>{films}</b> {n:film|films}, total revenue <b>{total}</b>, "
        "average <b>{average}</b> (over the {known} {known:film|films} whose revenue is known).",
        "es": "🎞 <b>{name}</b>: <b>{films}</b> {n:película|películas}, recaudación total "
        "<b>{total}</b>, media <b>{average}</b> (sobre {known} {known:película|películas} con "
        "recaudación conocida).",
    },
    "company": {
        "en": "🏢 <b>{name}</b> produced <b>{films}</b> {n:film|films} with a total revenue of "
        "<b>{total}</b> (over the {known} {known:film|films} whose revenue is known).",
        "es": "🏢 <b>{name}</b> produjo <b>{films}</b> {n:película|películas} con una recaudación "
        "total de <b>{total}</b> (sobre {known} {known:película|películas} con recaudación "
        "conocida).",
    },
    "top": {
        "en": "🏆 <b>Top {n}</b>{what}, ranked by weighted rating",
        "es": "🏆 <b>Top {n}</b>{what}, ordenado por nota ponderada",
    },
    "top_note": {
        "en": "<i>The weighted rating pulls films with few votes towards the catalogue's "
        "mean; ⭐ is each film's own TMDB average.</i>",
        "es": "<i>La nota ponderada acerca a la media del catálogo las películas con pocos "
        "votos; ⭐ es la media TMDB de cada película.</i>",
    },
    "top_empty": {
        "en": "No rated films match that.",
        "es": "Ninguna película valorada cumple eso.",
    },
    "top_empty_range": {
        "en": "🏆 Nothing to rank for <b>{what}</b>: the catalogue's rated films run from "
        "{first} to {last}.",
        "es": "🏆 No hay nada que clasificar en <b>{what}</b>: las películas valoradas del "
        "catálogo van de {first} a {last}.",
    },
    "top_empty_genre": {
        "en": "🏆 Nothing to rank for <b>{what}</b>: the catalogue's rated {genre} films run "
        "from {first} to {last}.",
        "es": "🏆 No hay nada que clasificar en <b>{what}</b>: las películas valoradas de "
        "{genre} del catálogo van de {first} a {last}.",
    },
    "recommend": {"en": "🍿 <b>If you liked {seeds}</b>:", "es": "🍿 <b>Si te gustó {seeds}</b>:"},
    "recommend_empty": {
        "en": "I have no recommendations for {seeds} yet.",
        "es": "Aún no tengo recomendaciones para {seeds}.",
    },
    "recommend_filtered": {
        "en": "🍿 <b>If you liked {seeds}</b> ({filters}):",
        "es": "🍿 <b>Si te gustó {seeds}</b> ({filters}):",
    },
    "recommend_empty_filtered": {
        "en": "Nothing like {seeds} matches {filters}. Try fewer filters.",
        "es": "Nada parecido a {seeds} cumple {filters}. Prueba con menos filtros.",
    },
    "recommend_unavailable": {
        "en": "Recommendations are not available with this catalogue: {reason}",
        "es": "Las recomendaciones no están disponibles con este catálogo: {reason}",
    },
    "filter_since": {"en": "since {year}", "es": "desde {year}"},
    "filter_until": {"en": "until {year}", "es": "hasta {year}"},
    "filter_bad_year": {
        "en": "I can't read the year in <code>{word}</code>; write it like "
        "<code>since:1990</code>.",
        "es": "No entiendo el año de <code>{word}</code>; escríbelo así: "
        "<code>desde:1990</code>.",
    },
    "filter_bad_min": {
        "en": "<code>{word}</code>: the minimum rating goes from 0 to 10, like "
        "<code>min:7</code>.",
        "es": "<code>{word}</code>: la nota mínima va de 0 a 10, así: <code>mín:7</code>.",
    },
    "filter_need_seed": {
        "en": "Which movie should they be like? For example: "
        "<code>/recommend Alien {filters}</code>",
        "es": "¿A qué película deben parecerse? Por ejemplo: "
        "<code>/recomendar Alien {filters}</code>",
    },
    "unknown_genre": {
        "en": "I don't know the genre “{query}”. Genres: {genres}.",
        "es": "No conozco el género «{query}». Géneros: {genres}.",
    },
    "help_filters": {
        "en": "Filters for /recommend: <code>genre:horror since:1990 until:2010 lang:es "
        "min:7</code> (also <code>year:1995</code>; several films: separate them with ;).",
        "es": "Filtros para /recomendar: <code>género:terror desde:1990 hasta:2010 "
        "idioma:español mín:7</code> (también <code>año:1995</code>; varias películas: "
        "sepáralas con ;).",
    },
    "more_like": {"en": "More like {title}", "es": "Más como {title}"},
    "more_like_this": {"en": "🍿 More like this", "es": "🍿 Más como esta"},
    "chart_caption": {
        "en": "Return (revenue ÷ budget) per film of {name}",
        "es": "Retorno (recaudación ÷ presupuesto) por película de {name}",
    },
    "chart_title": {"en": "Return per film: {name}", "es": "Retorno por película: {name}"},
    # -- recommendation reasons (core's reason_kind; English comes from core) --------------
    "reason_collection": {"es": "también de {names}"},
    "reason_director": {"es": "también dirigida por {names}"},
    "reason_liked": {"es": "gustó a quien le gustó {seed}"},
    "reason_cast": {"es": "también con {names}"},
    "reason_keyword": {"es": "también sobre {names}"},
    "reason_genre": {"es": "también {names}"},
    "reason_story": {"es": "una historia cercana a {seed}"},
    "reason_like_seed": {"es": " (como {seed})"},
    # -- admin -------------------------------------------------------------------------------
    "admin_only": {
        "en": "Sorry, {command} is for the bot's admins only.",
        "es": "Lo siento, {command} es solo para los administradores del bot.",
    },
    "reload_started": {"en": "Reloading the catalogue…", "es": "Recargando el catálogo…"},
    "reload_ok": {
        "en": "✅ Reloaded <b>{path}</b> in {seconds:.2f} s: data version <code>{version}</code>, "
        "{movies} movies, {people} people.",
        "es": "✅ Recargado <b>{path}</b> en {seconds:.2f} s: versión de datos "
        "<code>{version}</code>, {movies} películas, {people} personas.",
    },
    "reload_failed": {
        "en": "❌ Reload failed, still serving data version <code>{version}</code>: {reason}",
        "es": "❌ La recarga falló; sigo con la versión <code>{version}</code>: {reason}",
    },
    "reload_busy": {
        "en": "A reload is already running; try again in a moment.",
        "es": "Ya hay una recarga en curso; inténtalo en un momento.",
    },
    "stats": {
        "en": "📊 <b>Stats</b>\nUptime: {uptime}\nData version: <code>{version}</code> "
        "({movies} movies)\nRequests: {requests} · errors: {errors}\n"
        "Latency p50 {p50:.1f} ms · p99 {p99:.1f} ms",
        "es": "📊 <b>Estadísticas</b>\nEn marcha: {uptime}\nVersión de datos: "
        "<code>{version}</code> ({movies} películas)\nPeticiones: {requests} · errores: "
        "{errors}\nLatencia p50 {p50:.1f} ms · p99 {p99:.1f} ms",
    },
    "stats_by_command": {
        "en": "By command (requests, errors, p50 / p99):",
        "es": "Por comando (peticiones, errores, p50 / p99):",
    },
    "stats_command": {
        "en": "• {name}: {n} ({errors} ✗) · {p50:.1f} / {p99:.1f} ms",
        "es": "• {name}: {n} ({errors} ✗) · {p50:.1f} / {p99:.1f} ms",
    },
    "stats_catalogue": {
        "en": "Catalogue: <code>{path}</code>, built {built}; {people} people; "
        "recommendations: {signal}",
        "es": "Catálogo: <code>{path}</code>, creado {built}; {people} personas; "
        "recomendaciones: {signal}",
    },
    "stats_signal_hybrid": {
        "en": "content + ratings",
        "es": "contenido + valoraciones",
    },
    "stats_signal_content": {
        "en": "content only (no ratings in the data)",
        "es": "solo contenido (sin valoraciones en los datos)",
    },
    "stats_memory": {
        "en": "Memory: {rss} MB resident (peak {peak} MB)",
        "es": "Memoria: {rss} MB residentes (pico {peak} MB)",
    },
    "stats_load_ok": {
        "en": "Last load (start or /reload): {when} UTC, ok in {seconds:.2f} s",
        "es": "Última carga (arranque o /reload): {when} UTC, correcta en {seconds:.2f} s",
    },
    "stats_private_only": {
        "en": "shown in a private chat",
        "es": "se muestra en un chat privado",
    },
    "stats_load_failed": {
        "en": "Last load (start or /reload): {when} UTC, failed: {reason}",
        "es": "Última carga (arranque o /reload): {when} UTC, falló: {reason}",
    },
    "stats_no_load": {
        "en": "No catalogue loaded since the start.",
        "es": "Ningún catálogo cargado desde el arranque.",
    },
    "stats_replies": {
        "en": "Update → reply sent p50 {p50:.1f} ms · p99 {p99:.1f} ms",
        "es": "Mensaje → respuesta enviada p50 {p50:.1f} ms · p99 {p99:.1f} ms",
    },
    # -- inline mode -------------------------------------------------------------------------
    "inline_no_results": {"en": "No movie matches", "es": "Ninguna película coincide"},
    "inline_sent_private": {
        "en": "Sent to our private chat 📬",
        "es": "Te lo envié por chat privado 📬",
    },
}

MONTHS_ES = {
    1: "enero",
    2: "febrero",
    3: "marzo",
    4: "abril",
    5: "mayo",
    6: "junio",
    7: "julio",
    8: "agosto",
    9: "septiembre",
    10: "octubre",
    11: "noviembre",
    12: "diciembre",
}
WEEKDAYS_ES = {
    0: "lunes",
    1: "martes",
    2: "miércoles",
    3: "jueves",
    4: "viernes",
    5: "sábado",
    6: "domingo",
}


def lang_of(language_code: str | None) -> str:
    """ "es" for Spanish-speaking users (`es`, `es-AR`, ...), else "en"."""
    return "es" if (language_code or "").lower().startswith("es") else "en"


class _Decimal(float):
    """A float formatted with the Spanish decimal comma and thousands point (`{s:.2f}`)."""

    def __format__(self, spec: str) -> str:
        text = super().__format__(spec)
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


class _Count(int):
    """An int that also picks a word by number: `{n:film|films}`, `{n:Se estrenó|Se estrenaron}`."""

    def __format__(self, spec: str) -> str:
        if "|" in spec:
            one, many = spec.split("|", 1)
            return one if self == 1 else many
        return super().__format__(spec)


def t(lang: str, key: str, /, **values: object) -> str:
    """The string `key` in `lang` (English when missing), formatted with `values`.

    Int values can choose singular or plural words: `t("en", "director", n=1, ...)` gives
    "directed 1 film" where the string says `{n:film|films}`.
    """
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    if not values:
        return text
    counts = {k: _Count(v) if type(v) is int else v for k, v in values.items()}
    if lang == "es":  # one locale per reply: 1,5 s, never 1.5 s
        counts = {k: _Decimal(v) if type(v) is float else v for k, v in counts.items()}
    return text.format(**counts)
