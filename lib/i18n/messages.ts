// Message catalogs: one JSON file per namespace and language under messages/<locale>/.
import type { Locale } from "@/lib/i18n/locale";
import frCommon from "@/lib/i18n/messages/fr/common.json";
import enCommon from "@/lib/i18n/messages/en/common.json";
import frEmail from "@/lib/i18n/messages/fr/email.json";
import enEmail from "@/lib/i18n/messages/en/email.json";
import frMailbox from "@/lib/i18n/messages/fr/mailbox.json";
import enMailbox from "@/lib/i18n/messages/en/mailbox.json";
import frAuth from "@/lib/i18n/messages/fr/auth.json";
import enAuth from "@/lib/i18n/messages/en/auth.json";
import frValidation from "@/lib/i18n/messages/fr/validation.json";
import enValidation from "@/lib/i18n/messages/en/validation.json";
import frErrors from "@/lib/i18n/messages/fr/errors.json";
import enErrors from "@/lib/i18n/messages/en/errors.json";
import frAssociation from "@/lib/i18n/messages/fr/association.json";
import enAssociation from "@/lib/i18n/messages/en/association.json";
import frParentNav from "@/lib/i18n/messages/fr/parent-nav.json";
import enParentNav from "@/lib/i18n/messages/en/parent-nav.json";
import frHelp from "@/lib/i18n/messages/fr/help.json";
import enHelp from "@/lib/i18n/messages/en/help.json";
import frAdmin from "@/lib/i18n/messages/fr/admin.json";
import enAdmin from "@/lib/i18n/messages/en/admin.json";
import frImport from "@/lib/i18n/messages/fr/import.json";
import enImport from "@/lib/i18n/messages/en/import.json";
import frAssociate from "@/lib/i18n/messages/fr/associate.json";
import enAssociate from "@/lib/i18n/messages/en/associate.json";
import frChildren from "@/lib/i18n/messages/fr/children.json";
import enChildren from "@/lib/i18n/messages/en/children.json";
import frAttemptReasons from "@/lib/i18n/messages/fr/attempt-reasons.json";
import enAttemptReasons from "@/lib/i18n/messages/en/attempt-reasons.json";
import frAdminAccounts from "@/lib/i18n/messages/fr/admin-accounts.json";
import enAdminAccounts from "@/lib/i18n/messages/en/admin-accounts.json";
import frAdminAudit from "@/lib/i18n/messages/fr/admin-audit.json";
import enAdminAudit from "@/lib/i18n/messages/en/admin-audit.json";
import frAdminFigures from "@/lib/i18n/messages/fr/admin-figures.json";
import enAdminFigures from "@/lib/i18n/messages/en/admin-figures.json";
import frIncidents from "@/lib/i18n/messages/fr/incidents.json";
import enIncidents from "@/lib/i18n/messages/en/incidents.json";
import frPrivacyEmail from "@/lib/i18n/messages/fr/privacy-email.json";
import enPrivacyEmail from "@/lib/i18n/messages/en/privacy-email.json";
import frRetention from "@/lib/i18n/messages/fr/retention.json";
import enRetention from "@/lib/i18n/messages/en/retention.json";
import frAccount from "@/lib/i18n/messages/fr/account.json";
import enAccount from "@/lib/i18n/messages/en/account.json";
import frStudentSearch from "@/lib/i18n/messages/fr/student-search.json";
import enStudentSearch from "@/lib/i18n/messages/en/student-search.json";
import frSupportEmail from "@/lib/i18n/messages/fr/support-email.json";
import enSupportEmail from "@/lib/i18n/messages/en/support-email.json";
import frSupportDesk from "@/lib/i18n/messages/fr/support-desk.json";
import enSupportDesk from "@/lib/i18n/messages/en/support-desk.json";
import frSupportRequests from "@/lib/i18n/messages/fr/support-requests.json";
import enSupportRequests from "@/lib/i18n/messages/en/support-requests.json";

import frOutage from "@/lib/i18n/messages/fr/outage.json";
import enOutage from "@/lib/i18n/messages/en/outage.json";
import frCodeDelivery from "@/lib/i18n/messages/fr/code-delivery.json";
import enCodeDelivery from "@/lib/i18n/messages/en/code-delivery.json";
import frNotFound from "@/lib/i18n/messages/fr/not-found.json";
import enNotFound from "@/lib/i18n/messages/en/not-found.json";

import frStaffEmail from "@/lib/i18n/messages/fr/staff-email.json";
import enStaffEmail from "@/lib/i18n/messages/en/staff-email.json";
import frStaffAdmin from "@/lib/i18n/messages/fr/staff-admin.json";
import enStaffAdmin from "@/lib/i18n/messages/en/staff-admin.json";
import frStaffSecurity from "@/lib/i18n/messages/fr/staff-security.json";
import enStaffSecurity from "@/lib/i18n/messages/en/staff-security.json";

import frSchoolPicker from "@/lib/i18n/messages/fr/school-picker.json";
import enSchoolPicker from "@/lib/i18n/messages/en/school-picker.json";

const catalogs = {
  fr: { ...frCommon, ...frHelp, ...frParentNav, ...frAuth, ...frValidation, ...frErrors, ...frEmail, ...frMailbox, ...frAssociation, ...frAdmin, ...frAssociate, ...frChildren, ...frAttemptReasons, ...frImport, ...frAdminAccounts, ...frAdminAudit, ...frAdminFigures, ...frStudentSearch, ...frOutage, ...frCodeDelivery, ...frIncidents, ...frPrivacyEmail, ...frRetention, ...frAccount, ...frSupportEmail, ...frSupportDesk, ...frSupportRequests, ...frNotFound, ...frStaffEmail, ...frStaffAdmin, ...frStaffSecurity, ...frSchoolPicker },
  en: { ...enCommon, ...enHelp, ...enParentNav, ...enAuth, ...enValidation, ...enErrors, ...enEmail, ...enMailbox, ...enAssociation, ...enAdmin, ...enAssociate, ...enChildren, ...enAttemptReasons, ...enImport, ...enAdminAccounts, ...enAdminAudit, ...enAdminFigures, ...enStudentSearch, ...enOutage, ...enCodeDelivery, ...enIncidents, ...enPrivacyEmail, ...enRetention, ...enAccount, ...enSupportEmail, ...enSupportDesk, ...enSupportRequests, ...enNotFound, ...enStaffEmail, ...enStaffAdmin, ...enStaffSecurity, ...enSchoolPicker },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof catalogs)["fr"];

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale] as Messages;
}
