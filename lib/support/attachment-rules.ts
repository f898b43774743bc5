// The limits of a help request's attachments, shared by the form (browser) and the server's byte check.
export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const allowedAttachmentTypes = ["image/png", "image/jpeg", "image/webp", "application/pdf"] as const;
export type AttachmentType = (typeof allowedAttachmentTypes)[number];
