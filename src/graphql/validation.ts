import { validate, type ValidationError } from "class-validator";
import type { ValidatorFn } from "type-graphql";
import { ErrorCode, inputError, type FieldProblem } from "../contract/errors";
import { unstorableTextPath, UNSTORABLE_TEXT_PROBLEM } from "../contract/unstorable-text";
import { nulledRequiredFields } from "./validators";

/**
 * Validates every input object with class-validator (its decorators sit on the input classes) and
 * reports all the offending fields at once, with their paths. Mutations take one argument named
 * `input`, so paths start there. Missing properties are skipped: GraphQL already enforces required
 * ones, and an update changes only the fields it gives.
 */
function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = `${prefix}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({ path, constraint, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

export const validateInput: ValidatorFn = async (value, _type, { args }) => {
  // Every field's arguments, read or write, named as the client wrote them (the call repeats per argument).
  const unstorableAt = unstorableTextPath(args);
  if (unstorableAt !== undefined) {
    throw inputError(ErrorCode.BAD_USER_INPUT, [{ path: unstorableAt, constraint: "storableText", message: UNSTORABLE_TEXT_PROBLEM }]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value) || !value.constructor || value.constructor === Object) return;
  const errors = await validate(value, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
  const nulled = nulledRequiredFields(value).map((field) => ({ path: `input.${field}`, constraint: "notNull", message: `${field} cannot be cleared` }));
  const problems = [...flatten(errors, "input"), ...nulled];
  if (problems.length > 0) throw inputError(ErrorCode.BAD_USER_INPUT, problems);
};
