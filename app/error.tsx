"use client";
// Errors of any page whose own segment has no error boundary, and of the parent and staff layouts themselves.
import { ServiceUnavailable } from "@/components/service-unavailable";

export default function RootError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ServiceUnavailable retry={retry} digest={error.digest} audience="parent" />;
}
