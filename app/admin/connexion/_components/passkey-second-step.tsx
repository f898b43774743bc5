"use client";
// The second step of a password sign-in done with one of the staff member's passkeys.
import { useRouter } from "next/navigation";
import { PasskeyProofButton } from "@/components/admin/passkey-proof-button";

export function PasskeySecondStep() {
  const router = useRouter();
  return (
    <PasskeyProofButton
      onDone={(ok) => {
        if (!ok) return;
        router.replace("/admin");
        router.refresh();
      }}
    />
  );
}
