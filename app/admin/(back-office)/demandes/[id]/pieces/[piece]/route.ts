// A ticket's attachment, for staff whose scope covers the ticket: images shown inline, PDFs downloaded, never
// sniffed into something runnable.
import { getAttachmentForStaff } from "@/db/queries/support-desk";
import { currentStaff } from "@/lib/auth/session";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; piece: string }> }) {
  const staff = await currentStaff();
  if (!staff) return new Response(null, { status: 401 });
  const { id, piece } = await params;
  const attachment = await getAttachmentForStaff(staff.scope, id, piece);
  if (!attachment) return new Response(null, { status: 404 });
  const inline = attachment.contentType.startsWith("image/");
  const name = encodeURIComponent(attachment.fileName);
  return new Response(new Uint8Array(attachment.content), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${attachment.fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${name}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
