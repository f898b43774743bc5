// Email verification codes for sign-up and password reset. Every limit (lifetime, tries, cooldown,
// codes per hour per email and per IP) is checked inside a transaction serialised per email with an
// advisory lock, so several app instances share them.
import { and, count, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { emailOutbox, parentAccounts, verificationCodes, type VerificationCode } from "@/db/schema";
import { deliveryStateOf, type EmailDelivery } from "@/lib/email/delivery-state";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locale";
import { hashSecret, randomToken, secretMatches } from "@/lib/secret-hash";
import { codeState, cooldownRemaining, generateCode } from "@/lib/verification-code";

export type CodePurpose = VerificationCode["purpose"];

export type CodeLimits = {
  lifetimeSeconds: number;
  maxAttempts: number;
  cooldownSeconds: number;
  perHourPerEmail: number;
  perHourPerIp: number;
};

export const codeLimits: CodeLimits = {
  lifetimeSeconds: env.CODE_LIFETIME_SECONDS,
  maxAttempts: env.CODE_MAX_ATTEMPTS,
  cooldownSeconds: env.CODE_RESEND_COOLDOWN_SECONDS,
  perHourPerEmail: env.CODES_PER_HOUR_PER_EMAIL,
  perHourPerIp: env.CODES_PER_HOUR_PER_IP,
};

/** What the browser keeps (in an httpOnly cookie) to resume the flow after a closed tab. */
export type FlowHandle = { flowId: string; flowToken: string };

export type RequestCodeResult =
  | {
      ok: true;
      flow: FlowHandle;
      expiresAt: Date;
      resendAvailableAt: Date;
      /**
       * With `deferEmail`: queues the email (or nothing, for a reset of an address without an account) in its
       * own transaction. Already done otherwise.
       */
      queueEmail: () => Promise<void>;
    }
  | { ok: false; reason: "cooldown" | "tooManyCodes"; retryAfterSeconds: number };

type CodeEmail = {
  codeId: string;
  email: string;
  purpose: CodePurpose;
  locale: Locale;
  code: string;
  linkToken: string;
  expiresAt: Date;
  minutes: number;
  appUrl: string;
};

/**
 * The email a new code leads to: the code for a sign-up, or for a reset of an existing account; "you already
 * have an account" for a sign-up of an existing one; nothing for a reset of an unknown address. The code row
 * then points at its email.
 */
async function queueCodeEmail(tx: Executor, mail: CodeEmail) {
  const { email, purpose, locale, appUrl, expiresAt } = mail;
  const [account] = await tx.select({ id: parentAccounts.id }).from(parentAccounts).where(eq(parentAccounts.email, email));
  const path = purpose === "signup" ? "/inscription/verifier" : "/mot-de-passe-oublie/verifier";
  // The email in place of a code is time-critical too, so both are retried (and shown as delayed) alike.
  let outboxEmailId: string | null = null;
  if (purpose === "signup" && account) {
    outboxEmailId = await enqueueEmail(tx, {
      to: email,
      template: "account-exists",
      locale,
      params: { resetUrl: `${appUrl}/mot-de-passe-oublie` },
      expiresAt,
    });
  } else if (purpose === "signup" || account) {
    outboxEmailId = await enqueueEmail(tx, {
      to: email,
      template: "verification-code",
      locale,
      params: { code: mail.code, link: `${appUrl}${path}?jeton=${mail.linkToken}`, minutes: mail.minutes, purpose },
      expiresAt,
    });
  }
  if (outboxEmailId) await tx.update(verificationCodes).set({ outboxEmailId }).where(eq(verificationCodes.id, mail.codeId));
}

const HOUR_MS = 3600_000;

async function lockEmail(tx: Executor, email: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"code:" + email}))`);
}

function secondsUntil(date: Date, now: Date) {
  return Math.max(1, Math.ceil((date.getTime() - now.getTime()) / 1000));
}

/**
 * Creates a code for `email` and queues its email, or says why not. The response is the same whether or not
 * an account exists: for sign-up with an existing account the owner gets a "you already have an account"
 * email instead of a code; for a reset of an unknown address nothing is sent. With `deferEmail` the email is
 * left to `queueEmail()`, which the parent pages run after the response: what differs between an address with
 * an account and one without (the lookup, rendering and storing an email) is then off the response path, so
 * both answer in the same time.
 */
export async function requestCode(input: {
  email: string;
  purpose: CodePurpose;
  ip: string | null;
  locale: Locale;
  appUrl?: string;
  limits?: CodeLimits;
  /** Runs in the same transaction once the code is created, e.g. the audit row of a reset started by staff. */
  onCreated?: (tx: Transaction) => Promise<void>;
  deferEmail?: boolean;
  /** Sign-up: the board whose link the parent came from (its password rule applies at the last step). */
  boardId?: number | null;
}): Promise<RequestCodeResult> {
  const limits = input.limits ?? codeLimits;
  const appUrl = input.appUrl ?? env.APP_URL;
  const { email, purpose } = input;
  return db.transaction(async (tx) => {
    await lockEmail(tx, email);
    const now = new Date();
    const hourAgo = new Date(now.getTime() - HOUR_MS);

    const recent = await tx
      .select({ createdAt: verificationCodes.createdAt, purpose: verificationCodes.purpose })
      .from(verificationCodes)
      .where(and(eq(verificationCodes.email, email), gt(verificationCodes.createdAt, hourAgo)))
      .orderBy(desc(verificationCodes.createdAt));
    // The cooldown is per purpose ("a code was just sent" must be true of this purpose: a reset right after
    // sign-up is not waiting on a reset code); the hourly limit counts every code sent to the address.
    const lastSamePurpose = recent.find((row) => row.purpose === purpose)?.createdAt ?? null;
    const wait = cooldownRemaining(lastSamePurpose, limits.cooldownSeconds, now);
    if (wait > 0) return { ok: false, reason: "cooldown", retryAfterSeconds: wait };
    if (recent.length >= limits.perHourPerEmail) {
      const oldest = recent[recent.length - 1]!.createdAt;
      return { ok: false, reason: "tooManyCodes", retryAfterSeconds: secondsUntil(new Date(oldest.getTime() + HOUR_MS), now) };
    }
    if (input.ip) {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(verificationCodes)
        .where(and(eq(verificationCodes.ip, input.ip), gt(verificationCodes.createdAt, hourAgo)));
      if (n >= limits.perHourPerIp) return { ok: false, reason: "tooManyCodes", retryAfterSeconds: 3600 };
    }

    await tx
      .update(verificationCodes)
      .set({ supersededAt: now })
      .where(
        and(
          eq(verificationCodes.email, email),
          eq(verificationCodes.purpose, purpose),
          isNull(verificationCodes.consumedAt),
          isNull(verificationCodes.supersededAt),
        ),
      );

    const code = generateCode();
    const linkToken = randomToken();
    const flowToken = randomToken();
    const expiresAt = new Date(now.getTime() + limits.lifetimeSeconds * 1000);
    const [row] = await tx
      .insert(verificationCodes)
      .values({
        email,
        purpose,
        codeHash: hashSecret(code, "code"),
        linkTokenHash: hashSecret(linkToken, "link"),
        flowTokenHash: hashSecret(flowToken, "flow"),
        maxAttempts: limits.maxAttempts,
        expiresAt,
        ip: input.ip,
        boardId: purpose === "signup" ? (input.boardId ?? null) : null,
        createdAt: now,
      })
      .returning({ id: verificationCodes.id });
    const mail: CodeEmail = {
      codeId: row!.id,
      email,
      purpose,
      locale: input.locale,
      code,
      linkToken,
      expiresAt,
      minutes: Math.round(limits.lifetimeSeconds / 60),
      appUrl,
    };
    if (!input.deferEmail) await queueCodeEmail(tx, mail);
    await input.onCreated?.(tx);

    return {
      ok: true,
      flow: { flowId: row!.id, flowToken },
      expiresAt,
      resendAvailableAt: new Date(now.getTime() + limits.cooldownSeconds * 1000),
      queueEmail: input.deferEmail ? () => db.transaction((later) => queueCodeEmail(later, mail)) : async () => {},
    };
  });
}

export type FlowStatus = {
  email: string;
  purpose: CodePurpose;
  state: "awaitingCode" | "verified" | "expired" | "locked" | "done";
  expiresAt: Date;
  resendAvailableAt: Date;
  attemptsLeft: number;
  /** Whether the email with the code has left (the page counts the code down only then). */
  emailDelivery: EmailDelivery;
  /** Sign-up: the board the flow started from. */
  boardId: number | null;
};

/**
 * The delivery of a flow's email. A reset for an address without an account sends nothing: that page then shows
 * what the newest code email queued around the same time shows, so a delayed provider reveals no account.
 */
async function emailDeliveryOf(row: VerificationCode): Promise<EmailDelivery> {
  const columns = { status: emailOutbox.status, lastError: emailOutbox.lastError };
  const [email] = row.outboxEmailId
    ? await db.select(columns).from(emailOutbox).where(eq(emailOutbox.id, row.outboxEmailId))
    : await db
        .select(columns)
        .from(emailOutbox)
        .where(and(isNotNull(emailOutbox.expiresAt), gt(emailOutbox.createdAt, new Date(row.createdAt.getTime() - 60_000))))
        .orderBy(desc(emailOutbox.createdAt))
        .limit(1);
  return email ? deliveryStateOf(email) : "sent";
}

/** Where a flow stands, for the browser holding its cookie; null when the cookie does not match. */
export async function flowStatus(flow: FlowHandle, limits: CodeLimits = codeLimits): Promise<FlowStatus | null> {
  const [row] = await db.select().from(verificationCodes).where(eq(verificationCodes.id, flow.flowId));
  if (!row || !holdsFlow(row, flow.flowToken)) return null;
  const now = new Date();
  const state = codeState(row, now);
  return {
    email: row.email,
    purpose: row.purpose,
    state:
      state === "consumed"
        ? "done"
        : state === "usable"
          ? row.verifiedAt
            ? "verified"
            : "awaitingCode"
          : state === "locked"
            ? "locked"
            : "expired",
    expiresAt: row.expiresAt,
    resendAvailableAt: new Date(row.createdAt.getTime() + limits.cooldownSeconds * 1000),
    attemptsLeft: Math.max(0, row.maxAttempts - row.attempts),
    emailDelivery: state === "usable" && !row.verifiedAt ? await emailDeliveryOf(row) : "sent",
    boardId: row.boardId,
  };
}

export type VerifyCodeResult =
  | { ok: true }
  | { ok: false; reason: "wrongCode"; attemptsLeft: number }
  | { ok: false; reason: "expired" | "locked" | "unknownFlow" };

/** Checks a typed code against the flow's code; each wrong try is counted in the row, which dies at the limit. */
export async function verifyCode(flow: FlowHandle, code: string): Promise<VerifyCodeResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(verificationCodes)
      .where(eq(verificationCodes.id, flow.flowId))
      .for("update");
    if (!row || !holdsFlow(row, flow.flowToken)) return { ok: false, reason: "unknownFlow" };
    const now = new Date();
    const state = codeState(row, now);
    if (state === "locked") return { ok: false, reason: "locked" };
    if (state !== "usable") return { ok: false, reason: "expired" };
    if (row.verifiedAt) return { ok: true };
    if (!secretMatches(code, "code", row.codeHash)) {
      const attempts = row.attempts + 1;
      await tx.update(verificationCodes).set({ attempts }).where(eq(verificationCodes.id, row.id));
      if (attempts >= row.maxAttempts) return { ok: false, reason: "locked" };
      return { ok: false, reason: "wrongCode", attemptsLeft: row.maxAttempts - attempts };
    }
    await markVerified(tx, row, now);
    return { ok: true };
  });
}

/** The browser that asked for the code holds the flow token; one that opened the email's link holds the link token. */
function holdsFlow(row: VerificationCode, token: string) {
  return secretMatches(token, "flow", row.flowTokenHash) || secretMatches(token, "link", row.linkTokenHash);
}

/** The link in the email verifies too, in whatever browser opens it; the link token then serves as that browser's flow token. */
export async function verifyLink(
  linkToken: string,
  purpose: CodePurpose,
): Promise<{ ok: true; flow: FlowHandle } | { ok: false; reason: "expired" | "unknownLink" }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(verificationCodes)
      .where(and(eq(verificationCodes.linkTokenHash, hashSecret(linkToken, "link")), eq(verificationCodes.purpose, purpose)))
      .for("update");
    if (!row) return { ok: false, reason: "unknownLink" };
    const now = new Date();
    if (codeState(row, now) !== "usable") return { ok: false, reason: "expired" };
    if (!row.verifiedAt) await markVerified(tx, row, now);
    return { ok: true, flow: { flowId: row.id, flowToken: linkToken } };
  });
}

/** A verified code leaves the parent a fresh lifetime to choose the password. */
async function markVerified(tx: Executor, row: VerificationCode, now: Date) {
  const lifetimeMs = row.expiresAt.getTime() - row.createdAt.getTime();
  await tx
    .update(verificationCodes)
    .set({ verifiedAt: now, expiresAt: new Date(now.getTime() + lifetimeMs) })
    .where(eq(verificationCodes.id, row.id));
}

/**
 * Locks a verified, unconsumed flow for the final step and marks it consumed; the caller's work runs in the
 * same transaction, so the flow is used once even if the form is submitted twice.
 */
export async function consumeVerifiedFlow<T>(
  flow: FlowHandle,
  purpose: CodePurpose,
  work: (tx: Executor, email: string, boardId: number | null) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: "notVerified" | "expired" }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(verificationCodes)
      .where(and(eq(verificationCodes.id, flow.flowId), eq(verificationCodes.purpose, purpose)))
      .for("update");
    if (!row || !holdsFlow(row, flow.flowToken) || !row.verifiedAt) {
      return { ok: false, reason: "notVerified" };
    }
    if (codeState(row, new Date()) !== "usable") return { ok: false, reason: "expired" };
    await tx.update(verificationCodes).set({ consumedAt: new Date() }).where(eq(verificationCodes.id, row.id));
    return { ok: true, value: await work(tx, row.email, row.boardId) };
  });
}

/** Codes sent to an address (no secrets), for staff screens. */
export async function codesSentTo(email: string, limit = 20) {
  return db
    .select({
      id: verificationCodes.id,
      purpose: verificationCodes.purpose,
      createdAt: verificationCodes.createdAt,
      expiresAt: verificationCodes.expiresAt,
      attempts: verificationCodes.attempts,
      verifiedAt: verificationCodes.verifiedAt,
      consumedAt: verificationCodes.consumedAt,
    })
    .from(verificationCodes)
    .where(eq(verificationCodes.email, email))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(limit);
}
