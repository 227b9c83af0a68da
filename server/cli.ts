// Operator commands: `npm run praxis -- <command>`.
//   create-coordinator <username> <display name>   first coordinator on a production install
//                                                  (password read from PRAXIS_PASSWORD or asked)
//   migrate                                        apply pending migrations and exit
//   backup <dir>                                   database + file store + manifest of checksums
//   restore <dir>                                  into an empty database and file store, verified
//                                                  (PRAXIS_BACKUP_PASSPHRASE encrypts / decrypts)
import { createInterface } from "node:readline/promises";
import { createUser, isUsernameTaken, passwordSchema, usernameSchema } from "../app/domain/accounts.server";
import { disconnectDb } from "../app/infra/db.server";
import { env } from "../app/infra/env.server";
import { migrate } from "../prisma/migrate";
import { ensureWorkingGroups } from "../prisma/seed";

async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    const line = await rl[Symbol.asyncIterator]().next();
    rl.close();
    return String(line.value ?? "");
  }
  process.stdout.write(question);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let value = "";
  for await (const chunk of process.stdin) {
    const char = String(chunk);
    if (char === "\r" || char === "\n") break;
    if (char === "\u0003") process.exit(130);
    if (char === "\u007f") value = value.slice(0, -1);
    else value += char;
  }
  process.stdin.setRawMode(false);
  process.stdin.pause();
  process.stdout.write("\n");
  return value;
}

async function createCoordinator(usernameArg?: string, ...nameParts: string[]) {
  const username = usernameSchema.safeParse(usernameArg ?? "");
  const displayName = nameParts.join(" ").trim() || usernameArg || "";
  if (!username.success || !displayName) {
    console.error("usage: npm run praxis -- create-coordinator <username> <display name>");
    process.exit(2);
  }
  await migrate(env().DATABASE_URL);
  await ensureWorkingGroups();
  if (await isUsernameTaken(username.data)) {
    console.error(`The username "${username.data}" is already taken.`);
    process.exit(1);
  }
  const password = env().PRAXIS_PASSWORD ?? (await askHidden("Password (at least 8 characters): "));
  const valid = passwordSchema.safeParse(password);
  if (!valid.success) {
    console.error("The password must have at least 8 characters.");
    process.exit(1);
  }
  await createUser({ username: username.data, displayName, password: valid.data, role: "coordinator" });
  console.log(`Coordinator "${username.data}" created. Sign in, then invite members from the People page.`);
}

const [command, ...args] = process.argv.slice(2);
try {
  switch (command) {
    case "create-coordinator":
      await createCoordinator(...args);
      break;
    case "migrate": {
      const applied = await migrate(env().DATABASE_URL);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
      break;
    }
    case "backup":
    case "restore": {
      if (!args[0]) {
        console.error(`usage: npm run praxis -- ${command} <dir>`);
        process.exit(2);
      }
      const { backup, restore } = await import("./backup");
      if (env().FILES_URL) {
        // The bucket is shared by every instance and is the object store's to keep safe.
        console.log(`Library files and receipts live in ${env().FILES_URL}: back the bucket up with its own tools (versioning, replication, aws s3 sync / mc mirror). This ${command} covers the database and FILES_DIR.`);
      }
      const options = { databaseUrl: env().DATABASE_URL, filesDir: env().FILES_DIR, passphrase: env().PRAXIS_BACKUP_PASSPHRASE };
      const manifest = await (command === "backup" ? backup : restore)(args[0], options);
      const files = manifest.entries.length - 1;
      console.log(
        command === "backup"
          ? `Backed up the ${manifest.database} database and ${files} stored files to ${args[0]}${manifest.encrypted ? " (encrypted)" : ""}.`
          : `Restored the ${manifest.database} database and ${files} stored files from ${args[0]}; every checksum matched.`,
      );
      break;
    }
    default:
      console.error("commands: create-coordinator <username> <display name> | migrate | backup <dir> | restore <dir>");
      process.exit(2);
  }
} finally {
  await disconnectDb();
}
