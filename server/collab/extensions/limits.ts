// Limits, so no member can slow the others: connections per member and per document, a token
// bucket of messages per connection, and the size of one message. Each is answered with its own
// close code (README), after the client was told why.
import { Refusal, type ClientConnection, type CollabExtension } from "../extension";
import { CLOSE } from "../protocol";

export interface CollabLimits {
  connectionsPerMember: number;
  connectionsPerDocument: number;
  /** Sustained messages a second per connection; bursts of `burst` are allowed. */
  messagesPerSecond: number;
  burst: number;
  /** Largest message accepted (bigger: 4413). */
  maxMessageBytes: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const ADMITTED = "limits";

export function limits(options: CollabLimits): CollabExtension {
  const perMember = new Map<string, number>();
  const perDocument = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, by: number) => {
    const next = (map.get(key) ?? 0) + by;
    if (next <= 0) map.delete(key);
    else map.set(key, next);
  };

  return {
    name: "limits",
    onConnect(connection) {
      // Synchronous between the check and the count: two connections cannot both slip through.
      if ((perMember.get(connection.userId) ?? 0) >= options.connectionsPerMember) throw new Refusal("tooManyConnections", CLOSE.tooManyConnections);
      if ((perDocument.get(connection.documentId) ?? 0) >= options.connectionsPerDocument) throw new Refusal("tooManyConnections", CLOSE.tooManyConnections);
      add(perMember, connection.userId, 1);
      add(perDocument, connection.documentId, 1);
      connection.state.set(ADMITTED, { tokens: options.burst, at: performance.now() } satisfies Bucket);
    },
    onMessage(connection: ClientConnection, data: Uint8Array) {
      if (data.byteLength > options.maxMessageBytes) throw new Refusal("tooLarge", CLOSE.tooLarge);
      const bucket = connection.state.get(ADMITTED) as Bucket | undefined;
      if (!bucket) return;
      const now = performance.now();
      bucket.tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.at) / 1000) * options.messagesPerSecond);
      bucket.at = now;
      if (bucket.tokens < 1) throw new Refusal("rateLimited", CLOSE.rateLimited);
      bucket.tokens -= 1;
    },
    onClose(connection) {
      if (!connection.state.delete(ADMITTED)) return;
      add(perMember, connection.userId, -1);
      add(perDocument, connection.documentId, -1);
    },
  };
}
