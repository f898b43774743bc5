// Any /admin address no route serves: the back-office's translated 404 page, with the staff header.
import { notFound } from "next/navigation";

export default function MissingStaffPage() {
  notFound();
}
