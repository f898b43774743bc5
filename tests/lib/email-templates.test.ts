import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/email/compose";
import { maskEmail } from "@/lib/email/mask-email";
import { emailTemplates, renderEmail, type EmailTemplateName, type EmailTemplateParams } from "@/lib/email/templates";
import { locales } from "@/lib/i18n/locale";

const hostile = `<script>alert("x")</script> & 'Cie'`;

const samples: { [K in EmailTemplateName]: EmailTemplateParams[K] } = {
  "verification-code": { code: "042917", link: "https://portail.example/inscription/verifier?jeton=abc", minutes: 10, purpose: "signup" },
  "account-exists": { resetUrl: "https://portail.example/mot-de-passe-oublie" },
  "password-changed": { changedAt: new Date("2026-11-23T19:05:00Z"), resetUrl: "https://portail.example/mot-de-passe-oublie" },
  "guardian-email-changed": {
    schoolName: "École des Érables",
    oldEmail: "ancien@example.com",
    newEmail: "nouveau.parent@example.com",
    recipient: "previous",
  },
  "nip-issued": { nip: "K7P2QX", expiresAt: new Date("2026-11-23T19:05:00Z"), schoolName: "École des Érables", link: "https://portail.example/associer" },
  "fiche-number": { fiche: "1234567", schoolName: "École des Érables" },
  "incident-reported": { incidentId: 12, board: "CSS des Érables", source: "parent_report", link: "https://portail.example/admin/incidents/12" },
  "email-change-code": { code: "042917", minutes: 10 },
  "email-change-notice": { stage: "requested", oldEmail: "ancien@example.com", newEmail: "nouveau.parent@example.com", at: new Date("2026-11-23T19:05:00Z") },
  "account-deleted": { at: new Date("2026-11-23T19:05:00Z") },
  "support-received": { reference: "D-000042", link: "https://portail.example/aide/demandes" },
  "support-reply": { reference: "D-000042", body: `Bonjour,\n\nLe courriel est corrigé. ${hostile}`, link: "https://portail.example/aide/demandes" },
  "support-closed": { reference: "D-000042", days: 7, link: "https://portail.example/aide/demandes" },
  "staff-access-link": {
    kind: "invitation",
    link: "https://portail.example/admin/connexion/invitation/abc",
    expiresAt: new Date("2026-11-26T19:05:00Z"),
    invitedBy: hostile,
    role: "secrétaire",
  },
};

const templateNames = Object.keys(emailTemplates) as EmailTemplateName[];

describe("email templates", () => {
  it.each(templateNames.flatMap((name) => locales.map((locale) => [name, locale] as const)))(
    "renders %s in %s with a subject, a text and a full HTML document",
    (name, locale) => {
      const email = renderEmail(name, samples[name], locale);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.text).toMatch(locale === "fr" ? /Bonjour/ : /Hello/);
      expect(email.html).toContain(`<html lang="${locale}">`);
      expect(email.text).not.toMatch(/\{|\}/);
    },
  );

  it("writes French and English differently", () => {
    for (const name of templateNames) {
      expect(renderEmail(name, samples[name], "fr").text).not.toBe(renderEmail(name, samples[name], "en").text);
    }
  });

  it("escapes every parameter in the HTML and keeps it as typed in the text", () => {
    for (const name of ["guardian-email-changed", "nip-issued", "fiche-number"] as const) {
      const email = renderEmail(name, { ...samples[name], schoolName: hostile }, "fr");
      expect(email.html).not.toContain("<script>");
      expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Cie&#39;");
      expect(email.text).toContain(hostile);
    }
    expect(escapeHtml(`"><img src=x onerror=alert(1)>`)).toBe("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  });

  it("escapes a link's address inside its href", () => {
    const email = renderEmail("account-exists", { resetUrl: `https://portail.example/reset?a="><b>&c=1` }, "en");
    expect(email.html).not.toContain(`"><b>`);
    expect(email.html).toContain("&amp;c=1");
  });

  it("refuses a link that is not a web address", () => {
    expect(() => renderEmail("account-exists", { resetUrl: "javascript:alert(1)" }, "fr")).toThrow();
  });

  it("takes no student name: only the school, an address or a number identify the record", () => {
    for (const name of templateNames) {
      const nameLike = Object.keys(samples[name]).filter((key) => /name/i.test(key) && key !== "schoolName");
      expect(nameLike, name).toEqual([]);
      expect(Object.keys(samples[name]).join(" ")).not.toMatch(/child|student|enfant|eleve|firstName|lastName/i);
    }
  });

  it("never puts a code or a NIP in a subject, which outlives the cleared bodies", () => {
    for (const locale of locales) {
      expect(renderEmail("verification-code", samples["verification-code"], locale).subject).not.toContain("042917");
      expect(renderEmail("nip-issued", samples["nip-issued"], locale).subject).not.toContain("K7P2QX");
    }
  });
});

describe("verification-code", () => {
  it("gives the code unbroken, its lifetime and the link that verifies too", () => {
    const email = renderEmail("verification-code", samples["verification-code"], "fr");
    expect(email.text).toContain("Votre code de vérification : 042917");
    expect(email.text).toContain("10 minutes");
    expect(email.text).toContain("https://portail.example/inscription/verifier?jeton=abc");
    expect(email.html).toContain(">042917<");
    expect(email.html).toContain(`href="https://portail.example/inscription/verifier?jeton=abc"`);
  });

  it("speaks of a password reset for the reset purpose", () => {
    const params = { ...samples["verification-code"], purpose: "reset" as const, minutes: 1 };
    expect(renderEmail("verification-code", params, "en").text).toMatch(/reset the password/);
    expect(renderEmail("verification-code", params, "en").text).toContain("valid for 1 minute.");
    expect(renderEmail("verification-code", params, "fr").subject).toMatch(/Réinitialisation/);
  });
});

describe("account-exists", () => {
  it("points to password reset without anything alarming", () => {
    const email = renderEmail("account-exists", samples["account-exists"], "fr");
    expect(email.text).toContain("https://portail.example/mot-de-passe-oublie");
    expect(email.text).not.toMatch(/code|attaque|piratage|suspect/i);
  });
});

describe("password-changed", () => {
  it("dates the change in Toronto time and offers a reset", () => {
    const fr = renderEmail("password-changed", samples["password-changed"], "fr");
    expect(fr.text).toContain("23 novembre 2026 à 14 h 05");
    expect(fr.text).toContain("https://portail.example/mot-de-passe-oublie");
    expect(renderEmail("password-changed", {}, "en").text).toMatch(/was changed on/);
  });
});

describe("guardian-email-changed", () => {
  it("shows the previous address its own address and only a masked new one", () => {
    const email = renderEmail("guardian-email-changed", samples["guardian-email-changed"], "fr");
    expect(email.text).toContain("ancien@example.com");
    expect(email.text).toContain("n•••@example.com");
    expect(email.text).not.toContain("nouveau.parent@example.com");
    expect(email.text).toContain("École des Érables");
  });

  it("does not disclose the previous address to the new one", () => {
    const params = { ...samples["guardian-email-changed"], recipient: "new" as const, portalUrl: "https://portail.example/" };
    const email = renderEmail("guardian-email-changed", params, "en");
    expect(email.text).toContain("nouveau.parent@example.com");
    expect(email.text).not.toContain("ancien");
    expect(email.text).toContain("https://portail.example/");
  });

  it("masks an address to its first character and domain", () => {
    expect(maskEmail("marie.tremblay@gmail.com")).toBe("m•••@gmail.com");
    expect(maskEmail("not-an-address")).toBe("•••");
  });
});

describe("nip-issued", () => {
  it("gives the NIP and its expiry in Toronto time", () => {
    expect(renderEmail("nip-issued", samples["nip-issued"], "fr").text).toContain("jusqu’au 23 novembre 2026 à 14 h 05");
    const en = renderEmail("nip-issued", samples["nip-issued"], "en");
    expect(en.text).toContain("until November 23, 2026 at 2:05 p.m.");
    expect(en.text).toContain("K7P2QX");
  });
});

describe("fiche-number", () => {
  it("gives the fiche for 'your child' at the school", () => {
    const email = renderEmail("fiche-number", samples["fiche-number"], "fr");
    expect(email.text).toContain("Numéro de fiche : 1234567");
    expect(email.text).toContain("votre enfant");
  });
});

describe("support ticket emails", () => {
  it("name the reference in the subject and escape the staff reply in the HTML", () => {
    for (const locale of locales) {
      for (const name of ["support-received", "support-reply", "support-closed"] as const) {
        expect(renderEmail(name, samples[name], locale).subject).toContain("D-000042");
      }
      const reply = renderEmail("support-reply", samples["support-reply"], locale);
      expect(reply.html).not.toContain("<script>");
      expect(reply.text).toContain(hostile);
      expect(reply.text).toContain("D-000042");
    }
  });
});
