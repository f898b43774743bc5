// process.env parsed once; every other module imports `env` from here.
import { z } from "zod";

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  /** The schema owner's connection, used only to migrate when it differs from DATABASE_URL (db/roles.ts). */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  /** postgres.js settings (see openPostgres in db/client.ts). */
  DATABASE_POOL_MAX: intFromEnv(10),
  /** "false" behind a transaction-mode pooler such as PgBouncer: no named prepared statements. */
  DATABASE_PREPARE: z.enum(["true", "false"]).default("true"),
  DATABASE_CONNECT_TIMEOUT_SECONDS: intFromEnv(5),
  DATABASE_IDLE_TIMEOUT_SECONDS: intFromEnv(60),
  DATABASE_MAX_LIFETIME_SECONDS: intFromEnv(1800),
  NEXTAUTH_SECRET: z.string().min(16).default("dev-only-secret-change-me-in-production"),
  NEXTAUTH_URL: z.string().url().optional(),
  APP_URL: z.string().url().default("http://localhost:3000"),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  // The dev mailbox (/dev/mailbox) shows sent emails instead of delivering them; see devMailboxEnabled.
  // In production only the explicit DEV_MAILBOX=on-i-understand opens it (anyone could read any reset code).
  DEV_MAILBOX: z.enum(["on", "off", "on-i-understand"]).optional(),
  /** Reverse proxies in front of the app whose X-Forwarded-For entry is trusted (lib/client-ip.ts). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  EMAIL_FROM: z.string().default("Portail Parents <no-reply@portail-parents.example>"),
  /** Resend webhook signing secret (whsec_…); the delivery-events endpoint answers 404 without it. */
  RESEND_WEBHOOK_SECRET: z.string().optional(),
  /** The support address parents write to (Resend receiving); replies to a ticket go to support+<ticket>-<mac>@ its domain. */
  SUPPORT_EMAIL: z.string().email().default("soutien@portail-parents.example"),
  /** Signing secret of the email.received webhook (/api/support-inbound); RESEND_WEBHOOK_SECRET when unset. */
  RESEND_INBOUND_WEBHOOK_SECRET: z.string().optional(),
  /** Tickets waiting for the parent this many days close themselves, with a notice. */
  SUPPORT_AUTO_CLOSE_DAYS: intFromEnv(7),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  CODE_LIFETIME_SECONDS: intFromEnv(600),
  CODE_MAX_ATTEMPTS: intFromEnv(5),
  CODE_RESEND_COOLDOWN_SECONDS: intFromEnv(60),
  CODES_PER_HOUR_PER_EMAIL: intFromEnv(5),
  CODES_PER_HOUR_PER_IP: intFromEnv(30),
  PASSWORD_MIN_LENGTH: intFromEnv(12),
  /** Character classes every password must mix (0-4). 0: no composition rule (ASVS 5.0, NIST SP 800-63B); a board may ask for more. */
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(0).max(4).default(0),
  SESSION_IDLE_MINUTES: intFromEnv(30),
  SESSION_ABSOLUTE_HOURS: intFromEnv(12),
  SIGNIN_FAILURES_BEFORE_DELAY: intFromEnv(5),
  SIGNIN_MAX_DELAY_SECONDS: intFromEnv(900),
  /** Failures of one email from every address before it is slowed everywhere (NIST SP 800-63B: at most 100). */
  SIGNIN_ACCOUNT_FAILURES_BEFORE_DELAY: intFromEnv(50),
  SIGNIN_FAILURES_PER_HOUR_PER_IP: intFromEnv(100),
  ASSOCIATION_FAILURES_PER_HOUR_PER_ACCOUNT: intFromEnv(10),
  ASSOCIATION_FAILURES_PER_HOUR_PER_IP: intFromEnv(30),
  /** WebAuthn relying party (passkeys): defaults to APP_URL's host name and origin. */
  WEBAUTHN_RP_ID: z.string().optional(),
  WEBAUTHN_ORIGIN: z.string().url().optional(),
  /** Sign-in events and sent emails carry no board: one platform period for them (a board's own periods are settings). */
  AUTH_EVENTS_RETENTION_MONTHS: intFromEnv(12),
  RETENTION_PURGE_INTERVAL_MINUTES: intFromEnv(360),
  ENTRA_CLIENT_ID: z.string().optional(),
  ENTRA_CLIENT_SECRET: z.string().optional(),
  ENTRA_TENANT_ID: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export const env: Env = schema.parse(process.env);

/**
 * Whether /dev/mailbox may show captured emails. In production only with DEV_MAILBOX=on-i-understand (the
 * end-to-end tests set it under `npm start`; the start-up refuses plain "on"); otherwise DEV_MAILBOX when set,
 * else outside production without a Resend key.
 */
export const devMailboxEnabled =
  env.NODE_ENV === "production"
    ? env.DEV_MAILBOX === "on-i-understand"
    : env.DEV_MAILBOX !== undefined
      ? env.DEV_MAILBOX !== "off"
      : !env.RESEND_API_KEY;
