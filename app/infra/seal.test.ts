// The invitation an accepted applicant receives is sealed to their private link (JWE, jose).
import { createCipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from "node:crypto";
import { compactDecrypt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { isCurrentSeal, seal, sealKeyFor, unseal } from "./seal.server";

/** A value as the first, hand-made version sealed it (kept here only to prove it still opens). */
function legacySeal(publicKeyBase64: string, secret: string): string {
  const recipient = createPublicKey({ key: Buffer.from(publicKeyBase64, "base64"), format: "der", type: "spki" });
  const ephemeral = generateKeyPairSync("x25519");
  const ephemeralDer = ephemeral.publicKey.export({ type: "spki", format: "der" });
  const key = Buffer.from(hkdfSync("sha256", diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralDer, "praxis/seal/v1", 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([ephemeralDer, iv, cipher.getAuthTag(), body]).toString("base64");
}

describe("sealing the invitation to the applicant's private link", () => {
  it("opens only with the token the key was derived from", async () => {
    const sealed = await seal(sealKeyFor("applicant-token-one"), "invitation-secret");
    expect(sealed).not.toContain("invitation-secret");
    expect(await unseal("applicant-token-one", sealed)).toBe("invitation-secret");
    expect(await unseal("applicant-token-two", sealed)).toBeNull();
    expect(await unseal("applicant-token-one", "garbage")).toBeNull();
    expect(await unseal("applicant-token-one", "a.b.c.d.e")).toBeNull();
  });

  it("is a standard compact JWE (ECDH-ES on X25519, A256GCM) with a fresh ephemeral key each time", async () => {
    const key = sealKeyFor("applicant-token-one");
    const [first, second] = [await seal(key, "same"), await seal(key, "same")];
    expect(isCurrentSeal(first)).toBe(true);
    expect(first).not.toBe(second);
    const header = decodeProtectedHeader(first);
    expect(header).toMatchObject({ alg: "ECDH-ES", enc: "A256GCM", epk: { kty: "OKP", crv: "X25519" } });
    // Tampering with any part fails authentication.
    const parts = first.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "AB" : "AA");
    expect(await unseal("applicant-token-one", parts.join("."))).toBeNull();
    await expect(compactDecrypt(first, generateKeyPairSync("x25519").privateKey)).rejects.toThrow();
  });

  it("still opens values sealed before the move to JWE", async () => {
    const old = legacySeal(sealKeyFor("applicant-token-one"), "old-invitation");
    expect(isCurrentSeal(old)).toBe(false);
    expect(await unseal("applicant-token-one", old)).toBe("old-invitation");
    expect(await unseal("applicant-token-two", old)).toBeNull();
  });
});
