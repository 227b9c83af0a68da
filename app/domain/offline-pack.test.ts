// The pack's cursor: what the device holds, handed back; anything unreadable is an empty pack
// (everything is sent again), never an error.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./offline-pack.server";

describe("the pack cursor", () => {
  it("round-trips ids and versions", () => {
    const entries = [
      { id: "t.abc123", v: "0123456789ab" },
      { id: "d.workplan.rooting-care", v: "ffffffffffff" },
      { id: "actions", v: "a1b2c3d4e5f6" },
    ];
    expect([...decodeCursor(encodeCursor(entries))]).toEqual(entries.map((e) => [e.id, e.v]));
  });

  it("ignores what it cannot read", () => {
    expect(decodeCursor(null).size).toBe(0);
    expect(decodeCursor("!!!").size).toBe(0);
    expect(decodeCursor("x".repeat(300_000)).size).toBe(0);
    const mixed = Buffer.from("t.ok:0123456789ab,<script>:zz,t.short:12", "utf8").toString("base64url");
    expect([...decodeCursor(mixed)]).toEqual([["t.ok", "0123456789ab"]]);
  });
});
