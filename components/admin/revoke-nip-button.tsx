"use client";
// Ends a NIP before its expiry (e.g. told to the wrong person).
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { revokeNipAction } from "@/app/admin/(back-office)/eleves/[id]/actions";
import { ActionAlert } from "@/components/admin/action-alert";
import type { ActionResult } from "@/lib/safe-action";

export function RevokeNipButton({ nipId }: { nipId: string }) {
  const t = useTranslations("admin.nip");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="stack">
      <ActionAlert result={result} />
      <button
        type="button"
        className="danger"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(t("revokeConfirm"))) return;
          startTransition(async () => {
            const outcome = await revokeNipAction({ nipId });
            setResult(outcome);
            router.refresh();
          });
        }}
      >
        {t("revoke")}
      </button>
    </div>
  );
}
