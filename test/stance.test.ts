import { proposeStance } from "../src/ingest/stance";

/** The stance ingestion proposes, from the words that report a statement and its own first words. */
describe("proposeStance", () => {
  it.each([
    ["John Kirby confirmed that", "North Korea dispatched troops", "CONFIRMS"],
    ["", "confirmed the reports of North Korea sending troops", "CONFIRMS"],
    ["NATO said allies", "have corroborated evidence of troop deployments", "CONFIRMS"],
    ["In a statement, Kirby said,", "We believe that North Korea sent 3,000 soldiers", "CONFIRMS"],
    ["The ministry denied", "that any troops had crossed", "DENIES"],
    ["The spokesman", "dismissed the reports as propaganda", "DENIES"],
    ["", "There is no evidence of any troops", "DENIES"],
    ["Kirby", "expressed uncertainty about whether they would fight", "DISPUTES"],
    ["Officials said they could not confirm", "the movement of troops", "DISPUTES"],
    ["Kirby warned that", "they would be legitimate targets", "NEUTRAL"],
    ["", "Once they finish training, they could be deployed", "NEUTRAL"],
  ])("%s | %s → %s", (lead, own, stance) => {
    expect(proposeStance(lead, own)).toEqual({ stance, stanceConfidence: expect.any(Number) });
  });

  it("proposes nothing where nothing says", () => {
    expect(proposeStance("The mayor said", "the bridge reopened on Monday")).toEqual({ stance: null, stanceConfidence: null });
  });
});
