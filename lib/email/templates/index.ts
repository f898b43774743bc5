// Every email the app can send, by the template name stored in the outbox.
import type { Locale } from "@/lib/i18n/locale";
import type { RenderedEmail } from "@/lib/email/compose";
import { accountDeletedEmail } from "@/lib/email/templates/account-deleted";
import { accountExistsEmail } from "@/lib/email/templates/account-exists";
import { emailChangeCodeEmail } from "@/lib/email/templates/email-change-code";
import { emailChangeNoticeEmail } from "@/lib/email/templates/email-change-notice";
import { incidentReportedEmail } from "@/lib/email/templates/incident-reported";
import { ficheNumberEmail } from "@/lib/email/templates/fiche-number";
import { guardianEmailChangedEmail } from "@/lib/email/templates/guardian-email-changed";
import { nipIssuedEmail } from "@/lib/email/templates/nip-issued";
import { passwordChangedEmail } from "@/lib/email/templates/password-changed";
import { staffAccessLinkEmail } from "@/lib/email/templates/staff-access-link";
import { verificationCodeEmail } from "@/lib/email/templates/verification-code";
import { supportClosedEmail, supportReceivedEmail, supportReplyEmail } from "@/lib/email/templates/support-ticket";

export const emailTemplates = {
  "verification-code": verificationCodeEmail,
  "account-exists": accountExistsEmail,
  "password-changed": passwordChangedEmail,
  "guardian-email-changed": guardianEmailChangedEmail,
  "nip-issued": nipIssuedEmail,
  "fiche-number": ficheNumberEmail,
  "incident-reported": incidentReportedEmail,
  "email-change-code": emailChangeCodeEmail,
  "email-change-notice": emailChangeNoticeEmail,
  "account-deleted": accountDeletedEmail,
  "support-received": supportReceivedEmail,
  "support-reply": supportReplyEmail,
  "support-closed": supportClosedEmail,
  "staff-access-link": staffAccessLinkEmail,
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailTemplateParams = { [K in EmailTemplateName]: Parameters<(typeof emailTemplates)[K]>[0] };

export function renderEmail<T extends EmailTemplateName>(
  template: T,
  params: EmailTemplateParams[T],
  locale: Locale,
): RenderedEmail {
  const render = emailTemplates[template] as (params: EmailTemplateParams[T], locale: Locale) => RenderedEmail;
  return render(params, locale);
}
