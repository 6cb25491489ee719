"""Interface strings in Kazakh, Russian and English. Data stays in the language of its source."""

from __future__ import annotations

LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "en"

_STRINGS: dict[str, dict[str, str]] = {
    "tagline": {
        "en": "Fates of Kazakh and Central Asian participants of the Second World War",
        "ru": "Судьбы казахстанских и среднеазиатских участников Второй мировой войны",
        "kk": "Екінші дүниежүзілік соғысқа қатысқан қазақстандықтар мен "
        "орталықазиялықтардың тағдыры",
    },
    "search": {"en": "Search", "ru": "Найти", "kk": "Іздеу"},
    "search_label": {
        "en": "Name in any spelling or script",
        "ru": "Имя в любом написании и алфавите",
        "kk": "Кез келген жазылуы мен әліпбидегі есім",
    },
    "search_placeholder": {
        "en": "e.g. Жұманиязов, Joumaniazov, Bektanow",
        "ru": "напр. Жұманиязов, Joumaniazov, Bektanow",
        "kk": "мысалы, Жұманиязов, Joumaniazov, Bektanow",
    },
    "sources": {"en": "Sources", "ru": "Источники", "kk": "Дереккөздер"},
    "records": {"en": "Records", "ru": "Записи", "kk": "Жазбалар"},
    "persons": {"en": "Persons", "ru": "Лица", "kk": "Тұлғалар"},
    "results_for": {"en": "Results for", "ru": "Результаты для", "kk": "Іздеу нәтижесі:"},
    "nobody_found": {"en": "Nobody found.", "ru": "Никого не найдено.", "kk": "Ешкім табылмады."},
    "found_as": {"en": "found as", "ru": "найден как", "kk": "табылған түрі"},
    "in_source": {"en": "in", "ru": "в", "kk": "дереккөзі:"},
    "born": {"en": "born", "ru": "род.", "kk": "туған"},
    "names_as_written": {
        "en": "Names as written",
        "ru": "Имена в написании источников",
        "kk": "Дереккөздердегі жазылуы",
    },
    "timeline": {"en": "Timeline", "ru": "Хронология", "kk": "Хронология"},
    "date": {"en": "Date", "ru": "Дата", "kk": "Күні"},
    "event": {"en": "Event", "ru": "Событие", "kk": "Оқиға"},
    "as_stated": {"en": "As stated", "ru": "Как в источнике", "kk": "Дереккөзде"},
    "place": {"en": "Place", "ru": "Место", "kk": "Орны"},
    "source": {"en": "Source", "ru": "Источник", "kk": "Дереккөз"},
    "conflicts": {
        "en": "Sources disagree",
        "ru": "Источники расходятся",
        "kk": "Дереккөздер сәйкес емес",
    },
    "records_of_person": {
        "en": "Every record, as written",
        "ru": "Все записи, как в источнике",
        "kk": "Барлық жазба, түпнұсқадағыдай",
    },
    "location": {"en": "Location", "ru": "Место в документе", "kk": "Құжаттағы орны"},
    "citation": {"en": "Citation", "ru": "Ссылка", "kk": "Сілтеме"},
    "kind": {"en": "Kind", "ru": "Тип", "kk": "Түрі"},
    "person": {"en": "Person", "ru": "Лицо", "kk": "Тұлға"},
    "name": {"en": "Name", "ru": "Имя", "kk": "Аты-жөні"},
    "language": {"en": "Language", "ru": "Язык", "kk": "Тіл"},
    "not_found": {"en": "Not found", "ru": "Не найдено", "kk": "Табылмады"},
    "other_facts": {"en": "Other facts", "ru": "Другие сведения", "kk": "Басқа мәліметтер"},
    "kind_rank": {"en": "rank", "ru": "звание", "kk": "әскери атағы"},
    "kind_residence": {"en": "residence", "ru": "место жительства", "kk": "тұрғылықты жері"},
    "kind_nationality": {"en": "nationality", "ru": "национальность", "kk": "ұлты"},
    "kind_occupation": {"en": "occupation", "ru": "специальность", "kk": "мамандығы"},
    "kind_unit": {"en": "unit", "ru": "часть, отряд", "kk": "бөлім"},
    "kind_birth": {"en": "birth", "ru": "рождение", "kk": "туған"},
    "kind_conscription": {"en": "conscription", "ru": "призыв", "kk": "әскерге шақырылу"},
    "kind_capture": {"en": "capture", "ru": "пленение", "kk": "тұтқынға түсу"},
    "kind_fate": {"en": "fate", "ru": "судьба", "kk": "тағдыры"},
    "kind_repatriation": {"en": "repatriation", "ru": "репатриация", "kk": "репатриация"},
    "kind_arrest": {"en": "arrest", "ru": "арест", "kk": "қамауға алу"},
    "kind_sentence": {"en": "sentence", "ru": "приговор", "kk": "үкім"},
    "kind_death": {"en": "death", "ru": "смерть", "kk": "қайтыс болуы"},
    "kind_rehabilitation": {"en": "rehabilitation", "ru": "реабилитация", "kk": "ақталуы"},
    "kind_listed": {"en": "listed", "ru": "в списке", "kk": "тізімде"},
    "kind_camp": {"en": "camp", "ru": "лагерь", "kk": "лагерь"},
    "kind_award": {"en": "award", "ru": "награда", "kk": "марапаты"},
    "kind_escape": {"en": "escape", "ru": "побег", "kk": "тұтқыннан қашуы"},
    "kind_birth_place": {"en": "birth place", "ru": "место рождения", "kk": "туған жері"},
    "review": {"en": "Review", "ru": "Проверка", "kk": "Тексеру"},
    "review_intro": {
        "en": "Are these two records the same man? The most uncertain pairs come first.",
        "ru": "Это один и тот же человек? Первыми идут самые неясные пары.",
        "kk": "Бұл екі жазба бір адам ба? Ең күмәнді жұптар алдымен беріледі.",
    },
    "queue_empty": {
        "en": "Nothing to review: every candidate pair has a judgement.",
        "ru": "Проверять нечего: по всем парам-кандидатам есть решение.",
        "kk": "Тексеретін ештеңе жоқ: барлық жұпқа шешім қабылданған.",
    },
    "pairs_waiting": {"en": "pairs waiting", "ru": "пар ждут решения", "kk": "жұп шешім күтуде"},
    "same": {"en": "Same man", "ru": "Один человек", "kk": "Бір адам"},
    "not_same": {"en": "Not the same", "ru": "Разные люди", "kk": "Басқа адамдар"},
    "unsure": {"en": "Unsure", "ru": "Не уверен", "kk": "Сенімсіз"},
    "note": {"en": "Note (why)", "ru": "Примечание (почему)", "kk": "Түсініктеме (неге)"},
    "your_name": {"en": "Your name", "ru": "Ваше имя", "kk": "Сіздің атыңыз"},
    "undo": {"en": "Undo", "ru": "Отменить", "kk": "Болдырмау"},
    "undone": {"en": "undone", "ru": "отменено", "kk": "болдырылмады"},
    "judged": {"en": "Recorded", "ru": "Записано", "kk": "Жазылды"},
    "evidence": {"en": "Evidence", "ru": "Доводы", "kk": "Дәлелдер"},
    "weight": {"en": "Weight (bits)", "ru": "Вес (биты)", "kk": "Салмағы (бит)"},
    "running_total": {"en": "Running total", "ru": "Нарастающий итог", "kk": "Жинақталған"},
    "prior": {"en": "prior", "ru": "априори", "kk": "бастапқы"},
    "probability": {
        "en": "Match probability",
        "ru": "Вероятность совпадения",
        "kk": "Сәйкестік ықтималдығы",
    },
    "shortcuts": {
        "en": "Keys: S same · N not the same · U unsure · Z undo the last",
        "ru": "Клавиши: S один · N разные · U не уверен · Z отменить последнее",
        "kk": "Пернелер: S бір адам · N басқа · U сенімсіз · Z соңғысын болдырмау",
    },
    "history": {"en": "History", "ru": "История изменений", "kk": "Өзгерістер тарихы"},
    "who": {"en": "Who", "ru": "Кто", "kk": "Кім"},
    "when": {"en": "When", "ru": "Когда", "kk": "Қашан"},
    "verdict": {"en": "Verdict", "ru": "Решение", "kk": "Шешім"},
    "now_one_person": {
        "en": "now one person",
        "ru": "сейчас одно лицо",
        "kk": "қазір бір тұлға",
    },
    "now_two_persons": {
        "en": "now two persons",
        "ru": "сейчас два лица",
        "kk": "қазір екі тұлға",
    },
    "level": {"en": "Level", "ru": "Уровень", "kk": "Деңгейі"},
    "cmp_surname": {"en": "surname", "ru": "фамилия", "kk": "тегі"},
    "cmp_given_name": {"en": "given name", "ru": "имя", "kk": "аты"},
    "cmp_patronymic": {"en": "patronymic", "ru": "отчество", "kk": "әкесінің аты"},
    "cmp_birth": {"en": "birth", "ru": "рождение", "kk": "туған күні"},
    "cmp_place": {"en": "place", "ru": "место", "kk": "орны"},
    "cmp_rank": {"en": "rank", "ru": "звание", "kk": "әскери атағы"},
    "cmp_camp": {"en": "camp", "ru": "лагерь", "kk": "лагерь"},
    "cmp_gender": {"en": "gender", "ru": "пол", "kk": "жынысы"},
    "cmp_identifier": {"en": "personal number", "ru": "личный номер", "kk": "жеке нөмір"},
    "filters": {"en": "Filters", "ru": "Фильтры", "kk": "Сүзгілер"},
    "remove": {"en": "remove", "ru": "убрать", "kk": "алып тастау"},
    "born_between": {"en": "Born between", "ru": "Год рождения", "kk": "Туған жылы"},
    "from": {"en": "from", "ru": "с", "kk": "бастап"},
    "to": {"en": "to", "ru": "по", "kk": "дейін"},
    "facet_source": {"en": "Source", "ru": "Источник", "kk": "Дереккөз"},
    "facet_camp": {"en": "Camp", "ru": "Лагерь", "kk": "Лагерь"},
    "facet_fate": {"en": "Fate", "ru": "Судьба", "kk": "Тағдыры"},
    "facet_decade": {"en": "Born", "ru": "Годы рождения", "kk": "Туған жылдары"},
    "facet_born_from": {"en": "born from", "ru": "родился с", "kk": "туған жылы, бастап"},
    "facet_born_to": {"en": "born to", "ru": "родился по", "kk": "туған жылы, дейін"},
    "map": {"en": "Places", "ru": "Места", "kk": "Орындар"},
    "map_note": {
        "en": "Approximate positions; today's borders, faint, for orientation only.",
        "ru": "Положение приблизительное; современные границы — только для ориентира.",
        "kk": "Орындары шамамен; қазіргі шекаралар тек бағдар үшін.",
    },
    "statistics": {"en": "Statistics", "ru": "Статистика", "kk": "Статистика"},
    "statistics_intro": {
        "en": "Counts of persons (not of records) in this database:",
        "ru": "Подсчёт лиц (а не записей) в этой базе:",
        "kk": "Осы дерекқордағы тұлғалар (жазбалар емес) саны:",
    },
    "persons_lower": {"en": "persons", "ru": "лиц", "kk": "тұлға"},
    "by_camp": {"en": "Persons by camp", "ru": "Лица по лагерям", "kk": "Лагерьлер бойынша"},
    "by_fate": {"en": "Persons by fate", "ru": "Лица по судьбе", "kk": "Тағдыры бойынша"},
    "by_birth_decade": {
        "en": "Persons by decade of birth",
        "ru": "Лица по десятилетию рождения",
        "kk": "Туған онжылдығы бойынша",
    },
    "by_oblast": {
        "en": "Persons by oblast of birth or residence",
        "ru": "Лица по области рождения или проживания",
        "kk": "Туған не тұрған облысы бойынша",
    },
    "oblast": {"en": "Oblast", "ru": "Область", "kk": "Облыс"},
    "not_identified": {"en": "not identified", "ru": "не определено", "kk": "анықталмаған"},
    "related": {"en": "Related people", "ru": "Связанные люди", "kk": "Байланысты адамдар"},
    "related_list": {"en": "Same list", "ru": "Тот же список", "kk": "Сол тізімде"},
    "related_camp": {"en": "Same camp", "ru": "Тот же лагерь", "kk": "Сол лагерьде"},
    "related_unit": {"en": "Same unit", "ru": "Та же часть", "kk": "Сол бөлімде"},
    "more": {"en": "more", "ru": "ещё", "kk": "тағы"},
    "import": {"en": "Import", "ru": "Импорт", "kk": "Импорт"},
    "import_intro": {
        "en": "Upload a list (CSV, TSV, XLSX or ODS), check how its columns are read, then "
        "import it. Every cell is kept as written.",
        "ru": "Загрузите список (CSV, TSV, XLSX или ODS), проверьте, как прочитаны столбцы, "
        "и импортируйте. Каждая ячейка сохраняется как есть.",
        "kk": "Тізімді (CSV, TSV, XLSX не ODS) жүктеп, бағандардың қалай оқылғанын тексеріп, "
        "импорттаңыз. Әр ұяшық түпнұсқадағыдай сақталады.",
    },
    "file": {"en": "File", "ru": "Файл", "kk": "Файл"},
    "source_key": {"en": "Source key", "ru": "Ключ источника", "kk": "Дереккөз кілті"},
    "source_title": {"en": "Title", "ru": "Название", "kk": "Атауы"},
    "kind_list": {"en": "list", "ru": "список", "kk": "тізім"},
    "kind_register": {"en": "register", "ru": "реестр", "kk": "тізілім"},
    "encoding": {"en": "Encoding", "ru": "Кодировка", "kk": "Кодтау"},
    "encoding_auto": {"en": "detect", "ru": "определить", "kk": "анықтау"},
    "preview": {"en": "Preview", "ru": "Предпросмотр", "kk": "Алдын ала қарау"},
    "detected": {"en": "detected", "ru": "определено", "kk": "анықталды"},
    "rows": {"en": "rows", "ru": "строк", "kk": "жол"},
    "row": {"en": "Row", "ru": "Строка", "kk": "Жол"},
    "no_name_column": {
        "en": "no column holds names: choose one below",
        "ru": "нет столбца с именами: выберите его ниже",
        "kk": "есімдер бағаны жоқ: төменнен таңдаңыз",
    },
    "ignore": {"en": "(ignore)", "ru": "(пропустить)", "kk": "(өткізу)"},
    "import_now": {"en": "Import", "ru": "Импортировать", "kk": "Импорттау"},
    "import_unchanged": {
        "en": "This file was imported before: nothing changed.",
        "ru": "Этот файл уже импортирован: ничего не изменилось.",
        "kk": "Бұл файл бұрын импортталған: ештеңе өзгерген жоқ.",
    },
    "records_imported": {
        "en": "records imported into",
        "ru": "записей импортировано в",
        "kk": "жазба импортталды:",
    },
    "version": {"en": "version", "ru": "версия", "kk": "нұсқа"},
    "import_then_link": {
        "en": "Run linkage (tagdyr link) to join the new records to persons.",
        "ru": "Запустите связывание (tagdyr link), чтобы соединить новые записи с лицами.",
        "kk": "Жаңа жазбаларды тұлғаларға қосу үшін байланыстыруды (tagdyr link) іске қосыңыз.",
    },
    "not_this_man": {
        "en": "Not this man?",
        "ru": "Это другой человек?",
        "kk": "Бұл басқа адам ба?",
    },
    "split": {"en": "Take this record out", "ru": "Отделить эту запись", "kk": "Бұл жазбаны бөлу"},
    "same_man_as": {
        "en": "The same man as another person?",
        "ru": "Тот же человек, что и другое лицо?",
        "kk": "Басқа тұлғамен бір адам ба?",
    },
    "other_person": {
        "en": "The other person's id (from its URL)",
        "ru": "Номер другого лица (из его адреса)",
        "kk": "Басқа тұлғаның нөмірі (сілтемесінен)",
    },
    "merge": {"en": "Join them", "ru": "Объединить", "kk": "Біріктіру"},
    "figures": {
        "en": "Figures stated by the sources",
        "ru": "Цифры, приведённые в источниках",
        "kk": "Дереккөздерде келтірілген сандар",
    },
    "figure": {"en": "Figure", "ru": "Число", "kk": "Сан"},
    "counts": {"en": "What it counts", "ru": "Что считает", "kk": "Нені санайды"},
    "refused": {
        "en": "This could not be done",
        "ru": "Это сделать не удалось",
        "kk": "Мұны орындау мүмкін болмады",
    },
    "facet_place": {"en": "Place", "ru": "Место", "kk": "Орны"},
    "facet_unit": {"en": "Unit", "ru": "Часть, отряд", "kk": "Бөлім"},
    "kind_text": {
        "en": "text (article, memoir)",
        "ru": "текст (статья, воспоминания)",
        "kk": "мәтін (мақала, естелік)",
    },
    "mentions_found": {
        "en": "person mentions found",
        "ru": "упоминаний людей найдено",
        "kk": "адам есімі табылды",
    },
    "paragraphs": {"en": "paragraphs", "ru": "абзацев", "kk": "абзац"},
    "collection_intro": {"en": "Introduction", "ru": "Введение", "kk": "Кіріспе"},
    "collection_index": {
        "en": "Index of names in all spellings",
        "ru": "Указатель имён во всех написаниях",
        "kk": "Есімдердің барлық жазылу түрлерінің көрсеткіші",
    },
    "collection_compiled": {
        "en": "Compiled with tagdyr",
        "ru": "Составлено с помощью tagdyr",
        "kk": "tagdyr көмегімен құрастырылды",
    },
    "collection_selection": {"en": "Selection", "ru": "Выборка", "kk": "Іріктеу"},
    "collection_linked": {
        "en": "found in more than one source",
        "ru": "найдены более чем в одном источнике",
        "kk": "бірнеше дереккөзде табылған",
    },
    "collection_how_to_read": {
        "en": "Every fact is given as its source writes it, followed by the number of the "
        "source (see the list of sources) and the place in it (row, page). The index lists "
        "each name surname first, in every spelling the sources use; its numbers are the "
        "persons' numbers in this collection.",
        "ru": "Каждый факт приведён так, как он записан в источнике, с номером источника (см. "
        "список источников) и местом в нём (строка, страница). Указатель даёт каждое имя "
        "фамилией вперёд во всех написаниях источников; числа — номера лиц в этом сборнике.",
        "kk": "Әр дерек дереккөзде қалай жазылса, солай беріледі, соңында дереккөздің нөмірі "
        "(дереккөздер тізімін қараңыз) және ондағы орны (жол, бет) көрсетіледі. Көрсеткіште "
        "әр есім тегі алдымен, дереккөздердегі барлық жазылуымен беріледі; сандар — осы "
        "жинақтағы тұлғалардың нөмірлері.",
    },
    "collection_also_written": {"en": "also written", "ru": "также", "kk": "басқа жазылуы"},
    "collection_birth_years": {
        "en": "years of birth",
        "ru": "годы рождения",
        "kk": "туған жылдары",
    },
    "export": {"en": "Export", "ru": "Экспорт", "kk": "Экспорт"},
    "collection": {
        "en": "Document collection",
        "ru": "Сборник документов",
        "kk": "Құжаттар жинағы",
    },
    "account": {"en": "Account", "ru": "Учётная запись", "kk": "Тіркелгі"},
    "users": {"en": "Users", "ru": "Пользователи", "kk": "Пайдаланушылар"},
    "login": {"en": "Log in", "ru": "Войти", "kk": "Кіру"},
    "logout": {"en": "Log out", "ru": "Выйти", "kk": "Шығу"},
    "login_intro": {
        "en": "Editors and admins log in to import sources and review links. "
        "Reading needs no account.",
        "ru": "Редакторы и администраторы входят, чтобы импортировать источники и проверять "
        "связи. Для чтения учётная запись не нужна.",
        "kk": "Редакторлар мен әкімшілер дереккөз жүктеу және байланыстарды тексеру үшін "
        "кіреді. Оқу үшін тіркелгі қажет емес.",
    },
    "username": {"en": "Username", "ru": "Имя пользователя", "kk": "Пайдаланушы аты"},
    "password": {"en": "Password", "ru": "Пароль", "kk": "Құпиясөз"},
    "new_password": {"en": "New password", "ru": "Новый пароль", "kk": "Жаңа құпиясөз"},
    "display_name": {"en": "Name shown", "ru": "Отображаемое имя", "kk": "Көрсетілетін аты"},
    "email": {"en": "E-mail (private)", "ru": "Эл. почта (скрыта)", "kk": "Эл. пошта (жасырын)"},
    "private_note": {"en": "Note (private)", "ru": "Заметка (скрыта)", "kk": "Ескертпе (жасырын)"},
    "role": {"en": "Role", "ru": "Роль", "kk": "Рөлі"},
    "role_editor": {"en": "editor", "ru": "редактор", "kk": "редактор"},
    "role_admin": {"en": "admin", "ru": "администратор", "kk": "әкімші"},
    "create_user": {"en": "Add a user", "ru": "Добавить пользователя", "kk": "Пайдаланушы қосу"},
    "change": {"en": "Change", "ru": "Изменить", "kk": "Өзгерту"},
    "disabled": {"en": "disabled", "ru": "отключён", "kk": "өшірілген"},
    "disable": {"en": "Disable", "ru": "Отключить", "kk": "Өшіру"},
    "enable": {"en": "Enable", "ru": "Включить", "kk": "Қосу"},
    "tokens": {"en": "API tokens", "ru": "API-токены", "kk": "API токендері"},
    "tokens_intro": {
        "en": "A token lets a script act as you: send it as “Authorization: Bearer …”.",
        "ru": "Токен позволяет скрипту действовать от вашего имени: заголовок "
        "«Authorization: Bearer …».",
        "kk": "Токен сценарийге сіздің атыңыздан әрекет етуге мүмкіндік береді: "
        "«Authorization: Bearer …» тақырыбы.",
    },
    "token_name": {"en": "What it is for", "ru": "Для чего", "kk": "Не үшін"},
    "create_token": {"en": "Create a token", "ru": "Создать токен", "kk": "Токен жасау"},
    "new_token_once": {
        "en": "Copy the token now: it is shown only once.",
        "ru": "Скопируйте токен сейчас: он показывается один раз.",
        "kk": "Токенді қазір көшіріп алыңыз: ол бір рет қана көрсетіледі.",
    },
    "revoke": {"en": "Revoke", "ru": "Отозвать", "kk": "Кері қайтарып алу"},
    "revoked": {"en": "revoked", "ru": "отозван", "kk": "қайтарылған"},
    "last_used": {"en": "Last used", "ru": "Последнее использование", "kk": "Соңғы қолданылуы"},
    "action": {"en": "Change", "ru": "Изменение", "kk": "Өзгеріс"},
    "what": {"en": "What", "ru": "Что", "kk": "Не"},
    "revert": {"en": "Revert", "ru": "Отменить", "kk": "Кері қайтару"},
    "reverted_by": {"en": "reverted by", "ru": "отменено изменением", "kk": "кері қайтарған"},
    "an_editor": {"en": "an editor", "ru": "редактор", "kk": "редактор"},
    "history_of": {"en": "History of", "ru": "История:", "kk": "Тарихы:"},
    "older": {"en": "Older", "ru": "Раньше", "kk": "Ертерек"},
    "conflict": {"en": "Changed meanwhile", "ru": "Уже изменено", "kk": "Осы арада өзгерген"},
    "no_access": {"en": "Not allowed", "ru": "Нет доступа", "kk": "Рұқсат жоқ"},
    "act_import": {"en": "import", "ru": "импорт", "kk": "жүктеу"},
    "act_link": {"en": "linkage run", "ru": "связывание", "kk": "байланыстыру"},
    "act_judge": {"en": "judgement", "ru": "решение", "kk": "шешім"},
    "act_merge": {"en": "merge", "ru": "объединение", "kk": "біріктіру"},
    "act_split": {"en": "split", "ru": "разделение", "kk": "бөлу"},
    "act_undo": {"en": "undo", "ru": "отмена решения", "kk": "шешімнен бас тарту"},
    "act_revert": {"en": "revert", "ru": "откат", "kk": "кері қайтару"},
    "act_user.create": {"en": "new user", "ru": "новый пользователь", "kk": "жаңа пайдаланушы"},
    "act_user.change": {
        "en": "user changed",
        "ru": "изменён пользователь",
        "kk": "пайдаланушы өзгерді",
    },
    "act_token.create": {"en": "new API token", "ru": "новый токен", "kk": "жаңа токен"},
    "act_token.revoke": {"en": "token revoked", "ru": "токен отозван", "kk": "токен қайтарылды"},
    # availability: background imports, refusals of costly or oversized requests
    "import_running": {
        "en": "Importing… rows stored",
        "ru": "Идёт импорт… сохранено строк",
        "kk": "Жүктелуде… сақталған жолдар",
    },
    "import_running_help": {
        "en": "This page follows the import and shows its result when it is done; you may "
        "leave it and come back.",
        "ru": "Страница следит за импортом и покажет результат, когда он закончится; её можно "
        "закрыть и вернуться позже.",
        "kk": "Бұл бет жүктеуді бақылап, аяқталғанда нәтижесін көрсетеді; оны жауып, кейін "
        "қайта ашуға болады.",
    },
    "unavailable": {
        "en": "Cannot do this now",
        "ru": "Сейчас это невозможно",
        "kk": "Қазір мүмкін емес",
    },
}


def translate(key: str, lang: str) -> str:
    """The interface string ``key`` in ``lang`` (English if missing, the key if unknown)."""
    entry = _STRINGS.get(key)
    if entry is None:
        return key.removeprefix("kind_").removeprefix("cmp_")
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]


def all_keys() -> list[str]:
    return list(_STRINGS)
