"use client";
// A back-office page that could not be rendered: the staff header stays, the page offers a retry.
import { ServiceUnavailable } from "@/components/service-unavailable";

export default function BackOfficeError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ServiceUnavailable retry={retry} digest={error.digest} audience="staff" />;
}
