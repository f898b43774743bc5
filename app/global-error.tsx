"use client";
// The root layout itself failed: this page replaces it, so it brings its own document, styles and messages
// (no message provider is above it). The language is the one the visitor chose (the `locale` cookie).
import { useEffect, useState } from "react";
import frOutage from "@/lib/i18n/messages/fr/outage.json";
import enOutage from "@/lib/i18n/messages/en/outage.json";
import { localeCookie, toLocale, type Locale } from "@/lib/i18n/locale";

const messages: Record<Locale, typeof frOutage.outage> = { fr: frOutage.outage, en: enOutage.outage };

function cookieLocale(): Locale {
  const entry = document.cookie.split("; ").find((c) => c.startsWith(`${localeCookie}=`));
  return toLocale(entry?.slice(localeCookie.length + 1));
}

export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const [locale, setLocale] = useState<Locale>("fr");
  useEffect(() => setLocale(cookieLocale()), []);
  const t = messages[locale];
  return (
    <html lang={locale}>
      <body style={{ margin: 0, fontFamily: "system-ui, sans-serif", background: "#f6f7f9", color: "#1b1f24", lineHeight: 1.5 }}>
        <main style={{ maxWidth: "40rem", margin: "0 auto", padding: "1rem" }}>
          <div role="alert" data-testid="service-unavailable" style={{ background: "#fff", border: "1px solid #c9d0d8", borderRadius: 8, padding: "1.25rem" }}>
            <title>{t.title}</title>
            <h1>{t.title}</h1>
            <p>{t.body}</p>
            <button
              type="button"
              onClick={() => retry()}
              style={{ font: "inherit", minHeight: 44, padding: "0.55rem 1rem", borderRadius: 6, border: "1px solid #0b5cad", background: "#0b5cad", color: "#fff" }}
            >
              {t.retry}
            </button>
            {error.digest && <p style={{ color: "#5a6470" }}>{t.reference.replace("{digest}", error.digest)}</p>}
          </div>
        </main>
      </body>
    </html>
  );
}
