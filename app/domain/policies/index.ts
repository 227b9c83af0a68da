// Who may see and do what, one policy module per concept with objects. Each exports
// `allow(actor, action, object)` and, where lists are built, the query filter for "what this
// reader may see", so pages, sockets, Yjs, notifications, mail, search and exports agree. The
// role × action table (../permissions.ts) is the readable summary they build on; nothing
// outside these modules and that table reads role names.
export * as account from "./account";
export * as applications from "./applications";
export * as budget from "./budget";
export * as checkins from "./checkins";
export * as decisions from "./decisions";
export * as documents from "./documents";
export * as honoraria from "./honoraria";
export * as library from "./library";
export * as meetings from "./meetings";
export * as notifications from "./notifications";
export * as people from "./people";
export * as publications from "./publications";
export * as spaces from "./spaces";
export * as threads from "./threads";
export * as signIn from "./sign-in";
