"""Interface strings in Kazakh, Russian and English. Data stays in the language of its source."""

from __future__ import annotations

import re

from tagdyr.vocab.claims import labels as claim_labels

LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "en"

_STRINGS: dict[str, dict[str, str]] = {
    **claim_labels(),  # the words of the claim kinds, declared in vocab/claims.py
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
        "en": "e.g. Бектанов, Bektanow Mashit, Tschingaliew",
        "ru": "напр. Бектанов, Bektanow Mashit, Tschingaliew",
        "kk": "мысалы, Бектанов, Bektanow Mashit, Tschingaliew",
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
    # kinds of sources, places and claims that had no label of their own
    "kind_file": {"en": "case file", "ru": "дело", "kk": "іс"},
    "kind_town": {"en": "town", "ru": "город", "kk": "қала"},
    "kind_oblast": {"en": "oblast", "ru": "область", "kk": "облыс"},
    "kind_raion": {"en": "raion", "ru": "район", "kk": "аудан"},
    "kind_country": {"en": "country", "ru": "страна", "kk": "ел"},
    "kind_role": {"en": "role", "ru": "должность", "kk": "қызметі"},
    "export_claims": {"en": "claims", "ru": "сведения", "kk": "деректер"},
    "skip_to_content": {
        "en": "Skip to content",
        "ru": "Перейти к содержанию",
        "kk": "Мазмұнға өту",
    },
    # what tagdyr itself writes into stored records (see localize)
    "loc_sheet_row": {
        "en": "{file}, sheet {sheet}, row {row}",
        "ru": "{file}, лист {sheet}, строка {row}",
        "kk": "{file}, {sheet} парағы, {row}-жол",
    },
    "loc_row": {"en": "{file}, row {row}", "ru": "{file}, строка {row}", "kk": "{file}, {row}-жол"},
    "loc_page_row": {
        "en": "{file}, page {page}, row {row}",
        "ru": "{file}, стр. {page}, строка {row}",
        "kk": "{file}, {page}-бет, {row}-жол",
    },
    "loc_characters": {
        "en": "{file}, characters {start}–{end}",
        "ru": "{file}, символы {start}–{end}",
        "kk": "{file}, {start}–{end} таңбалар",
    },
    "loc_page_characters": {
        "en": "{file}, page {page}, characters {start}–{end}",
        "ru": "{file}, стр. {page}, символы {start}–{end}",
        "kk": "{file}, {page}-бет, {start}–{end} таңбалар",
    },
    "note_age_document": {
        "en": "born about {year}: the age {age} counted back from the document's date"
        " {date}{header}, {anchor} − {age}",
        "ru": "около {year} г. рождения: возраст {age} отсчитан от даты документа"
        " {date}{header}, {anchor} − {age}",
        "kk": "шамамен {year} жылы туған: {age} жас құжат күнінен"
        " {date}{header} кері есептелді, {anchor} − {age}",
    },
    "note_age_record": {
        "en": "born about {year}: the age {age} counted back from the record's date"
        " {date}{header}, {anchor} − {age}",
        "ru": "около {year} г. рождения: возраст {age} отсчитан от даты записи"
        " {date}{header}, {anchor} − {age}",
        "kk": "шамамен {year} жылы туған: {age} жас жазба күнінен"
        " {date}{header} кері есептелді, {anchor} − {age}",
    },
    "note_not_a_date": {
        "en": "{date} is not a calendar date",
        "ru": "{date} — такой даты нет в календаре",
        "kk": "{date} — күнтізбеде мұндай күн жоқ",
    },
    "note_unread_date": {
        "en": "no date could be read from this value: it is kept as written",
        "ru": "дату из этого значения прочитать нельзя: оно сохранено как написано",
        "kk": "бұл мәннен күнді оқу мүмкін емес: ол жазылғандай сақталды",
    },
    "note_age_without_date": {
        "en": "an age with no document date to count it from: no birth year computed",
        "ru": "возраст без даты документа, от которой его отсчитать: год рождения не вычислен",
        "kk": "есептейтін құжат күні жоқ жас: туған жылы есептелмеді",
    },
    "note_not_a_leap_year": {
        "en": "{date} is not a calendar date ({year} was not a leap year)",
        "ru": "{date} — такой даты нет в календаре ({year} — не високосный год)",
        "kk": "{date} — күнтізбеде мұндай күн жоқ ({year} — кібісе жыл емес)",
    },
    # registers: import profiles, archival references, record kinds
    "archival_reference": {
        "en": "Archival reference",
        "ru": "Архивный шифр",
        "kk": "Мұрағаттық шифр",
    },
    "profile": {"en": "Register format", "ru": "Формат реестра", "kk": "Тізілім форматы"},
    "profile_detect": {
        "en": "detect from the headers",
        "ru": "определить по заголовкам",
        "kk": "тақырыптар бойынша анықтау",
    },
    "record_kind_loss_report": {
        "en": "loss report",
        "ru": "донесение о потерях",
        "kk": "шығын туралы мәлімдеме",
    },
    "record_kind_pow_card": {
        "en": "POW card",
        "ru": "карточка военнопленного",
        "kk": "әскери тұтқын карточкасы",
    },
    "record_kind_hospital": {
        "en": "hospital record",
        "ru": "документ госпиталя",
        "kk": "госпиталь құжаты",
    },
    "record_kind_burial": {
        "en": "burial record",
        "ru": "документ о захоронении",
        "kk": "жерлеу құжаты",
    },
    "record_kind_repatriation_list": {
        "en": "repatriation list",
        "ru": "список репатриированных",
        "kk": "репатрианттар тізімі",
    },
    "record_kind_death_register": {
        "en": "death register",
        "ru": "список умерших",
        "kk": "қайтыс болғандар тізімі",
    },
    # scans (tagdyr.scans): the row's image on dossiers and in review
    "scan_row_image": {
        "en": "The row on the scan",
        "ru": "Строка на скане",
        "kk": "Сканердегі жол",
    },
    "scan_manifest": {"en": "IIIF manifest", "ru": "IIIF-манифест", "kk": "IIIF манифесі"},
    "wb_title": {
        "en": "Transcription workbench",
        "ru": "Расшифровка скана",
        "kk": "Сканерді транскрипциялау",
    },
    "wb_intro": {
        "en": "Upload a scan of a list (PNG, JPEG, TIFF or PDF): tagdyr reads its table, and "
        "you correct the cells beside the page before importing it.",
        "ru": "Загрузите скан списка (PNG, JPEG, TIFF или PDF): tagdyr распознает таблицу, а вы "
        "исправите ячейки рядом с изображением страницы перед импортом.",
        "kk": "Тізімнің сканерін жүктеңіз (PNG, JPEG, TIFF не PDF): tagdyr кестені оқиды, ал сіз "
        "жүктеу алдында ұяшықтарды бет суретінің жанында түзетесіз.",
    },
    "wb_read": {"en": "Read the scan", "ru": "Распознать скан", "kk": "Сканерді оқу"},
    "wb_keys": {
        "en": "Click a cell to see it on the page, or the page to reach its cell. Enter and the "
        "arrows move between rows, Escape restores the machine's reading, Ctrl+S saves. "
        "Characters read with low confidence are highlighted.",
        "ru": "Щёлкните ячейку, чтобы увидеть её на странице, или страницу, чтобы перейти к "
        "ячейке. Enter и стрелки — переход по строкам, Escape возвращает машинное чтение, "
        "Ctrl+S сохраняет. Знаки, распознанные неуверенно, выделены.",
        "kk": "Ұяшықты бетте көру үшін оны басыңыз, не ұяшыққа өту үшін бетті басыңыз. Enter "
        "мен көрсеткілер жолдар арасында жылжытады, Escape машинаның оқуын қайтарады, Ctrl+S "
        "сақтайды. Сенімсіз оқылған таңбалар белгіленген.",
    },
    "wb_page": {"en": "Page", "ru": "Страница", "kk": "Бет"},
    "wb_row": {"en": "row", "ru": "строка", "kk": "жол"},
    "wb_keyed_by": {"en": "keyed by", "ru": "исправил(а)", "kk": "түзеткен"},
    "wb_machine": {"en": "machine reading", "ru": "машинное чтение", "kk": "машина оқуы"},
    "wb_save": {
        "en": "Save corrections",
        "ru": "Сохранить исправления",
        "kk": "Түзетулерді сақтау",
    },
    "wb_import": {"en": "Import the list", "ru": "Импортировать список", "kk": "Тізімді жүктеу"},
    "wb_link": {
        "en": "A scan of a list? Open the transcription workbench.",
        "ru": "Скан списка? Откройте расшифровку скана.",
        "kk": "Тізімнің сканері ме? Транскрипциялау бетін ашыңыз.",
    },
    # scans: the header corrected like any cell, and double keying (two editors, a third settles)
    "wb_heading": {"en": "column heading", "ru": "заголовок столбца", "kk": "баған тақырыбы"},
    "wb_double": {
        "en": "Double keying: two editors transcribe the scan independently and a third "
        "settles where they differ",
        "ru": "Двойной ввод: два редактора расшифровывают скан независимо, третий решает, где "
        "они расходятся",
        "kk": "Қос теру: екі редактор сканерді бір-бірінен тәуелсіз теріп шығады, олар "
        "алшақтаған жерді үшіншісі шешеді",
    },
    "wb_double_on": {
        "en": "Double keying: you see the machine's reading and only your own corrections. "
        "Editors who have finished their keying:",
        "ru": "Двойной ввод: вы видите машинное чтение и только свои исправления. Закончили "
        "ввод редакторов:",
        "kk": "Қос теру: сіз машина оқуын және тек өз түзетулеріңізді көресіз. Терісін "
        "аяқтаған редакторлар:",
    },
    "wb_finish": {
        "en": "I have finished my keying",
        "ru": "Я закончил(а) ввод",
        "kk": "Мен теруді аяқтадым",
    },
    "wb_finished": {
        "en": "You have finished your keying. A second editor keys the scan, then a third "
        "settles the differences.",
        "ru": "Вы закончили ввод. Второй редактор вводит скан, затем третий решает расхождения.",
        "kk": "Сіз теруді аяқтадыңыз. Сканерді екінші редактор тереді, содан кейін үшіншісі "
        "алшақтықтарды шешеді.",
    },
    "wb_compare": {
        "en": "Differences between the two keyings",
        "ru": "Расхождения двух вводов",
        "kk": "Екі терудің алшақтықтары",
    },
    "wb_compare_help": {
        "en": "Where the two editors keyed a cell differently, type the value the scan shows. "
        "A keyer cannot settle their own differences.",
        "ru": "Где два редактора ввели ячейку по-разному, впишите значение, которое видно на "
        "скане. Вводивший не может решать свои расхождения.",
        "kk": "Екі редактор ұяшықты әртүрлі терген жерде сканерде көрінген мәнді жазыңыз. "
        "Терген адам өз алшақтықтарын шеше алмайды.",
    },
    "wb_settle": {"en": "Settle", "ru": "Утвердить", "kk": "Бекіту"},
    "wb_settled": {"en": "settled", "ru": "утверждено", "kk": "бекітілді"},
    "wb_agree": {
        "en": "The two keyings agree in every cell.",
        "ru": "Два ввода совпадают во всех ячейках.",
        "kk": "Екі теру барлық ұяшықта сәйкес келеді.",
    },
    "wb_keyer": {"en": "keyer", "ru": "вводивший", "kk": "терген"},
    "wb_column": {"en": "column", "ru": "столбец", "kk": "баған"},
    "wb_struck": {
        "en": "struck through on the scan",
        "ru": "вычеркнуто на скане",
        "kk": "сканерде сызылып тасталған",
    },
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

# Browsing, search explanations and the readable dossier (web helper)
_STRINGS.update(
    {
        "sort_by": {"en": "Sort by", "ru": "Порядок", "kk": "Сұрыптау"},
        "sort_relevance": {"en": "best match", "ru": "по совпадению", "kk": "сәйкестік бойынша"},
        "sort_name": {"en": "name", "ru": "по имени", "kk": "аты бойынша"},
        "sort_born": {"en": "year of birth", "ru": "по году рождения", "kk": "туған жылы бойынша"},
        "pages": {"en": "Pages", "ru": "Страницы", "kk": "Беттер"},
        "page": {"en": "page", "ru": "страница", "kk": "бет"},
        "previous_page": {"en": "previous", "ru": "назад", "kk": "алдыңғы"},
        "next_page": {"en": "next", "ru": "дальше", "kk": "келесі"},
        "map_of_places": {"en": "Map of places", "ru": "Карта мест", "kk": "Орындар картасы"},
        "search_within": {
            "en": "Search among them",
            "ru": "Искать среди них",
            "kk": "Олардың ішінен іздеу",
        },
        "page_of": {"en": "Page of", "ru": "Страница:", "kk": "Беті:"},
        "match_part_surname": {"en": "surname", "ru": "фамилия", "kk": "тегі"},
        "match_part_given": {"en": "given name", "ru": "имя", "kk": "аты"},
        "match_part_patronymic": {"en": "patronymic", "ru": "отчество", "kk": "әкесінің аты"},
        "match_part_crossed": {
            "en": "name in the other order",
            "ru": "имя и фамилия наоборот",
            "kk": "аты мен тегі ауысқан",
        },
        "match_part_gender": {"en": "gender", "ru": "пол", "kk": "жынысы"},
        "match_level_identical": {"en": "the same name", "ru": "то же имя", "kk": "сол есім"},
        "match_level_same_sound": {
            "en": "the same sounds",
            "ru": "те же звуки",
            "kk": "дыбыстары бірдей",
        },
        "match_level_spelled_alike": {
            "en": "spelled alike",
            "ru": "пишется похоже",
            "kk": "жазылуы ұқсас",
        },
        "match_level_sounds_alike": {
            "en": "sounds alike",
            "ru": "звучит похоже",
            "kk": "дыбысталуы ұқсас",
        },
        "match_level_ocr_variant": {
            "en": "a misreading of the same letters",
            "ru": "те же буквы, неверно прочитанные",
            "kk": "сол әріптер, қате оқылған",
        },
        "match_level_similar": {"en": "similar", "ru": "похоже", "kk": "ұқсас"},
        "match_level_name_variant": {
            "en": "another form of the same given name",
            "ru": "другая форма того же имени",
            "kk": "сол есімнің басқа түрі",
        },
        "match_level_distant": {
            "en": "alike, but many letters apart",
            "ru": "похоже, но различаются многие буквы",
            "kk": "ұқсас, бірақ көп әрпі өзгеше",
        },
        "match_level_initial_match": {
            "en": "the initial agrees",
            "ru": "инициал совпадает",
            "kk": "бас әрпі сәйкес",
        },
        "match_level_initial_mismatch": {
            "en": "the initial differs",
            "ru": "инициал другой",
            "kk": "бас әрпі басқа",
        },
        "match_level_different": {"en": "different", "ru": "другое", "kk": "басқа"},
        "match_other_script": {
            "en": "in another script",
            "ru": "в другой письменности",
            "kk": "басқа жазуда",
        },
        "match_strong": {"en": "strong", "ru": "сильное совпадение", "kk": "күшті сәйкестік"},
        "match_fair": {"en": "fair", "ru": "среднее совпадение", "kk": "орташа сәйкестік"},
        "match_weak": {"en": "weak", "ru": "слабое совпадение", "kk": "әлсіз сәйкестік"},
    }
)

# The readable dossier (web helper)
_STRINGS.update(
    {
        "synthetic_note": {
            "en": (
                "Some records here come from the demo's "
                "synthetic sources: generated data that describes nobody."
            ),
            "ru": (
                "Часть записей — из синтетических источников "
                "демо: сгенерированные данные, ни о ком."
            ),
            "kk": (
                "Кейбір жазбалар демоның синтетикалық "
                "дереккөздерінен: ешкімді сипаттамайтын жасанды деректер."
            ),
        },
        "synthetic_record": {
            "en": "Synthetic: generated for the demo, describes nobody.",
            "ru": "Синтетическая запись: создана для демо, ни о ком.",
            "kk": "Синтетикалық жазба: демо үшін жасалған, ешкімді сипаттамайды.",
        },
        "fate_summary": {"en": "His fate in brief", "ru": "Судьба кратко", "kk": "Тағдыры қысқаша"},
        "summary_note": {
            "en": (
                "Made from the records below, only what "
                "they state; each statement names its sources."
            ),
            "ru": (
                "Составлено по записям ниже, только то, что в "
                "них сказано; у каждого сведения — его источники."
            ),
            "kk": (
                "Төмендегі жазбалардан, тек оларда айтылғаны; әр дерек өз дереккөздерін көрсетеді."
            ),
        },
        "summary_birth": {"en": "born {what}", "ru": "родился {what}", "kk": "туған: {what}"},
        "summary_conscription": {
            "en": "called up {what}",
            "ru": "призван {what}",
            "kk": "әскерге шақырылған: {what}",
        },
        "summary_rank": {
            "en": "rank: {what}",
            "ru": "звание: {what}",
            "kk": "әскери атағы: {what}",
        },
        "summary_capture": {
            "en": "taken prisoner {what}",
            "ru": "попал в плен {what}",
            "kk": "тұтқынға түскен: {what}",
        },
        "summary_camp": {
            "en": "held in the camp {what}",
            "ru": "содержался в лагере {what}",
            "kk": "лагерде болған: {what}",
        },
        "summary_fate": {
            "en": "fate as recorded: {what}",
            "ru": "судьба по записи: {what}",
            "kk": "жазба бойынша тағдыры: {what}",
        },
        "summary_repatriation": {
            "en": "repatriated {what}",
            "ru": "репатриирован {what}",
            "kk": "елге қайтарылған: {what}",
        },
        "summary_arrest": {
            "en": "arrested {what}",
            "ru": "арестован {what}",
            "kk": "тұтқындалған: {what}",
        },
        "summary_sentence": {
            "en": "sentenced: {what}",
            "ru": "осуждён: {what}",
            "kk": "сотталған: {what}",
        },
        "summary_death": {"en": "died {what}", "ru": "умер {what}", "kk": "қайтыс болған: {what}"},
        "summary_rehabilitation": {
            "en": "rehabilitated {what}",
            "ru": "реабилитирован {what}",
            "kk": "ақталған: {what}",
        },
        "summary_differ": {
            "en": "the sources differ on: {what}",
            "ru": "источники расходятся: {what}",
            "kk": "дереккөздер келіспейді: {what}",
        },
        "verdict_agree": {
            "en": "sources agree",
            "ru": "источники согласны",
            "kk": "дереккөздер келіседі",
        },
        "verdict_differ": {
            "en": "sources differ",
            "ru": "источники расходятся",
            "kk": "дереккөздер келіспейді",
        },
        "link_label": {
            "en": "Link to this person",
            "ru": "Связь с этим человеком",
            "kk": "Осы адаммен байланысы",
        },
        "link_only": {"en": "his only record", "ru": "единственная запись", "kk": "жалғыз жазба"},
        "link_confirmed": {
            "en": "confirmed by a historian",
            "ru": "подтверждена историком",
            "kk": "тарихшы растаған",
        },
        "link_very_strong": {"en": "very strong", "ru": "очень надёжная", "kk": "өте сенімді"},
        "link_strong": {"en": "strong", "ru": "надёжная", "kk": "сенімді"},
        "link_probable": {"en": "probable", "ru": "вероятная", "kk": "ықтимал"},
        "link_weak": {"en": "weak: check it", "ru": "слабая: проверьте", "kk": "әлсіз: тексеріңіз"},
        "link_manual": {
            "en": "joined by hand",
            "ru": "объединена вручную",
            "kk": "қолмен біріктірілген",
        },
        "cite_person": {
            "en": "Cite this person",
            "ru": "Как ссылаться на этого человека",
            "kk": "Осы адамға сілтеме",
        },
        "cite_record": {
            "en": "Cite this record",
            "ru": "Как ссылаться на эту запись",
            "kk": "Осы жазбаға сілтеме",
        },
        "fate_captured": {"en": "taken prisoner", "ru": "попал в плен", "kk": "тұтқынға түскен"},
        "fate_captured_freed": {
            "en": "taken prisoner (freed)",
            "ru": "попал в плен (освободился)",
            "kk": "тұтқынға түскен (босатылған)",
        },
        "fate_missing": {
            "en": "missing in action",
            "ru": "пропал без вести",
            "kk": "хабарсыз кеткен",
        },
        "fate_killed": {"en": "killed", "ru": "погиб", "kk": "қаза тапқан"},
        "fate_died_captive": {
            "en": "died in captivity",
            "ru": "умер в плену",
            "kk": "тұтқында қайтыс болған",
        },
        "fate_freed": {
            "en": "freed from captivity",
            "ru": "освобожден из плена",
            "kk": "тұтқыннан босатылған",
        },
        "fate_died_of_wounds": {
            "en": "died of wounds",
            "ru": "умер от ран",
            "kk": "жарақаттан қайтыс болған",
        },
    }
)

# The review's evidence in words (web helper)
_STRINGS.update(
    {
        "evidence_bar": {"en": "For or against", "ru": "За или против", "kk": "Қолдайды ма"},
        "evidence_for": {
            "en": "speaks for the same man",
            "ru": "говорит за то, что это один человек",
            "kk": "бір адам екенін қолдайды",
        },
        "evidence_against": {
            "en": "speaks against the same man",
            "ru": "говорит против того, что это один человек",
            "kk": "бір адам екеніне қарсы",
        },
        "evidence_neutral": {
            "en": "says nothing either way",
            "ru": "ни за, ни против",
            "kk": "ештеңе білдірмейді",
        },
    }
)

# Search: "did you mean" when a name finds nobody (search helper)
_STRINGS.update(
    {
        "did_you_mean": {
            "en": "Did you mean",
            "ru": "Возможно, вы искали",
            "kk": "Іздегеніңіз мынау емес пе:",
        },
    }
)

# Review, undo, merge, linkage and import from the browser (web helper, issue 20 items 4, 5)
_FIELD_LABELS = {
    "id": ("entry number", "номер записи", "жазба нөмірі"),
    "full_name": ("whole name", "полное имя", "толық аты-жөні"),
    "surname": ("surname", "фамилия", "тегі"),
    "given_name": ("given name", "имя", "аты"),
    "patronymic": ("patronymic", "отчество", "әкесінің аты"),
    "birth_date": ("date of birth", "дата рождения", "туған күні"),
    "birth_year": ("year of birth", "год рождения", "туған жылы"),
    "birth_place": ("place of birth", "место рождения", "туған жері"),
    "residence": ("residence", "место жительства", "тұрғылықты жері"),
    "rank": ("rank", "звание", "әскери атағы"),
    "nationality": ("nationality", "национальность", "ұлты"),
    "camp": ("camp", "лагерь", "лагерь"),
    "unit": ("military unit", "воинская часть", "әскери бөлім"),
    "identifier": ("personal number", "личный номер", "жеке нөмір"),
    "fate": ("fate", "судьба", "тағдыры"),
    "date": ("date", "дата", "күні"),
    "source": ("source named in the row", "источник в записи", "жазбадағы дереккөз"),
    "conscription": ("conscription", "призыв", "әскерге шақырылуы"),
    "capture_place": ("place of capture", "место пленения", "тұтқынға түскен жері"),
    "capture_date": ("date of capture", "дата пленения", "тұтқынға түскен күні"),
    "occupation": ("occupation", "профессия", "кәсібі"),
    "repatriation_date": ("date of repatriation", "дата репатриации", "репатриация күні"),
    "arrest_date": ("date of arrest", "дата ареста", "қамауға алынған күні"),
    "sentence_date": ("date of sentence", "дата приговора", "үкім шыққан күні"),
    "sentence": ("sentence", "приговор", "үкім"),
    "death_date": ("date of death", "дата смерти", "қайтыс болған күні"),
    "rehabilitation_date": ("date of rehabilitation", "дата реабилитации", "ақталған күні"),
    "age": ("age", "возраст", "жасы"),
    "conscription_date": ("date of conscription", "дата призыва", "әскерге шақырылған күні"),
    "conscription_place": ("place of conscription", "место призыва", "әскерге шақырылған жері"),
    "burial_place": ("place of burial", "место захоронения", "жерленген жері"),
    "hospital": ("hospital", "госпиталь", "госпиталь"),
    "document_kind": ("kind of document", "вид документа", "құжат түрі"),
    "document_date": ("date of the document", "дата документа", "құжат күні"),
    "archive": ("archive", "архив", "мұрағат"),
    "fond": ("fond", "фонд", "қор"),
    "opis": ("inventory (opis)", "опись", "тізімдеме"),
    "delo": ("file (delo)", "дело", "іс"),
    "folio": ("folio (sheet)", "лист", "парақ"),
    "document_id": ("document number", "номер документа", "құжат нөмірі"),
}
_STRINGS.update(
    {
        f"field_{name}": {"en": en, "ru": ru, "kk": kk}
        for name, (en, ru, kk) in _FIELD_LABELS.items()
    }
)
_STRINGS.update(
    {
        "import_failed": {
            "en": "The import could not be done",
            "ru": "Импорт не удался",
            "kk": "Импорт орындалмады",
        },
        "import_form_kept": {
            "en": "What you typed is kept: go back, correct it and try again.",
            "ru": "Введённое сохранено: вернитесь, исправьте и попробуйте снова.",
            "kk": "Енгізгеніңіз сақталды: қайтып, түзетіп, қайта көріңіз.",
        },
        "import_cancel": {"en": "Cancel", "ru": "Отменить", "kk": "Бас тарту"},
        "same_bytes": {
            "en": "This very file (the same bytes, by checksum) was already imported "
            "under another source:",
            "ru": "Этот же файл (те же байты, по контрольной сумме) уже импортирован "
            "в другой источник:",
            "kk": "Дәл осы файл (бақылау сомасы бойынша сол байттар) басқа дереккөзге "
            "импортталған:",
        },
        "same_bytes_choice": {
            "en": "Import it again under the key you typed only if it is a second source; "
            "otherwise:",
            "ru": "Импортируйте его под введённым ключом, только если это другой источник; иначе:",
            "kk": "Бұл басқа дереккөз болса ғана енгізген кілтпен импорттаңыз; әйтпесе:",
        },
        "back_to_mapping": {
            "en": "Back to the column mapping, as you filled it",
            "ru": "Назад к сопоставлению столбцов, как вы его заполнили",
            "kk": "Бағандарды сәйкестендіруге, толтырғаныңыздай, қайту",
        },
        "back_to_form": {
            "en": "Back to the upload form, as you filled it",
            "ru": "Назад к форме загрузки, как вы её заполнили",
            "kk": "Жүктеу формасына, толтырғаныңыздай, қайту",
        },
        "import_then_link_web": {
            "en": "Join the new records to persons now: a linkage run over all records.",
            "ru": "Соедините новые записи с лицами сейчас: связывание всех записей.",
            "kk": "Жаңа жазбаларды тұлғаларға қазір қосыңыз: барлық жазбаны байланыстыру.",
        },
        "run_linkage": {
            "en": "Run linkage",
            "ru": "Запустить связывание",
            "kk": "Байланыстыруды іске қосу",
        },
        "link_run": {"en": "Linkage run", "ru": "Связывание", "kk": "Байланыстыру"},
        "link_run_help": {
            "en": "This page follows the run and shows its result when it is done; you may "
            "leave it and come back.",
            "ru": "Страница следит за связыванием и покажет результат; её можно закрыть и "
            "вернуться позже.",
            "kk": "Бұл бет байланыстыруды бақылап, нәтижесін көрсетеді; жауып, кейін қайта "
            "кіруге болады.",
        },
        "link_step": {"en": "Step", "ru": "Шаг", "kk": "Қадам"},
        "link_stage_0": {
            "en": "reading the records",
            "ru": "чтение записей",
            "kk": "жазбаларды оқу",
        },
        "link_stage_1": {
            "en": "comparing the records",
            "ru": "сравнение записей",
            "kk": "жазбаларды салыстыру",
        },
        "link_stage_2": {
            "en": "joining records into persons",
            "ru": "объединение записей в лица",
            "kk": "жазбаларды тұлғаларға біріктіру",
        },
        "seconds": {"en": "s", "ru": "с", "kk": "с"},
        "link_failed": {
            "en": "Linkage failed:",
            "ru": "Связывание не удалось:",
            "kk": "Байланыстыру орындалмады:",
        },
        "link_done": {
            "en": "Linkage done",
            "ru": "Связывание завершено",
            "kk": "Байланыстыру аяқталды",
        },
        "link_records": {"en": "records", "ru": "записей", "kk": "жазба"},
        "link_persons": {"en": "persons", "ru": "лиц", "kk": "тұлға"},
        "link_pairs": {"en": "candidate pairs", "ru": "пар-кандидатов", "kk": "үміткер жұп"},
        "link_matches": {"en": "matches", "ru": "совпадений", "kk": "сәйкестік"},
        "link_run_no": {"en": "run", "ru": "запуск", "kk": "іске қосу"},
        "my_judgements": {
            "en": "Your judgements",
            "ru": "Ваши решения",
            "kk": "Сіздің шешімдеріңіз",
        },
        "my_judgements_intro": {
            "en": "Every judgement you made, newest first. Undo any that is still active: the "
            "persons are formed again without it.",
            "ru": "Все ваши решения, новые сверху. Любое действующее можно отменить: лица "
            "будут составлены заново без него.",
            "kk": "Барлық шешіміңіз, жаңасы жоғарыда. Күшіндегі кез келгенін болдырмауға "
            "болады: тұлғалар онсыз қайта құрылады.",
        },
        "judgement_pair": {"en": "Records", "ru": "Записи", "kk": "Жазбалар"},
        "was_undone": {"en": "undone", "ru": "отменено", "kk": "болдырылмады"},
        "no_judgements": {
            "en": "You have made no judgements yet.",
            "ru": "Вы ещё не приняли ни одного решения.",
            "kk": "Сіз әлі ешбір шешім қабылдаған жоқсыз.",
        },
        "undone_msg": {
            "en": "Undone: your judgement",
            "ru": "Отменено ваше решение",
            "kk": "Шешіміңіз болдырылмады:",
        },
        "and": {"en": "and", "ru": "и", "kk": "және"},
        "undone_after": {
            "en": "The persons are formed again without it.",
            "ru": "Лица составлены заново без него.",
            "kk": "Тұлғалар онсыз қайта құрылды.",
        },
        "merge_intro": {
            "en": "Search the other person by name, choose him from the list, then merge.",
            "ru": "Найдите другое лицо по имени, выберите его в списке и объедините.",
            "kk": "Басқа тұлғаны есімі бойынша іздеп, тізімнен таңдап, біріктіріңіз.",
        },
        "merge_search": {
            "en": "The other person's name",
            "ru": "Имя другого лица",
            "kk": "Басқа тұлғаның есімі",
        },
        "merge_pick": {
            "en": "Choose the person who is the same man",
            "ru": "Выберите лицо — того же человека",
            "kk": "Сол адам болып табылатын тұлғаны таңдаңыз",
        },
        "merge_none": {
            "en": "Nobody of that name: try another spelling.",
            "ru": "Никого с таким именем: попробуйте другое написание.",
            "kk": "Мұндай есімді ешкім жоқ: басқа жазылуын көріңіз.",
        },
        "open_dossier": {"en": "open", "ru": "открыть", "kk": "ашу"},
        "merge_refused": {
            "en": "The merge was not done",
            "ru": "Объединение не выполнено",
            "kk": "Біріктіру орындалмады",
        },
        "merge_choose": {
            "en": "Choose a person from the list first: nothing was merged.",
            "ru": "Сначала выберите лицо из списка: ничего не объединено.",
            "kk": "Алдымен тізімнен тұлғаны таңдаңыз: ештеңе біріктірілмеді.",
        },
        "merge_unknown": {
            "en": "The chosen person ({other}) is not in tagdyr: nothing was merged. Search "
            "the other person by name and choose him from the list.",
            "ru": "Выбранного лица ({other}) нет в tagdyr: ничего не объединено. Найдите "
            "другое лицо по имени и выберите его в списке.",
            "kk": "Таңдалған тұлға ({other}) tagdyr-да жоқ: ештеңе біріктірілмеді. Басқа "
            "тұлғаны есімі бойынша іздеп, тізімнен таңдаңыз.",
        },
        "merge_same": {
            "en": "{name} and the chosen person are already one person: nothing was merged.",
            "ru": "{name} и выбранное лицо — уже одно лицо: ничего не объединено.",
            "kk": "{name} және таңдалған тұлға — бір тұлға: ештеңе біріктірілмеді.",
        },
        "back_to_dossier": {
            "en": "Back to the dossier",
            "ru": "Назад к досье",
            "kk": "Досьеге қайту",
        },
        "fields_compared": {
            "en": "The two records side by side",
            "ru": "Две записи рядом",
            "kk": "Екі жазба қатар",
        },
        "field": {"en": "Field", "ru": "Поле", "kk": "Өріс"},
        "fields_state": {"en": "Agree?", "ru": "Совпадают?", "kk": "Сәйкес пе?"},
        "fieldcmp_agree": {"en": "agree", "ru": "совпадают", "kk": "сәйкес"},
        "fieldcmp_differ": {"en": "differ", "ru": "различаются", "kk": "сәйкес емес"},
        "fieldcmp_missing": {
            "en": "only one record says",
            "ru": "есть только в одной записи",
            "kk": "тек бір жазбада бар",
        },
        "sum_judge": {
            "en": "records {left} and {right} judged «{verdict}»",
            "ru": "записи {left} и {right}: решение «{verdict}»",
            "kk": "{left} және {right} жазбалары: шешім «{verdict}»",
        },
        "sum_merge": {
            "en": "persons {left} and {right} merged",
            "ru": "лица {left} и {right} объединены",
            "kk": "{left} және {right} тұлғалары біріктірілді",
        },
        "sum_split": {
            "en": "record {record} split from its person",
            "ru": "запись {record} отделена от своего лица",
            "kk": "{record} жазбасы өз тұлғасынан бөлінді",
        },
        "sum_undo": {
            "en": "judgement {id} undone",
            "ru": "решение {id} отменено",
            "kk": "{id} шешімі болдырылмады",
        },
        "sum_revert": {
            "en": "revert of #{id}: {inner}",
            "ru": "откат #{id}: {inner}",
            "kk": "#{id} кері қайтарылды: {inner}",
        },
        "sum_link": {
            "en": "linkage run {run}: {pairs} candidate pairs, {persons} persons, "
            "{changed} changed",
            "ru": "связывание {run}: пар-кандидатов {pairs}, лиц {persons}, изменено {changed}",
            "kk": "{run} байланыстыру: үміткер жұп {pairs}, тұлға {persons}, өзгерген {changed}",
        },
        "sum_import": {
            "en": "{file} imported as version {version} of {key}: {records} records",
            "ru": "{file} импортирован как версия {version} источника {key}: записей {records}",
            "kk": "{file} {key} дереккөзінің {version} нұсқасы ретінде импортталды: "
            "жазба {records}",
        },
        "sum_source_kind": {
            "en": "source {key}: kind {before} → {after}",
            "ru": "источник {key}: вид «{before}» → «{after}»",
            "kk": "{key} дереккөзі: түрі «{before}» → «{after}»",
        },
        "sum_user_create": {
            "en": "user {user} created as {role}",
            "ru": "создан пользователь {user}, роль: {role}",
            "kk": "{user} пайдаланушысы құрылды, рөлі: {role}",
        },
        "sum_user_change": {
            "en": "user {user}: {changes}",
            "ru": "пользователь {user}: {changes}",
            "kk": "{user} пайдаланушысы: {changes}",
        },
        "sum_change_role": {"en": "role {role}", "ru": "роль {role}", "kk": "рөлі {role}"},
        "sum_change_password": {"en": "new password", "ru": "новый пароль", "kk": "жаңа құпиясөз"},
        "sum_change_disabled": {"en": "disabled", "ru": "отключён", "kk": "өшірілді"},
        "sum_change_enabled": {"en": "enabled", "ru": "включён", "kk": "қосылды"},
        "sum_token_create": {
            "en": "API token {prefix}… ({name}) for {user}",
            "ru": "API-токен {prefix}… ({name}) для {user}",
            "kk": "{user} үшін API токені {prefix}… ({name})",
        },
        "sum_token_revoke": {
            "en": "API token {prefix}… revoked",
            "ru": "API-токен {prefix}… отозван",
            "kk": "API токені {prefix}… кері қайтарылды",
        },
    }
)

# Imports: headers as written, warnings (integrity helper)
_STRINGS.update(
    {
        "header_as_written": {
            "en": "the header as written in the file",
            "ru": "заголовок так, как он записан в файле",
            "kk": "файлда жазылғандай тақырып",
        },
        "import_warnings": {
            "en": "Warnings",
            "ru": "Предупреждения",
            "kk": "Ескертулер",
        },
    }
)

# the summaries of the audit log, as tagdyr writes them (store/audit callers), read back in the
# interface language; a summary of another shape is shown as stored
_SUMMARIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sum_revert", re.compile(r"revert of #(?P<id>\d+): (?P<inner>.*)", re.S)),
    (
        "sum_judge",
        re.compile(
            r"records (?P<left>\d+) and (?P<right>\d+) judged "
            r"'(?P<verdict>same|not_same|unsure)'"
        ),
    ),
    ("sum_merge", re.compile(r"persons (?P<left>\S+) and (?P<right>\S+) merged")),
    ("sum_split", re.compile(r"record (?P<record>\d+) split from its person")),
    ("sum_undo", re.compile(r"judgement (?P<id>\d+) undone")),
    (
        "sum_link",
        re.compile(
            r"linkage run (?P<run>\d+): (?P<pairs>[\d,]+) candidate pairs, "
            r"(?P<persons>[\d,]+) persons, (?P<changed>[\d,]+) changed"
        ),
    ),
    (
        "sum_import",
        re.compile(
            r"(?P<file>.+) imported as version (?P<version>\d+) of "
            r"(?P<key>\S+): (?P<records>[\d,]+) records"
        ),
    ),
    ("sum_user_create", re.compile(r"user (?P<user>\S+) created as (?P<role>\w+)")),
    ("sum_source_kind", re.compile(r"source (?P<key>\S+): kind (?P<before>\w+) → (?P<after>\w+)")),
    (
        "sum_token_create",
        re.compile(
            r"API token (?P<prefix>\S+)… \((?P<name>.*)\) for "
            r"(?P<user>\S+)"
        ),
    ),
    ("sum_token_revoke", re.compile(r"API token (?P<prefix>\S+)… revoked")),
    ("sum_user_change", re.compile(r"user (?P<user>\S+): (?P<changes>.+)")),
)


def _summary_part(name: str, value: str, lang: str) -> str:
    """A piece of a summary that is itself a word of the interface."""
    if name == "inner":
        return localize_summary(value, lang)
    if name == "verdict":
        return translate(value, lang)
    if name == "role":
        return translate(f"role_{value}", lang)
    if name in ("before", "after"):  # a source's kind
        return translate(f"kind_{value}", lang)
    if name == "changes":
        return ", ".join(_change(part, lang) for part in value.split(", "))
    return value


def _change(part: str, lang: str) -> str:
    if part.startswith("role "):
        role = translate(f"role_{part.removeprefix('role ')}", lang)
        return translate("sum_change_role", lang).format(role=role)
    key = f"sum_change_{part.replace('new ', '')}"
    return translate(key, lang) if key in _STRINGS else part


def localize_summary(summary: str, lang: str) -> str:
    """An audit event's summary ("records 3 and 9 judged 'same'") in ``lang`` (in English as
    stored: tagdyr writes it in English)."""
    if lang == "en":
        return summary
    for key, pattern in _SUMMARIES:
        match = pattern.fullmatch(summary)
        if match:
            parts = {k: _summary_part(k, v, lang) for k, v in match.groupdict("").items()}
            return translate(key, lang).format(**parts)
    return summary


# The English phrases tagdyr writes into what it stores (record locations, date notes), read
# back so the interface can say them in its language; the stored text stays as it is.
_STORED_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("loc_sheet_row", re.compile(r"(?P<file>.+), sheet (?P<sheet>.+), row (?P<row>\d+)")),
    ("loc_page_row", re.compile(r"(?P<file>.+), page (?P<page>\d+), row (?P<row>\d+)")),
    ("loc_row", re.compile(r"(?P<file>.+), row (?P<row>\d+)")),
    (
        "loc_page_characters",
        re.compile(r"(?P<file>.+), page (?P<page>\d+), characters (?P<start>\d+)–(?P<end>\d+)"),
    ),
    ("loc_characters", re.compile(r"(?P<file>.+), characters (?P<start>\d+)–(?P<end>\d+)")),
    (
        "note_not_a_leap_year",
        re.compile(
            r"(?P<date>[\d-]+) is not a calendar date \((?P<year>\d+) was not a leap year\)"
        ),
    ),
    ("note_not_a_date", re.compile(r"(?P<date>[\d-]+) is not a calendar date")),
    (
        "note_unread_date",
        re.compile("no date could be read from this value: it is kept as written"),
    ),
    (
        "note_age_without_date",
        re.compile("an age with no document date to count it from: no birth year computed"),
    ),
    *(
        (
            f"note_age_{whose}",
            re.compile(
                rf"born about (?P<year>\d+): the age (?P<age>\d+) counted back from the {whose}'s"
                r" date (?P<date>\S+)(?P<header> \(.*\))?, (?P<anchor>\d+) − (?P=age)"
            ),
        )
        for whose in ("document", "record")
    ),
    (
        "lvl_entry_candidates",
        re.compile(
            r"one of the entry's (?P<n>\d+) candidates \((?P<share>\d+%) of the lists' entries are"
            r" in a register, by the evidence\)"
        ),
    ),
)

# the waterfall row of a list entry's competing candidates (persons/linking.py _as_candidate)
_STRINGS.update(
    {
        "lvl_entry_candidates": {
            "en": "one of the entry's {n} candidates ({share} of the lists' entries are in a "
            "register, by the evidence)",
            "ru": "один из кандидатов записи ({n}; по данным, {share} записей списков есть в "
            "реестре)",
            "kk": "жазбаның {n} үміткерінің бірі (деректер бойынша тізім жазбаларының {share} "
            "тізілімде бар)",
        },
    }
)


# Linkage in the database (issue 26): the evidence row of a list's prior
_STRINGS.update(
    {
        "cmp_one_list": {
            "en": "two entries of one list",
            "ru": "две записи одного списка",
            "kk": "бір тізімнің екі жазбасы",
        },
        "act_source.kind": {
            "en": "source kind changed",
            "ru": "изменён вид источника",
            "kk": "дереккөз түрі өзгертілді",
        },
    }
)


# issue 27: a list entry's competing candidates, in the database as in file links
_STRINGS.update(
    {
        "cmp_entry_candidates": {
            "en": "the entry's candidates compete",
            "ru": "кандидаты записи соперничают",
            "kk": "жазбаның үміткерлері бәсекелеседі",
        },
        "entry_status": {
            "en": "List entry",
            "ru": "Запись списка",
            "kk": "Тізім жазбасы",
        },
        "entry_matched": {
            "en": "matched",
            "ru": "сопоставлена",
            "kk": "сәйкестендірілді",
        },
        "entry_one_of": {
            "en": "one of {n} candidates",
            "ru": "один из кандидатов ({n})",
            "kk": "{n} үміткердің бірі",
        },
        "entry_absent": {
            "en": "not in the register",
            "ru": "нет в реестре",
            "kk": "тізілімде жоқ",
        },
        "entry_candidates_of": {
            "en": "Its candidates",
            "ru": "Её кандидаты",
            "kk": "Оның үміткерлері",
        },
        "possibly_also": {
            "en": "Possibly also",
            "ru": "Возможно, также",
            "kk": "Мүмкін, сонымен қатар",
        },
        "list_entry": {
            "en": "list entry",
            "ru": "запись списка",
            "kk": "тізім жазбасы",
        },
    }
)


# the import preview of a text: each mention's sentence and facts, to untick (issue 19)
_STRINGS.update(
    {
        "text_sentence": {"en": "Sentence", "ru": "Предложение", "kk": "Сөйлем"},
        "text_facts": {"en": "Facts read", "ru": "Прочитанные факты", "kk": "Оқылған деректер"},
        "text_keep": {"en": "Import", "ru": "Импортировать", "kk": "Импорттау"},
        "text_untick": {
            "en": "Untick a mention or a fact to leave it out of the import.",
            "ru": "Снимите отметку с упоминания или факта, чтобы не импортировать его.",
            "kk": "Атауды немесе деректі импорттамау үшін белгісін алып тастаңыз.",
        },
    }
)


def localize(stored: str, lang: str) -> str:
    """A location or note that tagdyr wrote in English ("list.csv, row 5", "1914-02-29 is not
    a calendar date …") in ``lang``; any other text unchanged."""
    for key, pattern in _STORED_PHRASES:
        match = pattern.fullmatch(stored)
        if match:
            return translate(key, lang).format(**match.groupdict(default=""))
    return stored


def translate(key: str, lang: str) -> str:
    """The interface string ``key`` in ``lang`` (English if missing, the key if unknown); the
    words of claim kinds (``kind_birth``) are the vocabulary's (vocab/claims.py)."""
    entry = _STRINGS.get(key)
    if entry is None:
        if key.startswith("lvl_"):  # a level tagdyr wrote as a sentence (with its numbers)
            return localize(key.removeprefix("lvl_"), lang)
        return key.removeprefix("kind_").removeprefix("cmp_")
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]


def kind_word(kind: str, lang: str) -> str:
    """The interface word of a claim or source kind ("camp", "list") in ``lang``."""
    return translate(f"kind_{kind}", lang)


def all_keys() -> list[str]:
    return list(_STRINGS)


# Issue 22: two names of their own, alike in spelling (names engine level)
_STRINGS["match_level_other_name"] = {
    "en": "another name, alike in spelling",
    "ru": "другое имя, похожее написанием",
    "kk": "жазылуы ұқсас басқа есім",
}

# Issue 20: the linkage model's level of each comparison (the review waterfall), keyed by the
# English label the model stores (``link.model``): "lvl_" + label
_LEVEL_LABELS: dict[str, tuple[str, str]] = {  # label -> (ru, kk)
    "same surname": ("та же фамилия", "тегі бірдей"),
    "name order swapped": ("имя и фамилия переставлены", "аты мен тегінің орны ауысқан"),
    "same surname read across scripts": (
        "та же фамилия в другом алфавите",
        "басқа әліпбимен жазылған сол тек",
    ),
    "surname spelled alike": ("фамилии пишутся похоже", "тектері ұқсас жазылған"),
    "surname sounds alike": ("фамилии звучат похоже", "тектері ұқсас естіледі"),
    "surname similar": ("фамилии схожи", "тектері ұқсас"),
    "surname different": ("фамилии разные", "тектері әртүрлі"),
    "same given name": ("то же имя", "аты бірдей"),
    "same given name read across scripts": (
        "то же имя в другом алфавите",
        "басқа әліпбимен жазылған сол ат",
    ),
    "given name spelled alike": ("имена пишутся похоже", "аттары ұқсас жазылған"),
    "given name sounds alike": ("имена звучат похоже", "аттары ұқсас естіледі"),
    "initial consistent": ("инициал согласуется с именем", "бас әріп атқа сәйкес"),
    "given name written as the surname": ("имя записано как фамилия", "аты тек ретінде жазылған"),
    "given name different": ("имена разные", "аттары әртүрлі"),
    "same father's name": ("то же отчество", "әкесінің аты бірдей"),
    "father's name alike": ("отчества похожи", "әкелерінің аттары ұқсас"),
    "father's name different": ("отчества разные", "әкелерінің аттары әртүрлі"),
    "same birth date": ("та же дата рождения", "туған күні бірдей"),
    "birth date one slip off": (
        "даты рождения расходятся на одну описку",
        "туған күндері бір қатеге ерекшеленеді",
    ),
    "same birth year": ("тот же год рождения", "туған жылы бірдей"),
    "birth year off by one": ("год рождения отличается на один", "туған жылы бір жылға өзгеше"),
    "birth year off by two": ("год рождения отличается на два", "туған жылы екі жылға өзгеше"),
    "birth year different": ("годы рождения разные", "туған жылдары әртүрлі"),
    "same town": ("тот же населённый пункт", "елді мекені бірдей"),
    "same raion": ("тот же район", "ауданы бірдей"),
    "same oblast, different raion": ("та же область, другой район", "облысы бірдей, ауданы басқа"),
    "same oblast": ("та же область", "облысы бірдей"),
    "same place name": ("то же название места", "жер атауы бірдей"),
    "place name spelled alike": ("названия мест пишутся похоже", "жер атаулары ұқсас жазылған"),
    "different oblast": ("разные области", "облыстары әртүрлі"),
    "different place name": ("разные названия мест", "жер атаулары әртүрлі"),
    "same rank": ("то же звание", "әскери атағы бірдей"),
    "adjacent rank": ("соседние звания", "әскери атақтары көршілес"),
    "different rank": ("разные звания", "әскери атақтары әртүрлі"),
    "same camp": ("тот же лагерь", "лагері бірдей"),
    "different camp": ("разные лагеря", "лагерьлері әртүрлі"),
    "same gender": ("тот же пол", "жынысы бірдей"),
    "male and female forms": ("мужская и женская формы", "ер және әйел тұлғалары"),
    "same personal number": ("тот же личный номер", "жеке нөмірі бірдей"),
    "personal number one slip off": (
        "личные номера расходятся на одну описку",
        "жеке нөмірлері бір қатеге ерекшеленеді",
    ),
    "different personal number": ("разные личные номера", "жеке нөмірлері әртүрлі"),
    "missing on one side": ("есть только в одной записи", "тек бір жазбада бар"),
}
_STRINGS.update(
    {f"lvl_{label}": {"en": label, "ru": ru, "kk": kk} for label, (ru, kk) in _LEVEL_LABELS.items()}
)

# Issue 20: the browser's linkage bar counts what each stage has done
_STRINGS.update(
    {
        "link_count_unit_0": {
            "en": "records read",
            "ru": "записей прочитано",
            "kk": "жазба оқылды",
        },
        "link_count_unit_1": {
            "en": "records compared",
            "ru": "записей сравнено",
            "kk": "жазба салыстырылды",
        },
        "link_count_unit_2": {
            "en": "candidate pairs stored",
            "ru": "пар-кандидатов сохранено",
            "kk": "үміткер жұп сақталды",
        },
    }
)

# Issue 20 (round 6, web): a count's noun in the number it takes ("1 строка", "2 строки",
# "5 строк"; "1 row", "2 rows"; Kazakh keeps the singular after a number). A counted key
# holds the form of many; key + "_1" the form of one, key + "_2" the Russian form of a few.
_STRINGS.update(
    {
        "rows_1": {"en": "row", "ru": "строка", "kk": "жол"},
        "rows_2": {"en": "rows", "ru": "строки", "kk": "жол"},
        "records_imported_1": {
            "en": "record imported into",
            "ru": "запись импортирована в",
            "kk": "жазба импортталды:",
        },
        "records_imported_2": {
            "en": "records imported into",
            "ru": "записи импортированы в",
            "kk": "жазба импортталды:",
        },
        "pairs_waiting_1": {
            "en": "pair waiting",
            "ru": "пара ждёт решения",
            "kk": "жұп шешім күтуде",
        },
        "pairs_waiting_2": {
            "en": "pairs waiting",
            "ru": "пары ждут решения",
            "kk": "жұп шешім күтуде",
        },
    }
)


def counted(n: int, key: str, lang: str) -> str:
    """The noun (or phrase) ``key`` after the number ``n`` in ``lang``: the form of one, of a
    few (Russian 2–4, 22–24, …) or of many."""
    if lang == "ru":
        one = n % 10 == 1 and n % 100 != 11
        few = 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14
        form = "_1" if one else "_2" if few else ""
    else:
        form = "_1" if n == 1 else ""
    return translate(key + form, lang)


# Issue 20 (round 6, web): a printable collection's selection in words
_STRINGS.update(
    {
        "selection_name": {"en": "name", "ru": "имя", "kk": "есімі"},
        "selection_everyone": {"en": "all persons", "ru": "все лица", "kk": "барлық тұлғалар"},
    }
)


# Issues 18/27: the linkage level of a pair whose name order is swapped with a slip in one name
_STRINGS["lvl_name order swapped, one name slipped"] = {
    "en": "name order swapped, one name slipped",
    "ru": "имя и фамилия переставлены, в одном из них описка",
    "kk": "аты мен тегінің орны ауысқан, біреуінде қате бар",
}


# Issue 20 (round 7): the other counts of the interface take their noun's number form too
_STRINGS.update(
    {
        "paragraphs_1": {"en": "paragraph", "ru": "абзац", "kk": "абзац"},
        "paragraphs_2": {"en": "paragraphs", "ru": "абзаца", "kk": "абзац"},
        "mentions_found_1": {
            "en": "person mention found",
            "ru": "упоминание человека найдено",
            "kk": "адам есімі табылды",
        },
        "mentions_found_2": {
            "en": "person mentions found",
            "ru": "упоминания людей найдено",
            "kk": "адам есімі табылды",
        },
        "link_records_1": {"en": "record", "ru": "запись", "kk": "жазба"},
        "link_records_2": {"en": "records", "ru": "записи", "kk": "жазба"},
        "link_persons_1": {"en": "person", "ru": "лицо", "kk": "тұлға"},
        "link_persons_2": {"en": "persons", "ru": "лица", "kk": "тұлға"},
        "link_pairs_1": {"en": "candidate pair", "ru": "пара-кандидат", "kk": "үміткер жұп"},
        "link_pairs_2": {"en": "candidate pairs", "ru": "пары-кандидата", "kk": "үміткер жұп"},
        "link_matches_1": {"en": "match", "ru": "совпадение", "kk": "сәйкестік"},
        "link_matches_2": {"en": "matches", "ru": "совпадения", "kk": "сәйкестік"},
        "link_count_unit_0_1": {
            "en": "record read",
            "ru": "запись прочитана",
            "kk": "жазба оқылды",
        },
        "link_count_unit_0_2": {
            "en": "records read",
            "ru": "записи прочитаны",
            "kk": "жазба оқылды",
        },
        "link_count_unit_1_1": {
            "en": "record compared",
            "ru": "запись сравнена",
            "kk": "жазба салыстырылды",
        },
        "link_count_unit_1_2": {
            "en": "records compared",
            "ru": "записи сравнены",
            "kk": "жазба салыстырылды",
        },
        "link_count_unit_2_1": {
            "en": "candidate pair stored",
            "ru": "пара-кандидат сохранена",
            "kk": "үміткер жұп сақталды",
        },
        "link_count_unit_2_2": {
            "en": "candidate pairs stored",
            "ru": "пары-кандидата сохранены",
            "kk": "үміткер жұп сақталды",
        },
        "n_more": {"en": "{n} more", "ru": "ещё {n}", "kk": "тағы {n}"},
    }
)
