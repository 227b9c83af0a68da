// The role names Praxis knows (shared with the browser for forms and labels).

/** CoP-wide roles, on the account. Group leadership is per group, on the membership. */
export const COP_ROLES = ["member", "mel", "coordinator"] as const;
export type CopRole = (typeof COP_ROLES)[number];

/** What an invitation can make someone. */
export const INVITATION_ROLES = ["member", "lead", "mel", "coordinator"] as const;
export type InvitationRole = (typeof INVITATION_ROLES)[number];

/** Roles within one working group, on the membership. */
export const GROUP_ROLES = ["member", "lead"] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
