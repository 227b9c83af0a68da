// Imported first by server/index.ts, before any module that might load React: React picks its
// development or production build from NODE_ENV when first imported, and the server bundle is
// built for production. The operator's own NODE_ENV is kept, because it decides whether the
// demo community is seeded (never in production unless PRAXIS_DEMO=1, as the README says).
process.env.PRAXIS_REQUESTED_NODE_ENV ??= process.env.NODE_ENV ?? "";
if (process.env.NODE_ENV !== "development") process.env.NODE_ENV = "production";

export {};
