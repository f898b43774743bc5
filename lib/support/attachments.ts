// Screenshots sent with a help request: at most 3, each ≤ 5 MB, PNG, JPEG, WebP or PDF as read from the bytes
// (a ".png" that holds HTML is refused whatever its name or announced type).
import { fileTypeFromBuffer } from "file-type";

import { allowedAttachmentTypes, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type AttachmentType } from "@/lib/support/attachment-rules";

export { allowedAttachmentTypes, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type AttachmentType };

export type IncomingFile = { name: string; bytes: Uint8Array };
export type CheckedAttachment = { fileName: string; contentType: AttachmentType; size: number; content: Buffer };
export type AttachmentProblem = "tooManyAttachments" | "attachmentTooLarge" | "attachmentType" | "attachmentEmpty";

const extensionOf: Record<AttachmentType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "application/pdf": "pdf",
};

/** A file name safe to show and to put in a Content-Disposition header: no path, no control or quote characters. */
export function safeFileName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"\\;]/g, "")
    .replace(/\.[^.]*$/, "")
    .trim()
    .slice(0, 80);
  return `${base || "piece-jointe"}.${extensionOf[type]}`;
}

export async function checkAttachments(
  files: readonly IncomingFile[],
): Promise<{ ok: true; attachments: CheckedAttachment[] } | { ok: false; problem: AttachmentProblem; fileName?: string }> {
  const present = files.filter((f) => f.bytes.byteLength > 0 || f.name !== "");
  if (present.length > MAX_ATTACHMENTS) return { ok: false, problem: "tooManyAttachments" };
  const attachments: CheckedAttachment[] = [];
  for (const file of present) {
    if (file.bytes.byteLength === 0) return { ok: false, problem: "attachmentEmpty", fileName: file.name };
    if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, problem: "attachmentTooLarge", fileName: file.name };
    const detected = await fileTypeFromBuffer(file.bytes);
    const type = allowedAttachmentTypes.find((t) => t === detected?.mime);
    if (!type) return { ok: false, problem: "attachmentType", fileName: file.name };
    attachments.push({ fileName: safeFileName(file.name, type), contentType: type, size: file.bytes.byteLength, content: Buffer.from(file.bytes) });
  }
  return { ok: true, attachments };
}
