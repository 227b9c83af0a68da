// Sealing a secret to someone who holds a token we only keep the hash of: an X25519 key pair is
// derived from the token; we store the public key, and only the token's holder can open what was
// sealed to it. Used to hand an accepted applicant their invitation link on their status page
// without keeping a usable link in the database.
//
// The construction is JWE (RFC 7516) through `jose`: "ECDH-ES" key agreement on X25519 with an
// ephemeral key (Concat KDF) and "A256GCM" content encryption, in the compact form. "dir" would
// need a shared secret the server keeps; ECDH-ES needs only the public key, which is the point.
// The only thing done here by hand is turning the token into the private key (HMAC-SHA256 as
// the seed), unchanged from the first version so stored keys stay valid.
import { createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, type KeyObject } from "node:crypto";
import { compactDecrypt, CompactEncrypt } from "jose";

// PKCS#8 header for a raw 32-byte X25519 private key.
const X25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex");
const HEADER = { alg: "ECDH-ES", enc: "A256GCM" } as const;

function privateKeyFor(token: string): KeyObject {
  const seed = createHmac("sha256", "praxis/seal-key/v1").update(token).digest();
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
}

/** The public key (base64 SPKI DER) that `seal` encrypts to, for a token. */
export function sealKeyFor(token: string): string {
  return createPublicKey(privateKeyFor(token)).export({ type: "spki", format: "der" }).toString("base64");
}

/** A compact JWE of the secret that only the token's holder can open. */
export async function seal(publicKeyBase64: string, secret: string): Promise<string> {
  const recipient = createPublicKey({ key: Buffer.from(publicKeyBase64, "base64"), format: "der", type: "spki" });
  return new CompactEncrypt(new TextEncoder().encode(secret)).setProtectedHeader(HEADER).encrypt(recipient);
}

/** Whether a stored value is in the current (JWE) format rather than the first, hand-made one. */
export function isCurrentSeal(sealed: string): boolean {
  return sealed.split(".").length === 5;
}

/** Opens a sealed secret with the token; null if it was not sealed to this token. */
export async function unseal(token: string, sealed: string): Promise<string | null> {
  if (!isCurrentSeal(sealed)) return unsealLegacy(token, sealed);
  try {
    const { plaintext } = await compactDecrypt(sealed, privateKeyFor(token), { keyManagementAlgorithms: [HEADER.alg], contentEncryptionAlgorithms: [HEADER.enc] });
    return new TextDecoder().decode(plaintext);
  } catch {
    // A wrong token fails authentication: that is the answer, not an error.
    return null;
  }
}

/**
 * Reads values sealed before the move to JWE (ephemeral SPKI ‖ IV ‖ tag ‖ AES-256-GCM body, key
 * from HKDF over X25519). They cannot be migrated in bulk: only the applicant's token opens
 * them, and the server never keeps it. So they are read here and re-sealed as JWE when their
 * holder opens them (applicant.server.ts); the rest vanish as applicants join or are erased.
 * Remove once no `sealedInvitation` without four dots is left.
 */
function unsealLegacy(token: string, sealed: string): string | null {
  const data = Buffer.from(sealed, "base64");
  if (data.length < 44 + 12 + 16) return null;
  const ephemeralDer = data.subarray(0, 44);
  try {
    const ephemeral = createPublicKey({ key: ephemeralDer, format: "der", type: "spki" });
    const shared = diffieHellman({ privateKey: privateKeyFor(token), publicKey: ephemeral });
    const key = Buffer.from(hkdfSync("sha256", shared, ephemeralDer, "praxis/seal/v1", 32));
    const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(44, 56));
    decipher.setAuthTag(data.subarray(56, 72));
    return Buffer.concat([decipher.update(data.subarray(72)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
