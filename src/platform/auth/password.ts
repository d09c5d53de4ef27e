import { hash, verify, type Options } from '@node-rs/argon2';

/** argon2id (the package's Algorithm.Argon2id, a const enum we cannot import directly). */
const ARGON2ID = 2 as Options['algorithm'];
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** argon2id with OWASP's recommended minimum (19 MiB, 2 passes). Never call inside a transaction. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string | null | undefined, password: string): Promise<boolean> {
  if (!hashed) {
    // Spend the same time as a real check so that timing does not reveal unknown accounts.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

export const PASSWORD_MIN = 10;
