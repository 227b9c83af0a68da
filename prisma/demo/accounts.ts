// The demo community's accounts, apart from the content that seeds them, so that the server can
// list them at start without loading the seed (and pdf-lib with it).
export const DEMO_ACCOUNTS = [
  { username: "coordinator", displayName: "Amani (coordinator)", role: "coordinator", group: null, lead: false, timeZone: "Africa/Nairobi", locale: "en" },
  { username: "mel", displayName: "Ife (MEL)", role: "mel", group: null, lead: false, timeZone: "Africa/Lagos", locale: "en" },
  { username: "lead.care", displayName: "Kaya", role: "member", group: "rooting-care", lead: true, timeZone: "Asia/Manila", locale: "en" },
  { username: "lead.accountability", displayName: "Awa", role: "member", group: "practising-accountability", lead: true, timeZone: "Africa/Dakar", locale: "fr" },
  { username: "lead.collaboration", displayName: "Camilo", role: "member", group: "strengthening-collaboration", lead: true, timeZone: "America/Bogota", locale: "en" },
  { username: "member.care", displayName: "Nilo", role: "member", group: "rooting-care", lead: false, timeZone: "Asia/Kathmandu", locale: "en" },
  { username: "member.accountability", displayName: "Jo", role: "member", group: "practising-accountability", lead: false, timeZone: "Africa/Kinshasa", locale: "fr" },
  { username: "member.collaboration", displayName: "Sam", role: "member", group: "strengthening-collaboration", lead: false, timeZone: "America/Port-au-Prince", locale: "fr" },
] as const;
