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

  it("suggests a NIP for anything else", () => {
    expect(suggestedFix([{ code: "birth_date_differs" }])).toBe("issue_nip");
    expect(suggestedFix([{ code: "student_not_found", kind: "fiche" }])).toBe("issue_nip");
    expect(suggestedFix([{ code: "too_many_attempts" }])).toBe("issue_nip");
    expect(
      suggestedFix([
        { code: "last_name_differs", kind: "other" },
        { code: "email_not_on_record", kind: "not_listed" },
      ]),
    ).toBe("issue_nip");
  });

  it("suggests nothing when nothing blocks or nothing can be fixed", () => {
    expect(suggestedFix([])).toBeNull();
    expect(suggestedFix([{ code: "last_name_differs", kind: "accents" }])).toBeNull();
    expect(suggestedFix([{ code: "board_not_subscribed" }])).toBeNull();
    expect(suggestedFix([{ code: "already_associated" }])).toBeNull();
  });
});
