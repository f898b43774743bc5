// Deterministic generator of Quebec school data: boards, schools, and a stream of student records with guardian
// emails. Pure (no I/O); students are yielded family by family so millions can be written without holding them.
import { codePermanent, type Sex } from "@/db/seed-data/code-permanent";
import { birthDateRangeFor, GRADES, type Grade, type Level } from "@/db/seed-data/grades";
import { BOY_FIRST_NAMES, FAMILY_NAMES, GIRL_FIRST_NAMES, PARENT_FIRST_NAMES } from "@/db/seed-data/quebec-names";
import { BOARD_TEMPLATES, SCHOOL_NAME_THEMES, STREET_NAMES } from "@/db/seed-data/quebec-places";
import { affinePermutation, createRandom, deriveSeed, type Random } from "@/db/seed-data/random";

export type BoardKind = "css" | "english" | "private";

/** A school board: the columns of school_boards, plus what the generator needs to place its schools. */
export type BoardRecord = {
  code: string;
  name: string;
  kind: BoardKind;
  subscribed: boolean;
  firstRegistrationUrl: string;
  otherSchoolUrl: string;
  nipLifetimeMinutes: number;
  city: string;
  areaCode: string;
  postalPrefix: string;
  /** Domain of the board's (fictitious) website and school addresses. */
  domain: string;
  /** Digits of the board's fiche numbers (the guides: up to 7). */
  ficheDigits: number;
};

export type SchoolRecord = {
  boardCode: string;
  /** Unique within the board. */
  code: string;
  name: string;
  level: Level;
  phone: string;
  email: string;
  address: string;
  website: string;
};

export type StudentRecord = {
  /** Children with the same familyIndex are siblings and share their guardians' emails. */
  familyIndex: number;
  boardCode: string;
  schoolCode: string;
  /** Unique within the board. */
  fiche: string;
  /** 12 characters, or 10 when the ministry has not completed it. */
  codePermanent: string;
  lastName: string;
  firstName: string;
  sex: Sex;
  birthDate: string;
  grade: string;
  /** Lower case; one or two répondants. */
  guardianEmails: string[];
};

// ---------- helpers shared by the generators ----------

/** "Côté", "D'Amour", "St-Pierre" → "cote", "damour", "st-pierre": the form people type into an address. */
const namePartCache = new Map<string, string>();

export function emailNamePart(name: string, hyphen: "-" | "_" | "" = "-"): string {
  const key = `${hyphen}|${name}`;
  let part = namePartCache.get(key);
  if (part === undefined) {
    part = foldNamePart(name, hyphen);
    namePartCache.set(key, part);
  }
  return part;
}

function foldNamePart(name: string, hyphen: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’\s]/g, "")
    .replace(/-/g, hyphen);
}

function slug(value: string): string {
  return emailNamePart(value, "-").replace(/[^a-z0-9-]/g, "").replace(/^-+|-+$/g, "");
}

function boardDomain(code: string): string {
  return `${code.toLowerCase()}-demo.ca`;
}

/** Letters allowed in Canadian postal codes (no D, F, I, O, Q, U). */
const POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ";

function postalCode(random: Random, prefix: string): string {
  return `${prefix} ${random.int(0, 9)}${random.pick([...POSTAL_LETTERS])}${random.int(0, 9)}`;
}

function phoneNumber(random: Random, areaCode: string): string {
  return `${areaCode} ${random.int(200, 999)}-${String(random.int(0, 9999)).padStart(4, "0")}`;
}

const DAY_MS = 86_400_000;
const isoDates = new Map<number, string>();

/** Day number (days since 1970-01-01) → "YYYY-MM-DD"; a school population spans a few thousand distinct days. */
function isoDateOfDay(day: number): string {
  let iso = isoDates.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDates.set(day, iso);
  }
  return iso;
}

function dayOf(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

// ---------- boards ----------

export type BoardOptions = {
  seed: number;
  /** Public boards, taken in order from the list of Quebec's CSS and English boards (at most its length). */
  publicCount: number;
  /** Private schools, each its own organisme scolaire. */
  privateCount: number;
  /** Share of boards subscribed to the portal. */
  subscribedRate?: number;
};

export function boardUrls(domain: string): Pick<BoardRecord, "firstRegistrationUrl" | "otherSchoolUrl"> {
  return {
    firstRegistrationUrl: `https://www.${domain}/inscription`,
    otherSchoolUrl: `https://www.${domain}/changement-ecole`,
  };
}

export function generateBoards(options: BoardOptions): BoardRecord[] {
  const random = createRandom(deriveSeed(options.seed, "boards"));
  const subscribedRate = options.subscribedRate ?? 0.9;
  if (options.publicCount > BOARD_TEMPLATES.length) {
    throw new RangeError(`at most ${BOARD_TEMPLATES.length} public boards`);
  }
  const publicBoards = BOARD_TEMPLATES.slice(0, options.publicCount).map((template): BoardRecord => {
    const domain = boardDomain(template.code);
    return {
      code: template.code,
      name: template.name,
      kind: template.kind,
      subscribed: random.chance(subscribedRate),
      ...boardUrls(domain),
      nipLifetimeMinutes: 15,
      city: template.city,
      areaCode: template.areaCode,
      postalPrefix: template.postalPrefix,
      domain,
      ficheDigits: 7,
    };
  });
  const privateBoards = Array.from({ length: options.privateCount }, (_, i): BoardRecord => {
    const place = random.pick(BOARD_TEMPLATES);
    const theme = SCHOOL_NAME_THEMES[i % SCHOOL_NAME_THEMES.length];
    const round = Math.floor(i / SCHOOL_NAME_THEMES.length);
    const code = `CP${String(i + 1).padStart(3, "0")}`;
    const domain = boardDomain(code);
    return {
      code,
      name: `Collège privé ${theme}${round > 0 ? ` ${round + 1}` : ""} (${place.city})`,
      kind: "private",
      subscribed: random.chance(subscribedRate * 0.6),
      ...boardUrls(domain),
      nipLifetimeMinutes: 15,
      city: place.city,
      areaCode: place.areaCode,
      postalPrefix: place.postalPrefix,
      domain,
      ficheDigits: 6,
    };
  });
  return [...publicBoards, ...privateBoards];
}

// ---------- schools ----------

export type SchoolOptions = {
  seed: number;
  boards: readonly BoardRecord[];
  /** Total schools; every private board gets one secondary school, every public board at least two. */
  total: number;
};

export function schoolRecord(
  random: Random,
  board: Pick<BoardRecord, "code" | "city" | "areaCode" | "postalPrefix" | "domain">,
  code: string,
  name: string,
  level: Level,
): SchoolRecord {
  const handle = slug(name.replace(/^(École secondaire|École|Collège privé|Collège)\s+/, ""));
  return {
    boardCode: board.code,
    code,
    name,
    level,
    phone: phoneNumber(random, board.areaCode),
    email: `${handle}@${board.domain}`,
    address: `${random.int(10, 4999)}, ${random.pick(STREET_NAMES)}, ${board.city} (Québec) ${postalCode(random, board.postalPrefix)}`,
    website: `https://${handle}.${board.domain}`,
  };
}

export function generateSchools(options: SchoolOptions): SchoolRecord[] {
  const random = createRandom(deriveSeed(options.seed, "schools"));
  const privateBoards = options.boards.filter((board) => board.kind === "private");
  const publicBoards = options.boards.filter((board) => board.kind !== "private");
  const publicTotal = options.total - privateBoards.length;
  if (publicTotal < publicBoards.length * 2) throw new RangeError("too few schools for the boards");

  const weights = publicBoards.map(() => 0.3 + random.next() * 2.7);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const counts = weights.map((w) => Math.max(2, Math.floor((w / weightSum) * publicTotal)));
  // Rounding leaves a remainder (or an excess from the minimum of two); settle it one school at a time.
  let difference = publicTotal - counts.reduce((sum, n) => sum + n, 0);
  for (let i = 0; difference !== 0; i = (i + 1) % counts.length) {
    if (difference > 0) {
      counts[i] += 1;
      difference -= 1;
    } else if (counts[i] > 2) {
      counts[i] -= 1;
      difference += 1;
    }
  }

  const schools: SchoolRecord[] = [];
  publicBoards.forEach((board, b) => {
    const themeOrder = affinePermutation(SCHOOL_NAME_THEMES.length, deriveSeed(options.seed, `themes-${board.code}`));
    for (let i = 0; i < counts[b]; i++) {
      // The first school is secondary and the second primary, so every board has both; then about 4 in 5 are primary.
      const level: Level = i === 0 ? "secondary" : i === 1 ? "primary" : random.chance(0.78) ? "primary" : "secondary";
      const theme = SCHOOL_NAME_THEMES[themeOrder(i % SCHOOL_NAME_THEMES.length)];
      const round = Math.floor(i / SCHOOL_NAME_THEMES.length);
      const base = level === "primary" ? `École ${theme}` : `École secondaire ${theme}`;
      const name = round > 0 ? `${base} (pavillon ${round + 1})` : base;
      schools.push(schoolRecord(random, board, String(i + 1).padStart(3, "0"), name, level));
    }
  });
  for (const board of privateBoards) {
    schools.push(schoolRecord(random, board, "001", board.name.replace(/ \(.*\)$/, ""), "secondary"));
  }
  return schools;
}

// ---------- students ----------

export type StudentOptions = {
  seed: number;
  boards: readonly BoardRecord[];
  schools: readonly SchoolRecord[];
  /** Students to yield; the stream stops in the middle of a family if needed. */
  count: number;
  /** Share of families (hence of students) with two répondant emails. Default 0.4. */
  twoGuardianRate?: number;
  /** Share of secondary students in a private school, when there is one. Default 0.12. */
  privateSecondaryRate?: number;
  /** Share of children schooled in another public board than their siblings. Default 0.02. */
  crossBoardRate?: number;
  /** Share of codes permanents not yet completed by the ministry (10 characters). Default 0.02. */
  incompleteCodeRate?: number;
};

const EMAIL_DOMAINS = [
  "gmail.com", "hotmail.com", "outlook.com", "videotron.ca", "yahoo.ca", "live.ca",
  "icloud.com", "globetrotter.net", "sympatico.ca", "cgocable.ca", "bell.net", "hotmail.ca",
] as const;

/** Local-part shapes; each stays unambiguous (see the uniqueness note in guardianEmail). */
const EMAIL_PATTERNS: readonly ((first: string, last: string, digits: string) => string)[] = [
  (first, last, digits) => `${emailNamePart(first, "-")}.${emailNamePart(last)}${digits}`,
  (first, last, digits) => `${emailNamePart(first, "_")}.${emailNamePart(last)}${digits}+ecole`,
  (first, last, digits) => `${emailNamePart(first, "")}_${emailNamePart(last)}${digits}`,
  (first, last, digits) => `${emailNamePart(last)}.${emailNamePart(first, "")}${digits}`,
];

const NAME_SPACE = FAMILY_NAMES.length * PARENT_FIRST_NAMES.length * EMAIL_DOMAINS.length * EMAIL_PATTERNS.length;

/**
 * The first guardian of each family owns one point of the name space (family name × first name × domain × pattern),
 * visited in a shuffled order: the first NAME_SPACE families get distinct plain addresses. Every other address ends
 * with digits unique to (family, guardian), and names never contain digits, so no two families ever share an email.
 */
function guardianEmail(
  familyIndex: number,
  slot: 0 | 1,
  person: { first: string; last: string },
  patternIndex: number,
  domainIndex: number,
): string {
  const plain = slot === 0 && familyIndex < NAME_SPACE;
  const digits = plain ? "" : String(familyIndex * 2 + slot);
  return `${EMAIL_PATTERNS[patternIndex](person.first, person.last, digits)}@${EMAIL_DOMAINS[domainIndex]}`;
}

const GRADE_WEIGHTS = GRADES.map((grade) => grade.weight);

/** Siblings are in different grades (twins are left out: they would share a birth date). */
function pickGrade(random: Random, taken: readonly Grade[]): Grade {
  for (let tries = 0; tries < 8; tries++) {
    const grade = GRADES[random.weightedIndex(GRADE_WEIGHTS)];
    if (!taken.includes(grade)) return grade;
  }
  return GRADES.find((grade) => !taken.includes(grade)) ?? GRADES[0];
}

type SchoolsByLevel = Record<Level, SchoolRecord[]>;

function pickDistinct<T>(random: Random, items: readonly T[], taken: readonly T[]): T {
  for (let tries = 0; tries < 8; tries++) {
    const item = random.pick(items);
    if (!taken.includes(item)) return item;
  }
  return random.pick(items);
}

/** Yields `count` students, family by family; the same options always yield the same records in the same order. */
export function* generateStudents(options: StudentOptions): Generator<StudentRecord, void, undefined> {
  const twoGuardianRate = options.twoGuardianRate ?? 0.4;
  const privateSecondaryRate = options.privateSecondaryRate ?? 0.12;
  const crossBoardRate = options.crossBoardRate ?? 0.02;
  const incompleteCodeRate = options.incompleteCodeRate ?? 0.02;
  const random = createRandom(deriveSeed(options.seed, "students"));
  const nameOrder = affinePermutation(NAME_SPACE, deriveSeed(options.seed, "guardian-names"));

  const birthDays = new Map(
    GRADES.map((grade) => {
      const range = birthDateRangeFor(grade);
      return [grade, { first: dayOf(range.from), span: dayOf(range.to) - dayOf(range.from) }] as const;
    }),
  );
  const boardByCode = new Map(options.boards.map((board) => [board.code, board]));
  const schoolsOf = new Map<string, SchoolsByLevel>();
  for (const school of options.schools) {
    if (!boardByCode.has(school.boardCode)) throw new Error(`school ${school.code} of unknown board ${school.boardCode}`);
    const byLevel = schoolsOf.get(school.boardCode) ?? { primary: [], secondary: [] };
    byLevel[school.level].push(school);
    schoolsOf.set(school.boardCode, byLevel);
  }
  const homeBoards = options.boards.filter((board) => board.kind !== "private" && schoolsOf.has(board.code));
  if (homeBoards.length === 0) throw new Error("no public board with schools");
  const homeWeights = homeBoards.map((board) => {
    const byLevel = schoolsOf.get(board.code)!;
    return byLevel.primary.length + byLevel.secondary.length;
  });
  const privateSchools = options.boards
    .filter((board) => board.kind === "private")
    .flatMap((board) => schoolsOf.get(board.code)?.secondary ?? []);

  const fiches = new Map<string, { next: number; order: (position: number) => number; base: number; size: number }>();
  function nextFiche(boardCode: string): string {
    let state = fiches.get(boardCode);
    if (!state) {
      const digits = boardByCode.get(boardCode)!.ficheDigits;
      const base = 10 ** (digits - 1);
      const size = 9 * base;
      state = { next: 0, order: affinePermutation(size, deriveSeed(options.seed, `fiches-${boardCode}`)), base, size };
      fiches.set(boardCode, state);
    }
    if (state.next >= state.size) throw new RangeError(`board ${boardCode} has no fiche numbers left`);
    return String(state.base + state.order(state.next++));
  }

  function schoolFor(level: Level, home: { board: BoardRecord; primary: SchoolRecord; secondary: SchoolRecord }) {
    if (level === "secondary" && privateSchools.length > 0 && random.chance(privateSecondaryRate)) {
      return random.pick(privateSchools);
    }
    if (homeBoards.length > 1 && random.chance(crossBoardRate)) {
      const other = pickDistinct(random, homeBoards, [home.board]);
      const byLevel = schoolsOf.get(other.code)!;
      return random.pick(byLevel[level].length > 0 ? byLevel[level] : byLevel.primary.concat(byLevel.secondary));
    }
    return home[level];
  }

  let emitted = 0;
  for (let familyIndex = 0; emitted < options.count; familyIndex++) {
    // Decode this family's point of the name space: family name, first guardian's first name, domain, pattern.
    let point = nameOrder(familyIndex % NAME_SPACE);
    const patternIndex = point % EMAIL_PATTERNS.length;
    point = Math.floor(point / EMAIL_PATTERNS.length);
    const domainIndex = point % EMAIL_DOMAINS.length;
    point = Math.floor(point / EMAIL_DOMAINS.length);
    const parentFirst = PARENT_FIRST_NAMES[point % PARENT_FIRST_NAMES.length];
    const familyName = FAMILY_NAMES[Math.floor(point / PARENT_FIRST_NAMES.length)];

    const partner = {
      first: random.pick(PARENT_FIRST_NAMES),
      last: pickDistinct(random, FAMILY_NAMES, [familyName]),
    };
    const emails = [guardianEmail(familyIndex, 0, { first: parentFirst, last: familyName }, patternIndex, domainIndex)];
    if (random.chance(twoGuardianRate)) {
      const pattern = random.int(0, EMAIL_PATTERNS.length - 1);
      emails.push(guardianEmail(familyIndex, 1, partner, pattern, random.int(0, EMAIL_DOMAINS.length - 1)));
    }

    const style = random.next();
    const childLastName =
      style < 0.72 ? familyName : style < 0.93 ? `${familyName}-${partner.last}` : `${familyName} ${partner.last}`;

    const homeBoard = homeBoards[random.weightedIndex(homeWeights)];
    const homeSchools = schoolsOf.get(homeBoard.code)!;
    const anyHomeSchool = homeSchools.primary.concat(homeSchools.secondary);
    const home = {
      board: homeBoard,
      primary: random.pick(homeSchools.primary.length > 0 ? homeSchools.primary : anyHomeSchool),
      secondary: random.pick(homeSchools.secondary.length > 0 ? homeSchools.secondary : anyHomeSchool),
    };

    const childCount = 1 + random.weightedIndex([0.45, 0.4, 0.15]);
    const grades: Grade[] = [];
    const firstNames: string[] = [];
    for (let child = 0; child < childCount && emitted < options.count; child++) {
      const grade = pickGrade(random, grades);
      grades.push(grade);
      const sex: Sex = random.chance(0.5) ? "F" : "M";
      const firstName = pickDistinct(random, sex === "F" ? GIRL_FIRST_NAMES : BOY_FIRST_NAMES, firstNames);
      firstNames.push(firstName);
      const days = birthDays.get(grade)!;
      const birthDate = isoDateOfDay(days.first + random.int(0, days.span));
      const ministryDigits = random.chance(incompleteCodeRate) ? null : random.int(1, 99);
      const school = schoolFor(grade.level, home);
      emitted += 1;
      yield {
        familyIndex,
        boardCode: school.boardCode,
        schoolCode: school.code,
        fiche: nextFiche(school.boardCode),
        codePermanent: codePermanent({ lastName: childLastName, firstName, sex, birthDate }, ministryDigits),
        lastName: childLastName,
        firstName,
        sex,
        birthDate,
        grade: grade.label,
        guardianEmails: emails,
      };
    }
  }
}
