"use server";
import { cookies } from "next/headers";
import { localeCookie, toLocale } from "@/lib/i18n/locale";

export async function setLocaleAction(locale: string) {
  (await cookies()).set(localeCookie, toLocale(locale), { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
