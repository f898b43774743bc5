// A link between back-office pages. Those pages are rendered per request with their queries and have no loading
// boundary, so a prefetch renders the whole page on the server for a link the staff member may never follow (one
// search page used to set off 33 of them). The link is never prefetched; a click still navigates on the client.
import Link from "next/link";
import type { ComponentProps } from "react";

export function StaffLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
