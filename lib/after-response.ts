// Work that must not lengthen (or shape the timing of) a response: run after it is sent (Next's `after`).
// Outside a request (scripts, tests) there is no response to wait for, so it runs at once.
import { after } from "next/server";

export async function afterResponse(task: () => Promise<void>): Promise<void> {
  let scheduled = false;
  try {
    after(async () => {
      try {
        await task();
      } catch (error) {
        console.error("[after-response] task failed:", error);
      }
    });
    scheduled = true;
  } catch {
    // Not inside a request scope.
  }
  if (!scheduled) await task();
}
