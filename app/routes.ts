import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("invite/:token", "routes/invite.$token.tsx"),
  route("groups/:slug", "routes/groups.$slug.tsx"),
  route("community", "routes/community.tsx"),
  route("library", "routes/library.tsx"),
  route("meetings", "routes/meetings.tsx"),
  route("mel", "routes/mel.tsx"),
  route("settings", "routes/settings.tsx"),
  route("people", "routes/people.tsx"),
  route("apply", "routes/apply.tsx"),
  route("apply/:token", "routes/apply.$token.tsx"),
  route("applications", "routes/applications.tsx"),
  route("applications/settings", "routes/applications.settings.tsx"),
  route("applications/:id", "routes/applications.$id.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
