// The inbound SMTP listener (smtp-server) on SMTP_INBOUND_PORT: it accepts mail only for reply
// addresses at our domain, no larger than MAIL_INBOUND_MAX_KB, and hands each message to the
// domain (receiveMail). It speaks plain SMTP without authentication: it is meant to sit behind
// the MX that receives the domain's mail (see README, "Taking part by email").
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { receiveMail } from "~/domain/mail-in/receive.server";
import { describeError, log } from "~/infra/log.server";
import { replyTokenOf } from "~/infra/mail.server";

export interface InboundMail {
  port: number;
  close(): Promise<void>;
}

function smtpError(message: string, code: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startInboundMail(options: { port: number; host: string; maxBytes: number }): Promise<InboundMail> {
  const inFlight = new Set<Promise<unknown>>();
  const server = new SMTPServer({
    name: "praxis",
    banner: "Praxis",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    hideSTARTTLS: true,
    size: options.maxBytes,
    maxClients: 50,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      // Only reply addresses: anything else is not ours to take (and no bounce is sent for it).
      if (!replyTokenOf(address.address)) return callback(smtpError("5.1.1 No such mailbox here", 550));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if (stream.sizeExceeded || size > options.maxBytes) {
          log("info", "inbound mail rejected", { reason: "too-large" });
          return callback(smtpError("5.3.4 Message too big", 552));
        }
        const mailFrom = session.envelope.mailFrom;
        const work = receiveMail(Buffer.concat(chunks), {
          from: mailFrom && mailFrom.address ? mailFrom.address : null,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        })
          .then((verdict) => (verdict.outcome === "rejected" ? callback(smtpError(verdict.message, verdict.code)) : callback()))
          .catch((error) => {
            log("error", "inbound mail failed", describeError(error));
            callback(smtpError("4.3.0 Try again later", 451));
          });
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      });
    },
  });
  server.on("error", (error) => log("warn", "inbound mail connection error", describeError(error)));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  log("info", "receiving mail", { port });
  return {
    port,
    /** Stops accepting, lets the mails being handled finish, then closes. */
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...inFlight]);
    },
  };
}
