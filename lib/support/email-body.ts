// The text of an inbound email as staff read it: the text part, or the HTML reduced to plain text by
// sanitize-html (no tag survives), so nothing from an email ever runs on a staff screen.
import sanitizeHtml from "sanitize-html";

export const MAX_MESSAGE_LENGTH = 20_000;

export function inboundText(email: { text: string | null; html: string | null }): string {
  const text = email.text?.trim()
    ? email.text
    : sanitizeHtml((email.html ?? "").replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, "$&\n"), {
        allowedTags: [],
        allowedAttributes: {},
        nonTextTags: ["style", "script", "textarea", "option", "noscript", "head", "title"],
      })
        .replace(/&nbsp;/g, " ")
        .replace(/&amp;/g, "&")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'");
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .slice(0, MAX_MESSAGE_LENGTH);
}

/** The bare address in a From header ("Name <a@b.c>" → "a@b.c"), lower case. */
export function senderAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}
