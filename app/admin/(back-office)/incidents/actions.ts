"use server";
// The register's actions: any staff member declares an incident; only the board's privacy officer completes one
// (checked again in the query, from the database). Both ask for a fresh second factor: the register is the board's
// legal record of confidentiality incidents.
import { declareIncident, updateIncident } from "@/db/queries/privacy-incidents";
import { requireStaff } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { mayEditIncidents } from "@/lib/privacy/incident-rules";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { requireFreshSecondFactor } from "@/lib/staff/second-factor";
import { incidentDeclarationSchema, incidentUpdateSchema } from "@/lib/validations/incidents";

export async function declareIncidentAction(input: unknown): Promise<ActionResult<{ incidentId: number }>> {
  return unlessUnavailable(async () => {
    const context = await requireStaff();
    const { staff, scope } = context;
    const stepUp = requireFreshSecondFactor(context, "incident");
    if (stepUp) return stepUp;
    const parsed = parseInput(incidentDeclarationSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await declareIncident(scope, staff.id, parsed.data);
    if (!result.ok) return failure(result.reason);
    void deliverSoon();
    return success({ incidentId: result.incidentId });
  });
}

export async function updateIncidentAction(input: unknown): Promise<ActionResult<{ changed: number }>> {
  return unlessUnavailable(async () => {
    const context = await requireStaff();
    const { staff, scope } = context;
    // Only the officer edits (the query checks again); nobody else is asked for a second factor for nothing.
    if (!mayEditIncidents(staff.role)) return failure("forbidden");
    const stepUp = requireFreshSecondFactor(context, "incident");
    if (stepUp) return stepUp;
    const parsed = parseInput(incidentUpdateSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await updateIncident(scope, staff.id, parsed.data);
    if (!result.ok) return failure(result.reason);
    return success({ changed: result.changed.length });
  });
}
