// Cross-instance fan-out over Redis pub/sub: document updates, awareness, and control messages
// (a session ended, a member's access changed) reach every instance sharing REDIS_URL.
import { randomUUID } from "node:crypto";
import { connectRedis, type RedisClient } from "../redis";

export type ControlMessage =
  | { type: "sessions.ended"; userId: string; sessionIds: string[] | "all" }
  | { type: "access.changed"; userId: string }
  | { type: "document.access"; documentId: string };

export interface Fanout {
  publishUpdate(documentId: string, update: Uint8Array): void;
  publishAwareness(documentId: string, update: Uint8Array): void;
  publishControl(message: ControlMessage): void;
  follow(documentId: string, handlers: { update(u: Uint8Array): void; awareness(u: Uint8Array): void }): Promise<void>;
  unfollow(documentId: string): Promise<void>;
  onControl(handler: (message: ControlMessage) => void): void;
  close(): Promise<void>;
}

/** One instance alone: control messages loop back, documents have no one else to tell. */
export function localFanout(): Fanout {
  const handlers: Array<(message: ControlMessage) => void> = [];
  return {
    publishUpdate() {},
    publishAwareness() {},
    publishControl(message) {
      handlers.forEach((handler) => handler(message));
    },
    async follow() {},
    async unfollow() {},
    onControl(handler) {
      handlers.push(handler);
    },
    async close() {},
  };
}

export async function redisFanout(url: string, prefix: string): Promise<Fanout> {
  const instance = Buffer.from(randomUUID().replace(/-/g, ""), "hex"); // 16 bytes, tags our own messages
  const pub = await connectRedis(url, "collab-pub");
  const sub = await connectRedis(url, "collab-sub");
  const controlChannel = `${prefix}:collab:control`;
  const channel = (documentId: string) => `${prefix}:collab:doc:${documentId}`;
  const controlHandlers: Array<(message: ControlMessage) => void> = [];

  await sub.subscribe(controlChannel, (message) => {
    const parsed = JSON.parse(message) as ControlMessage;
    controlHandlers.forEach((handler) => handler(parsed));
  });

  // Frame: 16-byte instance tag, 1 byte kind (0 update, 1 awareness), payload.
  function frame(kind: number, payload: Uint8Array): Buffer {
    return Buffer.concat([instance, Buffer.from([kind]), Buffer.from(payload)]);
  }

  return {
    publishUpdate(documentId, update) {
      void pub.publish(channel(documentId), frame(0, update));
    },
    publishAwareness(documentId, update) {
      void pub.publish(channel(documentId), frame(1, update));
    },
    publishControl(message) {
      void pub.publish(controlChannel, JSON.stringify(message));
    },
    async follow(documentId, handlers) {
      await sub.subscribe(
        channel(documentId),
        (message: Buffer) => {
          if (message.subarray(0, 16).equals(instance)) return;
          const payload = new Uint8Array(message.subarray(17));
          if (message[16] === 0) handlers.update(payload);
          else handlers.awareness(payload);
        },
        true, // deliver Buffers, not strings
      );
    },
    async unfollow(documentId) {
      await sub.unsubscribe(channel(documentId));
    },
    onControl(handler) {
      controlHandlers.push(handler);
    },
    async close() {
      await Promise.all([pub.quit().catch(() => undefined), sub.quit().catch(() => undefined)]);
    },
  };
}
