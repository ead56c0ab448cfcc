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

/**
 * One walk of the operation, with each named fragment read once (its depth, aliases and directives
 * do not depend on where it is spread): spreads and inline fragments add no level, so a Relay or
 * Apollo app built from colocated fragments counts exactly as the same query written inline.
 * Fields sharing a response key (`events` twice without aliases) are merged by GraphQL and count once
 * among the root fields.
 */
export function documentShape(document: DocumentNode, operation: OperationDefinitionNode): DocumentShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let aliases = 0;
  let directives = 0;
  const countDirectives = (nodes: readonly DirectiveNode[] | undefined) => (directives += nodes?.length ?? 0);
  // Depth of each fragment once read; a cycle (refused by validation anyway) reads as 0.
  const fragmentDepths = new Map<string, number>();

  const depthOf = (selectionSet: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      countDirectives(selection.directives);
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const below = selection.selectionSet && !INTROSPECTION_ROOTS.has(selection.name.value) ? depthOf(selection.selectionSet) : 0;
        deepest = Math.max(deepest, 1 + below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet));
      } else {
        deepest = Math.max(deepest, fragmentDepth(selection.name.value));
      }
    }
    return deepest;
  };
  const fragmentDepth = (name: string): number => {
    const known = fragmentDepths.get(name);
    if (known !== undefined) return known;
    fragmentDepths.set(name, 0);
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    countDirectives(fragment.directives);
    const depth = depthOf(fragment.selectionSet);
    fragmentDepths.set(name, depth);
    return depth;
  };

  countDirectives(operation.directives);
  const depth = depthOf(operation.selectionSet);
  return { rootFields: rootResponseKeys(operation.selectionSet, fragments, new Set()).size, depth, aliases, directives };
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
