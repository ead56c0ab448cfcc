import { types } from "pg";
import { parseTimestamptz } from "../src/db/timestamps";

/** The fast timestamptz parser agrees with pg's own on every shape Postgres prints, and declines the rest. */
const pgParser = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => unknown;

it.each([
  "2024-10-23 12:00:00+00",
  "2024-10-23 12:00:00.5+00",
  "2024-10-23 12:00:00.123456+00",
  "2024-10-23 12:00:00.000999+00",
  "2024-02-29 23:59:59.999999-05",
  "1999-12-31 22:30:00+05:30",
  "2030-01-01 00:00:00-09:30",
  "0100-01-01 00:00:00+00",
])("reads %s as pg does", (text) => {
  expect(parseTimestamptz(text)?.toISOString()).toBe((pgParser(text) as Date).toISOString());
});

it.each(["infinity", "-infinity", "0001-01-01 00:00:00+00 BC", "0099-06-01 00:00:00+00", "2024-10-23 12:00:00+05:30:15", "2024-10-23", "garbage at all here!!"])(
  "leaves %s to pg's parser",
  (text) => {
    expect(parseTimestamptz(text)).toBeUndefined();
  },
);
