//! Demo organisation data: the ten Regionaldirektionen and the Agenturen für Arbeit with
//! their Dienststellen (seat cities are public knowledge; the Geschäftsstellen are realistic).

/// (code, name) of every Regionaldirektion.
pub const REGIONS: &[(&str, &str)] = &[
    ("nord", "Regionaldirektion Nord"),
    ("nsb", "Regionaldirektion Niedersachsen-Bremen"),
    ("nrw", "Regionaldirektion Nordrhein-Westfalen"),
    ("hessen", "Regionaldirektion Hessen"),
    ("rps", "Regionaldirektion Rheinland-Pfalz-Saarland"),
    ("bw", "Regionaldirektion Baden-Württemberg"),
    ("bayern", "Regionaldirektion Bayern"),
    ("bb", "Regionaldirektion Berlin-Brandenburg"),
    ("sat", "Regionaldirektion Sachsen-Anhalt-Thüringen"),
    ("sachsen", "Regionaldirektion Sachsen"),
];

/// One Agentur für Arbeit with its Dienststellen.
pub struct AgencySeed {
    /// Code of the Regionaldirektion (first column of REGIONS).
    pub region: &'static str,
    /// Lower-case ASCII slug, unique, umlauts transliterated (ü→ue, ö→oe, ä→ae, ß→ss),
    /// spaces/slashes → '-': "kiel", "muenchen", "frankfurt-main", "berlin-mitte".
    pub code: &'static str,
    /// Official-style name: "Agentur für Arbeit Kiel".
    pub name: &'static str,
    /// Dienststellen: the FIRST entry is the Hauptagentur in the seat city (e.g. "Kiel"), the
    /// rest are Geschäftsstellen (real town names in the district, e.g. "Eckernförde", "Plön").
    /// Only the place name, no prefix.
    pub offices: &'static [&'static str],
}

/// All Agenturen für Arbeit, grouped by Regionaldirektion.
pub const AGENCIES: &[AgencySeed] = &[
    AgencySeed {
        region: "nord",
        code: "bad-oldesloe",
        name: "Agentur für Arbeit Bad Oldesloe",
        offices: &[
            "Bad Oldesloe",
            "Ahrensburg",
            "Bad Segeberg",
            "Norderstedt",
            "Kaltenkirchen",
        ],
    },
    AgencySeed {
        region: "nord",
        code: "elmshorn",
        name: "Agentur für Arbeit Elmshorn",
        offices: &["Elmshorn", "Pinneberg", "Itzehoe", "Wedel"],
    },
    AgencySeed {
        region: "nord",
        code: "flensburg",
        name: "Agentur für Arbeit Flensburg",
        offices: &["Flensburg", "Schleswig", "Husum", "Niebüll"],
    },
    AgencySeed {
        region: "nord",
        code: "hamburg",
        name: "Agentur für Arbeit Hamburg",
        offices: &[
            "Hamburg",
            "Hamburg-Altona",
            "Hamburg-Bergedorf",
            "Hamburg-Harburg",
            "Hamburg-Wandsbek",
        ],
    },
    AgencySeed {
        region: "nord",
        code: "heide",
        name: "Agentur für Arbeit Heide",
        offices: &["Heide", "Meldorf", "Brunsbüttel", "Büsum"],
    },
    AgencySeed {
        region: "nord",
        code: "kiel",
        name: "Agentur für Arbeit Kiel",
        offices: &["Kiel", "Eckernförde", "Plön", "Preetz"],
    },
    AgencySeed {
        region: "nord",
        code: "luebeck",
        name: "Agentur für Arbeit Lübeck",
        offices: &["Lübeck", "Eutin", "Ratzeburg", "Mölln"],
    },
    AgencySeed {
        region: "nord",
        code: "neumuenster",
        name: "Agentur für Arbeit Neumünster",
        offices: &["Neumünster", "Rendsburg", "Bad Bramstedt"],
    },
    AgencySeed {
        region: "nord",
        code: "neubrandenburg",
        name: "Agentur für Arbeit Neubrandenburg",
        offices: &["Neubrandenburg", "Waren (Müritz)", "Neustrelitz", "Demmin"],
    },
    AgencySeed {
        region: "nord",
        code: "rostock",
        name: "Agentur für Arbeit Rostock",
        offices: &["Rostock", "Güstrow", "Bad Doberan", "Wismar"],
    },
    AgencySeed {
        region: "nord",
        code: "schwerin",
        name: "Agentur für Arbeit Schwerin",
        offices: &["Schwerin", "Ludwigslust", "Parchim", "Hagenow"],
    },
    AgencySeed {
        region: "nord",
        code: "stralsund",
        name: "Agentur für Arbeit Stralsund",
        offices: &["Stralsund", "Greifswald", "Bergen auf Rügen", "Anklam"],
    },
    AgencySeed {
        region: "nsb",
        code: "braunschweig-goslar",
        name: "Agentur für Arbeit Braunschweig-Goslar",
        offices: &["Braunschweig", "Goslar", "Salzgitter", "Wolfenbüttel"],
    },
    AgencySeed {
        region: "nsb",
        code: "bremen-bremerhaven",
        name: "Agentur für Arbeit Bremen-Bremerhaven",
        offices: &["Bremen", "Bremen-Nord", "Bremerhaven"],
    },
    AgencySeed {
        region: "nsb",
        code: "celle",
        name: "Agentur für Arbeit Celle",
        offices: &["Celle", "Soltau", "Walsrode", "Munster"],
    },
    AgencySeed {
        region: "nsb",
        code: "emden-leer",
        name: "Agentur für Arbeit Emden-Leer",
        offices: &["Emden", "Leer", "Aurich", "Norden"],
    },
    AgencySeed {
        region: "nsb",
        code: "goettingen",
        name: "Agentur für Arbeit Göttingen",
        offices: &["Göttingen", "Northeim", "Osterode am Harz", "Einbeck"],
    },
    AgencySeed {
        region: "nsb",
        code: "hameln",
        name: "Agentur für Arbeit Hameln",
        offices: &["Hameln", "Holzminden", "Stadthagen", "Rinteln"],
    },
    AgencySeed {
        region: "nsb",
        code: "hannover",
        name: "Agentur für Arbeit Hannover",
        offices: &[
            "Hannover",
            "Garbsen",
            "Laatzen",
            "Burgdorf",
            "Neustadt am Rübenberge",
        ],
    },
    AgencySeed {
        region: "nsb",
        code: "helmstedt",
        name: "Agentur für Arbeit Helmstedt",
        offices: &["Helmstedt", "Wolfsburg", "Gifhorn"],
    },
    AgencySeed {
        region: "nsb",
        code: "hildesheim",
        name: "Agentur für Arbeit Hildesheim",
        offices: &["Hildesheim", "Alfeld (Leine)", "Sarstedt"],
    },
    AgencySeed {
        region: "nsb",
        code: "lueneburg-uelzen",
        name: "Agentur für Arbeit Lüneburg-Uelzen",
        offices: &[
            "Lüneburg",
            "Uelzen",
            "Winsen (Luhe)",
            "Buchholz in der Nordheide",
            "Lüchow",
        ],
    },
    AgencySeed {
        region: "nsb",
        code: "nienburg-verden",
        name: "Agentur für Arbeit Nienburg-Verden",
        offices: &["Nienburg", "Verden", "Diepholz", "Syke"],
    },
    AgencySeed {
        region: "nsb",
        code: "nordhorn",
        name: "Agentur für Arbeit Nordhorn",
        offices: &["Nordhorn", "Lingen", "Meppen", "Papenburg"],
    },
    AgencySeed {
        region: "nsb",
        code: "oldenburg-wilhelmshaven",
        name: "Agentur für Arbeit Oldenburg-Wilhelmshaven",
        offices: &["Oldenburg", "Wilhelmshaven", "Delmenhorst", "Westerstede"],
    },
    AgencySeed {
        region: "nsb",
        code: "osnabrueck",
        name: "Agentur für Arbeit Osnabrück",
        offices: &["Osnabrück", "Bramsche", "Melle", "Quakenbrück"],
    },
    AgencySeed {
        region: "nsb",
        code: "stade",
        name: "Agentur für Arbeit Stade",
        offices: &["Stade", "Buxtehude", "Cuxhaven", "Bremervörde"],
    },
    AgencySeed {
        region: "nsb",
        code: "vechta",
        name: "Agentur für Arbeit Vechta",
        offices: &["Vechta", "Cloppenburg", "Lohne", "Friesoythe"],
    },
    AgencySeed {
        region: "nrw",
        code: "aachen-dueren",
        name: "Agentur für Arbeit Aachen-Düren",
        offices: &["Aachen", "Düren", "Eschweiler", "Stolberg"],
    },
    AgencySeed {
        region: "nrw",
        code: "ahlen-muenster",
        name: "Agentur für Arbeit Ahlen-Münster",
        offices: &["Ahlen", "Münster", "Beckum", "Warendorf"],
    },
    AgencySeed {
        region: "nrw",
        code: "bergisch-gladbach",
        name: "Agentur für Arbeit Bergisch Gladbach",
        offices: &[
            "Bergisch Gladbach",
            "Gummersbach",
            "Leverkusen",
            "Wipperfürth",
        ],
    },
    AgencySeed {
        region: "nrw",
        code: "bielefeld",
        name: "Agentur für Arbeit Bielefeld",
        offices: &[
            "Bielefeld",
            "Gütersloh",
            "Halle (Westfalen)",
            "Rheda-Wiedenbrück",
        ],
    },
    AgencySeed {
        region: "nrw",
        code: "bochum",
        name: "Agentur für Arbeit Bochum",
        offices: &["Bochum", "Herne", "Witten", "Hattingen"],
    },
    AgencySeed {
        region: "nrw",
        code: "bonn",
        name: "Agentur für Arbeit Bonn",
        offices: &["Bonn", "Siegburg", "Troisdorf", "Bad Honnef"],
    },
    AgencySeed {
        region: "nrw",
        code: "bruehl",
        name: "Agentur für Arbeit Brühl",
        offices: &["Brühl", "Bergheim", "Euskirchen", "Frechen"],
    },
    AgencySeed {
        region: "nrw",
        code: "coesfeld",
        name: "Agentur für Arbeit Coesfeld",
        offices: &["Coesfeld", "Borken", "Bocholt", "Ahaus"],
    },
    AgencySeed {
        region: "nrw",
        code: "detmold",
        name: "Agentur für Arbeit Detmold",
        offices: &["Detmold", "Lemgo", "Höxter", "Bad Salzuflen"],
    },
    AgencySeed {
        region: "nrw",
        code: "dortmund",
        name: "Agentur für Arbeit Dortmund",
        offices: &["Dortmund", "Dortmund-Hörde", "Dortmund-Mengede"],
    },
    AgencySeed {
        region: "nrw",
        code: "duisburg",
        name: "Agentur für Arbeit Duisburg",
        offices: &["Duisburg", "Duisburg-Hamborn", "Duisburg-Rheinhausen"],
    },
    AgencySeed {
        region: "nrw",
        code: "duesseldorf",
        name: "Agentur für Arbeit Düsseldorf",
        offices: &["Düsseldorf", "Düsseldorf-Benrath", "Düsseldorf-Derendorf"],
    },
    AgencySeed {
        region: "nrw",
        code: "essen",
        name: "Agentur für Arbeit Essen",
        offices: &["Essen", "Essen-Borbeck", "Essen-Steele"],
    },
    AgencySeed {
        region: "nrw",
        code: "gelsenkirchen",
        name: "Agentur für Arbeit Gelsenkirchen",
        offices: &["Gelsenkirchen", "Gelsenkirchen-Buer", "Bottrop"],
    },
    AgencySeed {
        region: "nrw",
        code: "hagen",
        name: "Agentur für Arbeit Hagen",
        offices: &["Hagen", "Schwelm", "Gevelsberg", "Wetter (Ruhr)"],
    },
    AgencySeed {
        region: "nrw",
        code: "hamm",
        name: "Agentur für Arbeit Hamm",
        offices: &["Hamm", "Unna", "Lünen", "Kamen"],
    },
    AgencySeed {
        region: "nrw",
        code: "herford",
        name: "Agentur für Arbeit Herford",
        offices: &["Herford", "Minden", "Bad Oeynhausen", "Lübbecke"],
    },
    AgencySeed {
        region: "nrw",
        code: "iserlohn",
        name: "Agentur für Arbeit Iserlohn",
        offices: &[
            "Iserlohn",
            "Lüdenscheid",
            "Menden (Sauerland)",
            "Plettenberg",
        ],
    },
    AgencySeed {
        region: "nrw",
        code: "koeln",
        name: "Agentur für Arbeit Köln",
        offices: &[
            "Köln",
            "Köln-Chorweiler",
            "Köln-Kalk",
            "Köln-Mülheim",
            "Köln-Porz",
        ],
    },
    AgencySeed {
        region: "nrw",
        code: "krefeld",
        name: "Agentur für Arbeit Krefeld",
        offices: &["Krefeld", "Viersen", "Kempen", "Nettetal"],
    },
    AgencySeed {
        region: "nrw",
        code: "meschede-soest",
        name: "Agentur für Arbeit Meschede-Soest",
        offices: &["Meschede", "Soest", "Arnsberg", "Brilon"],
    },
    AgencySeed {
        region: "nrw",
        code: "mettmann",
        name: "Agentur für Arbeit Mettmann",
        offices: &["Mettmann", "Ratingen", "Velbert", "Hilden"],
    },
    AgencySeed {
        region: "nrw",
        code: "moenchengladbach",
        name: "Agentur für Arbeit Mönchengladbach",
        offices: &["Mönchengladbach", "Neuss", "Grevenbroich", "Dormagen"],
    },
    AgencySeed {
        region: "nrw",
        code: "oberhausen",
        name: "Agentur für Arbeit Oberhausen",
        offices: &["Oberhausen", "Oberhausen-Sterkrade", "Mülheim an der Ruhr"],
    },
    AgencySeed {
        region: "nrw",
        code: "paderborn",
        name: "Agentur für Arbeit Paderborn",
        offices: &["Paderborn", "Büren", "Delbrück"],
    },
    AgencySeed {
        region: "nrw",
        code: "recklinghausen",
        name: "Agentur für Arbeit Recklinghausen",
        offices: &[
            "Recklinghausen",
            "Marl",
            "Gladbeck",
            "Dorsten",
            "Castrop-Rauxel",
        ],
    },
    AgencySeed {
        region: "nrw",
        code: "rheine",
        name: "Agentur für Arbeit Rheine",
        offices: &["Rheine", "Ibbenbüren", "Steinfurt", "Emsdetten"],
    },
    AgencySeed {
        region: "nrw",
        code: "siegen",
        name: "Agentur für Arbeit Siegen",
        offices: &["Siegen", "Olpe", "Bad Berleburg", "Lennestadt"],
    },
    AgencySeed {
        region: "nrw",
        code: "solingen-wuppertal",
        name: "Agentur für Arbeit Solingen-Wuppertal",
        offices: &["Wuppertal", "Solingen", "Remscheid", "Wuppertal-Barmen"],
    },
    AgencySeed {
        region: "nrw",
        code: "wesel",
        name: "Agentur für Arbeit Wesel",
        offices: &["Wesel", "Moers", "Dinslaken", "Kleve"],
    },
    AgencySeed {
        region: "hessen",
        code: "bad-hersfeld-fulda",
        name: "Agentur für Arbeit Bad Hersfeld-Fulda",
        offices: &["Fulda", "Bad Hersfeld", "Alsfeld", "Lauterbach"],
    },
    AgencySeed {
        region: "hessen",
        code: "bad-homburg",
        name: "Agentur für Arbeit Bad Homburg",
        offices: &["Bad Homburg", "Usingen", "Friedberg", "Bad Vilbel"],
    },
    AgencySeed {
        region: "hessen",
        code: "darmstadt",
        name: "Agentur für Arbeit Darmstadt",
        offices: &["Darmstadt", "Bensheim", "Dieburg", "Groß-Gerau"],
    },
    AgencySeed {
        region: "hessen",
        code: "frankfurt-main",
        name: "Agentur für Arbeit Frankfurt am Main",
        offices: &[
            "Frankfurt am Main",
            "Frankfurt-Höchst",
            "Frankfurt-Bornheim",
        ],
    },
    AgencySeed {
        region: "hessen",
        code: "giessen",
        name: "Agentur für Arbeit Gießen",
        offices: &["Gießen", "Lich", "Grünberg", "Hungen"],
    },
    AgencySeed {
        region: "hessen",
        code: "hanau",
        name: "Agentur für Arbeit Hanau",
        offices: &["Hanau", "Gelnhausen", "Schlüchtern", "Maintal"],
    },
    AgencySeed {
        region: "hessen",
        code: "kassel",
        name: "Agentur für Arbeit Kassel",
        offices: &["Kassel", "Hofgeismar", "Eschwege", "Melsungen"],
    },
    AgencySeed {
        region: "hessen",
        code: "korbach",
        name: "Agentur für Arbeit Korbach",
        offices: &[
            "Korbach",
            "Bad Arolsen",
            "Frankenberg (Eder)",
            "Bad Wildungen",
        ],
    },
    AgencySeed {
        region: "hessen",
        code: "limburg-wetzlar",
        name: "Agentur für Arbeit Limburg-Wetzlar",
        offices: &["Limburg", "Wetzlar", "Dillenburg", "Weilburg"],
    },
    AgencySeed {
        region: "hessen",
        code: "marburg",
        name: "Agentur für Arbeit Marburg",
        offices: &["Marburg", "Biedenkopf", "Stadtallendorf", "Kirchhain"],
    },
    AgencySeed {
        region: "hessen",
        code: "offenbach",
        name: "Agentur für Arbeit Offenbach",
        offices: &["Offenbach am Main", "Dietzenbach", "Langen", "Neu-Isenburg"],
    },
    AgencySeed {
        region: "hessen",
        code: "wiesbaden",
        name: "Agentur für Arbeit Wiesbaden",
        offices: &[
            "Wiesbaden",
            "Rüdesheim am Rhein",
            "Bad Schwalbach",
            "Hofheim am Taunus",
        ],
    },
    AgencySeed {
        region: "rps",
        code: "bad-kreuznach",
        name: "Agentur für Arbeit Bad Kreuznach",
        offices: &["Bad Kreuznach", "Idar-Oberstein", "Simmern", "Kirn"],
    },
    AgencySeed {
        region: "rps",
        code: "kaiserslautern-pirmasens",
        name: "Agentur für Arbeit Kaiserslautern-Pirmasens",
        offices: &["Kaiserslautern", "Pirmasens", "Zweibrücken", "Kusel"],
    },
    AgencySeed {
        region: "rps",
        code: "koblenz-mayen",
        name: "Agentur für Arbeit Koblenz-Mayen",
        offices: &["Koblenz", "Mayen", "Andernach", "Cochem"],
    },
    AgencySeed {
        region: "rps",
        code: "landau",
        name: "Agentur für Arbeit Landau",
        offices: &["Landau", "Germersheim", "Bad Bergzabern", "Wörth am Rhein"],
    },
    AgencySeed {
        region: "rps",
        code: "ludwigshafen",
        name: "Agentur für Arbeit Ludwigshafen",
        offices: &[
            "Ludwigshafen",
            "Frankenthal",
            "Speyer",
            "Neustadt an der Weinstraße",
            "Bad Dürkheim",
        ],
    },
    AgencySeed {
        region: "rps",
        code: "mainz",
        name: "Agentur für Arbeit Mainz",
        offices: &["Mainz", "Bingen am Rhein", "Ingelheim", "Alzey"],
    },
    AgencySeed {
        region: "rps",
        code: "montabaur",
        name: "Agentur für Arbeit Montabaur",
        offices: &["Montabaur", "Westerburg", "Diez", "Bad Ems"],
    },
    AgencySeed {
        region: "rps",
        code: "neuwied",
        name: "Agentur für Arbeit Neuwied",
        offices: &["Neuwied", "Linz am Rhein", "Dierdorf"],
    },
    AgencySeed {
        region: "rps",
        code: "saarland",
        name: "Agentur für Arbeit Saarland",
        offices: &[
            "Saarbrücken",
            "Saarlouis",
            "Neunkirchen",
            "Homburg",
            "Merzig",
        ],
    },
    AgencySeed {
        region: "rps",
        code: "trier",
        name: "Agentur für Arbeit Trier",
        offices: &["Trier", "Bitburg", "Wittlich", "Saarburg"],
    },
    AgencySeed {
        region: "bw",
        code: "aalen",
        name: "Agentur für Arbeit Aalen",
        offices: &["Aalen", "Schwäbisch Gmünd", "Heidenheim", "Ellwangen"],
    },
    AgencySeed {
        region: "bw",
        code: "balingen",
        name: "Agentur für Arbeit Balingen",
        offices: &["Balingen", "Albstadt", "Sigmaringen", "Hechingen"],
    },
    AgencySeed {
        region: "bw",
        code: "freiburg",
        name: "Agentur für Arbeit Freiburg",
        offices: &["Freiburg", "Emmendingen", "Müllheim", "Titisee-Neustadt"],
    },
    AgencySeed {
        region: "bw",
        code: "goeppingen",
        name: "Agentur für Arbeit Göppingen",
        offices: &[
            "Göppingen",
            "Geislingen an der Steige",
            "Kirchheim unter Teck",
            "Nürtingen",
        ],
    },
    AgencySeed {
        region: "bw",
        code: "heidelberg",
        name: "Agentur für Arbeit Heidelberg",
        offices: &["Heidelberg", "Sinsheim", "Wiesloch", "Mosbach"],
    },
    AgencySeed {
        region: "bw",
        code: "heilbronn",
        name: "Agentur für Arbeit Heilbronn",
        offices: &["Heilbronn", "Neckarsulm", "Öhringen", "Eppingen"],
    },
    AgencySeed {
        region: "bw",
        code: "karlsruhe-rastatt",
        name: "Agentur für Arbeit Karlsruhe-Rastatt",
        offices: &[
            "Karlsruhe",
            "Rastatt",
            "Bruchsal",
            "Ettlingen",
            "Baden-Baden",
        ],
    },
    AgencySeed {
        region: "bw",
        code: "konstanz-ravensburg",
        name: "Agentur für Arbeit Konstanz-Ravensburg",
        offices: &["Konstanz", "Ravensburg", "Singen", "Friedrichshafen"],
    },
    AgencySeed {
        region: "bw",
        code: "loerrach",
        name: "Agentur für Arbeit Lörrach",
        offices: &[
            "Lörrach",
            "Waldshut-Tiengen",
            "Rheinfelden (Baden)",
            "Bad Säckingen",
        ],
    },
    AgencySeed {
        region: "bw",
        code: "ludwigsburg",
        name: "Agentur für Arbeit Ludwigsburg",
        offices: &[
            "Ludwigsburg",
            "Bietigheim-Bissingen",
            "Kornwestheim",
            "Vaihingen an der Enz",
        ],
    },
    AgencySeed {
        region: "bw",
        code: "mannheim",
        name: "Agentur für Arbeit Mannheim",
        offices: &["Mannheim", "Weinheim", "Ladenburg"],
    },
    AgencySeed {
        region: "bw",
        code: "nagold-pforzheim",
        name: "Agentur für Arbeit Nagold-Pforzheim",
        offices: &["Nagold", "Pforzheim", "Calw", "Freudenstadt"],
    },
    AgencySeed {
        region: "bw",
        code: "offenburg",
        name: "Agentur für Arbeit Offenburg",
        offices: &["Offenburg", "Lahr", "Kehl", "Achern"],
    },
    AgencySeed {
        region: "bw",
        code: "reutlingen",
        name: "Agentur für Arbeit Reutlingen",
        offices: &["Reutlingen", "Tübingen", "Metzingen", "Münsingen"],
    },
    AgencySeed {
        region: "bw",
        code: "rottweil-villingen-schwenningen",
        name: "Agentur für Arbeit Rottweil - Villingen-Schwenningen",
        offices: &[
            "Rottweil",
            "Villingen-Schwenningen",
            "Tuttlingen",
            "Donaueschingen",
        ],
    },
    AgencySeed {
        region: "bw",
        code: "schwaebisch-hall-tauberbischofsheim",
        name: "Agentur für Arbeit Schwäbisch Hall-Tauberbischofsheim",
        offices: &[
            "Schwäbisch Hall",
            "Tauberbischofsheim",
            "Crailsheim",
            "Bad Mergentheim",
        ],
    },
    AgencySeed {
        region: "bw",
        code: "stuttgart",
        name: "Agentur für Arbeit Stuttgart",
        offices: &[
            "Stuttgart",
            "Stuttgart-Bad Cannstatt",
            "Böblingen",
            "Sindelfingen",
            "Leonberg",
        ],
    },
    AgencySeed {
        region: "bw",
        code: "ulm",
        name: "Agentur für Arbeit Ulm",
        offices: &["Ulm", "Ehingen", "Biberach an der Riß", "Laupheim"],
    },
    AgencySeed {
        region: "bw",
        code: "waiblingen",
        name: "Agentur für Arbeit Waiblingen",
        offices: &["Waiblingen", "Backnang", "Schorndorf", "Fellbach"],
    },
    AgencySeed {
        region: "bayern",
        code: "ansbach-weissenburg",
        name: "Agentur für Arbeit Ansbach-Weißenburg",
        offices: &[
            "Ansbach",
            "Weißenburg in Bayern",
            "Rothenburg ob der Tauber",
            "Dinkelsbühl",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "aschaffenburg",
        name: "Agentur für Arbeit Aschaffenburg",
        offices: &[
            "Aschaffenburg",
            "Alzenau",
            "Miltenberg",
            "Obernburg am Main",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "augsburg",
        name: "Agentur für Arbeit Augsburg",
        offices: &["Augsburg", "Aichach", "Friedberg", "Schwabmünchen"],
    },
    AgencySeed {
        region: "bayern",
        code: "bamberg-coburg",
        name: "Agentur für Arbeit Bamberg-Coburg",
        offices: &["Bamberg", "Coburg", "Forchheim", "Lichtenfels"],
    },
    AgencySeed {
        region: "bayern",
        code: "bayreuth-hof",
        name: "Agentur für Arbeit Bayreuth-Hof",
        offices: &["Bayreuth", "Hof", "Kulmbach", "Pegnitz"],
    },
    AgencySeed {
        region: "bayern",
        code: "deggendorf",
        name: "Agentur für Arbeit Deggendorf",
        offices: &["Deggendorf", "Straubing", "Regen", "Zwiesel"],
    },
    AgencySeed {
        region: "bayern",
        code: "donauwoerth",
        name: "Agentur für Arbeit Donauwörth",
        offices: &[
            "Donauwörth",
            "Nördlingen",
            "Dillingen an der Donau",
            "Günzburg",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "freising",
        name: "Agentur für Arbeit Freising",
        offices: &["Freising", "Erding", "Dachau", "Fürstenfeldbruck"],
    },
    AgencySeed {
        region: "bayern",
        code: "fuerth",
        name: "Agentur für Arbeit Fürth",
        offices: &[
            "Fürth",
            "Erlangen",
            "Neustadt an der Aisch",
            "Höchstadt an der Aisch",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "ingolstadt",
        name: "Agentur für Arbeit Ingolstadt",
        offices: &[
            "Ingolstadt",
            "Eichstätt",
            "Neuburg an der Donau",
            "Pfaffenhofen an der Ilm",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "kempten-memmingen",
        name: "Agentur für Arbeit Kempten-Memmingen",
        offices: &["Kempten", "Memmingen", "Kaufbeuren", "Lindau (Bodensee)"],
    },
    AgencySeed {
        region: "bayern",
        code: "landshut-pfarrkirchen",
        name: "Agentur für Arbeit Landshut-Pfarrkirchen",
        offices: &["Landshut", "Pfarrkirchen", "Dingolfing", "Eggenfelden"],
    },
    AgencySeed {
        region: "bayern",
        code: "muenchen",
        name: "Agentur für Arbeit München",
        offices: &[
            "München",
            "München-Pasing",
            "München-Neuperlach",
            "München-Schwabing",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "nuernberg",
        name: "Agentur für Arbeit Nürnberg",
        offices: &[
            "Nürnberg",
            "Nürnberg-Langwasser",
            "Lauf an der Pegnitz",
            "Hersbruck",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "passau",
        name: "Agentur für Arbeit Passau",
        offices: &["Passau", "Vilshofen an der Donau", "Freyung", "Pocking"],
    },
    AgencySeed {
        region: "bayern",
        code: "regensburg",
        name: "Agentur für Arbeit Regensburg",
        offices: &[
            "Regensburg",
            "Kelheim",
            "Neumarkt in der Oberpfalz",
            "Regenstauf",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "rosenheim",
        name: "Agentur für Arbeit Rosenheim",
        offices: &["Rosenheim", "Bad Aibling", "Wasserburg am Inn", "Miesbach"],
    },
    AgencySeed {
        region: "bayern",
        code: "schwabach",
        name: "Agentur für Arbeit Schwabach",
        offices: &["Schwabach", "Roth", "Hilpoltstein"],
    },
    AgencySeed {
        region: "bayern",
        code: "schwandorf",
        name: "Agentur für Arbeit Schwandorf",
        offices: &["Schwandorf", "Amberg", "Cham", "Burglengenfeld"],
    },
    AgencySeed {
        region: "bayern",
        code: "schweinfurt",
        name: "Agentur für Arbeit Schweinfurt",
        offices: &[
            "Schweinfurt",
            "Bad Kissingen",
            "Haßfurt",
            "Bad Neustadt an der Saale",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "traunstein",
        name: "Agentur für Arbeit Traunstein",
        offices: &[
            "Traunstein",
            "Bad Reichenhall",
            "Mühldorf am Inn",
            "Altötting",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "weiden",
        name: "Agentur für Arbeit Weiden",
        offices: &[
            "Weiden in der Oberpfalz",
            "Tirschenreuth",
            "Neustadt an der Waldnaab",
            "Eschenbach in der Oberpfalz",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "weilheim",
        name: "Agentur für Arbeit Weilheim",
        offices: &[
            "Weilheim in Oberbayern",
            "Garmisch-Partenkirchen",
            "Starnberg",
            "Landsberg am Lech",
        ],
    },
    AgencySeed {
        region: "bayern",
        code: "wuerzburg",
        name: "Agentur für Arbeit Würzburg",
        offices: &["Würzburg", "Kitzingen", "Karlstadt", "Ochsenfurt"],
    },
    AgencySeed {
        region: "bb",
        code: "berlin-mitte",
        name: "Agentur für Arbeit Berlin Mitte",
        offices: &[
            "Berlin-Mitte",
            "Berlin-Friedrichshain-Kreuzberg",
            "Berlin-Charlottenburg-Wilmersdorf",
            "Berlin-Lichtenberg",
        ],
    },
    AgencySeed {
        region: "bb",
        code: "berlin-nord",
        name: "Agentur für Arbeit Berlin Nord",
        offices: &[
            "Berlin-Pankow",
            "Berlin-Reinickendorf",
            "Berlin-Spandau",
            "Berlin-Marzahn-Hellersdorf",
        ],
    },
    AgencySeed {
        region: "bb",
        code: "berlin-sued",
        name: "Agentur für Arbeit Berlin Süd",
        offices: &[
            "Berlin-Tempelhof-Schöneberg",
            "Berlin-Neukölln",
            "Berlin-Steglitz-Zehlendorf",
            "Berlin-Treptow-Köpenick",
        ],
    },
    AgencySeed {
        region: "bb",
        code: "cottbus",
        name: "Agentur für Arbeit Cottbus",
        offices: &["Cottbus", "Senftenberg", "Spremberg", "Lübben (Spreewald)"],
    },
    AgencySeed {
        region: "bb",
        code: "eberswalde",
        name: "Agentur für Arbeit Eberswalde",
        offices: &[
            "Eberswalde",
            "Bernau bei Berlin",
            "Prenzlau",
            "Schwedt/Oder",
        ],
    },
    AgencySeed {
        region: "bb",
        code: "frankfurt-oder",
        name: "Agentur für Arbeit Frankfurt (Oder)",
        offices: &[
            "Frankfurt (Oder)",
            "Fürstenwalde/Spree",
            "Strausberg",
            "Seelow",
        ],
    },
    AgencySeed {
        region: "bb",
        code: "neuruppin",
        name: "Agentur für Arbeit Neuruppin",
        offices: &["Neuruppin", "Oranienburg", "Hennigsdorf", "Kyritz"],
    },
    AgencySeed {
        region: "bb",
        code: "potsdam",
        name: "Agentur für Arbeit Potsdam",
        offices: &[
            "Potsdam",
            "Brandenburg an der Havel",
            "Königs Wusterhausen",
            "Luckenwalde",
            "Nauen",
        ],
    },
    AgencySeed {
        region: "sat",
        code: "bernburg",
        name: "Agentur für Arbeit Bernburg",
        offices: &[
            "Bernburg (Saale)",
            "Köthen (Anhalt)",
            "Aschersleben",
            "Staßfurt",
        ],
    },
    AgencySeed {
        region: "sat",
        code: "dessau-rosslau-wittenberg",
        name: "Agentur für Arbeit Dessau-Roßlau-Wittenberg",
        offices: &[
            "Dessau-Roßlau",
            "Lutherstadt Wittenberg",
            "Bitterfeld-Wolfen",
            "Zerbst/Anhalt",
        ],
    },
    AgencySeed {
        region: "sat",
        code: "halberstadt",
        name: "Agentur für Arbeit Halberstadt",
        offices: &[
            "Halberstadt",
            "Wernigerode",
            "Quedlinburg",
            "Oschersleben (Bode)",
        ],
    },
    AgencySeed {
        region: "sat",
        code: "halle",
        name: "Agentur für Arbeit Halle",
        offices: &["Halle (Saale)", "Merseburg", "Querfurt"],
    },
    AgencySeed {
        region: "sat",
        code: "magdeburg",
        name: "Agentur für Arbeit Magdeburg",
        offices: &["Magdeburg", "Schönebeck (Elbe)", "Haldensleben", "Burg"],
    },
    AgencySeed {
        region: "sat",
        code: "sangerhausen",
        name: "Agentur für Arbeit Sangerhausen",
        offices: &["Sangerhausen", "Lutherstadt Eisleben", "Hettstedt"],
    },
    AgencySeed {
        region: "sat",
        code: "sachsen-anhalt-sued",
        name: "Agentur für Arbeit Sachsen-Anhalt Süd",
        offices: &["Weißenfels", "Naumburg (Saale)", "Zeitz", "Hohenmölsen"],
    },
    AgencySeed {
        region: "sat",
        code: "stendal",
        name: "Agentur für Arbeit Stendal",
        offices: &["Stendal", "Salzwedel", "Gardelegen", "Osterburg (Altmark)"],
    },
    AgencySeed {
        region: "sat",
        code: "altenburg-gera",
        name: "Agentur für Arbeit Altenburg-Gera",
        offices: &["Gera", "Altenburg", "Greiz", "Schmölln"],
    },
    AgencySeed {
        region: "sat",
        code: "erfurt",
        name: "Agentur für Arbeit Erfurt",
        offices: &["Erfurt", "Arnstadt", "Sömmerda", "Weimar"],
    },
    AgencySeed {
        region: "sat",
        code: "gotha",
        name: "Agentur für Arbeit Gotha",
        offices: &["Gotha", "Eisenach", "Mühlhausen", "Bad Langensalza"],
    },
    AgencySeed {
        region: "sat",
        code: "jena",
        name: "Agentur für Arbeit Jena",
        offices: &["Jena", "Saalfeld", "Rudolstadt", "Pößneck"],
    },
    AgencySeed {
        region: "sat",
        code: "nordhausen",
        name: "Agentur für Arbeit Nordhausen",
        offices: &[
            "Nordhausen",
            "Sondershausen",
            "Heilbad Heiligenstadt",
            "Leinefelde-Worbis",
        ],
    },
    AgencySeed {
        region: "sat",
        code: "suhl",
        name: "Agentur für Arbeit Suhl",
        offices: &["Suhl", "Meiningen", "Sonneberg", "Hildburghausen"],
    },
    AgencySeed {
        region: "sachsen",
        code: "annaberg-buchholz",
        name: "Agentur für Arbeit Annaberg-Buchholz",
        offices: &["Annaberg-Buchholz", "Marienberg", "Stollberg", "Aue"],
    },
    AgencySeed {
        region: "sachsen",
        code: "bautzen",
        name: "Agentur für Arbeit Bautzen",
        offices: &["Bautzen", "Görlitz", "Zittau", "Kamenz"],
    },
    AgencySeed {
        region: "sachsen",
        code: "chemnitz",
        name: "Agentur für Arbeit Chemnitz",
        offices: &["Chemnitz", "Mittweida", "Burgstädt"],
    },
    AgencySeed {
        region: "sachsen",
        code: "dresden",
        name: "Agentur für Arbeit Dresden",
        offices: &["Dresden", "Dresden-Prohlis", "Dresden-Gorbitz"],
    },
    AgencySeed {
        region: "sachsen",
        code: "freiberg",
        name: "Agentur für Arbeit Freiberg",
        offices: &["Freiberg", "Döbeln", "Flöha", "Brand-Erbisdorf"],
    },
    AgencySeed {
        region: "sachsen",
        code: "leipzig",
        name: "Agentur für Arbeit Leipzig",
        offices: &["Leipzig", "Borna", "Grimma", "Wurzen", "Markkleeberg"],
    },
    AgencySeed {
        region: "sachsen",
        code: "oschatz",
        name: "Agentur für Arbeit Oschatz",
        offices: &["Oschatz", "Torgau", "Delitzsch", "Eilenburg"],
    },
    AgencySeed {
        region: "sachsen",
        code: "pirna",
        name: "Agentur für Arbeit Pirna",
        offices: &["Pirna", "Freital", "Dippoldiswalde", "Sebnitz"],
    },
    AgencySeed {
        region: "sachsen",
        code: "plauen",
        name: "Agentur für Arbeit Plauen",
        offices: &[
            "Plauen",
            "Reichenbach im Vogtland",
            "Auerbach/Vogtland",
            "Oelsnitz/Vogtland",
        ],
    },
    AgencySeed {
        region: "sachsen",
        code: "riesa",
        name: "Agentur für Arbeit Riesa",
        offices: &["Riesa", "Meißen", "Großenhain", "Radebeul"],
    },
    AgencySeed {
        region: "sachsen",
        code: "zwickau",
        name: "Agentur für Arbeit Zwickau",
        offices: &["Zwickau", "Glauchau", "Werdau", "Crimmitschau"],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn has_ten_regions() {
        assert_eq!(REGIONS.len(), 10);
        let codes: HashSet<_> = REGIONS.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes.len(), 10);
    }

    #[test]
    fn agency_count_in_range() {
        assert!(
            (150..=160).contains(&AGENCIES.len()),
            "agency count {}",
            AGENCIES.len()
        );
    }

    #[test]
    fn office_count_in_range() {
        let total: usize = AGENCIES.iter().map(|a| a.offices.len()).sum();
        assert!((560..=640).contains(&total), "office count {total}");
    }

    #[test]
    fn agency_codes_unique() {
        let mut seen = HashSet::new();
        for a in AGENCIES {
            assert!(seen.insert(a.code), "duplicate code {}", a.code);
        }
    }

    #[test]
    fn agency_codes_are_ascii_slugs() {
        for a in AGENCIES {
            assert!(!a.code.is_empty());
            assert!(
                a.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "bad code {}",
                a.code
            );
        }
    }

    #[test]
    fn agency_regions_exist() {
        let regions: HashSet<_> = REGIONS.iter().map(|(c, _)| *c).collect();
        for a in AGENCIES {
            assert!(regions.contains(a.region), "unknown region {}", a.region);
        }
    }

    #[test]
    fn every_region_has_agencies() {
        for (code, _) in REGIONS {
            assert!(AGENCIES.iter().any(|a| a.region == *code), "empty {code}");
        }
    }

    #[test]
    fn offices_present_and_unique() {
        for a in AGENCIES {
            assert!(!a.offices.is_empty(), "{} has no offices", a.code);
            let set: HashSet<_> = a.offices.iter().collect();
            assert_eq!(set.len(), a.offices.len(), "duplicate office in {}", a.code);
        }
    }

    #[test]
    fn kiel_and_muenchen_present() {
        let kiel = AGENCIES.iter().find(|a| a.code == "kiel").expect("kiel");
        assert_eq!(kiel.name, "Agentur für Arbeit Kiel");
        assert_eq!(kiel.region, "nord");
        assert_eq!(kiel.offices[0], "Kiel");
        let muc = AGENCIES
            .iter()
            .find(|a| a.code == "muenchen")
            .expect("muenchen");
        assert_eq!(muc.name, "Agentur für Arbeit München");
        assert_eq!(muc.region, "bayern");
        assert_eq!(muc.offices[0], "München");
    }
}
