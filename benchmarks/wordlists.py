"""Word lists for the data generator, written for this project (no text from the real dataset).

Names are invented combinations of common given names and surnames; accents, apostrophes and
a few non-Latin scripts are there on purpose, because loaders and fuzzy matching must cope.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """Whitespace-separated words of a block (keeps the lists readable)."""
    return text.split()


FIRST_NAMES = _words("""
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel
Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy
Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott
Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron
Henry Adam Douglas Nathan Peter Zachary Kyle Walter Harold Jeremy Ethan Carl Keith Roger
Gerald Christian Terry Sean Arthur Austin Noah Lawrence Jesse Joe Bryan Billy Jordan Albert
Dylan Bruce Willie Gabriel Alan Juan Logan Wayne Ralph Roy Eugene Randy Vincent Russell Louis
Philip Bobby Johnny Bradley Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah
Karen Nancy Lisa Margaret Betty Sandra Ashley Dorothy Kimberly Emily Donna Michelle Carol
Amanda Melissa Deborah Stephanie Rebecca Laura Sharon Cynthia Kathleen Amy Shirley Angela
Helen Anna Brenda Pamela Nicole Samantha Katherine Emma Ruth Christine Catherine Debra Rachel
Carolyn Janet Virginia Maria Heather Diane Julie Joyce Victoria Kelly Christina Joan Evelyn
Lauren Judith Olivia Frances Martha Cheryl Megan Andrea Hannah Jacqueline Ann Jean Alice
Kathryn Gloria Teresa Doris Sara Janice Julia Marie Madison Grace Judy Theresa Beverly Denise
Marilyn Amber Danielle Rose Brittany Diana Abigail Natalie Jane Lori Tiffany Alexis Kayla
José Zoë Renée Chloé Hélène Élodie François Jérôme Søren Björn Åsa Jürgen Günter Łukasz
Małgorzata Ángel Iñaki Begoña João Conceição Müge Çağan Dragoș Ştefan Ondřej Tomáš Jiří
Zsófia Ádám Nikolaj Sigríður Ólafur Dolores Pilar Carmen Lucía Sofía Mateo Santiago Diego
Alejandro Valentina Camila Isabella Giulia Francesca Alessandro Lorenzo Matteo Giuseppe Marco
Luca Federica Chiara Pierre Jean-Luc Jean-Pierre Marie-Claire Anne-Sophie Yves Gérard Amélie
Hiroshi Takeshi Yuki Haruka Kenji Akira Sakura Ren Mei Wei Jian Li Xiu Min-jun Seo-yeon Ji-ho
Arjun Priya Rahul Ananya Vikram Aisha Omar Fatima Tariq Layla Kwame Amara Chidi Ngozi Thabo
Olga Ivan Dmitri Natalia Sergei Anastasia Mikhail Tatiana Yusuf Elif Mehmet Zeynep Ingrid Lars
""")

LAST_NAMES = _words("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers
Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson
Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo
Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell
Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson
Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera
Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez
McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns
Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Muñoz Hunt
Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer
Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant
O'Brien O'Connor O'Neill O'Hara D'Amico D'Angelo Dell'Acqua L'Estrange McCarthy MacLeod
Müller Schäfer Schröder Köhler Weiß Groß Brandt Lefèvre Dupré Girard Moreau Rousseau Bérénger
Château Fontaine Leclerc Mercier Núñez Peña Ibáñez Domínguez Márquez Gómez Jiménez Sáenz
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
Costa Giordano Mancini Rizzo Lombardi Moretti Ólafsson Jónsdóttir Sørensen Jørgensen Ærø
Lindqvist Åberg Öberg Nyström Kowalski Wiśniewski Wójcik Kowalczyk Dvořák Novák Svoboda
Horváth Szabó Kovács Nagy Popescu Ionescu Yılmaz Kaya Demir Şahin Çelik Ivanov Petrov
Smirnov Volkov Kuznetsov Tanaka Suzuki Watanabe Yamamoto Nakamura Kobayashi Sato Ito Wang
Zhang Liu Chen Yang Huang Zhao Park Choi Jung Kang Sharma Gupta Singh Kumar Reddy Iyer Khan
Okafor Mensah Adeyemi Nkosi Abebe Haddad Nasser Farouk Cohen Levi Friedman Van-der-Berg
""")

# Names in their own scripts, so name search meets non-Latin text:
# (surnames, given names, surname first?, separator).
_NATIVE = [
    ("宮本 高橋 山田 佐藤 田中 中村 小林 渡辺", "健 美咲 太郎 花子 翔 結衣 大輔 陽子", True, " "),
    ("王 李 张 刘 陈 杨 黄 赵", "伟 娜 敏 静 强 磊 洋 艳", True, ""),
    ("김 이 박 최 정 강 조 윤", "민수 지은 서준 하은 도윤 수빈 예준 지민", True, ""),
    (
        "Петров Смирнова Кузнецов Попова Соколов Лебедева",
        "Иван Ольга Анна Дмитрий Мария Сергей",
        False,
        " ",
    ),
    ("Παπαδόπουλος Γεωργίου Νικολάου", "Δημήτρης Νίκος Ελένη Μαρία", False, " "),
]
NATIVE_FULL_NAMES = [
    (f"{s}{sep}{g}" if surname_first else f"{g}{sep}{s}")
    for surnames, given, surname_first, sep in _NATIVE
    for s in surnames.split()
    for g in given.split()
]

ADJECTIVES = _words("""
Last Lost Dark Silent Broken Hidden Secret Final Long Little Big Red Black White Blue Golden
Iron Silver Wild Cold Hot Burning Frozen Forgotten Eternal Endless Bitter Sweet Dangerous
Deadly Crimson Midnight Lonely Perfect Strange Savage Quiet Brave Fallen Rising Wicked Holy
Invisible Electric Crazy Happy Sad Young Old New Great Grand Naked Hollow Distant Empty
Shattered Restless Fearless Reckless Beautiful Ugly Magnificent Glorious Infinite Ancient
Modern Royal Sacred Stolen Buried Haunted Cursed Blind Velvet Scarlet Emerald Paper Glass
Stone Steel Wooden Neon Lucky Mad Wandering Sleeping Dying Living Dead Secondhand Unfinished
Impossible Incredible Amazing Fantastic Mysterious Curious Accidental Reluctant American
English French Italian Mexican Chinese Russian Northern Southern Western Eastern
""")

NOUNS = _words("""
Night Day Heart Road River City House Man Woman Girl Boy Child King Queen Prince Princess
Knight Soldier Warrior Hunter Killer Stranger Friend Enemy Lover Brother Sister Mother Father
Son Daughter Family Wedding Funeral Party Game Dream Shadow Light Fire Water Storm Rain Snow
Wind Sun Moon Star Sky Sea Ocean Island Mountain Valley Forest Desert Garden Door Window
Mirror Key Letter Song Dance Story Tale Legend Secret Promise Lie Truth Memory Journey
Escape Return Revenge Justice Honor Glory Freedom War Peace Battle Empire Kingdom Republic
Nation Town Village Street Avenue Bridge Tower Castle Palace Prison Hotel Station Train Ship
Plane Car Machine Robot Ghost Monster Dragon Wolf Tiger Lion Horse Bird Eagle Raven Snake
Spider Angel Devil Saint Sinner Priest Doctor Lawyer Detective Agent Spy Thief Gambler
Dancer Singer Painter Writer Teacher Student Boss Captain General Sheriff Outlaw Cowboy
Pirate Sailor Pilot Driver Runner Fighter Champion Hero Villain Witness Victim Suspect
Ticket Diamond Treasure Crown Sword Gun Bullet Blood Bone Skin Eye Hand Voice Face Kiss
Touch Breath Silence Noise Echo Signal Code Game Machine Planet Galaxy Universe Horizon
Summer Winter Spring Autumn Morning Evening Midnight Hour Minute Year Century Future Past
Paradise Heaven Hell Inferno Labyrinth Maze Circle Line Edge Border Frontier Harbor Shore
""")

PLACES = _words("""
Paris London Rome Berlin Vienna Madrid Lisbon Tokyo Shanghai Bombay Cairo Istanbul Moscow
Havana Rio Brooklyn Manhattan Chicago Texas Alaska Vegas Hollywood Harlem Boston Memphis
Casablanca Tangier Venice Naples Sicily Marseille Prague Budapest Warsaw Dublin Glasgow
Sydney Montana Nevada Arizona Mexico Africa Siberia Tibet Mars Venus Atlantis Eden Babylon
""")

# Sentence-level verbs (two-word ones kept whole).
ACTIONS = [
    "finds",
    "loses",
    "discovers",
    "hides",
    "steals",
    "saves",
    "destroys",
    "follows",
    "escapes",
    "joins",
    "leaves",
    "betrays",
    "protects",
    "hunts",
    "chases",
    "meets",
    "marries",
    "remembers",
    "forgets",
    "uncovers",
    "confronts",
    "rescues",
    "returns to",
    "inherits",
    "wins",
    "falls for",
    "investigates",
    "tracks down",
    "runs from",
    "fights against",
    "searches for",
    "is haunted by",
    "must choose between",
]

GOALS = [
    "clear their name",
    "save the family farm",
    "win back the love of their life",
    "find the missing money",
    "survive one last night",
    "get home before Christmas",
    "stop a war nobody wants",
    "keep a promise made long ago",
    "pull off one final job",
    "protect a child they barely know",
    "expose a powerful lie",
    "outrun their own past",
    "finish the song before the deadline",
    "bring the gang back together",
    "solve a murder nobody else will touch",
    "escape a town that won't let them leave",
    "make it to the championship",
    "prove the legend is real",
    "earn a second chance",
    "hold the team together",
    "decode the last message",
    "reach the border alive",
]

OPENERS = [
    "When",
    "After",
    "Years after",
    "Just before",
    "Soon after",
    "As soon as",
    "Because",
]

EVENTS = [
    "the storm hits",
    "the money disappears",
    "a stranger arrives in town",
    "the war ends",
    "the factory closes",
    "the letters start arriving",
    "the lights go out",
    "their best friend vanishes",
    "the old house is sold",
    "the election is stolen",
    "the comet appears",
    "the wedding is called off",
    "the tapes surface",
    "the first body is found",
    "the circus comes to town",
    "the ship runs aground",
]

CLOSERS = [
    "Nothing is what it seems.",
    "Some secrets refuse to stay buried.",
    "It's the adventure of a lifetime.",
    "Based on a true story.",
    "What follows is a funny and moving portrait of a family in crisis.",
    "A story of friendship, loss and the things we leave unsaid.",
    "But time is running out.",
    "Everyone has a price.",
    "The truth will cost them everything.",
    "It's going to be a long night.",
    "Love, it turns out, is the hardest job of all.",
    "Nobody gets out clean.",
]

TAGLINES = [
    "Some doors should stay closed.",
    "Every family has a secret.",
    "One night. One chance.",
    "The legend begins.",
    "Fear has a new name.",
    "Trust no one.",
    "Love never dies.",
    "Nobody's perfect.",
    "The past is never over.",
    "Run.",
    "It's not the end.",
    "Based on the book they tried to ban.",
    "Leave the light on.",
    "Welcome home.",
    "This summer, get lost.",
    "He's back. And he's not alone.",
    "Don't look down.",
    "Who's laughing now?",
    "The truth is out there somewhere.",
    "Winning isn't everything.",
]

CHARACTER_ROLES = [
    "Himself",
    "Herself",
    "Narrator",
    "Detective",
    "Nurse",
    "Bartender",
    "Waitress",
    "Police Officer",
    "Young Man",
    "Old Woman",
    "Reporter",
    "Doctor",
    "Mother",
    "Father",
    "The Stranger",
    "Sheriff",
    "Priest",
    "Judge",
    "Guard",
    "Taxi Driver",
    "Soldier",
    "Party Guest",
    "Teacher",
    "Student",
    "Singer",
    "Dancer",
    "Thug #1",
    "Thug #2",
    "Man in Bar",
    "Woman on Train",
    "Neighbor",
    "Lawyer",
    "Captain",
    "Boss",
    "Uncle",
    "Aunt",
    "Grandma",
    "Kid",
    "Pilot",
    "Scientist",
    "Agent",
    "Mayor",
    "Himself (archive footage)",
]

KEYWORDS = """
murder|friendship|love|revenge|prison|family|new york city|los angeles|london england|paris
france|world war ii|vietnam war|cold war|based on novel|based on comic|based on true story|
biography|sport|boxing|baseball|football|musical|dancing|singer|rock and roll|jazz|drug
addiction|alcoholism|heist|bank robbery|hitman|mafia|police|detective|serial killer|
kidnapping|hostage|conspiracy|spy|secret agent|assassin|time travel|alien|space|spaceship|
robot|artificial intelligence|dystopia|post-apocalyptic|zombie|vampire|werewolf|ghost|
haunted house|witch|magic|dragon|fairy tale|monster|small town|road trip|high school|
college|teenager|coming of age|wedding|divorce|pregnancy|father son relationship|mother
daughter relationship|brother brother relationship|sister sister relationship|orphan|
dog|cat|horse|christmas|holiday|summer camp|island|desert|jungle|mountain|ocean|shipwreck|
survival|disaster|earthquake|fire|storm|epidemic|hospital|doctor|lawyer|courtroom|trial|
journalist|newspaper|television|radio|hollywood|filmmaking|writer|painter|photographer|
musician|teacher|student|nurse|soldier|army|navy|pilot|airplane|train|car chase|
motorcycle|gangster|prostitute|stripper|poker|gambling|las vegas|casino|revenge plot|
betrayal|infidelity|jealousy|obsession|stalker|psychopath|amnesia|dream|nightmare|
flashback|independent film|woman director|duringcreditsstinger|aftercreditsstinger|
sequel|remake|anime|superhero|martial arts|kung fu|samurai|ninja|pirate|cowboy|western|
sheriff|outlaw|bounty hunter|treasure|adventure|quest|chosen one|prophecy|king|queen|
prince|princess|castle|medieval|ancient rome|ancient greece|egypt|mummy|archaeologist|
museum|library|book|letter|diary|photograph|secret|lie|deception|identity|double life|
undercover|escape|chase|race against time|bomb|terrorism|hijacking|submarine|nuclear war|
immigrant|refugee|racism|civil rights|slavery|poverty|wealth|rich family|inheritance|
business|corporation|corruption|politics|election|president|white house|washington d.c.|
chicago|texas|mexico|italy|germany|japan|china|india|russia|africa|australia|canada|
ireland|scotland|spain|brazil|cuba|suburb|neighbor|apartment|hotel|restaurant|chef|food|
wine|beer|party|dance|ballet|opera|circus|clown|magician|puppet|toy|video game|computer|
hacker|internet|social media|cell phone|virus|experiment|mad scientist|genetics|cloning|
mutant|giant monster|shark|snake|spider|insect|bird|nature|documentary|interview|
concert|live performance|stand-up comedy|satire|parody|mockumentary|black and white|
silent film|short film|nudity|violence|gore|slasher|found footage|lgbt|gay|lesbian|
transgender|feminism|religion|church|priest|nun|faith|miracle|angel|devil|hell|heaven|
afterlife|death|funeral|cancer|illness|disability|blindness|deafness|autism|mental illness|
children's book|writer's block|new year's eve|mother's day|lover's quarrel|
français|über|señorita|café|naïve
""".replace("\n", "").split("|")

COMPANY_STEMS = """
Silver Lantern|Northlight|Red Harbor|Blue Orchard|Ironwood|Paper Moon|Grand Meridian|
Falcon Ridge|Seven Oaks|Lucky Penny|Crescent|Archway|Bright Horizon|Riverbend|Stonegate|
Old Mill|Westwind|Kingfisher|Sunflower|Blackbird|Greenhouse|Lighthouse|Clockwork|Tin Drum|
Golden Gate|Harborview|Mapleleaf|Nightjar|Owl's Nest|Fox & Hound|Salt & Pepper|Atlas|
Cinéma Lumière|Société Nouvelle|Filmes do Sul|Producciones Andinas|Estudios Sol|
Bavaria Licht|Nordisk Hav|Studio Kaze|東方映像|Cinecittà Nuova|Kino Polska Nowa|Mosfilm Nova|
Wild Bunch Road|Dog Day|Big Sky|Zeitgeist|Vortex|Prism|Parallax|Odeon Street|Marquee|
Reel Deal|Picture House|Open Road|Long Shot|Two Rivers|Three Crowns|First Light|Last Stop
""".replace("\n", "").split("|")

COMPANY_SUFFIXES = [
    "Pictures",
    "Films",
    "Productions",
    "Entertainment",
    "Studios",
    "Film",
    "Media",
    "Company",
    "Films Ltd.",
    "Pictures Corporation",
    "Filmproduktion",
    "Producciones",
]

# Real TMDB genre ids with their English names (facts, not dataset text), weighted roughly
# by how often the real catalogue uses them.
GENRES = [
    (18, "Drama", 20.0),
    (35, "Comedy", 13.2),
    (53, "Thriller", 7.6),
    (10749, "Romance", 6.7),
    (28, "Action", 6.6),
    (27, "Horror", 4.7),
    (80, "Crime", 4.3),
    (99, "Documentary", 3.9),
    (12, "Adventure", 3.5),
    (878, "Science Fiction", 3.0),
    (10751, "Family", 2.8),
    (9648, "Mystery", 2.5),
    (14, "Fantasy", 2.3),
    (16, "Animation", 1.9),
    (10769, "Foreign", 1.6),
    (10402, "Music", 1.6),
    (36, "History", 1.4),
    (10752, "War", 1.3),
    (37, "Western", 1.0),
    (10770, "TV Movie", 0.8),
]

# (ISO 3166-1, English name, weight)
COUNTRIES = [
    ("US", "United States of America", 21.0),
    ("GB", "United Kingdom", 4.1),
    ("FR", "France", 3.9),
    ("DE", "Germany", 2.2),
    ("IT", "Italy", 2.2),
    ("CA", "Canada", 1.8),
    ("JP", "Japan", 1.6),
    ("ES", "Spain", 1.0),
    ("RU", "Russia", 0.9),
    ("IN", "India", 0.8),
    ("HK", "Hong Kong", 0.6),
    ("SE", "Sweden", 0.6),
    ("AU", "Australia", 0.6),
    ("KR", "South Korea", 0.5),
    ("BE", "Belgium", 0.4),
    ("DK", "Denmark", 0.4),
    ("FI", "Finland", 0.3),
    ("MX", "Mexico", 0.3),
    ("CN", "China", 0.3),
    ("BR", "Brazil", 0.3),
    ("AR", "Argentina", 0.3),
    ("NL", "Netherlands", 0.3),
    ("PL", "Poland", 0.2),
    ("IE", "Ireland", 0.2),
    ("CZ", "Czech Republic", 0.2),
    ("TR", "Turkey", 0.2),
    ("AT", "Austria", 0.2),
    ("NO", "Norway", 0.2),
    ("CI", "Cote D'Ivoire", 0.02),
]

# (ISO 639-1, TMDB's native name, weight as original language, native-script title words)
# (ISO 639-1, TMDB's native name, weight as original language, title words in that language
# as "articles | nouns and adjectives | connector"; empty: titles stay English).
LANGUAGES = [
    ("en", "English", 71.0, ""),
    (
        "fr",
        "Français",
        5.4,
        "La Le Les|nuit jour homme femme amour vie mort ciel rue "
        "maison été hiver secret mensonge voyage guerre fille garçon|de la",
    ),
    (
        "it",
        "Italiano",
        3.1,
        "Il La Lo|notte giorno uomo donna amore vita morte cielo strada "
        "casa estate segreto viaggio guerra ragazza|della",
    ),
    ("ja", "日本語", 3.0, "|夜 日 男 女 愛 命 死 空 道 家 夏 秘密 物語 風 花 海 侍 夢|の"),
    (
        "de",
        "Deutsch",
        2.4,
        "Die Der Das|Nacht Tag Mann Frau Liebe Leben Tod Himmel Straße Haus "
        "Sommer Geheimnis Reise Krieg Mädchen|des",
    ),
    (
        "es",
        "Español",
        2.2,
        "El La Los Las|noche día hombre mujer amor vida muerte cielo calle "
        "casa verano secreto viaje guerra niña años|del",
    ),
    (
        "ru",
        "Русский",
        1.8,
        "|Ночь День Мужчина Женщина Любовь Жизнь Смерть Небо Улица Дом Лето Тайна Война|и",
    ),
    ("hi", "हिन्दी", 0.9, "|रात दिन प्यार जीवन घर दिल सपना|का"),
    ("ko", "한국어/조선말", 0.9, "|밤 낮 사랑 인생 집 여름 비밀 바다|의"),
    ("zh", "普通话", 0.9, "|夜 日 愛 生命 家 夏天 秘密 大 小 人 江湖|之"),
    ("sv", "svenska", 0.6, "|Natt Dag Man Kvinna Kärlek Liv Död Himmel Hus Sommar|och"),
    ("pt", "Português", 0.6, "A O Os|noite dia homem mulher amor vida morte céu casa cidade|de"),
    ("cn", "广州话 / 廣州話", 0.4, "|夜 日 愛 生命 家 江湖 英雄 大|之"),
    ("tr", "Türkçe", 0.3, "|Gece Gün Adam Kadın Aşk Hayat Ölüm Gök Ev Yaz|ve"),
    ("xx", "No Language", 0.2, ""),
]

CREW_JOBS = [
    # (department, job, weight): Director is drawn separately.
    ("Writing", "Screenplay", 9.0),
    ("Writing", "Writer", 6.0),
    ("Writing", "Novel", 2.0),
    ("Production", "Producer", 12.0),
    ("Production", "Executive Producer", 6.0),
    ("Production", "Casting", 4.0),
    ("Sound", "Original Music Composer", 7.0),
    ("Sound", "Music", 2.0),
    ("Camera", "Director of Photography", 8.0),
    ("Editing", "Editor", 8.0),
    ("Art", "Production Design", 4.0),
    ("Art", "Art Direction", 3.0),
    ("Art", "Set Decoration", 3.0),
    ("Costume & Make-Up", "Costume Design", 4.0),
    ("Costume & Make-Up", "Makeup Artist", 2.0),
    ("Directing", "Assistant Director", 2.0),
    ("Directing", "Script Supervisor", 1.0),
    ("Crew", "Stunts", 2.0),
    ("Visual Effects", "Visual Effects Supervisor", 1.5),
    ("Lighting", "Gaffer", 1.0),
    ("Sound", "Sound Re-Recording Mixer", 1.5),
]

STATUSES = [
    ("Released", 0.990),
    ("Rumored", 0.005),
    ("Post Production", 0.002),
    ("In Production", 0.0005),
    ("Planned", 0.0003),
    ("Canceled", 0.0002),
    ("", 0.002),
]
