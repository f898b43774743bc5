import { describe, expect, it } from "vitest";
import { NIP_LENGTH, formatNip, generateNip } from "@/lib/association/nip-code";
import { boardMatches } from "@/lib/board-search";
import { isoDateIn } from "@/lib/birth-date";
import {
  NIP_TYPED_LENGTH,
  associateByMatchSchema,
  associateByNipSchema,
  type AssociateByMatchInput,
} from "@/lib/validations/association";

const valid: AssociateByMatchInput = {
  boardId: "3",
  lastName: " Côté ",
  firstName: "Léa-Rose",
  birthDate: { day: "14", month: "3", year: "2015" },
  identifier: "e0123456",
};

function messagesOf(input: unknown) {
  const parsed = associateByMatchSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("association form schema", () => {
  it("turns the form's values into the query's: board id, trimmed names, ISO birth date", () => {
    expect(associateByMatchSchema.parse(valid)).toEqual({
      boardId: 3,
      lastName: "Côté",
      firstName: "Léa-Rose",
      birthDate: "2015-03-14",
      identifier: "e0123456",
    });
  });

  it("reports every problem at once, each under its field, as full catalog keys", () => {
    expect(
      messagesOf({ boardId: "", lastName: "", firstName: "x", birthDate: { day: "31", month: "2", year: "2015" }, identifier: "12a4567" }),
    ).toEqual({
      boardId: "associate.validation.boardRequired",
      lastName: "validation.required",
      birthDate: "association.errors.impossibleDate",
      identifier: "association.errors.identifierInvalid.ficheHasLetters",
    });
  });

  it("refuses a birth date in the future and an incomplete one", () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    const [y, m, d] = isoDateIn("America/Toronto", tomorrow).split("-");
    expect(messagesOf({ ...valid, birthDate: { day: d, month: m, year: y } })).toEqual({
      birthDate: "association.errors.futureDate",
    });
    expect(messagesOf({ ...valid, birthDate: { day: "14", month: "", year: "2015" } })).toEqual({
      birthDate: "association.errors.birthDateIncomplete",
    });
  });

  it("accepts a code permanent and refuses one of the wrong shape", () => {
    expect(messagesOf({ ...valid, identifier: "cotl 1453 1507" })).toEqual({});
    expect(messagesOf({ ...valid, identifier: "COTL1453" })).toEqual({
      identifier: "association.errors.identifierInvalid.codePermanentShape",
    });
  });
});

describe("NIP field", () => {
  it("expects as many characters as a NIP has", () => {
    expect(NIP_TYPED_LENGTH).toBe(NIP_LENGTH);
  });

  it("accepts a NIP typed with its hyphen, spaces or in lower case", () => {
    const nip = generateNip();
    for (const typed of [nip, formatNip(nip), ` ${formatNip(nip).toLowerCase()} `]) {
      expect(associateByNipSchema.safeParse({ nip: typed }).success).toBe(true);
    }
  });

  it("refuses an empty or truncated NIP before anything is sent", () => {
    expect(associateByNipSchema.safeParse({ nip: "  " }).error?.issues[0]?.message).toBe("validation.required");
    expect(associateByNipSchema.safeParse({ nip: "ABCD-EFG" }).error?.issues[0]?.message).toBe(
      "associate.validation.nipLength",
    );
  });
});

describe("board search", () => {
  const name = "CSS des Premières-Seigneuries";
  it.each(["premieres", "PREMIÈRES seign", "css premieres-seigneuries", ""])("finds the board with « %s »", (q) => {
    expect(boardMatches(name, q)).toBe(true);
  });
  it("does not find it with a word it lacks", () => {
    expect(boardMatches(name, "navigateurs")).toBe(false);
  });
});
