"use client";
// Email + password sign-in through next-auth, for parents and for staff (provider "parent" or "staff").
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { forgetEmail, rememberedEmail } from "@/components/parent/remembered-email";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/safe-action";
import { helpLinkFor } from "@/lib/support/topics";
import Link from "next/link";
import { signInSchema, type SignInInput } from "@/lib/validations/auth";

/** next-auth reports authorize() errors as a string: "invalid", "throttled:<seconds>" or "unavailable". */
function toResult(error: string): ActionResult {
  const [code, seconds] = error.split(":");
  if (code === "throttled") return { ok: false, error: "throttled", retryAfterSeconds: Number(seconds) || 60 };
  if (code === "invalid" || code === "CredentialsSignin") return { ok: false, error: "invalidCredentials" };
  if (code === "unavailable") return { ok: false, error: "serviceUnavailable" };
  return { ok: false, error: "unexpected" };
}

type Props = {
  provider: "parent" | "staff";
  redirectTo: string;
  /** Right after sign-up or a password reset: fill in the address the parent just used and go to the password. */
  prefillRememberedEmail?: boolean;
};

export function SignInForm({ provider, redirectTo, prefillRememberedEmail = false }: Props) {
  const t = useTranslations("auth.signin");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });
  useEffect(() => {
    if (!prefillRememberedEmail) return;
    const email = rememberedEmail();
    if (!email || form.getValues("email")) return;
    form.setValue("email", email);
    form.setFocus("password");
  }, [prefillRememberedEmail, form]);
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      // A request that does not come back at all is an outage too; the typed values stay in the form.
      const response = await signIn(provider, { ...values, redirect: false }).catch(() => ({ ok: false, error: "unavailable" }));
      if (response?.ok && !response.error) {
        if (provider === "parent") forgetEmail();
        router.push(redirectTo);
        router.refresh();
        return;
      }
      setResult(toResult(response?.error ?? "unexpected"));
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <FormAlert result={result} />
      {provider === "parent" && result && !result.ok && result.error === "throttled" && (
        <p>
          <Link href={helpLinkFor("signin_blocked")}>{t("blockedHelp")}</Link>
        </p>
      )}
      <TextField
        label={t("email")}
        type="email"
        autoComplete="username"
        inputMode="email"
        maxLength={254}
        errors={form.formState.errors.email?.message ? [form.formState.errors.email.message] : undefined}
        {...form.register("email")}
      />
      <TextField
        label={t("password")}
        type="password"
        autoComplete="current-password"
        errors={form.formState.errors.password?.message ? [form.formState.errors.password.message] : undefined}
        {...form.register("password")}
      />
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
