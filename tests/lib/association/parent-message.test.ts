import { describe, expect, it } from "vitest";
import type { AssociationFailure } from "@/lib/association/diagnose";
import { birthDateMessageKey, identifierMessageKey, parentMessageFor } from "@/lib/association/parent-message";
import type { Reason } from "@/lib/association/reasons";

function failed(...reasons: Reason[]): AssociationFailure {
  return { ok: false, reasons, candidateStudentId: null };
}

describe("parentMessageFor", () => {
  it("says nothing on success", () => {
    expect(parentMessageFor({ ok: true, studentId: 1, notes: [] })).toBeNull();
  });

  it("gives the same message for every mismatch with a record, whichever field differs", () => {
    const mismatches: Reason[][] = [
      [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: "123" }],
      [{ code: "birth_date_differs", field: "birthDate", typed: "2012-01-01", expected: "2012-01-02" }],
      [{ code: "last_name_differs", field: "lastName", kind: "other", typed: "A", expected: "B" }],
      [{ code: "first_name_differs", field: "firstName", kind: "other", typed: "A", expected: "B" }],
      [{ code: "email_not_on_record", field: "email", kind: "not_listed", typed: "a@b.ca", expected: "c@d.ca" }],
      [
        { code: "last_name_differs", field: "lastName", kind: "accents", typed: "Cote", expected: "Côté", word: "Côté" },
        { code: "email_not_on_record", field: "email", kind: "none_on_record", typed: "a@b.ca", expected: "" },
      ],
    ];
    for (const reasons of mismatches) expect(parentMessageFor(failed(...reasons))).toBe("errors.noMatch");
  });

  it("names the problems that reveal nothing about a record", () => {
    expect(parentMessageFor(failed({ code: "too_many_attempts" }))).toBe("errors.tooManyAttempts");
    expect(parentMessageFor(failed({ code: "board_unknown" }))).toBe("errors.boardUnknown");
    expect(parentMessageFor(failed({ code: "board_not_subscribed" }))).toBe("errors.boardNotSubscribed");
    expect(parentMessageFor(failed({ code: "identifier_invalid", kind: "fiche_has_letters" }))).toBe(
      "errors.identifierInvalid.ficheHasLetters",
    );
    expect(parentMessageFor(failed({ code: "identifier_invalid", kind: "code_permanent_shape" }))).toBe(
      "errors.identifierInvalid.codePermanentShape",
    );
  });

  it("tells the parent a child is already on their own account, even when a name differs", () => {
    const result = failed({ code: "first_name_differs", kind: "other" }, { code: "already_associated" });
    expect(parentMessageFor(result)).toBe("errors.alreadyAssociated");
  });

  it("maps every bad-input problem to its own key", () => {
    expect(identifierMessageKey("empty")).toBe("errors.identifierInvalid.empty");
    expect(identifierMessageKey("fiche_too_long")).toBe("errors.identifierInvalid.ficheTooLong");
    expect(birthDateMessageKey("impossible_date")).toBe("errors.impossibleDate");
    expect(birthDateMessageKey("future_date")).toBe("errors.futureDate");
    expect(birthDateMessageKey("too_old")).toBe("errors.tooOld");
    expect(birthDateMessageKey("incomplete")).toBe("errors.birthDateIncomplete");
  });
});
