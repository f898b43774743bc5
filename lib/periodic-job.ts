// A background pass repeated on a timer in this process: one per name (kept across dev reloads), never keeping the
// process alive, its failures handed to onError instead of thrown.
type PeriodicJob = {
  name: string;
  everyMs: number;
  /** When the first pass runs: 0 at once, otherwise after this delay; unset, after the first interval. */
  firstAfterMs?: number;
  run: () => Promise<void>;
  onError: (error: unknown) => void;
};

const started = ((globalThis as unknown as { __periodicJobs?: Set<string> }).__periodicJobs ??= new Set<string>());

export function startPeriodicJob({ name, everyMs, firstAfterMs, run, onError }: PeriodicJob): void {
  if (started.has(name)) return;
  started.add(name);
  const pass = () => void run().catch(onError);
  setInterval(pass, everyMs).unref();
  if (firstAfterMs === 0) pass();
  else if (firstAfterMs !== undefined) setTimeout(pass, firstAfterMs).unref();
}
