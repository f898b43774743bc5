// The WebAuthn relying party: passkeys are bound to this host name and checked against this origin.
import { env } from "@/lib/env";

export function webauthnRelyingParty() {
  const app = new URL(env.APP_URL);
  return {
    name: "Portail Parents",
    id: env.WEBAUTHN_RP_ID ?? app.hostname,
    origin: env.WEBAUTHN_ORIGIN ?? app.origin,
  };
}
