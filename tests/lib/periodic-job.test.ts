import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startPeriodicJob } from "@/lib/periodic-job";

let job = 0;
const uniqueName = () => `test-job-${++job}`;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("periodic job", () => {
  it("runs once per interval, and only one timer per name however often it is started", async () => {
    const run = vi.fn(async () => {});
    const name = uniqueName();
    startPeriodicJob({ name, everyMs: 1_000, run, onError: () => {} });
    startPeriodicJob({ name, everyMs: 1_000, run, onError: () => {} });
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("runs a first pass at once or after the delay asked", async () => {
    const atOnce = vi.fn(async () => {});
    startPeriodicJob({ name: uniqueName(), everyMs: 10_000, firstAfterMs: 0, run: atOnce, onError: () => {} });
    expect(atOnce).toHaveBeenCalledTimes(1);
    const delayed = vi.fn(async () => {});
    startPeriodicJob({ name: uniqueName(), everyMs: 10_000, firstAfterMs: 500, run: delayed, onError: () => {} });
    await vi.advanceTimersByTimeAsync(499);
    expect(delayed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(delayed).toHaveBeenCalledTimes(1);
  });

  it("hands a failed pass to onError and keeps running", async () => {
    const failure = new Error("database down");
    const run = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const onError = vi.fn();
    startPeriodicJob({ name: uniqueName(), everyMs: 1_000, run, onError });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(onError).toHaveBeenCalledWith(failure);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
