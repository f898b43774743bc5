import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  diagnoseAssociation,
  type AssociationContext,
  type AssociationInput,
  type StudentRecord,
} from "@/lib/association/diagnose";
import { nameArb, sortedLetters } from "@/tests/lib/association/arbitraries";
import type { AttemptReason } from "@/db/schema";

const record: StudentRecord = {
  id: 42,
  fiche: "1234567",
  codePermanent: "COTM05121099",
  lastName: "Côté-Tremblay",
  firstName: "Marie-Ève",
  birthDate: "2012-05-10",
  guardianEmails: ["Parent.Cote+ecole@exemple.ca", "autre_parent@exemple.ca"],
};

const input: AssociationInput = {
  boardId: 7,
  lastName: "Côté-Tremblay",
  firstName: "Marie-Ève",
  birthDate: "2012-05-10",
  identifier: "1234567",
  accountEmail: "parent.cote+ecole@exemple.ca",
};

function context(overrides: Partial<AssociationContext> = {}): AssociationContext {
  return {
    board: { id: 7, subscribed: true },
    candidates: [record],
    alreadyAssociatedStudentIds: [],
    recentFailedAttempts: 0,
    maxAttempts: 5,
    ...overrides,
  };
}

function codes(result: ReturnType<typeof diagnoseAssociation>): string[] {
  return result.ok ? [] : result.reasons.map((r) => r.code);
}

describe("diagnoseAssociation", () => {
  it("associates when everything matches", () => {
    expect(diagnoseAssociation(input, context())).toEqual({ ok: true, studentId: 42, notes: [] });
  });

  it("finds the student by fiche typed with a leading e and zeros", () => {
    const result = diagnoseAssociation({ ...input, identifier: "e01234567" }, context());
    expect(result).toMatchObject({ ok: true, studentId: 42 });
  });

  it("finds the student by code permanent in any case, with spaces", () => {
    const result = diagnoseAssociation({ ...input, identifier: "cotm 0512 1099" }, context());
    expect(result).toMatchObject({ ok: true, studentId: 42 });
  });

  it("associates despite missing accents and a space for the hyphen, and notes them for staff", () => {
    const result = diagnoseAssociation({ ...input, lastName: "Cote Tremblay", firstName: "Marie Eve" }, context());
    expect(result).toEqual({
      ok: true,
      studentId: 42,
      notes: [
        { code: "last_name_differs", field: "lastName", kind: "accents", word: "Côté", typed: "Cote Tremblay", expected: "Côté-Tremblay" },
        { code: "last_name_differs", field: "lastName", kind: "hyphen_or_space", typed: "Cote Tremblay", expected: "Côté-Tremblay" },
        { code: "first_name_differs", field: "firstName", kind: "accents", word: "Ève", typed: "Marie Eve", expected: "Marie-Ève" },
        { code: "first_name_differs", field: "firstName", kind: "hyphen_or_space", typed: "Marie Eve", expected: "Marie-Ève" },
      ],
    });
  });

  it("associates despite family names in the other order, and notes it", () => {
    const result = diagnoseAssociation({ ...input, lastName: "Tremblay-Côté" }, context());
    expect(result).toMatchObject({ ok: true, notes: [{ code: "last_name_differs", kind: "family_name_order" }] });
  });

  it("associates despite an apostrophe left out, and notes it", () => {
    const dAmour = { ...record, lastName: "D'Amour" };
    const result = diagnoseAssociation({ ...input, lastName: "Damour" }, context({ candidates: [dAmour] }));
    expect(result).toMatchObject({ ok: true, notes: [{ code: "last_name_differs", kind: "apostrophe" }] });
  });

  it("does not note differences of case and spacing", () => {
    const result = diagnoseAssociation({ ...input, lastName: "  CÔTÉ-TREMBLAY ", firstName: "marie-ève" }, context());
    expect(result).toEqual({ ok: true, studentId: 42, notes: [] });
  });

  it("accepts the account email in another case than on the record", () => {
    const result = diagnoseAssociation({ ...input, accountEmail: "AUTRE_PARENT@exemple.ca" }, context());
    expect(result).toMatchObject({ ok: true });
  });

  it("refuses everything once the attempt limit is reached, without evaluating the rest", () => {
    const result = diagnoseAssociation({ ...input, lastName: "Autre" }, context({ recentFailedAttempts: 5 }));
    expect(result).toEqual({ ok: false, reasons: [{ code: "too_many_attempts" }], candidateStudentId: null });
  });

  it("refuses an unknown board", () => {
    expect(diagnoseAssociation(input, context({ board: null }))).toEqual({
      ok: false,
      reasons: [{ code: "board_unknown", field: "board", typed: "7" }],
      candidateStudentId: null,
    });
    expect(codes(diagnoseAssociation(input, context({ board: { id: 8, subscribed: true } })))).toEqual(["board_unknown"]);
  });

  it("refuses a board not subscribed to the portal", () => {
    const result = diagnoseAssociation(input, context({ board: { id: 7, subscribed: false } }));
    expect(codes(result)).toEqual(["board_not_subscribed"]);
  });

  it("refuses a fiche with letters, saying so", () => {
    const result = diagnoseAssociation({ ...input, identifier: "12E4567" }, context());
    expect(result).toEqual({
      ok: false,
      reasons: [{ code: "identifier_invalid", field: "identifier", kind: "fiche_has_letters", typed: "12E4567" }],
      candidateStudentId: null,
    });
  });

  it("refuses a code permanent of the wrong shape, saying so", () => {
    const result = diagnoseAssociation({ ...input, identifier: "COT0512109" }, context());
    expect(result).toMatchObject({ ok: false, reasons: [{ code: "identifier_invalid", kind: "code_permanent_shape" }] });
  });

  it("says when no record carries the identifier", () => {
    const result = diagnoseAssociation({ ...input, identifier: "7654321" }, context());
    expect(result).toEqual({
      ok: false,
      reasons: [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: "7654321" }],
      candidateStudentId: null,
    });
  });

  it("ignores candidates that do not carry the identifier", () => {
    const result = diagnoseAssociation({ ...input, identifier: "COTM05121098" }, context());
    expect(codes(result)).toEqual(["student_not_found"]);
  });

  it("says when the birth date differs", () => {
    const result = diagnoseAssociation({ ...input, birthDate: "2012-10-05" }, context());
    expect(result).toEqual({
      ok: false,
      reasons: [{ code: "birth_date_differs", field: "birthDate", typed: "2012-10-05", expected: "2012-05-10" }],
      candidateStudentId: 42,
    });
  });

  it("says when the last name differs in spelling", () => {
    const result = diagnoseAssociation({ ...input, lastName: "Coté-Tremblé" }, context());
    const common = { code: "last_name_differs", field: "lastName", typed: "Coté-Tremblé", expected: "Côté-Tremblay" };
    expect(result).toEqual({
      ok: false,
      reasons: [
        { ...common, kind: "other", word: "Tremblay" },
        { ...common, kind: "accents", word: "Côté" },
      ],
      candidateStudentId: 42,
    });
  });

  it("says when the first name differs in spelling", () => {
    const result = diagnoseAssociation({ ...input, firstName: "Marie" }, context());
    expect(result).toMatchObject({
      ok: false,
      reasons: [{ code: "first_name_differs", field: "firstName", kind: "other", word: "Ève" }],
    });
  });

  it("says when the account email is not on the record, and which ones are", () => {
    const result = diagnoseAssociation({ ...input, accountEmail: "nouveau@exemple.ca" }, context());
    expect(result).toEqual({
      ok: false,
      reasons: [
        {
          code: "email_not_on_record",
          field: "email",
          kind: "not_listed",
          typed: "nouveau@exemple.ca",
          expected: "parent.cote+ecole@exemple.ca, autre_parent@exemple.ca",
        },
      ],
      candidateStudentId: 42,
    });
  });

  it("says when the record has no guardian email at all", () => {
    const result = diagnoseAssociation(input, context({ candidates: [{ ...record, guardianEmails: [] }] }));
    expect(result).toMatchObject({ ok: false, reasons: [{ code: "email_not_on_record", kind: "none_on_record" }] });
  });

  it("says when the child is already associated with this account", () => {
    const result = diagnoseAssociation(input, context({ alreadyAssociatedStudentIds: [42] }));
    expect(result).toEqual({ ok: false, reasons: [{ code: "already_associated" }], candidateStudentId: 42 });
  });

  it("reports every differing field, tolerated differences included", () => {
    const result = diagnoseAssociation(
      { ...input, birthDate: "2012-05-11", lastName: "Cote-Tremblay", firstName: "Marianne", accountEmail: "x@exemple.ca" },
      context(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons.map((r) => [r.code, r.kind])).toEqual([
      ["birth_date_differs", undefined],
      ["last_name_differs", "accents"],
      ["first_name_differs", "other"],
      ["email_not_on_record", "not_listed"],
    ]);
    expect(result.candidateStudentId).toBe(42);
  });

  it("keeps the candidate that explains the attempt best when a code permanent is shared", () => {
    const twin = { ...record, id: 43, fiche: "1234568", firstName: "Marie-Pier" };
    const result = diagnoseAssociation(
      { ...input, identifier: "COTM05121099", firstName: "Marie-Pier" },
      context({ candidates: [record, twin] }),
    );
    expect(result).toMatchObject({ ok: true, studentId: 43 });
  });

  it("produces reasons storable as AttemptReason", () => {
    const result = diagnoseAssociation({ ...input, firstName: "Marie" }, context());
    const stored: AttemptReason[] = result.ok ? result.notes : result.reasons;
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });
});

describe("diagnoseAssociation properties", () => {
  const isoDate = fc
    .date({ min: new Date("2005-01-01T00:00:00Z"), max: new Date("2024-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const email = fc.emailAddress();
  const recordArb = fc.record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    fiche: fc.integer({ min: 1, max: 9_999_999 }).map(String),
    codePermanent: fc.constant(null),
    lastName: nameArb,
    firstName: nameArb,
    birthDate: isoDate,
    guardianEmails: fc.array(email, { minLength: 1, maxLength: 2 }),
  });

  function inputFor(r: StudentRecord): AssociationInput {
    return {
      boardId: 7,
      lastName: r.lastName,
      firstName: r.firstName,
      birthDate: r.birthDate,
      identifier: `e00${r.fiche}`,
      accountEmail: r.guardianEmails[0].toUpperCase(),
    };
  }

  it("associates when the input equals the record", () => {
    fc.assert(
      fc.property(recordArb, (r) => {
        const result = diagnoseAssociation(inputFor(r), context({ candidates: [r] }));
        expect(result).toEqual({ ok: true, studentId: r.id, notes: [] });
      }),
    );
  });

  type Change = { field: "lastName" | "firstName" | "birthDate" | "accountEmail" | "identifier"; value: string };

  const expectedCode = {
    lastName: "last_name_differs",
    firstName: "first_name_differs",
    birthDate: "birth_date_differs",
    accountEmail: "email_not_on_record",
    identifier: "student_not_found",
  } as const;

  it("reports exactly the one field changed to another real value", () => {
    const change: fc.Arbitrary<Change> = fc.oneof(
      fc.record({ field: fc.constantFrom("lastName" as const, "firstName" as const), value: nameArb }),
      fc.record({ field: fc.constant("birthDate" as const), value: isoDate }),
      fc.record({ field: fc.constant("accountEmail" as const), value: email }),
      fc.record({ field: fc.constant("identifier" as const), value: fc.integer({ min: 1, max: 9_999_999 }).map(String) }),
    );
    fc.assert(
      fc.property(recordArb, change, (r, c) => {
        const original = inputFor(r);
        if (c.field === "lastName" || c.field === "firstName") fc.pre(sortedLetters(c.value) !== sortedLetters(r[c.field]));
        if (c.field === "birthDate") fc.pre(c.value !== r.birthDate);
        if (c.field === "accountEmail") fc.pre(!r.guardianEmails.some((e) => e.toLowerCase() === c.value.toLowerCase()));
        if (c.field === "identifier") fc.pre(c.value !== r.fiche);

        const result = diagnoseAssociation({ ...original, [c.field]: c.value }, context({ candidates: [r] }));
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(new Set(result.reasons.map((reason) => reason.code))).toEqual(new Set([expectedCode[c.field]]));
      }),
    );
  });
});
