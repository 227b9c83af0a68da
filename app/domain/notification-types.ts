// Email notification choices, shared by the settings forms (browser) and notifications.server.

export const EMAIL_MODES = ["immediate", "daily", "weekly", "none"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];
