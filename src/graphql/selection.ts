import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * Lookahead: which fields a request selects below the current one, so a list's query can join
 * what the next level will ask for. Fragments and inline fragments count; @skip/@include are
 * ignored (at worst a join is made that was not needed).
 */
function fieldsOf(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, info, into);
    else fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
  return into;
}

const childFields = (fields: FieldNode[], name: string, info: GraphQLResolveInfo) =>
  fields.filter((field) => field.name.value === name).flatMap((field) => fieldsOf(field.selectionSet, info));

// Parsed documents are cached and reused across requests, so a field node is a stable key, when
// it stands alone: a field selected twice (merged) is worked out every time.
const connectionCache = new WeakMap<FieldNode, Set<string>>();
const listCache = new WeakMap<FieldNode, Set<string>>();
const subfieldCache = new WeakMap<FieldNode, Map<string, Set<string>>>();

function cached(cache: WeakMap<FieldNode, Set<string>>, info: GraphQLResolveInfo, compute: () => Set<string>): Set<string> {
  if (info.fieldNodes.length !== 1) return compute();
  let names = cache.get(info.fieldNodes[0]);
  if (!names) cache.set(info.fieldNodes[0], (names = compute()));
  return names;
}

/** The fields selected on a connection's nodes (under `nodes` and `edges { node }`). */
function nodeFields(info: GraphQLResolveInfo): FieldNode[] {
  const own = info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info));
  return [...childFields(own, "nodes", info), ...childFields(childFields(own, "edges", info), "node", info)];
}

/** The names of the fields selected on a connection's nodes (under `nodes` and `edges { node }`). */
export function selectedNodeFields(info: GraphQLResolveInfo): Set<string> {
  return cached(connectionCache, info, () => new Set(nodeFields(info).map((field) => field.name.value)));
}

/** The names of the fields selected under `field` of a connection's nodes (`nodes { speaker { … } }`). */
export function selectedNodeSubfields(info: GraphQLResolveInfo, field: string): Set<string> {
  let byField = subfieldCache.get(info.fieldNodes[0]);
  if (!byField) subfieldCache.set(info.fieldNodes[0], (byField = new Map()));
  let names = info.fieldNodes.length === 1 ? byField.get(field) : undefined;
  if (!names) {
    names = new Set(childFields(nodeFields(info), field, info).map((child) => child.name.value));
    if (info.fieldNodes.length === 1) byField.set(field, names);
  }
  return names;
}

/** The names of the fields selected on the items of a plain list or object field. */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  return cached(listCache, info, () => new Set(info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info)).map((field) => field.name.value)));
}
