"use client";
// A parent page that could not be rendered: the header stays, the page says the service is unavailable for now.
import { ServiceUnavailable } from "@/components/service-unavailable";

export default function ParentError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ServiceUnavailable retry={retry} digest={error.digest} audience="parent" />;
}
