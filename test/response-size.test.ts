import { exceedsResponseSize } from "../src/graphql/response-size";

describe("exceedsResponseSize", () => {
  // 1,000 two-byte characters: 2,000 bytes of UTF-8 (2,002 with the quotes), where a bound from the length alone says 3,002.
  const answer = { text: "é".repeat(1_000) };
  const exact = 2_002 + "text".length + 4;

  it("measures strings in UTF-8 bytes when the bound from their length is over the limit", () => {
    expect(exceedsResponseSize(answer, exact)).toBe(false);
    expect(exceedsResponseSize(answer, exact - 1)).toBe(true);
  });

  it("counts a long string's escapes", () => {
    const controls = { text: "\u0001".repeat(5_000) }; // 6 bytes each in JSON
    expect(exceedsResponseSize(controls, 29_000)).toBe(true);
    expect(exceedsResponseSize(controls, 31_000)).toBe(false);
  });
});
