"use client";
// The ticket's workflow: status, assignment (to anyone who covers its route, or to me) and route.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { assignTicketAction, rerouteTicketAction, setTicketStatusAction } from "@/app/admin/(back-office)/demandes/[id]/actions";
import { ActionAlert } from "@/components/admin/action-alert";
import type { ActionResult } from "@/lib/safe-action";

type Props = {
  ticketId: string;
  status: string;
  assigneeId: string | null;
  meId: string;
  staff: { id: string; name: string }[];
  route: string;
  routes: { value: string; label: string }[];
};

const statuses = ["new", "open", "waiting", "resolved"] as const;

export function TicketControls({ ticketId, status, assigneeId, meId, staff, route, routes }: Props) {
  const t = useTranslations("supportDesk");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const [nextStatus, setNextStatus] = useState(status);
  const [assignee, setAssignee] = useState(assigneeId ?? "");
  const [nextRoute, setNextRoute] = useState(route);
  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const outcome = await action();
      setResult(outcome);
      if (outcome.ok) router.refresh();
    });
  return (
    <section className="card stack" aria-label={t("controls")}>
      <ActionAlert result={result} />
      <div className="row">
        <div className="field">
          <label htmlFor="ticket-status">{t("filterStatus")}</label>
          <select id="ticket-status" value={nextStatus} onChange={(e) => setNextStatus(e.target.value)}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={pending || nextStatus === status} onClick={() => run(() => setTicketStatusAction({ ticketId, status: nextStatus }))}>
          {t("changeStatus")}
        </button>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="ticket-assignee">{t("colAssignee")}</label>
          <select id="ticket-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t("unassigned")}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={pending || assignee === (assigneeId ?? "")} onClick={() => run(() => assignTicketAction({ ticketId, assigneeId: assignee }))}>
          {t("assign")}
        </button>
        {assigneeId !== meId && staff.some((s) => s.id === meId) && (
          <button type="button" className="secondary" disabled={pending} onClick={() => run(() => assignTicketAction({ ticketId, assigneeId: meId }))}>
            {t("assignMe")}
          </button>
        )}
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="ticket-route">{t("colRoute")}</label>
          <select id="ticket-route" value={nextRoute} onChange={(e) => setNextRoute(e.target.value)}>
            {routes.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={pending || nextRoute === route} onClick={() => run(() => rerouteTicketAction({ ticketId, route: nextRoute }))}>
          {t("reroute")}
        </button>
      </div>
    </section>
  );
}
