// Hands one rendered email to whoever delivers it: Resend when a key is set, else the dev mailbox (the outbox itself).
import { Resend, type ErrorResponse } from "resend";
import { devMailboxEnabled, env } from "@/lib/env";

export type OutgoingEmail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string | null;
  headers?: Record<string, string> | null;
};

export type SendOutcome =
  | { ok: true; via: "resend"; providerMessageId: string }
  | { ok: true; via: "mailbox" }
  | { ok: false; permanent: boolean; error: string };

export type EmailTransport = { kind: "resend" | "mailbox" | "unconfigured"; send(email: OutgoingEmail): Promise<SendOutcome> };

export type EmailTransportConfig = {
  resendApiKey?: string;
  /** Resend's API address; tests point it at a local mock. Unset: the SDK's default (or RESEND_BASE_URL). */
  resendBaseUrl?: string;
  from: string;
  mailboxEnabled: boolean;
  timeoutMs?: number;
};

export function emailConfigFromEnv(): EmailTransportConfig {
  return {
    resendApiKey: env.RESEND_API_KEY,
    resendBaseUrl: env.RESEND_BASE_URL,
    from: env.EMAIL_FROM,
    mailboxEnabled: devMailboxEnabled,
  };
}

/** Rejections that will fail the same way however often they are retried: the request itself is invalid. */
const invalidRequestNames = new Set<string>([
  "validation_error",
  "invalid_parameter",
  "missing_required_field",
  "invalid_attachment",
  "invalid_from_address",
]);

/** 429, 5xx and network errors are transient; 400/422 are not. Key problems (401/403) are retried so a fixed key recovers. */
export function isPermanentResendError(error: Pick<ErrorResponse, "statusCode" | "name">): boolean {
  if (error.statusCode === 400 || error.statusCode === 422) return true;
  if (typeof error.statusCode === "number") return false;
  return invalidRequestNames.has(error.name);
}

function resendTransport(config: EmailTransportConfig & { resendApiKey: string }): EmailTransport {
  // Constructed on first send: `new Resend()` throws without a key and reads its base URL when built.
  let client: Resend | undefined;
  return {
    kind: "resend",
    async send(email) {
      client ??= new Resend(config.resendApiKey, config.resendBaseUrl ? { baseUrl: config.resendBaseUrl } : undefined);
      const { data, error } = await client.emails.send(
        {
          from: config.from,
          to: [email.to],
          subject: email.subject,
          text: email.text,
          html: email.html,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          ...(email.headers ? { headers: email.headers } : {}),
        },
        // The outbox id makes a retry after a lost response (or a crash) a no-op at Resend for 24 h.
        { idempotencyKey: `outbox-${email.id}`, signal: AbortSignal.timeout(config.timeoutMs ?? 10_000) },
      );
      if (error || !data) {
        const problem = error ?? { statusCode: null, name: "application_error" as const, message: "empty response" };
        return {
          ok: false,
          permanent: isPermanentResendError(problem),
          error: `${problem.statusCode ?? "network"} ${problem.name}: ${problem.message}`.slice(0, 500),
        };
      }
      return { ok: true, via: "resend", providerMessageId: data.id };
    },
  };
}

const mailboxTransport: EmailTransport = {
  kind: "mailbox",
  send: async () => ({ ok: true, via: "mailbox" }),
};

/** Production without a key: keep the emails pending (and retried) rather than pretend they were delivered. */
const unconfiguredTransport: EmailTransport = {
  kind: "unconfigured",
  send: async () => ({
    ok: false,
    permanent: false,
    error: "No email provider: RESEND_API_KEY is not set and the dev mailbox is off",
  }),
};

export function createEmailTransport(config: EmailTransportConfig = emailConfigFromEnv()): EmailTransport {
  const { resendApiKey } = config;
  if (resendApiKey) return resendTransport({ ...config, resendApiKey });
  return config.mailboxEnabled ? mailboxTransport : unconfiguredTransport;
}

let defaultTransport: EmailTransport | undefined;

export function defaultEmailTransport(): EmailTransport {
  defaultTransport ??= createEmailTransport();
  return defaultTransport;
}
