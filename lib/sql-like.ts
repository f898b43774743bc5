// LIKE patterns built from what staff type: "%" and "_" (common in email addresses) must match themselves.

/** Escapes LIKE wildcards with a backslash, PostgreSQL's default escape character. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** "%value%", wildcards in the value escaped. */
export function containsPattern(value: string): string {
  return `%${escapeLike(value)}%`;
}
