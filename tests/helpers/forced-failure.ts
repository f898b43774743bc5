// Forced failures for database tests: make a transaction fail at its commit, after every statement ran, to prove
// that a staff change and its audit row are written together or not at all.
import { expect } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { ownerDb } from "@/tests/helpers/test-database";

const FAILURE = "forced failure at commit";
let installed = 0;

/**
 * Makes every transaction that inserts, updates or deletes a row of `table` fail when it commits (a deferred
 * constraint trigger), until the returned function removes it. A statement written outside that transaction,
 * before or after it, is not affected: that is what the checks below rely on.
 */
export async function failCommitsWriting(table: string, options: { onlyAuditAction?: string } = {}): Promise<() => Promise<void>> {
  installed += 1;
  const name = `forced_failure_${installed}`;
  await ownerDb().execute(
    sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$
      begin raise exception '${FAILURE} (%)', tg_table_name; end; $$`),
  );
  // With onlyAuditAction, only transactions that insert an audit row of that action fail.
  const events = options.onlyAuditAction
    ? `insert on ${quoteIdent(table)} deferrable initially deferred for each row
       when (new.action = '${options.onlyAuditAction.replace(/'/g, "''")}')`
    : `insert or update or delete on ${quoteIdent(table)} deferrable initially deferred for each row`;
  await ownerDb().execute(sql.raw(`create constraint trigger ${name} after ${events} execute function ${name}()`));
  return async () => {
    await ownerDb().execute(sql.raw(`drop trigger ${name} on ${quoteIdent(table)}`));
    await ownerDb().execute(sql.raw(`drop function ${name}()`));
  };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain table name: ${name}`);
  return `"${name}"`;
}

/** The messages of an error and of its causes (drizzle wraps the driver's error). */
function messagesOf(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(" <- ");
}

async function auditLogRows(): Promise<unknown[]> {
  const result = await db.execute(sql`select * from audit_log order by id`);
  return "rows" in result ? (result.rows as unknown[]) : (result as unknown as unknown[]);
}

export type AtomicChange = {
  /** Runs the staff action once, with preconditions under which it succeeds when nothing is forced to fail. */
  change: () => Promise<unknown>;
  /** The table the action changes (e.g. "nips"); its commit is forced to fail in the second run. */
  changedTable: string;
  /** What the action changes, read back; must be the same before and after a failed run. */
  snapshot: () => Promise<unknown>;
  /**
   * For an action that writes several audit rows (e.g. an import: one per student, then a summary): the
   * actions of those rows, each made to fail on its own, so a row written after the others is caught too.
   */
  auditActions?: string[];
};

/**
 * Proves that a staff action writes its change and its audit row in one transaction. The action runs twice,
 * and must fail both times leaving `snapshot()` and the whole audit log exactly as they were:
 * 1. the commit of the transaction that writes the audit row fails (after the audit row, as a late failure
 *    such as an unavailable outbox would) — catches a change committed before, or without, its audit row;
 * 2. the commit of the transaction that writes `changedTable` fails — catches an audit row committed on its
 *    own (before the change, or through another connection while the change's transaction is open).
 * Call it with the action's preconditions in place, then run the action once more and check it succeeds: that
 * shows the failures came from the forced commit, not from a refusal.
 */
export async function expectAuditedAtomically({ change, changedTable, snapshot, auditActions }: AtomicChange) {
  const runs: { table: string; onlyAuditAction?: string }[] = [
    ...(auditActions ?? [undefined]).map((onlyAuditAction) => ({ table: "audit_log", onlyAuditAction })),
    { table: changedTable },
  ];
  for (const { table, onlyAuditAction } of runs) {
    const failing = onlyAuditAction ? `audit_log (${onlyAuditAction})` : table;
    const before = await snapshot();
    const auditBefore = await auditLogRows();
    const remove = await failCommitsWriting(table, { onlyAuditAction });
    let outcome: { threw: true; error: unknown } | { threw: false; value: unknown };
    try {
      outcome = { threw: false, value: await change() };
    } catch (error) {
      outcome = { threw: true, error };
    } finally {
      await remove();
    }
    expect(outcome.threw, `the action should fail when the commit writing ${failing} fails, it returned ${JSON.stringify(outcome)}`).toBe(true);
    if (outcome.threw) expect(messagesOf(outcome.error)).toContain(FAILURE);
    expect(await snapshot(), `a change survived the failed commit of ${failing}`).toEqual(before);
    expect(await auditLogRows(), `an audit row survived the failed commit of ${failing}`).toEqual(auditBefore);
  }
}
