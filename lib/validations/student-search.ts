// The staff student search as the URL holds it (?q=&ecole=&niveau=&compte=&courriel=&tri=&page=), parsed leniently:
// whatever the URL carries, parsing yields a usable search (bad values fall back to their default), never an error.
import { z } from "zod";

/** Longest query kept; anything longer is cut (a name, an email or an identifier is far shorter). */
export const SEARCH_QUERY_MAX_LENGTH = 200;
export const STUDENT_SEARCH_PAGE_SIZE = 25;
/** Results are counted up to this number ("1000+" beyond) and only this many can be paged through. */
export const STUDENT_SEARCH_RESULT_CAP = 1000;
export const STUDENT_SEARCH_MAX_PAGE = Math.ceil(STUDENT_SEARCH_RESULT_CAP / STUDENT_SEARCH_PAGE_SIZE);

export const studentSortKeys = ["nom", "fiche", "naissance", "ecole"] as const;
export type StudentSortKey = (typeof studentSortKeys)[number];
export type StudentSort = { key: StudentSortKey; descending: boolean };
export const DEFAULT_STUDENT_SORT: StudentSort = { key: "nom", descending: false };

export type StudentSearchParams = {
  q: string;
  schoolId?: number;
  grade?: string;
  /** Students with at least one active association, or with none. */
  account?: "avec" | "sans";
  /** Only students whose record has no guardian email. */
  withoutGuardianEmail: boolean;
  sort: StudentSort;
  /** 1-based, at most STUDENT_SEARCH_MAX_PAGE. */
  page: number;
};

// Control characters (NUL included, which PostgreSQL refuses in text) and lone surrogates carry no meaning here.
const CONTROL_CHARACTERS = /[\p{Cc}\p{Cs}\u2028\u2029]+/gu;

/** What is left of a typed search once made safe: well-formed, no control characters, single spaces, capped. */
export function sanitizeSearchText(raw: unknown): string {
  if (typeof raw !== "string") return "";
  const cleaned = raw.toWellFormed().replace(CONTROL_CHARACTERS, " ").replace(/\s+/gu, " ").trim();
  // Cut by code points so an emoji or an accented letter is never split in half.
  const points = Array.from(cleaned);
  return points.length <= SEARCH_QUERY_MAX_LENGTH ? cleaned : points.slice(0, SEARCH_QUERY_MAX_LENGTH).join("").trim();
}

/** A repeated URL parameter (?q=a&q=b) counts once: the first value. */
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(first, schema.optional()).catch(undefined);

function parseSort(raw: unknown): StudentSort {
  const value = typeof raw === "string" ? raw.trim() : "";
  const descending = value.startsWith("-");
  const key = (descending ? value.slice(1) : value) as StudentSortKey;
  return studentSortKeys.includes(key) ? { key, descending } : DEFAULT_STUDENT_SORT;
}

export const studentSearchSchema = z
  .object({
    q: z.preprocess(first, z.unknown()).transform(sanitizeSearchText),
    ecole: optional(z.coerce.number().int().positive().max(2_147_483_647)),
    niveau: z.preprocess(first, z.unknown()).transform((value) => sanitizeSearchText(value).slice(0, 40) || undefined),
    compte: optional(z.enum(["avec", "sans"])),
    courriel: optional(z.enum(["sans"])),
    tri: z.preprocess(first, z.unknown()).transform(parseSort),
    page: z
      .preprocess(first, z.coerce.number().int().min(1))
      .transform((page) => Math.min(page, STUDENT_SEARCH_MAX_PAGE))
      .catch(1),
  })
  .transform(
    (raw): StudentSearchParams => ({
      q: raw.q,
      schoolId: raw.ecole,
      grade: raw.niveau,
      account: raw.compte,
      withoutGuardianEmail: raw.courriel === "sans",
      sort: raw.tri,
      page: raw.page,
    }),
  );

/** Parses URL search parameters (or any object) into a search; never throws. */
export function parseStudentSearch(input: unknown): StudentSearchParams {
  const parsed = studentSearchSchema.safeParse(input && typeof input === "object" ? input : {});
  return parsed.success
    ? parsed.data
    : { q: "", withoutGuardianEmail: false, sort: DEFAULT_STUDENT_SORT, page: 1 };
}

/** The URL query string of a search (default values left out), so a result list can be shared as a link. */
export function studentSearchQueryString(params: Partial<StudentSearchParams>): string {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.schoolId !== undefined) search.set("ecole", String(params.schoolId));
  if (params.grade) search.set("niveau", params.grade);
  if (params.account) search.set("compte", params.account);
  if (params.withoutGuardianEmail) search.set("courriel", "sans");
  const sort = params.sort ?? DEFAULT_STUDENT_SORT;
  if (sort.key !== DEFAULT_STUDENT_SORT.key || sort.descending) search.set("tri", `${sort.descending ? "-" : ""}${sort.key}`);
  if (params.page !== undefined && params.page > 1) search.set("page", String(params.page));
  return search.toString();
}
