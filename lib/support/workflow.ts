// The ticket workflow: new → open → waiting for the parent → resolved. A parent's message reopens a ticket;
// a staff reply waits for the parent (or resolves); tickets left waiting close themselves after some days.
import type { TicketStatus } from "@/lib/support/ticket-values";

export type TicketEvent =
  | { kind: "staff_opened" }
  | { kind: "staff_replied"; resolve: boolean }
  | { kind: "parent_wrote" }
  | { kind: "staff_set_status"; status: TicketStatus }
  | { kind: "auto_closed" };

/** The status after an event, or null when the event does not apply to a ticket in that status. */
export function nextStatus(current: TicketStatus, event: TicketEvent): TicketStatus | null {
  switch (event.kind) {
    case "staff_opened":
      return current === "new" ? "open" : null;
    case "staff_replied":
      return event.resolve ? "resolved" : "waiting";
    case "parent_wrote":
      return current === "new" ? "new" : "open";
    case "staff_set_status":
      return event.status === current ? null : event.status;
    case "auto_closed":
      return current === "waiting" ? "resolved" : null;
  }
}

/** Whether a waiting ticket is due to close itself. */
export function dueForAutoClose(ticket: { status: TicketStatus; waitingSince: Date | null }, now: Date, days: number): boolean {
  return ticket.status === "waiting" && ticket.waitingSince !== null && now.getTime() - ticket.waitingSince.getTime() >= days * 86_400_000;
}
