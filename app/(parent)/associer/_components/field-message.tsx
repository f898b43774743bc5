"use client";
// A field's error message from a full catalog key ("namespace.key"), tied to its input by id.
import { useTranslations } from "next-intl";

export function useMessage() {
  const t = useTranslations();
  return (key: string | undefined) => {
    if (!key) return undefined;
    return t.has(key as never) ? t(key as never) : t("validation.invalid");
  };
}

export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} className="error" role="alert">
      {message}
    </span>
  );
}
