import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("invite/:token", "routes/invite.$token.tsx"),
  route("groups/:slug", "routes/groups.$slug.tsx"),
  route("groups/:slug/threads/:threadId", "routes/groups.$slug.threads.$threadId.tsx"),
  route("community", "routes/community.tsx"),
  route("community/threads/:threadId", "routes/community.threads.$threadId.tsx"),
  route("notifications", "routes/notifications.tsx"),
  route("notifications/email/:token", "routes/notifications.email.$token.tsx"),
  route("discussions/mentions", "routes/discussions.mentions.ts"),
  route("library", "routes/library.tsx"),
  route("meetings", "routes/meetings.tsx"),
  route("mel", "routes/mel.tsx"),
  route("settings", "routes/settings.tsx"),
  route("people", "routes/people.tsx"),
  route("apply", "routes/apply.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
