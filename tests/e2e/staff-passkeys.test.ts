// Passkeys in Chromium with virtual authenticators (the DevTools protocol's WebAuthn domain): register two, name
// and remove one, sign in with the other. The app is opened at localhost: WebAuthn refuses an IP address as
// relying party, and the e2e server is configured with WEBAUTHN_RP_ID=localhost.
import { afterAll, describe, expect, it } from "vitest";
import type { CDPSession, Page } from "playwright-core";
import { DEMO_STAFF } from "@/db/seed-data/fixtures";
import { closeBrowser, e2eBaseURL, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { signInStaff } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

async function addAuthenticator(cdp: CDPSession): Promise<string> {
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

async function registerPasskey(page: Page, name: string) {
  const before = await page.getByTestId("passkey").count();
  await page.getByLabel("Nom de la nouvelle clé d'accès").fill(name);
  await page.getByRole("button", { name: "Ajouter une clé d'accès" }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="passkey"]').length === n, before + 1);
}

describe("passkeys", () => {
  it("registers two passkeys, renames and removes one, and signs in with the other", async () => {
    const base = new URL(e2eBaseURL());
    base.hostname = "localhost";
    const page = await newPage(base.origin);
    screenshotOnFailure(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const first = await addAuthenticator(cdp);

    await signInStaff(page, DEMO_STAFF.admin.email);
    await page.goto("/admin/securite");
    await registerPasskey(page, "Ordinateur du bureau");
    const stored = await cdp.send("WebAuthn.getCredentials", { authenticatorId: first });
    expect(stored.credentials).toHaveLength(1);
    expect(stored.credentials[0]!.isResidentCredential).toBe(true);

    // A second device: another authenticator (the first would refuse a second credential for the same account).
    await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: first });
    const second = await addAuthenticator(cdp);
    await registerPasskey(page, "Téléphone");
    await page.reload();
    const items = page.getByTestId("passkey");
    expect(await items.count()).toBe(2);

    // Rename the second (listed in the order added), remove the first.
    expect(await items.nth(0).locator("input").inputValue()).toBe("Ordinateur du bureau");
    const phone = items.nth(1);
    expect(await phone.locator("input").inputValue()).toBe("Téléphone");
    await phone.locator("input").fill("Téléphone de Julie");
    await phone.getByRole("button", { name: "Renommer" }).click();
    await phone.getByRole("button", { name: "Renommer" }).and(page.locator("[disabled]")).waitFor();
    await items.nth(0).getByRole("button", { name: "Retirer" }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="passkey"]').length === 1);
    await page.reload();
    expect(await page.getByTestId("passkey").locator("input").inputValue()).toBe("Téléphone de Julie");

    // Sign out, then sign in with the remaining passkey alone.
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/connexion");
    // Signing out lands on NEXTAUTH_URL's host (127.0.0.1 in these tests): back to localhost, the passkeys' domain.
    await page.goto(`${base.origin}/admin/connexion`);
    await page.getByRole("button", { name: "Se connecter avec une clé d'accès" }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.goto("/admin/securite");
    await page.getByText("dernière utilisation").waitFor();
    expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId: second })).credentials[0]!.signCount).toBeGreaterThan(0);
    await page.context().close();
  });
});
