"use client";
// What a page shows when it could not be rendered (the database did not answer, most often): a translated
// "service temporarily unavailable" with a retry that re-fetches the page. Never a sign-out.
import { useEffect, useRef, useTransition } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";

export type ServiceUnavailableProps = {
  retry: () => void;
  digest?: string;
  audience: "parent" | "staff";
};

export function ServiceUnavailable({ retry, digest, audience }: ServiceUnavailableProps) {
  const t = useTranslations("outage");
  const heading = useRef<HTMLHeadingElement>(null);
  const [pending, startTransition] = useTransition();
  useEffect(() => heading.current?.focus(), []);
  return (
    <main id="main" className="container">
      <div className="card stack" role="alert" data-testid="service-unavailable">
        <h1 ref={heading} tabIndex={-1}>
          {t("title")}
        </h1>
        <p>{audience === "staff" ? t("staffBody") : t("body")}</p>
        <div className="row">
          <button type="button" onClick={() => startTransition(retry)} disabled={pending}>
            {pending ? t("retrying") : t("retry")}
          </button>
          <Link href={audience === "staff" ? "/admin" : "/"} className="button secondary">
            {t("home")}
          </Link>
        </div>
        {digest && <p className="muted">{t("reference", { digest })}</p>}
      </div>
    </main>
  );
}
