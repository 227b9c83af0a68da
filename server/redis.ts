// Redis connections for scale-out: Socket.IO's adapter and the collaboration fan-out.
import { createClient } from "redis";

export type RedisClient = ReturnType<typeof createClient>;

export async function connectRedis(url: string, purpose: string): Promise<RedisClient> {
  const client = createClient({ url, name: `praxis-${purpose}` });
  client.on("error", (error: Error) => {
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "redis error", purpose, error: error.message }) + "\n");
  });
  await client.connect();
  return client;
}
