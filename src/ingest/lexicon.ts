/**
 * Word lists of English news style. They describe the language of wire copy (how reporters
 * attribute, which words make a title, which capitalized words are not names), never the names or
 * texts of any particular article: the extractor must work on articles it has not seen.
 */

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/));

/**
 * Verbs of saying in their attribution forms. News style prefers "said"; the others carry a
 * stance but attribute just the same. Base forms are listed: inflections are generated below.
 */
const SPEECH_BASES = words(`
  say tell add note state explain warn argue insist claim declare announce stress emphasize emphasise
  observe remark continue write tweet post reply respond answer acknowledge admit concede caution urge
  indicate recall predict suggest confirm deny maintain contend complain vow pledge promise conclude
  comment reiterate underline underscore highlight mention agree counter boast protest charge allege
  assure advise elaborate opine reckon report reveal testify wonder ask question shout joke quip lament
  describe call term dub assert affirm point estimate disclose acknowledge signal voice express hint
  accuse demand inform recount
`);

/** Irregular and spelled-out forms that the generator below cannot make. */
const SPEECH_IRREGULAR: Record<string, string> = {
  said: "say", says: "say", saying: "say", told: "tell", tells: "tell", telling: "tell", wrote: "write",
  written: "write", writes: "write", writing: "write", went: "go", replied: "reply", replies: "reply",
  denied: "deny", denies: "deny", testified: "testify", testifies: "testify", implied: "imply",
  admitted: "admit", admitting: "admit", signalled: "signal", signalling: "signal", referred: "refer",
};

export const SPEECH_VERBS: Map<string, string> = (() => {
  const forms = new Map<string, string>(Object.entries(SPEECH_IRREGULAR));
  for (const base of SPEECH_BASES) {
    forms.set(base, base);
    const stem = base.endsWith("e") ? base.slice(0, -1) : base;
    forms.set(`${stem}ed`, base);
    forms.set(`${stem}ing`, base);
    forms.set(base.endsWith("s") || base.endsWith("sh") ? `${base}es` : `${base}s`, base);
  }
  forms.set("quipped", "quip");
  forms.set("quipping", "quip");
  forms.set("dubbed", "dub");
  return forms;
})();

/**
 * Verbs that introduce a reported clause ("warned that …") or whose object is what was said
 * ("confirmed the reports of …"). A subset of the speech verbs plus verbs of belief that officials
 * use to state a position ("believes that").
 */
export const REPORTING_BASES = words(`
  say tell add note state explain warn argue insist claim declare announce stress emphasize emphasise
  observe remark write tweet post reply respond answer acknowledge admit concede caution urge indicate
  predict suggest confirm deny maintain contend complain vow pledge promise conclude comment reiterate
  underline underscore highlight mention agree counter allege assure reveal testify assert affirm
  estimate disclose signal hint believe point inform report show
`);

/** Verbs that only embed a quote as an object or a name ("called it “…”"), never a clause. */
export const NAMING_BASES = words(`call describe term dub label brand`);

/** Verbs whose object noun phrase is itself the claim: "confirmed the reports of …", "expressed uncertainty about …". */
export const OBJECT_CLAIM_BASES = words(`confirm deny express voice raise reject dismiss acknowledge welcome condemn`);

/**
 * Nouns that head a title ("spokesperson", "Secretary of Defense", "Strategic Communications
 * Coordinator"). Lowercase; matched on the lowercased word.
 */
export const TITLE_HEADS = words(`
  president vice-president premier minister secretary spokesperson spokesman spokeswoman coordinator
  director director-general secretary-general chief ambassador envoy governor mayor senator representative
  congressman congresswoman lawmaker legislator chairman chairwoman chair chairperson chancellor king queen
  prince princess general admiral colonel commander commissioner officer adviser advisor analyst
  economist professor researcher scientist ceo cfo coo cto executive founder co-founder head leader
  attorney lawyer counsel judge justice prosecutor inspector superintendent deputy undersecretary
  under-secretary manager partner strategist author editor correspondent fellow dean lieutenant
  sergeant captain major marshal sheriff doctor physician nurse teacher spokesperson emir sultan
  pope cardinal archbishop bishop rabbi imam pastor owner administrator supervisor controller
  treasurer auditor registrar clerk principal provost rector trustee president-elect commissioner
  spox negotiator mediator monitor rapporteur delegate diplomat official officials aide aides
  organizer organiser activist campaigner coach player captain striker goalkeeper manager
  specialist expert engineer consultant epidemiologist virologist meteorologist forecaster
  speaker whip leader spokespeople representative councilman councilwoman councillor councilor alderman
  alderwoman assemblyman assemblywoman councilmember councilmembers boss mp mep msp mla mk
  geneticist archaeologist archeologist anthropologist historian curator biologist chemist physicist
  ecologist geologist sociologist psychologist climatologist astronomer statistician librarian
  athlete runner sprinter hurdler marathoner swimmer cyclist rower jockey boxer golfer gymnast
  footballer cricketer midfielder defender skier skater
`);

/** Abbreviated titles that stand before a name: "Gen. Mark Milley", "Sen. Jane Doe". */
export const TITLE_ABBREVIATIONS: Record<string, string> = {
  "gen.": "General", "lt.": "Lieutenant", "col.": "Colonel", "sgt.": "Sergeant", "capt.": "Captain",
  "maj.": "Major", "adm.": "Admiral", "gov.": "Governor", "sen.": "Senator", "rep.": "Representative",
  "rev.": "Reverend", "prof.": "Professor", "dr.": "Doctor", "amb.": "Ambassador", "supt.": "Superintendent",
  "cmdr.": "Commander", "lt.-gen.": "Lieutenant General", "insp.": "Inspector", "det.": "Detective",
  "ch.": "Chief", "cllr.": "Councillor", "brig.": "Brigadier",
  // British style drops the period: "Det Ch Insp Jane Doe", "Cllr John Smith", "Supt Ann Lee".
  det: "Detective", ch: "Chief", insp: "Inspector", supt: "Superintendent", sgt: "Sergeant",
  cllr: "Councillor", capt: "Captain", cmdr: "Commander", cdr: "Commander", brig: "Brigadier",
  lt: "Lieutenant", col: "Colonel", maj: "Major", adm: "Admiral",
};

/** Honorifics: not titles, but they give gender ("Mr. Smith") and mark what follows as a name. */
export const HONORIFICS: Record<string, "m" | "f" | null> = {
  // British style drops the period: "Dr Anand Mehta", "Prof Jane Doe".
  "mr.": "m", mr: "m", "mrs.": "f", mrs: "f", "ms.": "f", ms: "f", miss: "f", "dr.": null, dr: null, "prof.": null, prof: null,
  sir: "m", dame: "f", lord: "m", lady: "f",
};

/** Words that go in front of a title head and belong to the title ("Deputy Foreign Minister"). */
export const TITLE_MODIFIERS = words(`
  deputy assistant acting interim senior chief foreign defense defence health finance interior press
  communications strategic prime vice executive general managing national regional federal state
  principal associate lead top economic political military security intelligence information public
  affairs trade justice energy education environment environmental home economy transport agriculture
  labor labour commerce treasury homeland first second junior supreme special permanent high former
  outgoing incoming elect co operating financial technology legal medical sporting human rights
  international global european foreign-policy defense-policy head team club party majority minority
  ranking commanding police fire army navy air force district county city provincial parliamentary
  government ministry department agency company union campaign research development
`);

/** After "Secretary of"/"Minister of", a capitalized word of this list is the portfolio, part of the title. */
export const PORTFOLIOS = words(`
  defense defence state health treasury energy justice agriculture commerce labor labour education
  interior transportation transport finance foreign homeland veterans housing environment economy
  trade culture tourism industry communications information home war navy army science
  technology sport sports youth welfare immigration climate utilities fisheries digital culture labor
  infrastructure transport development exchequer
`);

/** Words that head an organization's name: a capitalized phrase ending in one is an organization. */
export const ORGANIZATION_HEADS = words(`
  council organization organisation ministry department agency committee commission bank fund union
  association institute university college corporation corp. inc. inc ltd. ltd llc plc party army
  navy forces force office service services court parliament senate congress assembly group company
  board authority police guard program programme alliance federation league coalition foundation
  centre center school hospital network bureau administration secretariat reserve embassy consulate
  command corps cabinet government commissariat tribunal observatory institution club team airlines
  airways railways motors holdings partners capital media news times post journal agency trust
  society academy laboratory laboratories industries technologies systems energy pharmaceuticals
  cross crescent mission directorate inspectorate regiment brigade battalion division unit fleet
  ministries court-martial exchange summit forum labs lab studios works brands airline railway
  semiconductor semiconductors biologics therapeutics petroleum steel logistics freight
  electric utilities utility securities insurance chemicals pharma telecom mining rail shipping
  constabulary gendarmerie militia marine maritime shipyards shipbuilding lines airport harbour harbor
  aviation automotive mines minerals metals resources foods beverages brewery breweries bancorp
  bankshares partnership consortium cooperative co-op collective syndicate conglomerate ventures
  investments properties realty construction engineering solutions analytics robotics dynamics
  aerospace tribune gazette herald chronicle courier broadcasting radio television
  patrol commissioners trustees
`);

/** Well-known institutions named without a head word, which speak in the news like organizations. */
export const INSTITUTIONS = words(`
  Kremlin Pentagon Élysée Elysee Vatican Interpol Europol Hamas Hezbollah Taliban Politburo Bundestag
  Knesset Duma Congress Parliament Senate Quai
`);

/** Two-word institutions and places that are not people though they look like names. */
export const NAMED_INSTITUTIONS: Record<string, "org" | "place"> = {
  "white house": "org", "downing street": "org", "blue house": "org", "wall street": "place",
  "capitol hill": "place", "middle east": "place", "silicon valley": "place", "gaza strip": "place",
  "west bank": "place", "new york": "place", "los angeles": "place", "hong kong": "place",
  "tel aviv": "place", "san francisco": "place", "new delhi": "place", "buenos aires": "place",
  "rio de janeiro": "place", "sao paulo": "place", "são paulo": "place", "kuala lumpur": "place",
  "cape town": "place", "mexico city": "place", "abu dhabi": "place", "las vegas": "place",
  "st. petersburg": "place", "saint petersburg": "place", "the hague": "place", "new orleans": "place",
  "north america": "place", "south america": "place", "latin america": "place", "east asia": "place",
  "southeast asia": "place", "indo-pacific": "place", "asia-pacific": "place", "red sea": "place",
  "black sea": "place", "persian gulf": "place", "south china sea": "place", "sri lanka": "place",
  "costa rica": "place", "el salvador": "place", "puerto rico": "place", "new zealand": "place",
  "saudi arabia": "place", "united kingdom": "place", "united states": "place", "czech republic": "place",
  "san diego": "place", "santa fe": "place", "tokyo bay": "place",
};

/** Countries and their adjectives: "Russian Foreign Minister" speaks for Russia; "the U.S." is a state. */
const COUNTRY_TABLE = `
  United States|American|U.S.|US|USA;United Kingdom|British|U.K.|UK|Britain;Russia|Russian;Ukraine|Ukrainian;
  China|Chinese;North Korea|North Korean|DPRK;South Korea|South Korean|ROK;Japan|Japanese;India|Indian;
  Pakistan|Pakistani;Iran|Iranian;Iraq|Iraqi;Israel|Israeli;Syria|Syrian;Lebanon|Lebanese;Jordan|Jordanian;
  Egypt|Egyptian;Saudi Arabia|Saudi;Turkey|Turkish|Türkiye;Germany|German;France|French;Italy|Italian;
  Spain|Spanish;Portugal|Portuguese;Netherlands|Dutch;Belgium|Belgian;Poland|Polish;Sweden|Swedish;
  Norway|Norwegian;Finland|Finnish;Denmark|Danish;Greece|Greek;Austria|Austrian;Switzerland|Swiss;
  Hungary|Hungarian;Romania|Romanian;Bulgaria|Bulgarian;Serbia|Serbian;Croatia|Croatian;Czech Republic|Czech;
  Slovakia|Slovak;Estonia|Estonian;Latvia|Latvian;Lithuania|Lithuanian;Belarus|Belarusian;Moldova|Moldovan;
  Georgia|Georgian;Armenia|Armenian;Azerbaijan|Azerbaijani;Kazakhstan|Kazakh;Uzbekistan|Uzbek;
  Afghanistan|Afghan;Bangladesh|Bangladeshi;Sri Lanka|Sri Lankan;Nepal|Nepalese;Myanmar|Burmese;
  Thailand|Thai;Vietnam|Vietnamese;Cambodia|Cambodian;Laos|Lao;Malaysia|Malaysian;Singapore|Singaporean;
  Indonesia|Indonesian;Philippines|Filipino|Philippine;Australia|Australian;New Zealand|New Zealander;
  Canada|Canadian;Mexico|Mexican;Brazil|Brazilian;Argentina|Argentine|Argentinian;Chile|Chilean;
  Colombia|Colombian;Peru|Peruvian;Venezuela|Venezuelan;Cuba|Cuban;Ecuador|Ecuadorian;Bolivia|Bolivian;
  Nigeria|Nigerian;Kenya|Kenyan;Ethiopia|Ethiopian;South Africa|South African;Ghana|Ghanaian;
  Sudan|Sudanese;South Sudan|South Sudanese;Somalia|Somali;Libya|Libyan;Tunisia|Tunisian;Algeria|Algerian;
  Morocco|Moroccan;Mali|Malian;Niger|Nigerien;Chad|Chadian;Senegal|Senegalese;Uganda|Ugandan;
  Rwanda|Rwandan;Congo|Congolese;Tanzania|Tanzanian;Zimbabwe|Zimbabwean;Yemen|Yemeni;Oman|Omani;
  Qatar|Qatari;Kuwait|Kuwaiti;Bahrain|Bahraini;United Arab Emirates|Emirati|UAE;Ireland|Irish;
  Iceland|Icelandic;Taiwan|Taiwanese;Mongolia|Mongolian;Haiti|Haitian;Palestine|Palestinian;
  European Union|EU|E.U.;Scotland|Scottish;Wales|Welsh;England|English;Vatican City|Vatican
`;

export interface Country {
  name: string;
  forms: string[];
}

export const COUNTRIES: Map<string, Country> = (() => {
  const byForm = new Map<string, Country>();
  for (const row of COUNTRY_TABLE.split(";")) {
    const forms = row.trim().split("|").map((form) => form.trim());
    const country = { name: forms[0], forms };
    for (const form of forms) byForm.set(form.toLowerCase(), country);
  }
  return byForm;
})();

/** Dotted abbreviations whose full name is common knowledge (the only expansions the extractor makes). */
export const DOTTED_ABBREVIATIONS: Record<string, string> = {
  "U.S.": "United States", "U.K.": "United Kingdom", "U.N.": "United Nations", "E.U.": "European Union",
};

/** Capitalized words that start sentences or stand in titles of things but never begin a name. */
export const NOT_NAME_WORDS = words(`
  The A An This That These Those It Its He She His Her They Their We Our I You Your In On At For From By
  With Without As After Before While When Where Why How What Who Whom Whose Which But And Or Nor Yet So
  If Then There Here Also Additionally Meanwhile However Moreover Furthermore Still Now Today Yesterday
  Tomorrow Earlier Later Last Next Shortly Separately Asked Speaking Despite Although Though Because
  Since Until Under Over Between Among Against During About Around Into Through Once Even Only Many
  Most Some Several Few Other Others Another Each Every All Both Neither Either No Not Such Officials
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
  August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms
  Dr Sir According Instead Overall Elsewhere Altogether Nevertheless Nonetheless Likewise Similarly
  Currently Recently Finally First Second Third Initially Originally Ultimately Eventually Indeed
  Unlike Like Per Via Amid Amidst Within Toward Towards Upon Beyond Behind Below Above Near Outside
  Inside Across Along Throughout Following Regarding Concerning Including Excluding Given Let Please
  Thank Yes Okay OK Oh My Me Us Them Him
`);

export const MONTHS = [
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
];
export const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/**
 * Abbreviations after which a period does not end a sentence. Single capitals ("J.") are initials
 * and handled apart; dotted acronyms ("U.S.") end a sentence only before a typical sentence start.
 */
export const ABBREVIATIONS = words(`
  mr mrs ms dr prof gen lt col sgt capt maj adm gov sen rep rev st jr sr inc corp ltd co no vs etc
  jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx dept est fig cmdr supt insp det amb
  e.g i.e al
`);

/**
 * Common given names with the gender they most often mark, to resolve "he"/"she". A name absent
 * from the list leaves the gender unknown (the pronouns of the article may still settle it).
 */
const MALE_NAMES = `
  john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony
  mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
  jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander
  frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle
  noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur
  lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne randy
  vincent mason roy ralph bobby russell bradley philip eugene lloyd antony antonio boris vladimir sergei
  sergey dmitry dmitri volodymyr andriy oleksandr olaf emmanuel xi li wang kim moon yoon shinzo fumio
  narendra recep benjamin yair mahmoud ali mohammed muhammad ahmed hassan hussein omar abdullah ibrahim
  yusuf khalid tedros jens mark rishi keir tony gordon jean pierre francois françois jacques nicolas
  marco luigi giuseppe giorgio matteo pedro carlos luis miguel javier manuel jorge felipe andres andrés
  diego lula jair hans klaus jurgen jürgen friedrich wolfgang stefan lars anders erik nils mikhail
  ivan igor yuri viktor alexei alexey oleg nikolai pavel kirill ramzan recep hakan mevlut lee tom tim
  jim bill bob rob mike dan steve ben sam nick max alex chris joel leon ken greg jeff doug ted hugh
  ahmad hamid karim rashid tariq faisal salman mohammad jamal nabil samir youssef amir reza hossein
  abbas javad ebrahim masoud hamad tamim naftali avi moshe yosef david isaac jake luke liam owen oliver
  harry charlie louis victor martin simon colin neil ian graham nigel alistair duncan fergus callum
  rahul amit raj vijay sanjay arvind rajesh suresh ramesh anil sunil wei jun hiroshi takeshi kenji
  yoshihide shigeru taro ichiro kazuo hyun min-jun seok-yeol jae-in jae-myung sung hun
`;
const FEMALE_NAMES = `
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
  sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
  sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
  katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
  virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
  martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace
  denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie
  kayla alexis lori kamala hillary nancy ursula angela annalena giorgia theresa liz jacinda sanna
  mette kaja ngozi kristalina christine janet gina antonia karine farah fatima aisha leila layla nadia
  yasmin amira mariam zainab noura huda rania lina dina sana samira olena olha oksana iryna yulia
  tatiana tatyana natalia svetlana elena irina olga anastasia ekaterina maria valentina marina ksenia
  ingrid astrid greta margrethe marine segolene ségolène anne sophie claire isabelle nathalie chantal
  mei ling xiaoming yuko yuriko keiko sakura hana ji-won soo-jin min-ji priya sunita indira sonia
  meera anjali deepa kavita pooja rekha carmen lucia elena paula sofia isabel ana beatriz fernanda
  dilma cristina gabriela valeria camila daniela adriana silvia monica mónica ines inés alicia rosa
  kate katie lucy ellie chloe zoe amelia mia ava ella lily jane joanna jo beth sue pat meg nina
  tanya tara tina vera yvonne wendy sheila rita rose ruby stella iris ivy jade kara lara mara nora
  vanessa veronica melanie melinda miriam naomi esther deborah leah rebekah tamar shira noa michal
`;
export const GIVEN_NAME_GENDER: Map<string, "m" | "f"> = (() => {
  const male = new Set(MALE_NAMES.trim().split(/\s+/));
  const female = new Set(FEMALE_NAMES.trim().split(/\s+/));
  const genders = new Map<string, "m" | "f">();
  // A name in both lists ("jean", "maria" differ by language) is left unknown.
  for (const name of male) if (!female.has(name)) genders.set(name, "m");
  for (const name of female) if (!male.has(name)) genders.set(name, "f");
  return genders;
})();

/** Gendered title words ("spokeswoman") settle the gender of the person who holds them. */
export const GENDERED_TITLES: Record<string, "m" | "f"> = {
  spokesman: "m", spokeswoman: "f", chairman: "m", chairwoman: "f", congressman: "m", congresswoman: "f",
  king: "m", queen: "f", prince: "m", princess: "f", businessman: "m", businesswoman: "f",
  councilman: "m", councilwoman: "f", father: "m", mother: "f", husband: "m", wife: "f", son: "m",
  daughter: "f", brother: "m", sister: "f", grandfather: "m", grandmother: "f", widow: "f", widower: "m",
};

/**
 * Heads of noun phrases that describe an unnamed source: "a senior U.S. official", "two people
 * familiar with the matter", "a diplomat who asked not to be named".
 */
export const SOURCE_NOUNS = words(`
  official officials source sources diplomat diplomats person people spokesperson spokesman spokeswoman
  aide aides officer officers analyst analysts expert experts insider insiders lawmaker lawmakers
  executive executives employee employees adviser advisers advisor advisors resident residents witness
  witnesses member members staffer staffers negotiator negotiators investigator investigators
  representative representatives authorities observers observer commander commanders
  participants participant attendee attendees delegate delegates minister ministers regulator
  regulators insider analysts economists economist medic medics doctor doctors worker workers
  police prosecutors investigators
`);
