import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { DocumentNode } from "graphql";

/**
 * What a cached document really holds: its syntax tree, and the whole source text it keeps through
 * its locations (comments included), at two bytes a character as V8 may store it. Apollo Server's
 * default store sizes an entry by the tree's JSON, which leaves the text out: 3,000 documents of
 * `{ __typename } # <60 KB comment>` counted as tiny and kept 207 MB alive.
 */
export function documentBytes(document: DocumentNode): number {
  return 2 * (document.loc?.source.body.length ?? 0) + Buffer.byteLength(JSON.stringify(document));
}

/** Apollo Server's store of parsed and validated documents, bounded by real bytes (NEWSGRAPH_DOCUMENT_CACHE_BYTES). */
export function documentCache(maxBytes: number): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({ maxSize: maxBytes, sizeCalculation: documentBytes });
}
