import { describe, expect, it } from "vitest";
import { suggestedFix } from "@/lib/association/suggested-fix";

describe("suggestedFix", () => {
  it("suggests fixing the email when it is the only blocking finding", () => {
    expect(suggestedFix([{ code: "email_not_on_record", kind: "not_listed" }])).toBe("fix_email");
    expect(
      suggestedFix([
        { code: "last_name_differs", kind: "accents" },
        { code: "email_not_on_record", kind: "none_on_record" },
      ]),
    ).toBe("fix_email");
  });

  it("suggests telling the spelling when only names block", () => {
    expect(suggestedFix([{ code: "last_name_differs", kind: "other" }])).toBe("tell_spelling");
    expect(
      suggestedFix([
        { code: "last_name_differs", kind: "other" },
        { code: "first_name_differs", kind: "other" },
      ]),
    ).toBe("tell_spelling");
  });

  it("suggests a NIP when the account's email is on the record and only the birth date or names block", () => {
    expect(suggestedFix([{ code: "birth_date_differs" }])).toBe("issue_nip");
    expect(
      suggestedFix([
        { code: "birth_date_differs" },
        { code: "last_name_differs", kind: "other" },
        { code: "first_name_differs", kind: "other" },
      ]),
    ).toBe("issue_nip");
    // A NIP the school gave that ran out: give another.
    expect(suggestedFix([{ code: "nip_expired" }])).toBe("issue_nip");
  });

  it("never suggests a NIP when the email is not on the record and something else differs too", () => {
    const bothNamesAndEmail = [
      { code: "last_name_differs", kind: "other" },
      { code: "first_name_differs", kind: "other" },
      { code: "email_not_on_record", kind: "not_listed" },
    ];
    expect(suggestedFix(bothNamesAndEmail)).toBe("verify_identity");
    expect(suggestedFix([{ code: "birth_date_differs" }, { code: "email_not_on_record", kind: "none_on_record" }])).toBe(
      "verify_identity",
    );
    expect(suggestedFix([{ code: "last_name_differs", kind: "other" }, { code: "email_not_on_record", kind: "not_listed" }])).toBe(
      "verify_identity",
    );
  });

  it("sends staff to find the record when no record carries the typed identifier", () => {
    expect(suggestedFix([{ code: "student_not_found", kind: "fiche" }])).toBe("find_student");
  });

  it("suggests nothing when nothing blocks or nothing can be fixed", () => {
    expect(suggestedFix([])).toBeNull();
    expect(suggestedFix([{ code: "last_name_differs", kind: "accents" }])).toBeNull();
    expect(suggestedFix([{ code: "board_not_subscribed" }])).toBeNull();
    expect(suggestedFix([{ code: "already_associated" }])).toBeNull();
    expect(suggestedFix([{ code: "too_many_attempts" }])).toBeNull();
    expect(suggestedFix([{ code: "nip_unknown" }])).toBeNull();
    expect(suggestedFix([{ code: "nip_revoked" }])).toBeNull();
    expect(suggestedFix([{ code: "identifier_invalid", kind: "fiche_has_letters" }])).toBeNull();
  });
});
