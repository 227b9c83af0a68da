// The live connection for discussion pages: Socket.IO is imported only here, inside an effect,
// so pages that never show a discussion ship none of it.
import { useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import type { LivePost } from "~/domain/discussion-types";
import { announceSessionEnded, forgetThisDevice } from "../forget-device";

export interface LiveHandlers {
  onPost?: (event: { change: string; threadId: string; groupId: string | null; postId: string; seq: number; authorId: string; post: LivePost | null }) => void;
  onThread?: (event: { change: string; threadId: string; groupId: string | null; title: string; authorId: string }) => void;
  onTyping?: (event: { threadId: string; userId: string; displayName: string }) => void;
  onRead?: (event: { threadId: string; seq: number }) => void;
  /** Called after a reconnect (not the first connect), to catch up on what was missed. */
  onReconnect?: (socket: Socket) => void;
}

/** Fires a window event the app shell's notification badge listens to. */
export const NOTIFICATION_COUNT_EVENT = "praxis:notifications";

export function useDiscussionLive(spaceKey: string | null, handlers: LiveHandlers) {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const socketRef = useRef<Socket | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let socket: Socket | null = null;
    let hasConnected = false;
    void import("socket.io-client").then(({ io }) => {
      if (cancelled) return;
      socket = io({ transports: ["websocket", "polling"], withCredentials: true });
      socketRef.current = socket;
      socket.on("connect", () => {
        setConnected(true);
        // Rooms are per connection: ask again after every (re)connect; the server re-checks.
        if (spaceKey) socket!.emit("space:watch", spaceKey);
        if (hasConnected) handlersRef.current.onReconnect?.(socket!);
        hasConnected = true;
      });
      socket.on("disconnect", (reason) => {
        setConnected(false);
        // The server let go of us (a session ended, access changed): ask again, and be
        // authorised afresh or refused.
        if (reason === "io server disconnect") socket!.connect();
      });
      // Refused for want of a valid session: this device keeps nothing more, as at sign-out.
      socket.on("connect_error", (error) => {
        if (error.message !== "unauthorized") return;
        void forgetThisDevice();
        announceSessionEnded();
      });
      socket.on("discussion:post", (event) => handlersRef.current.onPost?.(event));
      socket.on("discussion:thread", (event) => handlersRef.current.onThread?.(event));
      socket.on("discussion:typing", (event) => handlersRef.current.onTyping?.(event));
      socket.on("discussion:read", (event) => handlersRef.current.onRead?.(event));
      const announce = ({ unread }: { unread: number }) => window.dispatchEvent(new CustomEvent(NOTIFICATION_COUNT_EVENT, { detail: unread }));
      socket.on("notification:new", announce);
      socket.on("notification:count", announce);
    });
    return () => {
      cancelled = true;
      socket?.disconnect();
      socketRef.current = null;
    };
  }, [spaceKey]);

  return {
    connected,
    typing(threadId: string) {
      socketRef.current?.emit("thread:typing", { threadId });
    },
  };
}

/** Who is typing in a thread, forgotten a few seconds after their last keystroke. */
export function useTypingIndicator() {
  const [typists, setTypists] = useState<Record<string, { name: string; until: number }>>({});
  useEffect(() => {
    const timer = setInterval(() => {
      setTypists((current) => {
        const now = Date.now();
        const kept = Object.fromEntries(Object.entries(current).filter(([, v]) => v.until > now));
        return Object.keys(kept).length === Object.keys(current).length ? current : kept;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, []);
  return {
    names: Object.values(typists).map((t) => t.name),
    saw(userId: string, name: string) {
      setTypists((current) => ({ ...current, [userId]: { name, until: Date.now() + 5000 } }));
    },
    stopped(userId: string) {
      setTypists((current) => {
        if (!current[userId]) return current;
        const { [userId]: _gone, ...rest } = current;
        return rest;
      });
    },
  };
}
