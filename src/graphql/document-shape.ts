import { Kind, type DirectiveNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/** What an operation's shape asks of the server, read through its fragments as GraphQL will run it. */
export interface DocumentShape {
  /** Distinct top-level fields (response keys): each is a separate entry point, however shallow. */
  rootFields: number;
  /** Fields on the longest path: `{ a { b } }` is 2 deep, whether written inline or through fragments. */
  depth: number;
  aliases: number;
  directives: number;
}

/** Introspection's own nesting is bounded by the schema and refused or allowed as a whole (introspection.ts). */
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

/** What a selection set adds up to, and so what each spread of a fragment adds where it is spread. */
interface Tally {
  depth: number;
  aliases: number;
  directives: number;
}

/**
 * One walk of the operation, with each named fragment read once and its tally added at every place
 * it is spread (its response carries its aliases once a spread). Spreads and inline fragments add no
 * level, so a Relay or Apollo app built from colocated fragments counts exactly as the same query
 * written inline. Introspection adds no depth (its nesting is the schema's, and it is allowed or
 * refused as a whole: introspection.ts), but its aliases and directives count. Fields sharing a
 * response key (`events` twice without aliases) are merged by GraphQL and count once among the root fields.
 */
export function documentShape(document: DocumentNode, operation: OperationDefinitionNode): DocumentShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // Each fragment's tally once read; a cycle (refused by validation anyway) reads as nothing.
  const fragmentTallies = new Map<string, Tally>();
  const directivesOf = (nodes: readonly DirectiveNode[] | undefined) => nodes?.length ?? 0;

  const tallyOf = (selectionSet: SelectionSetNode): Tally => {
    const tally: Tally = { depth: 0, aliases: 0, directives: 0 };
    const add = (below: Tally, levels: number) => {
      tally.depth = Math.max(tally.depth, levels + below.depth);
      tally.aliases += below.aliases;
      tally.directives += below.directives;
    };
    for (const selection of selectionSet.selections) {
      tally.directives += directivesOf(selection.directives);
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) tally.aliases += 1;
        const below = selection.selectionSet ? tallyOf(selection.selectionSet) : { depth: 0, aliases: 0, directives: 0 };
        add(INTROSPECTION_ROOTS.has(selection.name.value) ? { ...below, depth: 0 } : below, 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(tallyOf(selection.selectionSet), 0);
      } else {
        add(fragmentTally(selection.name.value), 0);
      }
    }
    return tally;
  };
  const fragmentTally = (name: string): Tally => {
    const known = fragmentTallies.get(name);
    if (known) return known;
    fragmentTallies.set(name, { depth: 0, aliases: 0, directives: 0 });
    const fragment = fragments.get(name);
    if (!fragment) return { depth: 0, aliases: 0, directives: 0 };
    const tally = tallyOf(fragment.selectionSet);
    tally.directives += directivesOf(fragment.directives);
    fragmentTallies.set(name, tally);
    return tally;
  };

  const { depth, aliases, directives } = tallyOf(operation.selectionSet);
  return { rootFields: rootResponseKeys(operation.selectionSet, fragments, new Set()).size, depth, aliases, directives: directives + directivesOf(operation.directives) };
}

function rootResponseKeys(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visited: Set<string>, keys = new Set<string>()): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      keys.add((selection.alias ?? selection.name).value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      rootResponseKeys(selection.selectionSet, fragments, visited, keys);
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) rootResponseKeys(fragment.selectionSet, fragments, visited, keys);
    }
  }
  return keys;
}
