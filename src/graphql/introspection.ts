import { NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";

/**
 * The validation rules that refuse introspection (`__schema`, `__type`) when it is off: graphql's
 * own rule, shared by HTTP and WebSocket so both refuse it alike, before anything runs. `__typename`
 * stays allowed; clients need it.
 */
export function introspectionRules(enabled: boolean): ValidationRule[] {
  return enabled ? [] : [NoSchemaIntrospectionCustomRule];
}
