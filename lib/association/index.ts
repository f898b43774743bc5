// The association rule's public API. NIP generation (node:crypto) is imported from "@/lib/association/nip-code".
export * from "@/lib/association/diagnose";
export * from "@/lib/association/name-comparison";
export * from "@/lib/association/parent-message";
export * from "@/lib/association/reasons";
export * from "@/lib/association/suggested-fix";
