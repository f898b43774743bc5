// Settings a production server must refuse to start with: each one would otherwise serve errors or expose
// accounts (a public signing secret, a mailbox anyone can read, links pointing at another host).

export type RawSettings = Partial<Record<string, string | undefined>>;

export const DEV_MAILBOX_PRODUCTION_OPT_IN = "on-i-understand";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"]);

function parseUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/:\d+$/, "");
  return loopbackHosts.has(host) || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** What is wrong with these settings for a production server (empty when it may start). */
export function unsafeProductionSettings(settings: RawSettings): string[] {
  if (settings.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  const secret = settings.NEXTAUTH_SECRET ?? "";
  if (secret === "") {
    problems.push("NEXTAUTH_SECRET is not set: set it to a random value of at least 32 characters (openssl rand -hex 32).");
  } else if (secret.startsWith("dev-only") || secret.length < 32) {
    problems.push("NEXTAUTH_SECRET is the development secret or shorter than 32 characters: use a random value (openssl rand -hex 32).");
  }
  if (settings.DEV_MAILBOX === "on") {
    problems.push(
      `DEV_MAILBOX=on would let any visitor read every email, reset codes included, at /dev/mailbox. ` +
        `Remove it, or set DEV_MAILBOX=${DEV_MAILBOX_PRODUCTION_OPT_IN} for a server nobody else can reach.`,
    );
  }
  const appUrl = parseUrl(settings.APP_URL);
  if (!settings.APP_URL) {
    problems.push("APP_URL is not set: set it to the public address of the portal (https://…), used in email links.");
  } else if (!appUrl) {
    problems.push(`APP_URL is not a URL: ${settings.APP_URL}`);
  }
  const authUrl = parseUrl(settings.NEXTAUTH_URL);
  if (settings.NEXTAUTH_URL && !authUrl) problems.push(`NEXTAUTH_URL is not a URL: ${settings.NEXTAUTH_URL}`);
  if (appUrl && authUrl && appUrl.origin !== authUrl.origin) {
    problems.push(
      `NEXTAUTH_URL (${authUrl.origin}) and APP_URL (${appUrl.origin}) differ: sign-in redirects and email links ` +
        `would point to different hosts. Give both the public address.`,
    );
  }
  const hops = settings.TRUSTED_PROXY_HOPS;
  if (hops !== undefined && hops !== "" && !/^(10|[0-9])$/.test(hops)) {
    problems.push(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (got ${hops}).`);
  }
  return problems;
}

/** The message printed when the server refuses to start. */
export function refusalMessage(problems: string[]): string {
  return ["The server refuses to start in production with these settings:", ...problems.map((p) => `  - ${p}`)].join("\n");
}

/**
 * A request whose Host is not the configured public host while APP_URL is left at a loopback address
 * (localhost): sign-out and email links would send users to their own machine.
 */
export function servesAnotherHostThanAppUrl(appUrl: string, requestHost: string | null): boolean {
  const configured = parseUrl(appUrl);
  if (!configured || !requestHost || !isLoopbackHost(configured.hostname)) return false;
  return !isLoopbackHost(requestHost);
}
