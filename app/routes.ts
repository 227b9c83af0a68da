import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("invite/:token", "routes/invite.$token.tsx"),
  route("groups/:slug", "routes/groups.$slug.tsx"),
  route("groups/:slug/docs", "routes/groups.$slug.docs.tsx"),
  route("groups/:slug/docs/:docId", "routes/groups.$slug.docs.$docId.tsx"),
  route("groups/:slug/docs/:docId/history", "routes/groups.$slug.docs.$docId.history.tsx"),
  route("learning-questions", "routes/learning-questions.tsx"),
  route("community", "routes/community.tsx"),
  route("library", "routes/library.tsx"),
  route("meetings", "routes/meetings.tsx"),
  route("mel", "routes/mel.tsx"),
  route("settings", "routes/settings.tsx"),
  route("people", "routes/people.tsx"),
  route("apply", "routes/apply.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
