// Shows enough of an address for its owner to recognise it, without disclosing it to someone else.

/** "marie.tremblay@gmail.com" → "m•••@gmail.com". */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${address[0]}•••${address.slice(at)}`;
}
