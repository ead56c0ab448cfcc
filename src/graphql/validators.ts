import {
  ArrayMaxSize,
  IsISO31661Alpha2,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  type ValidationArguments,
} from "class-validator";

/**
 * The validation rules of input fields, composed from class-validator so each input class states
 * a field's rule in one word. Absent fields are not validated (see validation.ts).
 */
const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, property) => {
    for (const decorator of decorators) decorator(target, property);
  };

/** Text that is not blank and at most `max` characters. */
export const Text = (max: number) =>
  compose(IsString(), MaxLength(max), Matches(/\S/, { message: "$property must not be blank" }));

/** At most `maxItems` items, each non-blank text of at most `max` characters. */
export const TextList = (max: number, maxItems: number) =>
  compose(
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MaxLength(max, { each: true }),
    Matches(/\S/, { each: true, message: "each of $property must not be blank" }),
  );

export const CountryCode = () =>
  compose(Matches(/^[A-Z]{2}$/, { message: "$property must be two capital letters" }), IsISO31661Alpha2());

export const WikidataId = () => Matches(/^Q[1-9][0-9]*$/, { message: "$property must look like Q42" });

export const WebUrl = () =>
  compose(MaxLength(2000), IsUrl({ protocols: ["http", "https"], require_protocol: true }, { message: "$property must be an http(s) URL" }));

export const Latitude = () => compose(Min(-90), Max(90));
export const Longitude = () => compose(Min(-180), Max(180));

/** The field (a Date, YYYY-MM-DD) is not before the field `other` of the same input, when both are given. */
export function NotBefore(other: string): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: "notBefore",
      target: target.constructor,
      propertyName: property as string,
      constraints: [other],
      options: { message: `$property must not be before ${other}` },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const start = (args.object as { [field: string]: unknown })[other];
          return typeof value !== "string" || typeof start !== "string" || value >= start;
        },
      },
    });
}

const notNullFields = new WeakMap<object, Set<string>>();

/**
 * The field may be left out (an update keeps it) but not set to null: it has no empty state.
 * Checked by validateInput beside class-validator, whose skipping of missing fields also skips null.
 */
export function NotNull(): PropertyDecorator {
  return (target, property) => {
    const fields = notNullFields.get(target) ?? new Set<string>();
    fields.add(property as string);
    notNullFields.set(target, fields);
  };
}

/** The NotNull fields that `input` sets to null. */
export function nulledRequiredFields(input: object): string[] {
  const fields = notNullFields.get(Object.getPrototypeOf(input)) ?? new Set<string>();
  return [...fields].filter((field) => (input as { [field: string]: unknown })[field] === null);
}
