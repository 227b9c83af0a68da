// Random identifiers and secrets from the operating system's CSPRNG.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** Lower-case base32 of `bytes` random bytes: URL- and cookie-safe, no ambiguous case. */
export function randomToken(bytes: number): string {
  const data = randomBytes(bytes);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** A database id: 120 random bits, sortable enough for nothing — order by createdAt instead. */
export function newId(): string {
  return randomToken(15);
}

export function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

export function sha256Hex(text: string): string {
  return sha256(text).toString("hex");
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
