import Link from "next/link";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { SupportForm } from "@/app/(parent)/aide/_components/support-form";
import { boardsForPicker } from "@/db/queries/associations";
import { currentParent } from "@/lib/auth/session";
import { failedStepHelp, parseFailedAt, toFailedStep, toTopic } from "@/lib/support/topics";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("help"))("title") };
}

const faq = ["emailDiffers", "accountExists", "codeMissing", "codeExpired", "noMatch", "nip", "signinBlocked", "specialCharacters", "seenNotAssociated"] as const;

export default async function HelpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("help");
  const format = await getFormatter();
  const parent = await currentParent();
  const params = await searchParams;
  // A failure screen links here with the step that failed and when: open the matching help, carry both into the form.
  const failedStep = toFailedStep(params.etape);
  const failedAt = failedStep ? parseFailedAt(params.quand) : null;
  const matching = failedStep ? failedStepHelp[failedStep] : null;
  const topic = matching?.topic ?? toTopic(params.sujet) ?? "other";
  const boards = (await boardsForPicker()).map((b) => ({ id: b.id, name: b.name }));
  const failedLabel = failedStep
    ? t("form.failedStep", {
        step: t(`form.steps.${failedStep}`),
        when: failedAt ? format.dateTime(failedAt, { dateStyle: "long", timeStyle: "short" }) : "",
        hasWhen: failedAt ? "yes" : "no",
      })
    : null;
  return (
    <main id="main" className="container">
      <div className="card stack">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        {parent && (
          <p>
            <Link href="/aide/demandes">{t("myRequests")}</Link>
          </p>
        )}
        {faq.map((key) => (
          <details key={key} id={key} open={matching?.faq === key} data-testid={matching?.faq === key ? "matching-help" : undefined}>
            <summary>{t(`faq.${key}.question`)}</summary>
            <p>{t(`faq.${key}.answer`)}</p>
          </details>
        ))}
        <p>
          <Link href="/mot-de-passe-oublie">{t("resetLink")}</Link>
        </p>
      </div>
      <div className="card stack">
        <h2>{t("form.title")}</h2>
        <p>{t("form.intro")}</p>
        <SupportForm
          email={parent?.email ?? null}
          topic={topic}
          boards={boards}
          failedStep={failedStep}
          failedAt={failedAt?.toISOString() ?? null}
          failedLabel={failedLabel}
        />
      </div>
    </main>
  );
}
