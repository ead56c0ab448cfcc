import { isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

/**
 * type-graphql wraps every field of an object type in a function that runs its middlewares and auth
 * checks, turns its arguments into class instances and validates them, also where a field has none
 * of those. On the nested benchmark query (2,000 fields, 600 of them field resolvers) those wrappers
 * and their garbage were a sixth of the service's CPU. So, where there is nothing to run:
 * - a field that only reads a property gets graphql's default resolver;
 * - a field resolver whose parameters are only @Root, @Ctx and @Info is called directly, and a
 *   getter is read directly, when the root is an instance of its class (else type-graphql's
 *   wrapper converts it, as before).
 * Fields with arguments, middlewares or roles keep type-graphql's wrapper.
 */
export function callResolversDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  // `@Authorized()` without roles still checks (any signed-in viewer): only `roles` undefined is unguarded.
  const unguarded = (metadata: { roles?: unknown[]; middlewares?: unknown[] }) => metadata.roles === undefined && metadata.middlewares?.length === 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    // Fields come from the class, its base classes (a connection's, a stored node's) and interfaces.
    const classes = [...classChain(objectType.target), ...(objectType.interfaceClasses ?? [])];
    for (const built of Object.values(type.getFields())) {
      const declaredOn = (target: Function) => classes.includes(target);
      const field = storage.fields.find((it) => it.schemaName === built.name && declaredOn(it.target));
      const resolver = storage.fieldResolvers.find((it) => it.schemaName === built.name && declaredOn(it.getObjectType?.() as Function));
      if (resolver) {
        if (!unguarded(resolver)) continue;
        const direct = resolver.kind === "external" ? directCall(resolver, built.resolve!) : directGetter(resolver, built.resolve!);
        if (direct) built.resolve = direct;
      } else if (field && field.name === field.schemaName && unguarded(field)) built.resolve = undefined;
    }
  }
}

function classChain(target: Function): Function[] {
  const chain: Function[] = [];
  for (let it: unknown = target; typeof it === "function" && it !== Function.prototype; it = Object.getPrototypeOf(it)) chain.push(it as Function);
  return chain;
}

type Resolve = GraphQLFieldResolver<unknown, unknown>;
type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>["fieldResolvers"][number];

/** A getter of the object type's class (a global id, a span), read straight from an instance. */
function directGetter(resolver: FieldResolverMetadata, wrapped: Resolve): Resolve | undefined {
  const target = resolver.getObjectType?.() as Function | undefined;
  const getter = target && classChain(target).some((it) => Object.getOwnPropertyDescriptor(it.prototype, resolver.methodName)?.get);
  if (!getter) return undefined;
  const property = resolver.methodName;
  return (root, args, context, info) => (root instanceof target ? (root as Record<string, unknown>)[property] : wrapped(root, args, context, info));
}

/** The method of `resolver` called with its @Root, @Ctx and @Info, or undefined when it takes anything else. */
function directCall(resolver: FieldResolverMetadata, wrapped: Resolve): Resolve | undefined {
  const params = [...resolver.params!].sort((a, b) => a.index - b.index);
  if (!params.every((param) => ["root", "context", "info"].includes(param.kind) && !("propertyName" in param && param.propertyName))) return undefined;
  const rootType = params.map((param) => (param.kind === "root" ? param.getType?.() : undefined)).find((it) => typeof it === "function");
  const instance = new (resolver.target as new () => Record<string, (...args: unknown[]) => unknown>)();
  const method = resolver.methodName;
  const pick: ((root: unknown, context: unknown, info: GraphQLResolveInfo) => unknown)[] = params.map((param) =>
    param.kind === "root" ? (root) => root : param.kind === "context" ? (_, context) => context : (_, __, info) => info,
  );
  return (root, args, context, info) => {
    if (rootType && root != null && !(root instanceof (rootType as Function))) return wrapped(root, args, context, info);
    return instance[method](...pick.map((get) => get(root, context, info)));
  };
}

/**
 * Whether `typeName.fieldName` runs no auth check and no middleware (a root field, a field
 * resolver or a plain field): only such fields may be answered without their resolvers.
 */
export function unguardedField(typeName: string, fieldName: string): boolean {
  const storage = getMetadataStorage();
  const unguarded = (metadata: { roles?: unknown[]; middlewares?: unknown[] }) => metadata.roles === undefined && (metadata.middlewares?.length ?? 0) === 0;
  if (typeName === "Query") return storage.queries.filter((query) => query.schemaName === fieldName).every(unguarded);
  const objectType = storage.objectTypes.find((it) => it.name === typeName);
  if (!objectType) return false;
  const classes = [...classChain(objectType.target), ...(objectType.interfaceClasses ?? [])];
  const declared = [
    ...storage.fields.filter((it) => it.schemaName === fieldName && classes.includes(it.target)),
    ...storage.fieldResolvers.filter((it) => it.schemaName === fieldName && classes.includes(it.getObjectType?.() as Function)),
  ];
  return declared.length > 0 && declared.every(unguarded);
}
