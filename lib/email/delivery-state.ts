// What a parent waiting for an email is told about it, from its outbox row.
export type EmailDelivery = "sending" | "sent" | "delayed" | "failed";

export function deliveryStateOf(row: { status: "pending" | "sent" | "delivered" | "failed"; lastError: string | null }): EmailDelivery {
  if (row.status === "sent" || row.status === "delivered") return "sent";
  if (row.status === "failed") return "failed";
  // Pending: not tried yet (or being sent) unless an attempt already failed.
  return row.lastError === null ? "sending" : "delayed";
}
