// The import's upload route acts for a signed-in staff member with a session cookie, so it refuses a request from
// another site (CSRF) before it reads the session or the file; from the back-office's own page it reads the file.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { importRuns } from "@/db/schema";
import { startImportRun } from "@/db/queries/student-import";
import type { StaffContext } from "@/db/queries/staff";
import { importCsvLine, importHeaderLine } from "@/lib/import/columns";
import { createBoardWithSchool } from "@/tests/helpers/school-fixtures";
import { boardSupportOf } from "@/tests/helpers/staff-fixtures";

const session = vi.hoisted(() => ({ staff: null as StaffContext | null, reads: 0 }));
vi.mock("@/lib/auth/session", () => ({
  currentStaff: async () => {
    session.reads += 1;
    return session.staff;
  },
}));

const { POST: upload } = await import("@/app/api/import-runs/[id]/upload/route");

const here = "http://localhost:3000";

async function startedRun() {
  const { board, school } = await createBoardWithSchool();
  const staff = await boardSupportOf(board);
  const started = await startImportRun({ scope: staff.scope, staffId: staff.staff.id, boardId: board.id, fileName: "eleves.csv" });
  if (!started.ok) throw new Error(started.error);
  session.staff = staff;
  const file = [
    importHeaderLine(),
    importCsvLine({
      organisme: board.code,
      ecole: school.code,
      fiche: "7654321",
      code_permanent: "",
      nom: "Tremblay",
      prenom: "Léa",
      date_naissance: "2015-03-02",
      niveau: "",
      courriel_1: "parent.lea@exemple.ca",
      courriel_2: "",
    }),
  ].join("\r\n") + "\r\n";
  return { runId: started.runId, file };
}

function post(runId: number, file: string, headers: Record<string, string>): [Request, { params: Promise<{ id: string }> }] {
  const request = new Request(`${here}/api/import-runs/${runId}/upload`, {
    method: "POST",
    headers: { host: "localhost:3000", "content-type": "text/csv", ...headers },
    body: file,
  });
  return [request, { params: Promise.resolve({ id: String(runId) }) }];
}

const statusOf = async (runId: number) => (await db.select().from(importRuns).where(eq(importRuns.id, runId)))[0]!.status;

beforeEach(() => {
  session.staff = null;
  session.reads = 0;
});

describe("import upload route", () => {
  it("refuses another site's request, or one without an origin, before reading the session or the file", async () => {
    const { runId, file } = await startedRun();
    for (const headers of [{ origin: "https://attaquant.example" }, { origin: "null" }, {}] as Record<string, string>[]) {
      const response = await upload(...post(runId, file, headers));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: "forbidden" });
    }
    expect(session.reads).toBe(0);
    expect(await statusOf(runId)).toBe("reading");
  });

  it("reads the file posted from the back-office's own page, also behind a proxy that names the public host", async () => {
    const direct = await startedRun();
    const response = await upload(...post(direct.runId, direct.file, { origin: here }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ runId: direct.runId, status: "ready" });

    const proxied = await startedRun();
    const behindProxy = await upload(
      ...post(proxied.runId, proxied.file, { host: "app:3000", origin: "https://portail.example", "x-forwarded-host": "portail.example" }),
    );
    expect(behindProxy.status).toBe(200);
  });

  it("answers 401 without a signed-in staff member, and the run is left as it was", async () => {
    const { runId, file } = await startedRun();
    session.staff = null;
    const response = await upload(...post(runId, file, { origin: here }));
    expect(response.status).toBe(401);
    expect(await statusOf(runId)).toBe("reading");
  });
});
