// Sealing a secret to someone who holds a token we only keep the hash of: an X25519 key pair is
// derived from the token; we store the public key, and only the token's holder can open what was
// sealed to it. Used to hand an accepted applicant their invitation link on their status page
// without keeping a usable link in the database.
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from "node:crypto";

// PKCS#8 header for a raw 32-byte X25519 private key.
const X25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex");

function privateKeyFor(token: string): KeyObject {
  const seed = createHmac("sha256", "praxis/seal-key/v1").update(token).digest();
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
}

/** The public key (base64 SPKI DER) that `seal` encrypts to, for a token. */
export function sealKeyFor(token: string): string {
  return createPublicKey(privateKeyFor(token)).export({ type: "spki", format: "der" }).toString("base64");
}

function keyFrom(shared: Buffer, ephemeral: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", shared, ephemeral, "praxis/seal/v1", 32));
}

export function seal(publicKeyBase64: string, secret: string): string {
  const recipient = createPublicKey({ key: Buffer.from(publicKeyBase64, "base64"), format: "der", type: "spki" });
  const ephemeral = generateKeyPairSync("x25519");
  const ephemeralDer = ephemeral.publicKey.export({ type: "spki", format: "der" });
  const key = keyFrom(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralDer);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([ephemeralDer, iv, cipher.getAuthTag(), body]).toString("base64");
}

/** Opens a sealed secret with the token; null if it was not sealed to this token. */
export function unseal(token: string, sealed: string): string | null {
  const data = Buffer.from(sealed, "base64");
  if (data.length < 44 + 12 + 16) return null;
  const ephemeralDer = data.subarray(0, 44);
  const iv = data.subarray(44, 56);
  const tag = data.subarray(56, 72);
  try {
    const ephemeral = createPublicKey({ key: ephemeralDer, format: "der", type: "spki" });
    const key = keyFrom(diffieHellman({ privateKey: privateKeyFor(token), publicKey: ephemeral }), ephemeralDer);
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(72)), decipher.final()]).toString("utf8");
  } catch {
    // A wrong token fails authentication: that is the answer, not an error.
    return null;
  }
}
