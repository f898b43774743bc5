// Saved replies: {placeholders} filled from the ticket. An unknown or empty placeholder stays visible, so
// staff see what to fill before sending.
export const savedReplyPlaceholders = ["prenom_enfant", "ecole", "telephone_ecole", "reference"] as const;
export type SavedReplyPlaceholder = (typeof savedReplyPlaceholders)[number];

export type SavedReplyValues = Partial<Record<SavedReplyPlaceholder, string | null>>;

export function fillSavedReply(body: string, values: SavedReplyValues): string {
  return body.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const value = values[name as SavedReplyPlaceholder];
    return value ? value : whole;
  });
}
