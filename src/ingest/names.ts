/**
 * One spelling for a name, to match an extracted person, organization or place with a stored one
 * by name and aliases: case folded, accents stripped ("Zelenskyy" stays, "Élysée" = "Elysee"),
 * punctuation and runs of white space collapsed to one space, and the periods of an initialism
 * dropped so that "U.S." = "US" = "u. s." and "J. Smith" = "J Smith". Pure and cheap: the caller
 * indexes existing records by normalizeName(name) and normalizeName(alias) and looks proposals up.
 */
export function normalizeName(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      // Apostrophes inside words go without a trace: "People's" = "Peoples", "O’Brien" = "OBrien".
      .replace(/(\p{L})['’‘`´](\p{L})/gu, "$1$2")
      // An initialism, dotted or spaced: "u.s." / "u. s." → "us"; "j. smith" keeps "j" a word of its own.
      .replace(/\b(\p{L})\.(?:\s*(\p{L})\.)+/gu, (initialism) => initialism.replace(/[.\s]/g, ""))
      .replace(/&/g, " and ")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
  );
}

/** normalizeName without a leading "the": "The Hague" stays, but "the Pentagon" matches "Pentagon". */
export function normalizeOrganizationName(name: string): string {
  return normalizeName(name).replace(/^the /, "");
}
