import { OrganizationKind } from "../modules/organization/organization.entity";
import { DatePrecision, EventKind, EventStatus } from "../modules/event/event.entity";
import { ParticipantRole } from "../modules/event/event-participant.entity";
import { PlaceRole } from "../modules/event/event-place.entity";
import { Stance, StatementKind } from "../modules/statement/statement.entity";

/**
 * The demo data: everything reported in article.txt (a copy of shared/seed/article.txt), keyed by
 * readable names that the loader turns into ids. Quotes are verbatim, and every `span` is the
 * [start, end) character offset of the statement's text in the article body; test/seed.test.ts
 * checks each one. The article does not name the year: the statements were made on 23 October 2024.
 * Nothing is added that the article does not say, beyond well-established identifiers (ISO country
 * codes, Wikidata ids, coordinates) and the year.
 */
const SAID_ON = "2024-10-23";

export const article = {
  key: "article",
  // The source gives no address, title or publisher; a reserved example address stands in.
  url: "https://newsgraph.example/articles/north-korean-troops-in-eastern-russia",
  title: "U.S. and NATO confirm North Korean troops in eastern Russia",
  publisher: null,
  publishedAt: null,
  bodyFile: "article.txt",
};

export type OrganizationKey =
  | "us" | "nsc" | "dod" | "nato" | "un" | "unsc"
  | "northKorea" | "kpa" | "russia" | "russianArmedForces" | "ukraine" | "ukrainianArmedForces" | "southKorea";

export const organizations: {
  key: OrganizationKey;
  name: string;
  shortName: string | null;
  kind: OrganizationKind;
  countryCode: string | null;
  parent: OrganizationKey | null;
  aliases: string[];
  wikidataId: string | null;
}[] = [
  { key: "us", name: "United States", shortName: "U.S.", kind: OrganizationKind.STATE, countryCode: "US", parent: null, aliases: ["U.S. government", "United States government", "United States of America"], wikidataId: "Q30" },
  { key: "nsc", name: "National Security Council", shortName: "NSC", kind: OrganizationKind.GOVERNMENT_BODY, countryCode: "US", parent: "us", aliases: ["United States National Security Council"], wikidataId: null },
  { key: "dod", name: "United States Department of Defense", shortName: "DoD", kind: OrganizationKind.GOVERNMENT_BODY, countryCode: "US", parent: "us", aliases: ["Department of Defense", "Pentagon"], wikidataId: "Q11209" },
  { key: "nato", name: "North Atlantic Treaty Organization", shortName: "NATO", kind: OrganizationKind.INTERNATIONAL_ORGANIZATION, countryCode: null, parent: null, aliases: [], wikidataId: "Q7184" },
  { key: "un", name: "United Nations", shortName: "UN", kind: OrganizationKind.INTERNATIONAL_ORGANIZATION, countryCode: null, parent: null, aliases: [], wikidataId: "Q1065" },
  { key: "unsc", name: "United Nations Security Council", shortName: "UNSC", kind: OrganizationKind.INTERNATIONAL_ORGANIZATION, countryCode: null, parent: "un", aliases: ["UN Security Council"], wikidataId: "Q37470" },
  { key: "northKorea", name: "North Korea", shortName: "DPRK", kind: OrganizationKind.STATE, countryCode: "KP", parent: null, aliases: ["Democratic People's Republic of Korea"], wikidataId: "Q423" },
  { key: "kpa", name: "Korean People's Army", shortName: "KPA", kind: OrganizationKind.MILITARY, countryCode: "KP", parent: "northKorea", aliases: ["North Korean troops", "North Korean forces"], wikidataId: null },
  { key: "russia", name: "Russia", shortName: null, kind: OrganizationKind.STATE, countryCode: "RU", parent: null, aliases: ["Russian Federation"], wikidataId: "Q159" },
  { key: "russianArmedForces", name: "Armed Forces of the Russian Federation", shortName: null, kind: OrganizationKind.MILITARY, countryCode: "RU", parent: "russia", aliases: ["Russian forces", "Russian military"], wikidataId: null },
  { key: "ukraine", name: "Ukraine", shortName: null, kind: OrganizationKind.STATE, countryCode: "UA", parent: null, aliases: [], wikidataId: "Q212" },
  { key: "ukrainianArmedForces", name: "Armed Forces of Ukraine", shortName: null, kind: OrganizationKind.MILITARY, countryCode: "UA", parent: "ukraine", aliases: ["Ukrainian forces"], wikidataId: null },
  { key: "southKorea", name: "South Korea", shortName: "ROK", kind: OrganizationKind.STATE, countryCode: "KR", parent: null, aliases: ["Republic of Korea"], wikidataId: "Q884" },
];

export type PersonKey = "kirby" | "austin" | "dakhlallah";

export const people: { key: PersonKey; name: string; aliases: string[]; description: string }[] = [
  { key: "kirby", name: "John Kirby", aliases: ["Kirby"], description: "Strategic Communications Coordinator for the National Security Council" },
  { key: "austin", name: "Lloyd Austin", aliases: ["Austin", "Lloyd J. Austin III"], description: "U.S. Secretary of Defense" },
  { key: "dakhlallah", name: "Farah Dakhlallah", aliases: ["Dakhlallah"], description: "NATO spokesperson" },
];

export const affiliations: { person: PersonKey; organization: OrganizationKey; role: string }[] = [
  { person: "kirby", organization: "nsc", role: "Strategic Communications Coordinator" },
  { person: "austin", organization: "dod", role: "Secretary of Defense" },
  { person: "dakhlallah", organization: "nato", role: "Spokesperson" },
];

export type PlaceKey = "wonsan" | "vladivostok" | "easternRussia" | "rome" | "brussels";

export const places: {
  key: PlaceKey;
  name: string;
  aliases: string[];
  countryCode: string;
  latitude: number | null;
  longitude: number | null;
  wikidataId: string | null;
}[] = [
  // The article spells it "Wonson".
  { key: "wonsan", name: "Wonsan", aliases: ["Wonson"], countryCode: "KP", latitude: 39.1528, longitude: 127.4436, wikidataId: null },
  { key: "vladivostok", name: "Vladivostok", aliases: [], countryCode: "RU", latitude: 43.1155, longitude: 131.8855, wikidataId: "Q959" },
  // A region, not a point: no coordinates.
  { key: "easternRussia", name: "Eastern Russia", aliases: ["eastern Russia"], countryCode: "RU", latitude: null, longitude: null, wikidataId: null },
  { key: "rome", name: "Rome", aliases: [], countryCode: "IT", latitude: 41.8933, longitude: 12.4828, wikidataId: "Q220" },
  { key: "brussels", name: "Brussels", aliases: [], countryCode: "BE", latitude: 50.8467, longitude: 4.3525, wikidataId: "Q239" },
];

export type EventKey = "deployment" | "training" | "sanctions" | "briefing";

export const events: {
  key: EventKey;
  title: string;
  summary: string;
  kind: EventKind;
  status: EventStatus;
  startDate: string | null;
  endDate: string | null;
  datePrecision: DatePrecision | null;
  parent: EventKey | null;
  participants: { organization: OrganizationKey; role: ParticipantRole }[];
  places: { place: PlaceKey; role: PlaceRole }[];
}[] = [
  {
    key: "deployment",
    title: "North Korea sends troops to eastern Russia",
    summary:
      "North Korea sent at least 3,000 soldiers to eastern Russia between early and mid-October 2024, by sea from Wonsan " +
      "to Vladivostok; they are being distributed across Russian military bases in eastern Russia for training. " +
      "Confirmed on 23 October 2024 by the U.S. National Security Council, the U.S. Secretary of Defense and NATO.",
    kind: EventKind.MILITARY_DEPLOYMENT,
    status: EventStatus.CONFIRMED,
    // "between early and mid-October": the month is known, the days are not.
    startDate: "2024-10-01",
    endDate: "2024-10-31",
    datePrecision: DatePrecision.MONTH,
    parent: null,
    participants: [
      { organization: "northKorea", role: ParticipantRole.ACTOR },
      { organization: "kpa", role: ParticipantRole.ACTOR },
      { organization: "russia", role: ParticipantRole.HOST },
    ],
    places: [
      { place: "wonsan", role: PlaceRole.ORIGIN },
      { place: "vladivostok", role: PlaceRole.DESTINATION },
      { place: "easternRussia", role: PlaceRole.LOCATION },
    ],
  },
  {
    key: "training",
    title: "North Korean troops train at Russian military bases",
    summary:
      "The first group of North Korean troops is reportedly receiving basic combat training at three locations in Russia, " +
      "at Russian military bases in eastern Russia; afterwards they could be deployed to the western front against Ukrainian forces.",
    kind: EventKind.MILITARY_TRAINING,
    status: EventStatus.REPORTED,
    startDate: "2024-10-01",
    endDate: null,
    datePrecision: DatePrecision.MONTH,
    parent: "deployment",
    participants: [
      { organization: "kpa", role: ParticipantRole.ACTOR },
      { organization: "russianArmedForces", role: ParticipantRole.HOST },
    ],
    places: [{ place: "easternRussia", role: PlaceRole.LOCATION }],
  },
  {
    key: "sanctions",
    title: "U.S. plans sanctions against those aiding Russia",
    summary: "On 23 October 2024 the U.S. said it plans to announce significant sanctions against those aiding Russia in the coming days.",
    kind: EventKind.SANCTIONS,
    status: EventStatus.PLANNED,
    startDate: null,
    endDate: null,
    datePrecision: null,
    parent: null,
    participants: [{ organization: "us", role: ParticipantRole.ACTOR }],
    places: [],
  },
  {
    key: "briefing",
    title: "South Korean delegation briefs NATO in Brussels",
    summary:
      "A South Korean delegation is expected to arrive at NATO headquarters in Brussels the week after 23 October 2024 " +
      "to report on the latest intelligence about North Korean troops in Russia.",
    kind: EventKind.DIPLOMATIC_MEETING,
    status: EventStatus.PLANNED,
    // "next week", said on Wednesday 23 October 2024.
    startDate: "2024-10-28",
    endDate: "2024-11-03",
    datePrecision: DatePrecision.DAY,
    parent: null,
    participants: [
      { organization: "southKorea", role: ParticipantRole.ACTOR },
      { organization: "nato", role: ParticipantRole.HOST },
    ],
    places: [{ place: "brussels", role: PlaceRole.LOCATION }],
  },
];

export const statements: {
  text: string;
  kind: StatementKind;
  speaker: PersonKey | null;
  organization: OrganizationKey;
  event: EventKey;
  span: [number, number];
  place: PlaceKey | null;
  statedOn: string | null;
  /** Toward its event. The intelligence reports carry none: the article reports them, the United States is the first to confirm. */
  stance: Stance | null;
}[] = [
  {
    text: "North Korea dispatched at least 3,000 troops to eastern Russia earlier this month",
    kind: StatementKind.PARAPHRASE, speaker: "kirby", organization: "nsc", event: "deployment", span: [118, 199], place: null, statedOn: SAID_ON, stance: Stance.CONFIRMS,
  },
  {
    text: "intelligence reports from both Ukraine and South Korea indicating North Korea’s involvement in supporting Russia’s military efforts against Ukraine",
    kind: StatementKind.PARAPHRASE, speaker: null, organization: "ukraine", event: "deployment", span: [232, 379], place: null, statedOn: null, stance: null,
  },
  {
    text: "intelligence reports from both Ukraine and South Korea indicating North Korea’s involvement in supporting Russia’s military efforts against Ukraine",
    kind: StatementKind.PARAPHRASE, speaker: null, organization: "southKorea", event: "deployment", span: [232, 379], place: null, statedOn: null, stance: null,
  },
  {
    text:
      "We believe that North Korea sent a minimum of 3,000 soldiers to eastern Russia between early and mid-October. " +
      "We think these troops traveled by maritime means from Wonson, North Korea, to Vladivostok, Russia. " +
      "Currently, they are being distributed across Russian military bases in eastern Russia for training.",
    kind: StatementKind.DIRECT_QUOTE, speaker: "kirby", organization: "nsc", event: "deployment", span: [509, 817], place: null, statedOn: SAID_ON, stance: Stance.CONFIRMS,
  },
  {
    text: "Kirby expressed uncertainty about whether North Korean soldiers would engage in combat alongside Russian forces, describing this as a concerning issue",
    kind: StatementKind.PARAPHRASE, speaker: "kirby", organization: "nsc", event: "training", span: [819, 969], place: null, statedOn: SAID_ON, stance: Stance.DISPUTES,
  },
  {
    text: "Once these soldiers complete their training, they could be deployed to the western front to confront Ukrainian forces",
    kind: StatementKind.DIRECT_QUOTE, speaker: "kirby", organization: "nsc", event: "training", span: [972, 1089], place: null, statedOn: SAID_ON, stance: Stance.NEUTRAL,
  },
  {
    text: "the U.S. plans to announce significant sanctions against those aiding Russia in the coming days",
    kind: StatementKind.PARAPHRASE, speaker: "kirby", organization: "nsc", event: "sanctions", span: [1240, 1335], place: null, statedOn: SAID_ON, stance: Stance.CONFIRMS,
  },
  {
    text: "the military cooperation between Russia and North Korea violates multiple United Nations Security Council resolutions",
    kind: StatementKind.PARAPHRASE, speaker: "kirby", organization: "nsc", event: "deployment", span: [1354, 1471], place: null, statedOn: SAID_ON, stance: Stance.NEUTRAL,
  },
  {
    text: "if North Korean troops were to be deployed to the Ukrainian front, they would be considered legitimate targets by Ukrainian forces",
    kind: StatementKind.PARAPHRASE, speaker: "kirby", organization: "nsc", event: "deployment", span: [1491, 1621], place: null, statedOn: SAID_ON, stance: Stance.NEUTRAL,
  },
  {
    text: "confirmed the reports of North Korea sending troops to Russia",
    kind: StatementKind.PARAPHRASE, speaker: "austin", organization: "dod", event: "deployment", span: [1724, 1785], place: "rome", statedOn: SAID_ON, stance: Stance.CONFIRMS,
  },
  {
    text: "We have evidence of North Korea’s troop deployment to Russia. However, the specifics of what they are doing still need to be clarified.",
    kind: StatementKind.DIRECT_QUOTE, speaker: "austin", organization: "dod", event: "deployment", span: [1799, 1934], place: "rome", statedOn: SAID_ON, stance: Stance.CONFIRMS,
  },
  {
    text: "North Korean participation in combat would present a serious issue, with significant implications for both Europe and the Indo-Pacific region",
    kind: StatementKind.PARAPHRASE, speaker: "austin", organization: "dod", event: "deployment", span: [2115, 2256], place: "rome", statedOn: SAID_ON, stance: Stance.NEUTRAL,
  },
  {
    text: "allies have corroborated evidence of North Korean troop deployments to Russia",
    kind: StatementKind.PARAPHRASE, speaker: "dakhlallah", organization: "nato", event: "deployment", span: [2370, 2447], place: null, statedOn: SAID_ON, stance: Stance.CONFIRMS,
  },
  {
    text:
      "If North Korea’s forces are sent to engage in Ukraine, it represents substantial support for Russia’s illegal war, " +
      "potentially escalating tensions significantly and resulting in heavy losses for Russia. " +
      "We will coordinate closely with our allies on this issue",
    kind: StatementKind.WRITTEN_STATEMENT, speaker: "dakhlallah", organization: "nato", event: "deployment", span: [2450, 2709], place: null, statedOn: SAID_ON, stance: Stance.NEUTRAL,
  },
  {
    text: "a South Korean delegation is expected to arrive at NATO headquarters in Brussels next week to report on the latest intelligence pertaining to this situation",
    kind: StatementKind.PARAPHRASE, speaker: null, organization: "nato", event: "briefing", span: [2756, 2912], place: null, statedOn: SAID_ON, stance: Stance.CONFIRMS,
  },
];
