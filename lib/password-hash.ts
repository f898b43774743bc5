// Password hashing with argon2id at the OWASP ASVS 11.4.2 parameters (m = 19 MiB, t = 2, p = 1).
import argon2 from "argon2";

const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, options);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real verification, so an unknown email cannot be told apart by timing. */
export async function verifyAgainstDummy(plain: string): Promise<false> {
  dummyHash ??= hashPassword("dummy-password-for-timing-equality");
  await verifyPassword(await dummyHash, plain);
  return false;
}
