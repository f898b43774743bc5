// The message namespaces each area of the app hands to its client components (<ClientMessages area="…"> in the
// area's layout). Server components read the whole catalog through getTranslations; only what a client component
// reads travels to the browser, with every page's HTML and RSC payload. tests/lib/client-messages.test.ts follows
// each area's imports to its client components and checks that the list covers every namespace they read.

export const clientNamespaces = {
  // Under the root layout only: the error boundaries of the root and /admin segments, the root 404, the dev mailbox.
  root: ["common", "outage"],
  // The parent portal: app/(parent).
  parent: ["account.delete", "account.email", "account.errors", "account.password", "account.sessions", "associate", "association", "auth", "codeDelivery", "common", "errors", "help.form", "notMyChild", "outage", "supportRequests", "validation"],
  // Staff sign-in, second factor and invitation: app/admin/connexion.
  staffSignIn: ["admin.errors", "admin.signIn", "auth.password", "auth.signin", "common", "errors", "staffAdmin.errors", "staffSecurity.errors", "staffSecurity.link", "staffSecurity.passkeys", "staffSecurity.recovery", "staffSecurity.stepUp", "staffSecurity.totp", "staffSecurity.verify", "validation"],
  // The back office's shell (header, error boundary, dashboard and its search box, figures): app/admin/(back-office).
  backOffice: ["admin.filterForm", "common", "outage"],
  // Its sections, each under its own layout: comptes
  staffAccounts: ["admin.associations", "admin.copy", "admin.errors", "admin.filterForm", "admin.guardianEmails", "admin.nip", "admin.table", "admin.validation", "adminAccounts", "errors", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.stepUp", "validation"],
  // demandes
  staffTickets: ["admin.copy", "admin.errors", "admin.filterForm", "admin.guardianEmails", "admin.nip", "admin.table", "admin.validation", "errors", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.stepUp", "supportDesk", "validation"],
  // eleves (the search)
  staffStudents: ["admin.filterForm", "schoolPicker"],
  // eleves/[id]
  staffStudentRecord: ["admin.associations", "admin.copy", "admin.errors", "admin.guardianEmails", "admin.nip", "admin.validation", "adminAccounts.errors", "adminAccounts.fiche", "errors", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.stepUp", "validation"],
  // import
  staffImport: ["errors", "import", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.stepUp"],
  // incidents
  staffIncidents: ["admin.validation", "errors", "incidents", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.stepUp", "validation"],
  // conservation (the board's retention periods)
  staffRetention: ["admin.validation", "errors", "retention.errors", "retention.form", "retention.validation", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.stepUp", "validation"],
  // journal
  staffJournal: ["admin.filterForm", "admin.table", "adminAudit"],
  // personnel
  staffPersonnel: ["admin.errors", "admin.nav.roles", "admin.table", "admin.validation", "errors", "staffAdmin.boards", "staffAdmin.detail", "staffAdmin.errors", "staffAdmin.form", "staffAdmin.invite", "staffAdmin.list", "staffAdmin.passwordRule", "staffAdmin.validation", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.stepUp", "validation"],
  // securite
  staffSecurity: ["admin.errors", "errors", "staffAdmin.errors", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.recovery", "staffSecurity.stepUp", "staffSecurity.totp"],
  // tentatives
  staffAttempts: ["admin.copy", "admin.errors", "admin.filterForm", "admin.guardianEmails", "admin.nip", "admin.validation", "errors", "schoolPicker", "staffSecurity.errors", "staffSecurity.passkeys", "staffSecurity.stepUp", "validation"],
} satisfies Record<string, readonly string[]>;

export type ClientArea = keyof typeof clientNamespaces;

type MessageTree = { [key: string]: string | MessageTree };

/** The listed paths of the catalog ("admin.table" keeps admin's table messages only), as a catalog of their own. */
export function pickMessages(messages: Record<string, unknown>, paths: readonly string[]): MessageTree {
  const picked: MessageTree = {};
  for (const key of paths) {
    const segments = key.split(".");
    let from: unknown = messages;
    let into = picked;
    segments.forEach((segment, i) => {
      from = (from as Record<string, unknown> | undefined)?.[segment];
      if (from === undefined) throw new Error(`no messages at ${key}`);
      if (i === segments.length - 1) into[segment] = from as MessageTree;
      else into = (into[segment] as MessageTree | undefined) ?? (into[segment] = {});
    });
  }
  return picked;
}
