// Lays out an email's blocks as plain text and as escaped HTML, so templates never write markup themselves.
import type { Locale } from "@/lib/i18n/locale";
import { emailTranslator } from "@/lib/email/translator";

export type EmailBlock =
  | { kind: "paragraph"; text: string }
  /** A value the reader must type elsewhere (code, NIP, fiche): shown large, never split by spaces. */
  | { kind: "code"; label: string; value: string }
  | { kind: "link"; label: string; href: string };

export type RenderedEmail = { subject: string; text: string; html: string };

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Links in emails come from the app, but a non-web scheme (javascript:, data:) must never reach an href. */
function webUrl(href: string): string {
  const url = new URL(href);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`Refusing a ${url.protocol} link in an email`);
  return url.toString();
}

function blockText(block: EmailBlock, locale: Locale): string {
  const colon = locale === "fr" ? " :" : ":";
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "code":
      return `${block.label}${colon} ${block.value}`;
    case "link":
      return `${block.label}${colon}\n${webUrl(block.href)}`;
  }
}

const style = {
  body: "margin:0;padding:24px 12px;background:#f6f7f9;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;",
  card: "max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #c9d0d8;border-radius:8px;padding:24px;",
  brand: "margin:0 0 16px;font-size:18px;font-weight:bold;color:#0b5cad;",
  p: "margin:0 0 16px;font-size:16px;line-height:1.5;",
  code: "display:inline-block;margin-top:4px;font-family:'Courier New',monospace;font-size:28px;font-weight:bold;letter-spacing:4px;",
  button:
    "display:inline-block;padding:12px 20px;background:#0b5cad;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:bold;",
  url: "margin:-8px 0 16px;font-size:13px;color:#5a6470;word-break:break-all;",
  footer: "margin:24px 0 0;font-size:13px;color:#5a6470;",
};

function blockHtml(block: EmailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p style="${style.p}">${escapeHtml(block.text)}</p>`;
    case "code":
      return `<p style="${style.p}">${escapeHtml(block.label)}<br><span style="${style.code}">${escapeHtml(block.value)}</span></p>`;
    case "link": {
      const href = escapeHtml(webUrl(block.href));
      return (
        `<p style="${style.p}"><a href="${href}" style="${style.button}">${escapeHtml(block.label)}</a></p>` +
        `<p style="${style.url}">${href}</p>`
      );
    }
  }
}

/** Frames the blocks with the catalog's greeting, brand and footer in the given locale. */
export function composeEmail(locale: Locale, subject: string, blocks: EmailBlock[], options: { footer?: string } = {}): RenderedEmail {
  const t = emailTranslator(locale);
  const [appName, greeting, footer] = [t("appName"), t("greeting"), options.footer ?? t("footer")];
  const text = [greeting, ...blocks.map((block) => blockText(block, locale)), `— ${footer}`].join("\n\n") + "\n";
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="${style.body}"><div style="${style.card}">` +
    `<p style="${style.brand}">${escapeHtml(appName)}</p>` +
    `<p style="${style.p}">${escapeHtml(greeting)}</p>` +
    blocks.map(blockHtml).join("") +
    `<p style="${style.footer}">${escapeHtml(footer)}</p>` +
    `</div></body></html>`;
  return { subject, text, html };
}
