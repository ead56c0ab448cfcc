import type { ApolloServerPlugin } from "@apollo/server";
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";

/**
 * The validation rules that refuse introspection (`__schema`, `__type`) when it is off: graphql's
 * own rule, shared by HTTP and WebSocket so both refuse it alike, before anything runs. `__typename`
 * stays allowed; clients need it.
 */
export function introspectionRules(enabled: boolean): ValidationRule[] {
  return enabled ? [] : [NoSchemaIntrospectionCustomRule];
}

/**
 * With introspection off, validation errors lose graphql's "Did you mean …?" hints, which would
 * spell out the names of fields, types, arguments and enum values one guess at a time. Used on
 * every transport's validation errors: Apollo Server's (hiddenSuggestions below) and the WebSockets'.
 */
export function withoutSuggestions<T extends readonly Error[]>(errors: T): T {
  for (const error of errors) error.message = error.message.replace(/ ?Did you mean .+\?$/, "");
  return errors;
}

/** Over HTTP: strips the hints from Apollo Server's validation errors when introspection is off. */
export function hiddenSuggestions(introspection: boolean): ApolloServerPlugin[] {
  if (introspection) return [];
  return [{ requestDidStart: async () => ({ validationDidStart: async () => async (errors) => void (errors && withoutSuggestions(errors)) }) }];
}
