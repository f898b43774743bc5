// Any address no route serves: answered with the parent layout's translated 404 page (not-found.tsx beside it).
import { notFound } from "next/navigation";

export default function MissingPage() {
  notFound();
}
