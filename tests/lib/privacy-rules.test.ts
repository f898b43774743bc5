import { describe, expect, it } from "vitest";
import { csvCell, csvDocument } from "@/lib/csv-write";
import { mayActOnRecords, mayImportRecords } from "@/lib/auth/permissions";
import { mayImportAs } from "@/lib/import/access";
import { deletableFrom, incidentChanges, mayEditIncidents, mayReadRegister } from "@/lib/privacy/incident-rules";
import { incidentDeclarationSchema, incidentUpdateSchema } from "@/lib/validations/incidents";

describe("staff roles around privacy", () => {
  it("lets the privacy officer read and keep the register but change no record and import nothing", () => {
    expect(mayEditIncidents("privacy_officer")).toBe(true);
    expect(mayReadRegister("privacy_officer")).toBe(true);
    expect(mayActOnRecords("privacy_officer")).toBe(false);
    expect(mayImportRecords("privacy_officer")).toBe(false);
    expect(mayImportAs("privacy_officer")).toBe(false);
  });

  it("keeps the register's edits to the officer; admins read every board", () => {
    for (const role of ["secretary", "board_support", "admin"] as const) expect(mayEditIncidents(role)).toBe(false);
    expect(mayReadRegister("admin")).toBe(true);
    expect(mayReadRegister("secretary")).toBe(false);
    expect(mayReadRegister("board_support")).toBe(false);
    expect(mayImportAs("board_support")).toBe(true);
    expect(mayImportAs("secretary")).toBe(false);
    expect(mayImportAs(null)).toBe(false);
    expect(mayActOnRecords("secretary")).toBe(true);
  });
});

describe("keeping an entry five years", () => {
  it("counts from the later of the incident and its recording", () => {
    expect(deletableFrom({ createdAt: new Date("2026-11-20T15:00:00Z"), occurredFrom: "2026-10-01", occurredTo: null })).toBe("2031-11-20");
    expect(deletableFrom({ createdAt: new Date("2026-11-20T15:00:00Z"), occurredFrom: "2026-10-01", occurredTo: "2026-12-02" })).toBe("2031-12-02");
    expect(deletableFrom({ createdAt: new Date("2024-02-29T15:00:00Z"), occurredFrom: null, occurredTo: null })).toBe("2029-03-01");
  });
});

describe("an entry's edits", () => {
  it("lists only the fields that changed, with before and after", () => {
    const base = incidentUpdateSchema.parse({ incidentId: 1, status: "open", discoveredOn: "2026-11-20" });
    const { incidentId: _i, ...before } = base;
    const after = { ...before, measures: "Courriel corrigé", peopleConcerned: 2 };
    expect(incidentChanges(before, after)).toEqual({
      measures: { before: null, after: "Courriel corrigé" },
      peopleConcerned: { before: null, after: 2 },
    });
  });

  it("refuses a reversed period, a public notice without its reason and a bad date, with catalog keys", () => {
    const result = incidentUpdateSchema.safeParse({
      incidentId: 1, status: "open", discoveredOn: "2026-02-30", occurredFrom: "2026-11-10", occurredTo: "2026-11-01", publicNoticeOn: "2026-11-12",
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`).sort();
    expect(messages).toEqual(["discoveredOn:invalidDate", "occurredTo:periodReversed", "publicNoticeReason:publicNoticeReasonRequired"]);
    const ordered = incidentUpdateSchema.safeParse({ incidentId: 1, status: "open", discoveredOn: "2026-11-20", occurredFrom: "2026-11-10", occurredTo: "2026-11-01", publicNoticeOn: "2026-11-12" });
    expect(ordered.error!.issues.map((i) => i.message).sort()).toEqual(["periodReversed", "publicNoticeReasonRequired"]);
    expect(incidentDeclarationSchema.safeParse({ circumstances: "court", discoveredOn: "2026-11-20" }).error!.issues[0]!.message).toBe("describeCircumstances");
  });
});

describe("CSV for spreadsheets", () => {
  it("quotes delimiters and quotes, and neutralises formulas", () => {
    expect(csvCell('Tremblay, "Jr"')).toBe('"Tremblay, ""Jr"""');
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(null)).toBe("");
    expect(csvCell("ligne 1\nligne 2")).toBe('"ligne 1\nligne 2"');
    expect(csvDocument(["a", "b"], [[1, "x;y"]])).toBe('\uFEFFa,b\r\n1,"x;y"\r\n');
  });
});

describe("a parent's data as CSV", () => {
  it("writes one line per value, arrays of records numbered", async () => {
    const { ownDataRows } = await import("@/lib/privacy/own-data-csv");
    const rows = ownDataRows({
      exportedAt: "2026-12-01T07:00:00.000Z",
      account: { email: "parent@exemple.ca" },
      attempts: [{ at: "2026-11-01", typed: { lastName: "Côté" }, reasons: ["name_mismatch", "birth_date"] }],
    });
    expect(rows).toEqual([
      ["exportedAt", "", "", "2026-12-01T07:00:00.000Z"],
      ["account", "", "email", "parent@exemple.ca"],
      ["attempts", 1, "at", "2026-11-01"],
      ["attempts", 1, "typed.lastName", "Côté"],
      ["attempts", 1, "reasons", "name_mismatch ; birth_date"],
    ]);
  });
});
