/** The last element that passes, scanning from the end (Array.prototype.findLast is ES2023; the lib here is ES2022). */
export function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return items[i];
  return undefined;
}
