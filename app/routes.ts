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
  route("mel/groups/:slug", "routes/mel.groups.$slug.tsx"),
  route("mel/checkins/:id", "routes/mel.checkins.$id.tsx"),
  route("mel/expenses.csv", "routes/mel.expenses-csv.ts"),
  route("mel/honoraria", "routes/mel.honoraria.tsx"),
  route("settings", "routes/settings.tsx"),
  route("people", "routes/people.tsx"),
  route("apply", "routes/apply.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
