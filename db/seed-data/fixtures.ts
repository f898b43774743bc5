// Fixed demo records that the README, the tests and the browser tests rely on: boards, schools, accounts, students.
import type { BoardRecord, SchoolRecord, StudentRecord } from "@/db/seed-data/generate";
import type { StaffRole } from "@/db/schema";

/** Password of every demo account, staff and parent (18 characters, four classes: passes the policy). */
export const DEMO_STAFF_PASSWORD = "Demo-Portail-2026!";

/** Seed of the generated part of the demo data, and how many students it adds. */
export const DEMO_SEED = 20262027;
export const DEMO_GENERATED_STUDENTS = 360;

export const DEMO_BOARDS: readonly BoardRecord[] = [
  {
    code: "CSSPS",
    name: "CSS des Premières-Seigneuries",
    kind: "css",
    subscribed: true,
    firstRegistrationUrl: "https://www.cssps-demo.ca/inscription",
    otherSchoolUrl: "https://www.cssps-demo.ca/changement-ecole",
    nipLifetimeMinutes: 15,
    city: "Québec",
    areaCode: "418",
    postalPrefix: "G1E",
    domain: "cssps-demo.ca",
    ficheDigits: 7,
  },
  {
    code: "CSSDN",
    name: "CSS des Navigateurs",
    kind: "css",
    subscribed: true,
    firstRegistrationUrl: "https://www.cssdn-demo.ca/inscription",
    otherSchoolUrl: "https://www.cssdn-demo.ca/changement-ecole",
    nipLifetimeMinutes: 15,
    city: "Lévis",
    areaCode: "418",
    postalPrefix: "G6V",
    domain: "cssdn-demo.ca",
    ficheDigits: 7,
  },
  {
    code: "CPSL",
    name: "Collège privé Saint-Laurent",
    kind: "private",
    subscribed: false,
    firstRegistrationUrl: "https://www.cpsl-demo.ca/admission",
    otherSchoolUrl: "https://www.cpsl-demo.ca/admission/transfert",
    nipLifetimeMinutes: 15,
    city: "Montréal",
    areaCode: "514",
    postalPrefix: "H4L",
    domain: "cpsl-demo.ca",
    ficheDigits: 6,
  },
];

export const DEMO_SCHOOLS: readonly SchoolRecord[] = [
  {
    boardCode: "CSSPS",
    code: "041",
    name: "École des Cèdres",
    level: "primary",
    phone: "418 821-4041",
    email: "cedres@cssps-demo.ca",
    address: "2740, avenue Royale, Québec (Québec) G1E 1T9",
    website: "https://cedres.cssps-demo.ca",
  },
  {
    boardCode: "CSSPS",
    code: "046",
    name: "École de la Source",
    level: "primary",
    phone: "418 821-4046",
    email: "source@cssps-demo.ca",
    address: "615, rue des Érables, Québec (Québec) G1E 3S2",
    website: "https://source.cssps-demo.ca",
  },
  {
    boardCode: "CSSPS",
    code: "853",
    name: "École secondaire du Boisé",
    level: "secondary",
    phone: "418 821-8853",
    email: "boise@cssps-demo.ca",
    address: "3400, boulevard des Chutes, Québec (Québec) G1E 4L6",
    website: "https://boise.cssps-demo.ca",
  },
  {
    boardCode: "CSSDN",
    code: "112",
    name: "École de l'Envol",
    level: "primary",
    phone: "418 838-8112",
    email: "envol@cssdn-demo.ca",
    address: "55, rue des Commandeurs, Lévis (Québec) G6V 6P5",
    website: "https://envol.cssdn-demo.ca",
  },
  {
    boardCode: "CSSDN",
    code: "420",
    name: "École secondaire des Rives",
    level: "secondary",
    phone: "418 838-8420",
    email: "rives@cssdn-demo.ca",
    address: "1100, boulevard Guillaume-Couture, Lévis (Québec) G6W 0R8",
    website: "https://rives.cssdn-demo.ca",
  },
  {
    boardCode: "CPSL",
    code: "001",
    name: "Collège privé Saint-Laurent",
    level: "secondary",
    phone: "514 744-0001",
    email: "secretariat@cpsl-demo.ca",
    address: "1505, boulevard Henri-Bourassa Ouest, Montréal (Québec) H4L 1X1",
    website: "https://www.cpsl-demo.ca",
  },
];

export type DemoStaff = {
  email: string;
  name: string;
  role: StaffRole;
  boardCode: string | null;
  /** Schools the account works for (secretaries only). */
  schoolCodes: readonly string[];
};

/**
 * TOTP secret (base32) of every demo staff account, so the quick start can sign in: add it to an authenticator
 * app by hand, or compute a code with `npx tsx db/demo-totp.ts`. Demo data only; real staff enrol their own.
 */
export const DEMO_STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export const DEMO_STAFF = {
  secretary: {
    email: "secretariat@ecole-demo.ca",
    name: "Nathalie Bergeron",
    role: "secretary",
    boardCode: "CSSPS",
    schoolCodes: ["041"],
  },
  boardSupport: {
    email: "soutien@cssps-demo.ca",
    name: "Martin Lévesque",
    role: "board_support",
    boardCode: "CSSPS",
    schoolCodes: [],
  },
  privacyOfficer: {
    email: "protection@cssps-demo.ca",
    name: "Sophie Gagnon",
    role: "privacy_officer",
    boardCode: "CSSPS",
    schoolCodes: [],
  },
  admin: {
    email: "admin@portail-demo.ca",
    name: "Julie Fortin",
    role: "admin",
    boardCode: null,
    schoolCodes: [],
  },
} as const satisfies Record<string, DemoStaff>;

export type FixtureStudent = Omit<StudentRecord, "familyIndex">;

/** The student the browser tests associate: in the secretary's school, one répondant email, no parent account. */
export const DEMO_STUDENT: FixtureStudent = {
  boardCode: "CSSPS",
  schoolCode: "041",
  fiche: "1234567",
  codePermanent: "COTL14531507",
  lastName: "Côté",
  firstName: "Léa-Rose",
  sex: "F",
  birthDate: "2015-03-14",
  grade: "6e année",
  guardianEmails: ["lea.parent@exemple.ca"],
};

/** A verified parent account, on the record of one child in each subscribed board, with no association yet. */
export const DEMO_PARENT = { email: "parent.demo@exemple.ca", password: DEMO_STAFF_PASSWORD } as const;

export const DEMO_PARENT_CHILDREN: readonly FixtureStudent[] = [
  {
    boardCode: "CSSPS",
    schoolCode: "041",
    fiche: "2345678",
    codePermanent: "TREE02061811",
    lastName: "Tremblay-Gagnon",
    firstName: "Émile",
    sex: "M",
    birthDate: "2018-06-02",
    grade: "3e année",
    guardianEmails: [DEMO_PARENT.email],
  },
  {
    boardCode: "CSSDN",
    schoolCode: "420",
    fiche: "3456789",
    codePermanent: "ONEM23611204",
    lastName: "O'Neil",
    firstName: "Maïka",
    sex: "F",
    birthDate: "2012-11-23",
    grade: "Sec. 2",
    guardianEmails: [DEMO_PARENT.email, "jean_francois.oneil+ecole@videotron.ca"],
  },
];

/** Every fixed student; generated students never take their fiche. */
export const FIXTURE_STUDENTS: readonly FixtureStudent[] = [DEMO_STUDENT, ...DEMO_PARENT_CHILDREN];
