import { normalizeName } from "./names";

/**
 * The people and organizations an article names, as they are introduced. A person is keyed by the
 * full name of the first full mention; a later "Kirby" finds him by surname. Two people with one
 * surname ("Susan Park", "Richard Park") stay two: a bare "Park" then has two candidates and the
 * caller abstains rather than guess.
 */
export type Gender = "m" | "f" | null;

export interface Organization {
  id: number;
  name: string;
  acronym?: string;
  /** A country or a state-like body speaking as such ("the U.S."). */
  state: boolean;
}

export interface Person {
  id: number;
  name: string;
  given: string | null;
  surname: string;
  title: string | null;
  organization: Organization | null;
  gender: Gender;
  /** Where the gender came from: a name or an honorific is firm; a pronoun resolved alone is a guess. */
  genderFirm: boolean;
}

const NAME_SUFFIXES = new Set(["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"]);

export class Entities {
  readonly people: Person[] = [];
  readonly organizations: Organization[] = [];
  readonly places = new Map<string, string>();
  private readonly personByKey = new Map<string, Person>();
  private readonly peopleBySurname = new Map<string, Person[]>();
  private readonly organizationByKey = new Map<string, Organization>();
  private readonly organizationsByFirstWord = new Map<string, Organization[]>();
  /** normalizeName is the hot spot on long bodies: the same few names are looked up again and again. */
  private readonly keys = new Map<string, string>();

  key(name: string): string {
    let key = this.keys.get(name);
    if (key === undefined) {
      key = normalizeName(name);
      this.keys.set(name, key);
    }
    return key;
  }

  person(words: string[]): Person {
    const key = this.key(words.join(" "));
    const known = this.personByKey.get(key);
    if (known) return known;
    const core = words.filter((word) => !NAME_SUFFIXES.has(word.toLowerCase()));
    const surname = core[core.length - 1];
    const given = core.length > 1 ? core[0] : null;
    // "Lloyd J. Austin III" after "Lloyd Austin": same given name and surname is the same person.
    const surnameKey = this.key(surname);
    const namesakes = this.peopleBySurname.get(surnameKey) ?? [];
    const same = given === null ? undefined : namesakes.find((p) => p.given !== null && this.key(p.given) === this.key(given));
    if (same) {
      this.personByKey.set(key, same);
      return same;
    }
    const person: Person = { id: this.people.length, name: words.join(" "), given, surname, title: null, organization: null, gender: null, genderFirm: false };
    this.people.push(person);
    this.personByKey.set(key, person);
    this.peopleBySurname.set(surnameKey, [...namesakes, person]);
    return person;
  }

  /** Everyone a one-word mention can mean: "Kirby" → John Kirby; "Park" → Susan and Richard Park. */
  bySurname(word: string): Person[] {
    return this.peopleBySurname.get(this.key(word)) ?? [];
  }

  organization(name: string, options: { acronym?: string; state?: boolean } = {}): Organization {
    const key = this.key(name);
    const acronymKey = options.acronym ? this.key(options.acronym) : null;
    let organization = this.organizationByKey.get(key) ?? (acronymKey ? this.organizationByKey.get(acronymKey) : undefined);
    if (organization) {
      // "the World Health Organization (WHO)" after a bare "WHO": the full name wins.
      if (acronymKey && !organization.acronym) {
        if (this.key(organization.name) === acronymKey) {
          organization.name = name;
          this.indexFirstWord(organization);
        }
        organization.acronym = options.acronym;
      }
    } else {
      organization = { id: this.organizations.length, name, state: options.state ?? false, ...(options.acronym ? { acronym: options.acronym } : {}) };
      this.organizations.push(organization);
      this.indexFirstWord(organization);
    }
    this.organizationByKey.set(key, organization);
    if (acronymKey) this.organizationByKey.set(acronymKey, organization);
    return organization;
  }

  /**
   * An organization a single word names: its acronym ("WHO") or the first word of its name
   * ("Nordhavn" for Nordhavn Energy). Null when none or several fit.
   */
  organizationByWord(word: string): Organization | null {
    const key = this.key(word);
    const exact = this.organizationByKey.get(key);
    if (exact) return exact;
    const starting = (this.organizationsByFirstWord.get(key) ?? []).filter((o) => !o.state);
    return starting.length === 1 ? starting[0] : null;
  }

  /**
   * "Laurac" for Olympique Laurac: a body whose name has no head noun ("Olympique Laurac", not "Bank
   * of Arvenia"), called by its last word. Null when none or several fit.
   */
  organizationByLastWord(word: string, hasHead: (word: string) => boolean): Organization | null {
    const key = this.key(word);
    const fitting = this.organizations.filter((o) => {
      const words = o.name.split(" ");
      return !o.state && words.length > 1 && this.key(words[words.length - 1]) === key && !words.some(hasHead);
    });
    return fitting.length === 1 ? fitting[0] : null;
  }

  knownOrganization(name: string): Organization | null {
    return this.organizationByKey.get(this.key(name)) ?? null;
  }

  private indexFirstWord(organization: Organization): void {
    const first = this.key(organization.name).split(" ")[0];
    const list = this.organizationsByFirstWord.get(first) ?? [];
    if (!list.includes(organization)) this.organizationsByFirstWord.set(first, [...list, organization]);
  }

  place(name: string): void {
    const key = this.key(name);
    if (!this.places.has(key)) this.places.set(key, name);
  }
}
