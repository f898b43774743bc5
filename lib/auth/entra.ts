// Whether staff can sign in with Microsoft Entra ID (provider "azure-ad"): all three variables must be set.
import { env } from "@/lib/env";

export const entraConfigured = Boolean(env.ENTRA_CLIENT_ID && env.ENTRA_CLIENT_SECRET && env.ENTRA_TENANT_ID);
