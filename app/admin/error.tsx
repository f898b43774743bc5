"use client";
// The back-office layout itself could not be rendered (its session check or scope did not load).
import { ServiceUnavailable } from "@/components/service-unavailable";

export default function AdminError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ServiceUnavailable retry={retry} digest={error.digest} audience="staff" />;
}
